package dev.sipscope.tui.view;

import com.googlecode.lanterna.TerminalTextUtils;

import java.util.Arrays;

/**
 * A canvas of plain characters without styles, for text exports (the ladder as text) and for
 * looking at a layout in tests. A wide character takes two cells; the second is kept empty.
 */
public final class GridCanvas implements Canvas {
    private static final char WIDE_TAIL = '\0';
    private final char[][] cells;
    private final int width;

    public GridCanvas(int width, int height) {
        this.width = Math.max(0, width);
        this.cells = new char[Math.max(0, height)][this.width];
        for (char[] row : cells) {
            Arrays.fill(row, ' ');
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return cells.length;
    }

    @Override
    public int put(int col, int row, String text, Style style) {
        if (row < 0 || row >= cells.length || col < 0 || col >= width) {
            return col;
        }
        String clipped = SafeText.clip(SafeText.cells(text), width - col);
        int x = col;
        for (int i = 0; i < clipped.length(); i++) {
            char c = clipped.charAt(i);
            cells[row][x++] = c;
            if (TerminalTextUtils.isCharDoubleWidth(c)) {
                cells[row][x++] = WIDE_TAIL;
            }
        }
        return x;
    }

    @Override
    public void fill(int col, int row, int count, char c, Style style) {
        if (row < 0 || row >= cells.length) {
            return;
        }
        for (int x = Math.max(0, col); x < Math.min(width, col + count); x++) {
            cells[row][x] = c < 0x20 ? '?' : c;
        }
    }

    /** Row {@code row} with trailing blanks removed. */
    public String line(int row) {
        StringBuilder b = new StringBuilder(width);
        for (char c : cells[row]) {
            if (c != WIDE_TAIL) {
                b.append(c);
            }
        }
        return b.toString().stripTrailing();
    }

    /** All rows, each ended by a newline, trailing blank rows removed. */
    public String text() {
        int last = cells.length - 1;
        while (last >= 0 && line(last).isEmpty()) {
            last--;
        }
        StringBuilder b = new StringBuilder();
        for (int r = 0; r <= last; r++) {
            b.append(line(r)).append('\n');
        }
        return b.toString();
    }
}
