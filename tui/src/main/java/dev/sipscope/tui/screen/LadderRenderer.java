package dev.sipscope.tui.screen;

import dev.sipscope.tui.model.Formats;
import dev.sipscope.tui.view.Canvas;
import dev.sipscope.tui.view.Glyphs;
import dev.sipscope.tui.view.SafeText;
import dev.sipscope.tui.view.Style;

import java.time.ZoneId;
import java.util.Set;

/**
 * Draws a {@link Ladder} into a canvas: two header rows (host names, then a rule with a tee over
 * each lifeline), then two rows per item (label row with the time at the left, arrow row with the
 * delta). Only the items from {@code top} that fit are drawn, so the cost does not depend on the
 * length of the call.
 *
 * <p>Hosts are {@code columnWidth} cells apart; when they do not all fit, {@code hostOffset}
 * hosts are scrolled off to the left and arrows to them are cut at the edge.
 */
public final class LadderRenderer {
    /** The time column: {@code " 14:52:59.666393 "}. */
    public static final int TIME_WIDTH = 17;
    public static final int MIN_COLUMN = 20;
    public static final int MAX_COLUMN = 34;
    public static final int HEADER_ROWS = 2;
    public static final int ROWS_PER_ITEM = 2;

    private LadderRenderer() {
    }

    /** Cells between two lifelines when {@code hosts} hosts share {@code width} cells. */
    public static int columnWidth(int hosts, int width) {
        int per = (width - TIME_WIDTH) / Math.max(1, hosts);
        return Math.max(MIN_COLUMN, Math.min(MAX_COLUMN, per));
    }

    /** Hosts that fit side by side in {@code width} cells. */
    public static int visibleHosts(int hosts, int width) {
        int cw = columnWidth(hosts, width);
        return Math.max(1, Math.min(hosts, (width - TIME_WIDTH) / cw));
    }

    /** Cells the whole ladder wants (all hosts, at the widest spacing it would use). */
    public static int wantedWidth(int hosts) {
        return TIME_WIDTH + Math.max(2, hosts) * MAX_COLUMN;
    }

    /** Items that fit in {@code height} rows. */
    public static int visibleItems(int height) {
        return Math.max(0, (height - HEADER_ROWS) / ROWS_PER_ITEM);
    }

    /**
     * Draws the ladder.
     *
     * @param selected  the item under the cursor, or -1
     * @param chosen    items picked for comparison (marked at the left edge)
     */
    public static void draw(Canvas c, Ladder ladder, Glyphs g, ZoneId zone, int top, int selected, Set<Integer> chosen,
                            int hostOffset) {
        draw(c, ladder, g, zone, top, selected, chosen, hostOffset, columnWidth(ladder.hosts().size(), c.width()));
    }

    /** The same with the cells between two lifelines given ({@code cw}), for exports without a width limit. */
    public static void draw(Canvas c, Ladder ladder, Glyphs g, ZoneId zone, int top, int selected, Set<Integer> chosen,
                            int hostOffset, int cw) {
        int hosts = ladder.hosts().size();
        Canvas area = c.region(TIME_WIDTH, 0, c.width() - TIME_WIDTH, c.height());
        int rows = c.height();
        // header
        for (int h = 0; h < hosts; h++) {
            int x = (h - hostOffset) * cw + cw / 2;
            String name = SafeText.cells(ladder.hosts().get(h));
            String clipped = SafeText.clip(name, cw - 2);
            area.put(x - SafeText.width(clipped) / 2, 0, clipped, Style.HEADER_NAME);
            area.fill(x - (cw - 4) / 2, 1, cw - 4, g.horizontal(), Style.NORMAL);
            area.glyph(x, 1, g.tee(), Style.NORMAL);
            for (int r = HEADER_ROWS; r < rows; r++) {
                area.glyph(x, r, g.vertical(), Style.NORMAL);
            }
        }
        int shown = visibleItems(rows);
        for (int i = 0; i < shown && top + i < ladder.items().size(); i++) {
            int index = top + i;
            Ladder.Item item = ladder.items().get(index);
            int labelRow = HEADER_ROWS + i * ROWS_PER_ITEM;
            boolean cursor = index == selected;
            String time = Formats.timeMicros(item.tsNanos(), zone);
            c.putPadded(0, labelRow, (chosen.contains(index) ? "*" : " ") + time, TIME_WIDTH - 1, false,
                    cursor ? Style.CURSOR : Style.NORMAL);
            if (item.deltaNanos() >= 0) {
                c.putPadded(0, labelRow + 1, Formats.delta(item.deltaNanos()), TIME_WIDTH - 2, true, Style.DIM);
            }
            int xa = (item.from() - hostOffset) * cw + cw / 2;
            int xb = (item.to() - hostOffset) * cw + cw / 2;
            Style style = cursor ? Style.CURSOR : item.style();
            char shaft = item.kind() == Ladder.Kind.STREAM ? g.band() : g.horizontal();
            int lo = Math.min(xa, xb);
            int hi = Math.max(xa, xb);
            int span = xa == xb ? cw - 3 : hi - lo - 3;
            String label = item.label();
            if (SafeText.width(SafeText.cells(label)) > span) {
                label = item.shortLabel();
            }
            if (item.message() != null && item.message().retransmission()) {
                label = label + " " + g.retrans();
            }
            String safe = SafeText.cells(label);
            if (xa == xb) {
                // a message a host sends itself: a short loop to the right of its lifeline
                area.put(xa + 2, labelRow, SafeText.clip(safe, cw - 3), style);
                area.glyph(xa + 1, labelRow + 1, g.left(), item.style());
                area.fill(xa + 2, labelRow + 1, 4, shaft, item.style());
                continue;
            }
            String clipped = SafeText.clip(safe, Math.max(0, span));
            int lx = lo + 2 + Math.max(0, (span - SafeText.width(clipped)) / 2);
            area.put(lx, labelRow, clipped, style);
            area.fill(lo + 2, labelRow + 1, hi - lo - 3, shaft, item.style());
            if (xb > xa) {
                area.glyph(hi - 2, labelRow + 1, g.right(), item.style());
            } else {
                area.glyph(lo + 2, labelRow + 1, g.left(), item.style());
            }
        }
    }
}
