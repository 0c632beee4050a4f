package dev.sipscope.tui.screen;

import com.googlecode.lanterna.input.KeyType;
import dev.sipscope.tui.model.Column;
import dev.sipscope.tui.model.UiSnapshot;
import dev.sipscope.tui.view.Canvas;
import dev.sipscope.tui.view.Style;

import java.util.ArrayList;
import java.util.List;

/** Chooses the call list's columns and their order; changes apply at once. */
final class ColumnsPage extends Page {
    private final List<Binding> bindings;
    /** Every column: the chosen ones first, in their order, then the others. */
    private final List<Column> order = new ArrayList<>();
    private int selected;

    ColumnsPage(TerminalUi ui) {
        super(ui);
        order.addAll(ui.callColumns());
        for (Column c : Column.values()) {
            if (!order.contains(c)) {
                order.add(c);
            }
        }
        bindings = List.of(
                Binding.foot("q, Esc, Enter", "q", "Back", "Back to the call list",
                        Binding.any(Binding.ch('q'), Binding.key(KeyType.Escape), Binding.key(KeyType.Enter)), ui::pop),
                Binding.foot("Space", "Space", "Show/hide", "Show or hide the column", Binding.ch(' '), this::toggle),
                Binding.foot("+, -", "+/-", "Move", "Move the column left (-) or right (+) in the list",
                        Binding.any(Binding.ch('+'), Binding.ch('-')), () -> { }),
                helpBinding(),
                Binding.help("Up, k", "Previous column", Binding.any(Binding.key(KeyType.ArrowUp), Binding.ch('k')),
                        () -> selected = Math.max(0, selected - 1)),
                Binding.help("Down, j", "Next column", Binding.any(Binding.key(KeyType.ArrowDown), Binding.ch('j')),
                        () -> selected = Math.min(order.size() - 1, selected + 1)));
    }

    @Override
    public boolean handle(com.googlecode.lanterna.input.KeyStroke key) {
        if (Binding.ch('+').test(key) || Binding.ch('-').test(key)) {
            int d = key.getCharacter() == '+' ? 1 : -1;
            int j = selected + d;
            if (j >= 0 && j < order.size()) {
                Column c = order.remove(selected);
                order.add(j, c);
                selected = j;
                apply();
            }
            return true;
        }
        return super.handle(key);
    }

    private void toggle() {
        Column c = order.get(selected);
        List<Column> chosen = new ArrayList<>(ui.callColumns());
        if (chosen.contains(c)) {
            if (chosen.size() == 1) {
                ui.message("At least one column stays.", Style.WARN);
                return;
            }
            chosen.remove(c);
        } else {
            chosen.add(c);
        }
        ui.setCallColumns(chosen);
        apply();
    }

    private void apply() {
        List<Column> chosen = new ArrayList<>();
        for (Column c : order) {
            if (ui.callColumns().contains(c)) {
                chosen.add(c);
            }
        }
        ui.setCallColumns(chosen);
    }

    @Override
    public String helpName() {
        return "Columns";
    }

    @Override
    public List<Binding> bindings() {
        return bindings;
    }

    @Override
    public String title(UiSnapshot s) {
        return "Call list columns";
    }

    @Override
    public void draw(Canvas c, UiSnapshot s) {
        c.put(1, 0, "Shown columns are checked; narrow terminals leave out the least important first.", Style.DIM);
        for (int i = 0; i < order.size() && i + 2 < c.height(); i++) {
            Column col = order.get(i);
            boolean on = ui.callColumns().contains(col);
            Style st = i == selected ? Style.CURSOR : Style.NORMAL;
            c.putPadded(1, i + 2, (on ? "[x] " : "[ ] ") + col.title() + "  (" + col.id() + ")", 40, false, st);
        }
    }
}
