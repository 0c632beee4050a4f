package dev.sipscope.tui.view;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.screen.Screen;

/**
 * A canvas over a Lanterna {@link Screen}'s back buffer, sized as the screen is now. Drawing only
 * changes the back buffer; {@link Screen#refresh()} then sends the cells that changed, so a redraw
 * does not flicker. Use on the UI thread only.
 */
public final class ScreenCanvas implements Canvas {
    private final TextGraphics graphics;
    private final Theme theme;
    private final int width;
    private final int height;

    public ScreenCanvas(Screen screen, Theme theme) {
        TerminalSize size = screen.getTerminalSize();
        this.graphics = screen.newTextGraphics();
        this.theme = theme;
        this.width = size.getColumns();
        this.height = size.getRows();
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int put(int col, int row, String text, Style style) {
        if (row < 0 || row >= height || col < 0 || col >= width) {
            return col;
        }
        String clipped = SafeText.clip(SafeText.cells(text), width - col);
        if (!clipped.isEmpty()) {
            apply(style);
            graphics.putString(col, row, clipped);
        }
        return col + SafeText.width(clipped);
    }

    @Override
    public void fill(int col, int row, int cells, char c, Style style) {
        if (row < 0 || row >= height) {
            return;
        }
        int from = Math.max(0, col);
        int to = Math.min(width, col + cells);
        if (to <= from) {
            return;
        }
        char safe = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? '?' : c;
        apply(style);
        graphics.drawLine(from, row, to - 1, row, safe);
    }

    private void apply(Style style) {
        Theme.Look look = theme.look(style);
        graphics.setForegroundColor(look.foreground());
        graphics.setBackgroundColor(look.background());
        graphics.setModifiers(look.modifiers());
    }
}
