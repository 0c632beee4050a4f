package dev.sipscope.tui.screen;

import com.googlecode.lanterna.input.KeyType;
import dev.sipscope.tui.model.Formats;
import dev.sipscope.tui.model.MessageRow;
import dev.sipscope.tui.model.UiSnapshot;
import dev.sipscope.tui.view.Canvas;
import dev.sipscope.tui.view.Style;

import java.util.List;

/** One SIP message whole, highlighted and wrapped to the terminal, scrollable; n and p step through the call. */
public final class MessagePage extends Page {
    private final CallFlowPage flow;
    private final List<Binding> bindings;
    private MessageRow message;
    private List<MessageLines.Line> lines = List.of();
    private int wrappedFor = -1;
    private int scroll;
    private int visible = 1;

    MessagePage(TerminalUi ui, CallFlowPage flow, MessageRow message) {
        super(ui);
        this.flow = flow;
        this.message = message;
        bindings = List.of(
                Binding.foot("q, Esc", "q", "Back", "Back to the call flow",
                        Binding.any(Binding.ch('q'), Binding.key(KeyType.Escape)), ui::pop),
                Binding.foot("n", "n", "Next", "Next message of the call", Binding.ch('n'), () -> step(1)),
                Binding.foot("p", "p", "Previous", "Previous message of the call", Binding.ch('p'), () -> step(-1)),
                helpBinding(),
                Binding.help("Up, k", "Scroll up", Binding.any(Binding.key(KeyType.ArrowUp), Binding.ch('k')), () -> scroll(-1)),
                Binding.help("Down, j", "Scroll down", Binding.any(Binding.key(KeyType.ArrowDown), Binding.ch('j')),
                        () -> scroll(1)),
                Binding.help("PgUp, b", "One page up", Binding.any(Binding.key(KeyType.PageUp), Binding.ch('b')),
                        () -> scroll(-visible)),
                Binding.help("PgDn, f, Space", "One page down",
                        Binding.any(Binding.key(KeyType.PageDown), Binding.ch('f'), Binding.ch(' ')), () -> scroll(visible)),
                Binding.help("Home, g", "Top", Binding.any(Binding.key(KeyType.Home), Binding.ch('g')), () -> scroll = 0),
                Binding.help("End, G", "Bottom", Binding.any(Binding.key(KeyType.End), Binding.ch('G')),
                        () -> scroll(Integer.MAX_VALUE / 2)));
    }

    @Override
    public String helpName() {
        return "Message";
    }

    @Override
    public List<Binding> bindings() {
        return bindings;
    }

    @Override
    public String title(UiSnapshot s) {
        List<MessageRow> all = flow.messages();
        int i = all.indexOf(message);
        return "Message " + (i + 1) + " of " + all.size() + "  " + message.src() + " -> " + message.dst() + "  "
                + message.transport() + "  call " + message.callKey();
    }

    private void step(int d) {
        List<MessageRow> all = flow.messages();
        int i = all.indexOf(message);
        int j = i + d;
        if (i < 0 || j < 0 || j >= all.size()) {
            ui.message(d > 0 ? "This is the last message." : "This is the first message.", Style.DIM);
            return;
        }
        message = all.get(j);
        wrappedFor = -1;
        scroll = 0;
    }

    private void scroll(int d) {
        long next = (long) scroll + d;
        scroll = (int) Math.max(0, Math.min(Math.max(0, lines.size() - visible), next));
    }

    @Override
    public void draw(Canvas c, UiSnapshot s) {
        int width = c.width() - 2;
        if (wrappedFor != width) {
            lines = MessageLines.wrap(MessageLines.of(message.fullText()), width);
            wrappedFor = width;
        }
        visible = Math.max(1, c.height() - 1);
        scroll = Math.max(0, Math.min(scroll, Math.max(0, lines.size() - visible)));
        String meta = Formats.timeMicros(message.tsNanos(), ui.options().zone()) + "  " + message.src() + " -> "
                + message.dst() + "  " + message.transport() + (message.retransmission() ? "  retransmission" : "")
                + "  lines " + (lines.isEmpty() ? 0 : scroll + 1) + "-" + Math.min(lines.size(), scroll + visible)
                + " of " + lines.size();
        c.put(1, 0, meta, Style.DIM);
        for (int i = 0; i < visible && scroll + i < lines.size(); i++) {
            MessageLines.draw(c, 1, i + 1, lines.get(scroll + i), null);
        }
    }
}
