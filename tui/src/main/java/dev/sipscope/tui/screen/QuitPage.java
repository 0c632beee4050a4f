package dev.sipscope.tui.screen;

import com.googlecode.lanterna.input.KeyType;
import dev.sipscope.tui.model.Formats;
import dev.sipscope.tui.model.UiSnapshot;
import dev.sipscope.tui.view.Canvas;
import dev.sipscope.tui.view.Style;

import java.util.List;

/** Asks before quitting a live capture whose calls were never saved. */
final class QuitPage extends Page {
    private final long unsaved;
    private final List<Binding> bindings;

    QuitPage(TerminalUi ui, long unsaved) {
        super(ui);
        this.unsaved = unsaved;
        bindings = List.of(
                Binding.foot("y, q", "y", "Quit", "Quit without saving", Binding.any(Binding.ch('y'), Binding.ch('Y'), Binding.ch('q')),
                        ui::quit),
                Binding.foot("n, Esc", "n", "Stay", "Go back to the call list",
                        Binding.any(Binding.ch('n'), Binding.ch('N'), Binding.key(KeyType.Escape)), ui::pop),
                Binding.foot("w, F2", "w", "Save first", "Save every call, then quit with q",
                        Binding.any(Binding.ch('w'), Binding.key(KeyType.F2)), this::saveFirst));
    }

    private void saveFirst() {
        ui.pop();
        ui.push(new SavePage(ui, -1, null, SavePage.Scope.SHOWN));
    }

    @Override
    public boolean isOverlay() {
        return true;
    }

    @Override
    public String helpName() {
        return "Quit";
    }

    @Override
    public List<Binding> bindings() {
        return bindings;
    }

    @Override
    public String title(UiSnapshot s) {
        return "Quit";
    }

    @Override
    public void draw(Canvas c, UiSnapshot s) {
        String line1 = Formats.count(unsaved) + (unsaved == 1 ? " call" : " calls")
                + " captured live will be lost: they were never saved.";
        String line2 = "Quit anyway?  y: quit   n: stay   w: save first";
        int w = Math.min(c.width() - 2, Math.max(line1.length(), line2.length()) + 4);
        int x = (c.width() - w) / 2;
        int y = Math.max(0, c.height() / 2 - 3);
        Dialogs.box(c, x, y, w, 6, "Quit?", ui.options().glyphs());
        c.put(x + 2, y + 2, line1, Style.DIALOG);
        c.put(x + 2, y + 3, line2, Style.DIALOG);
    }
}
