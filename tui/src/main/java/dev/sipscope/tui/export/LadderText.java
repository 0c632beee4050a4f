package dev.sipscope.tui.export;

import dev.sipscope.tui.model.CallDetail;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.Formats;
import dev.sipscope.tui.screen.Ladder;
import dev.sipscope.tui.screen.LadderRenderer;
import dev.sipscope.tui.view.GridCanvas;
import dev.sipscope.tui.view.Glyphs;
import dev.sipscope.tui.view.SafeText;

import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * Writes call flows as plain text, the same drawing as the screen (without colours), one call after
 * the other, each under a heading line. Lines are as wide as the hosts need, never cut.
 * Text from the wire goes through the same sanitiser as on screen.
 */
public final class LadderText {
    private LadderText() {
    }

    /** The call flow of one call as text lines. */
    public static String render(CallRow row, CallDetail detail, Glyphs glyphs, ZoneId zone) {
        Ladder ladder = Ladder.build(List.of(detail), true);
        // wide enough for every label: a file has no width limit
        int cw = LadderRenderer.MAX_COLUMN;
        for (Ladder.Item i : ladder.items()) {
            cw = Math.max(cw, Math.min(200, SafeText.width(SafeText.cells(i.label())) + 6));
        }
        int width = LadderRenderer.TIME_WIDTH + Math.max(2, ladder.hosts().size()) * cw;
        int height = LadderRenderer.HEADER_ROWS + ladder.items().size() * LadderRenderer.ROWS_PER_ITEM;
        GridCanvas grid = new GridCanvas(width, height);
        LadderRenderer.draw(grid, ladder, glyphs, zone, 0, -1, Set.of(), 0, cw);
        StringBuilder b = new StringBuilder();
        b.append(SafeText.cells(heading(row, zone))).append('\n').append('\n');
        b.append(grid.text());
        for (String d : detail.diagnostics()) {
            b.append("  ! ").append(SafeText.cells(d)).append('\n');
        }
        return b.toString();
    }

    /** {@code Call 3  INVITE  alice@a -> bob@b  Call-ID x  COMPLETED 200  2026-01-15 10:00:00.000} */
    static String heading(CallRow r, ZoneId zone) {
        return "Call " + r.key() + "  " + r.method() + "  " + r.from() + " -> " + r.to() + "  Call-ID " + r.callId()
                + "  " + r.state().label() + (r.finalCode() == 0 ? "" : " " + r.finalCode())
                + "  " + Formats.dateTime(r.startNanos(), zone) + "  " + Formats.duration(r.durationNanos());
    }

    public static void write(Writer out, List<CallRow> rows, List<CallDetail> details, Glyphs glyphs, ZoneId zone)
            throws IOException {
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                out.write('\n');
            }
            out.write(render(rows.get(i), details.get(i), glyphs, zone));
        }
        out.flush();
    }
}
