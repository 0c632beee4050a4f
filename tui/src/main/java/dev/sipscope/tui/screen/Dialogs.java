package dev.sipscope.tui.screen;

import dev.sipscope.tui.view.Canvas;
import dev.sipscope.tui.view.Glyphs;
import dev.sipscope.tui.view.Style;

/** A framed box drawn over a page. */
final class Dialogs {
    private Dialogs() {
    }

    /** Clears the box's cells and frames them, with {@code title} in the top edge. */
    static void box(Canvas c, int x, int y, int w, int h, String title, Glyphs g) {
        for (int r = y; r < y + h; r++) {
            c.fill(x, r, w, ' ', Style.DIALOG);
        }
        char hz = g.horizontal();
        char vt = g.vertical();
        c.fill(x, y, w, hz, Style.DIALOG);
        c.fill(x, y + h - 1, w, hz, Style.DIALOG);
        for (int r = y; r < y + h; r++) {
            c.glyph(x, r, vt, Style.DIALOG);
            c.glyph(x + w - 1, r, vt, Style.DIALOG);
        }
        boolean unicode = g == Glyphs.UNICODE;
        c.glyph(x, y, unicode ? '┌' : '+', Style.DIALOG);
        c.glyph(x + w - 1, y, unicode ? '┐' : '+', Style.DIALOG);
        c.glyph(x, y + h - 1, unicode ? '└' : '+', Style.DIALOG);
        c.glyph(x + w - 1, y + h - 1, unicode ? '┘' : '+', Style.DIALOG);
        c.put(x + 2, y, " " + title + " ", Style.DIALOG);
    }
}
