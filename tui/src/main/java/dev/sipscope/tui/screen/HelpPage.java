package dev.sipscope.tui.screen;

import com.googlecode.lanterna.input.KeyType;
import dev.sipscope.tui.model.UiSnapshot;
import dev.sipscope.tui.view.Canvas;
import dev.sipscope.tui.view.SafeText;
import dev.sipscope.tui.view.Style;

import java.util.ArrayList;
import java.util.List;

/** Every key of the screen it was opened from (from that screen's own bindings), and its notes. */
public final class HelpPage extends Page {
    private final Page of;
    private final List<Binding> bindings;
    private int scroll;
    private int visible = 1;
    private int lineCount;

    HelpPage(TerminalUi ui, Page of) {
        super(ui);
        this.of = of;
        bindings = List.of(
                Binding.foot("q, Esc, F1", "q", "Back", "Close the help",
                        Binding.any(Binding.ch('q'), Binding.key(KeyType.Escape), Binding.key(KeyType.F1), Binding.ch('?')),
                        ui::pop),
                Binding.help("Up, k", "Scroll up", Binding.any(Binding.key(KeyType.ArrowUp), Binding.ch('k')), () -> scroll(-1)),
                Binding.help("Down, j", "Scroll down", Binding.any(Binding.key(KeyType.ArrowDown), Binding.ch('j')),
                        () -> scroll(1)),
                Binding.help("PgUp", "One page up", Binding.key(KeyType.PageUp), () -> scroll(-visible)),
                Binding.help("PgDn, Space", "One page down", Binding.any(Binding.key(KeyType.PageDown), Binding.ch(' ')),
                        () -> scroll(visible)));
    }

    @Override
    public String helpName() {
        return "Help";
    }

    @Override
    public List<Binding> bindings() {
        return bindings;
    }

    @Override
    public String title(UiSnapshot s) {
        return "Help: " + of.helpName() + " (sipscope " + ui.options().version() + ")";
    }

    private void scroll(int d) {
        long next = (long) scroll + d;
        scroll = (int) Math.max(0, Math.min(Math.max(0, lineCount - visible), next));
    }

    /** The lines of the help: keys, then notes. */
    List<String[]> lines() {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {"Keys", null});
        for (Binding b : of.bindings()) {
            out.add(new String[] {b.keys(), b.help()});
        }
        if (!(of instanceof CallListPage)) {
            out.add(new String[] {"Ctrl-L", "Redraw the whole screen"});
            out.add(new String[] {"Ctrl-C", "Quit at once"});
        }
        if (!of.helpNotes().isEmpty()) {
            out.add(new String[] {"", null});
            for (String n : of.helpNotes()) {
                out.add(new String[] {n, ""});
            }
        }
        return out;
    }

    @Override
    public void draw(Canvas c, UiSnapshot s) {
        int keyWidth = 16;
        int textWidth = Math.max(10, c.width() - keyWidth - 5);
        // one display row per line of text: long descriptions wrap under themselves
        List<String[]> rows = new ArrayList<>();
        for (String[] l : lines()) {
            if (l[1] == null || l[1].isEmpty()) {
                rows.add(l);
                continue;
            }
            List<String> wrapped = Wrap.words(SafeText.cells(l[1]), textWidth);
            for (int i = 0; i < wrapped.size(); i++) {
                rows.add(new String[] {i == 0 ? l[0] : "", wrapped.get(i), "key"});
            }
        }
        lineCount = rows.size();
        visible = Math.max(1, c.height());
        scroll = Math.max(0, Math.min(scroll, Math.max(0, lineCount - visible)));
        for (int i = 0; i < visible && scroll + i < rows.size(); i++) {
            String[] l = rows.get(scroll + i);
            if (l[1] == null) {
                c.put(1, i, l[0], Style.HEADER_NAME);
            } else if (l[1].isEmpty()) {
                c.put(1, i, l[0], Style.NORMAL);
            } else {
                c.putPadded(3, i, l[0], keyWidth, false, Style.KEY);
                c.put(3 + keyWidth + 1, i, l[1], Style.NORMAL);
            }
        }
    }
}
