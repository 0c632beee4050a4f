package dev.sipscope.tui.screen;

import com.googlecode.lanterna.input.KeyStroke;
import dev.sipscope.tui.model.UiSnapshot;
import dev.sipscope.tui.view.Canvas;

import java.util.List;

/**
 * One screen of the UI (sngrep calls them windows): it draws its body from a snapshot, names its
 * keys, and handles them. Pages live on the UI thread's stack in {@link TerminalUi}; the top one
 * gets the keys.
 */
public abstract class Page {
    protected final TerminalUi ui;

    protected Page(TerminalUi ui) {
        this.ui = ui;
    }

    /** The text of the title bar. */
    public abstract String title(UiSnapshot s);

    /** Draws the body: every row between the title bar and the footer. */
    public abstract void draw(Canvas body, UiSnapshot s);

    /** The keys, in the order the footer and the help page list them. */
    public abstract List<Binding> bindings();

    /** Extra lines for the help page (a syntax summary), none by default. */
    public List<String> helpNotes() {
        return List.of();
    }

    /** The name the help page gives this screen. */
    public abstract String helpName();

    /** True for a dialog drawn over the page below it. */
    public boolean isOverlay() {
        return false;
    }

    /** Handles a key; true when it was taken. By default the first matching binding runs. */
    public boolean handle(KeyStroke key) {
        for (Binding b : bindings()) {
            if (b.match().test(key)) {
                b.action().run();
                return true;
            }
        }
        return false;
    }

    /** The help binding every page has: F1 or ?. */
    protected Binding helpBinding() {
        return Binding.foot("F1, ?", "F1", "Help", "Show every key of this screen",
                Binding.any(Binding.key(com.googlecode.lanterna.input.KeyType.F1), Binding.ch('?')),
                () -> ui.push(new HelpPage(ui, this)));
    }

    /** Where the terminal cursor should blink (an input field), or null to hide it. Screen coordinates. */
    public int[] cursor() {
        return null;
    }
}
