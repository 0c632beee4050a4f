package dev.sipscope.tui.screen;

import com.googlecode.lanterna.input.KeyType;
import dev.sipscope.tui.model.Formats;
import dev.sipscope.tui.model.MessageRow;
import dev.sipscope.tui.model.UiSnapshot;
import dev.sipscope.tui.view.Canvas;
import dev.sipscope.tui.view.SafeText;
import dev.sipscope.tui.view.Style;

import java.util.ArrayList;
import java.util.List;

/**
 * Two messages side by side with their differences marked: lines only on the left ({@code -}),
 * only on the right ({@code +}), and changed lines ({@code ~}); equal lines plain.
 */
public final class DiffPage extends Page {
    private final MessageRow left;
    private final MessageRow right;
    private final List<LineDiff.Row> rows;
    private final List<Binding> bindings;
    private int scroll;
    private int visible = 1;

    DiffPage(TerminalUi ui, MessageRow left, MessageRow right) {
        super(ui);
        this.left = left;
        this.right = right;
        this.rows = LineDiff.rows(lines(left), lines(right));
        bindings = List.of(
                Binding.foot("q, Esc", "q", "Back", "Back to the call flow",
                        Binding.any(Binding.ch('q'), Binding.key(KeyType.Escape)), ui::pop),
                helpBinding(),
                Binding.help("Up, k", "Scroll up", Binding.any(Binding.key(KeyType.ArrowUp), Binding.ch('k')), () -> scroll(-1)),
                Binding.help("Down, j", "Scroll down", Binding.any(Binding.key(KeyType.ArrowDown), Binding.ch('j')),
                        () -> scroll(1)),
                Binding.help("PgUp, b", "One page up", Binding.any(Binding.key(KeyType.PageUp), Binding.ch('b')),
                        () -> scroll(-visible)),
                Binding.help("PgDn, f, Space", "One page down",
                        Binding.any(Binding.key(KeyType.PageDown), Binding.ch('f'), Binding.ch(' ')), () -> scroll(visible)),
                Binding.help("Home, g", "Top", Binding.any(Binding.key(KeyType.Home), Binding.ch('g')), () -> scroll = 0));
    }

    private static List<String> lines(MessageRow m) {
        List<String> out = new ArrayList<>();
        for (MessageLines.Line l : MessageLines.of(m.fullText())) {
            out.add(l.text());
        }
        return out;
    }

    @Override
    public String helpName() {
        return "Compare messages";
    }

    @Override
    public List<String> helpNotes() {
        return List.of("- a line only in the left message, + only in the right one, ~ a line that changed.");
    }

    @Override
    public List<Binding> bindings() {
        return bindings;
    }

    @Override
    public String title(UiSnapshot s) {
        int changed = 0;
        for (LineDiff.Row r : rows) {
            changed += r.op() == LineDiff.Op.SAME ? 0 : 1;
        }
        return "Compare: " + left.label() + " vs " + right.label() + "  (" + changed + " lines differ)";
    }

    private void scroll(int d) {
        long next = (long) scroll + d;
        scroll = (int) Math.max(0, Math.min(Math.max(0, rows.size() - visible), next));
    }

    @Override
    public void draw(Canvas c, UiSnapshot s) {
        int half = (c.width() - 1) / 2;
        visible = Math.max(1, c.height() - 1);
        scroll = Math.max(0, Math.min(scroll, Math.max(0, rows.size() - visible)));
        c.put(0, 0, heading(left), Style.HEADER_NAME);
        c.put(half + 1, 0, heading(right), Style.HEADER_NAME);
        for (int r = 0; r < c.height(); r++) {
            c.glyph(half, r, ui.options().glyphs().vertical(), Style.DIM);
        }
        for (int i = 0; i < visible && scroll + i < rows.size(); i++) {
            LineDiff.Row row = rows.get(scroll + i);
            Style ls;
            Style rs;
            String mark;
            switch (row.op()) {
                case SAME: ls = Style.NORMAL; rs = Style.NORMAL; mark = " "; break;
                case CHANGED: ls = Style.DIFF_CHANGED; rs = Style.DIFF_CHANGED; mark = "~"; break;
                case REMOVED: ls = Style.DIFF_REMOVED; rs = Style.NORMAL; mark = "-"; break;
                default: ls = Style.NORMAL; rs = Style.DIFF_ADDED; mark = "+"; break;
            }
            int y = i + 1;
            if (row.left() != null) {
                c.put(0, y, row.op() == LineDiff.Op.SAME ? " " : mark, ls);
                c.put(1, y, SafeText.clip(row.left(), half - 1), ls);
            }
            if (row.right() != null) {
                c.put(half + 1, y, row.op() == LineDiff.Op.SAME ? " " : mark, rs);
                c.put(half + 2, y, SafeText.clip(row.right(), c.width() - half - 2), rs);
            }
        }
    }

    private String heading(MessageRow m) {
        return Formats.timeMicros(m.tsNanos(), ui.options().zone()) + " " + m.src() + " -> " + m.dst();
    }
}
