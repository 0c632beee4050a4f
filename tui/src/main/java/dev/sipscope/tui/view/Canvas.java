package dev.sipscope.tui.view;

/**
 * A rectangle of terminal cells to draw text into. Coordinates are cells relative to the
 * canvas's top-left corner; anything outside is clipped. Every string put is passed through
 * {@link SafeText#cells(String)} first.
 */
public interface Canvas {

    int width();

    int height();

    /**
     * Writes {@code text} starting at ({@code col}, {@code row}), clipped to the canvas; returns
     * the column after the last cell written.
     */
    int put(int col, int row, String text, Style style);

    /** Fills {@code cells} cells of one row with {@code c} (a safe char: a glyph or a blank). */
    void fill(int col, int row, int cells, char c, Style style);

    /** Sets one cell to a glyph. */
    default void glyph(int col, int row, char c, Style style) {
        fill(col, row, 1, c, style);
    }

    /** Fills a whole row with blanks in {@code style}. */
    default void clearRow(int row, Style style) {
        fill(0, row, width(), ' ', style);
    }

    /** Writes {@code text} cut or padded to exactly {@code cells} cells. */
    default void putPadded(int col, int row, String text, int cells, boolean right, Style style) {
        put(col, row, SafeText.pad(SafeText.cells(text), cells, right), style);
    }

    /** A canvas over part of this one, clipped to it. */
    default Canvas region(int col, int row, int width, int height) {
        return new Region(this, col, row, width, height);
    }

    /** A sub-rectangle delegating to its parent. */
    final class Region implements Canvas {
        private final Canvas parent;
        private final int col0;
        private final int row0;
        private final int width;
        private final int height;

        Region(Canvas parent, int col, int row, int width, int height) {
            this.parent = parent;
            this.col0 = Math.max(0, col);
            this.row0 = Math.max(0, row);
            this.width = Math.max(0, Math.min(width, parent.width() - this.col0));
            this.height = Math.max(0, Math.min(height, parent.height() - this.row0));
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }

        public int put(int col, int row, String text, Style style) {
            if (row < 0 || row >= height || col >= width) {
                return col;
            }
            String safe = SafeText.cells(text);
            int skip = 0;
            if (col < 0) {
                // drop the cells left of the region
                int w = 0;
                while (skip < safe.length() && col + w < 0) {
                    w += SafeText.width(safe.substring(skip, skip + 1));
                    skip++;
                }
                col += w;
                safe = safe.substring(skip);
            }
            String clipped = SafeText.clip(safe, width - col);
            parent.put(col0 + col, row0 + row, clipped, style);
            return col + SafeText.width(clipped);
        }

        public void fill(int col, int row, int cells, char c, Style style) {
            if (row < 0 || row >= height) {
                return;
            }
            int from = Math.max(0, col);
            int to = Math.min(width, col + cells);
            if (to > from) {
                parent.fill(col0 + from, row0 + row, to - from, c, style);
            }
        }
    }
}
