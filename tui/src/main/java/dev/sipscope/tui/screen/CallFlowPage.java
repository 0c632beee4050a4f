package dev.sipscope.tui.screen;

import com.googlecode.lanterna.input.KeyType;
import dev.sipscope.tui.model.CallDetail;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.Formats;
import dev.sipscope.tui.model.MessageRow;
import dev.sipscope.tui.model.StreamRow;
import dev.sipscope.tui.model.UiSnapshot;
import dev.sipscope.tui.view.Canvas;
import dev.sipscope.tui.view.Style;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The call flow (ladder) of one call, or of the marked calls, with the legs a B2BUA links to them:
 * hosts as columns, messages and RTP streams as arrows in time order, and beside the ladder (on
 * terminals of 100 columns or more) the selected message with its headers and SDP highlighted.
 *
 * <p>The layout ({@link Ladder}) is rebuilt only when a new snapshot arrives; the selection stays
 * on the same message.
 */
public final class CallFlowPage extends Page {
    /** The message pane appears from this terminal width on. */
    static final int PANE_MIN_COLUMNS = 100;
    /** The narrowest message pane worth showing. */
    static final int PANE_MIN_WIDTH = 36;

    private final List<Long> keys;
    private final List<Binding> bindings;
    private boolean withLegs = true;
    private boolean paneOn = true;
    private Ladder ladder;
    private List<Long> shownKeys = List.of();
    private long builtSequence = -1;
    private int selected;
    private Ladder.Item selectedItem;
    private int top;
    private int hostOffset;
    private int visibleItems = 1;
    private final List<MessageRow> chosen = new ArrayList<>();

    public CallFlowPage(TerminalUi ui, List<Long> keys) {
        super(ui);
        this.keys = List.copyOf(keys);
        bindings = List.of(
                Binding.foot("q, Esc", "q", "Back", "Back to the call list",
                        Binding.any(Binding.ch('q'), Binding.key(KeyType.Escape)), ui::pop),
                Binding.foot("Enter", "Enter", "Message", "Open the selected message whole (or the selected stream)",
                        Binding.key(KeyType.Enter), this::open),
                Binding.foot("Space", "Space", "Compare", "Pick a message to compare; the second opens the diff",
                        Binding.ch(' '), this::choose),
                Binding.foot("s", "s", "Streams", "RTP streams and quality of these calls", Binding.ch('s'),
                        () -> ui.push(new StreamsPage(ui, shownKeys.isEmpty() ? this.keys : shownKeys))),
                Binding.foot("F2, w", "F2", "Save", "Save these calls", Binding.any(Binding.key(KeyType.F2), Binding.ch('w')),
                        () -> ui.push(new SavePage(ui, this.keys.get(0), shownKeys))),
                Binding.foot("m", "m", "Pane", "Show or hide the message beside the ladder", Binding.ch('m'),
                        () -> paneOn = !paneOn),
                Binding.foot("x", "x", "Legs", "Add or remove the calls linked by a B2BUA", Binding.ch('x'), this::toggleLegs),
                helpBinding(),
                Binding.help("Up, k", "Previous message or stream",
                        Binding.any(Binding.key(KeyType.ArrowUp), Binding.ch('k')), () -> move(-1)),
                Binding.help("Down, j", "Next message or stream",
                        Binding.any(Binding.key(KeyType.ArrowDown), Binding.ch('j')), () -> move(1)),
                Binding.help("PgUp, b", "One page up", Binding.any(Binding.key(KeyType.PageUp), Binding.ch('b')),
                        () -> move(-visibleItems)),
                Binding.help("PgDn, f", "One page down", Binding.any(Binding.key(KeyType.PageDown), Binding.ch('f')),
                        () -> move(visibleItems)),
                Binding.help("Home, g", "First message", Binding.any(Binding.key(KeyType.Home), Binding.ch('g')),
                        () -> move(Integer.MIN_VALUE / 2)),
                Binding.help("End, G", "Last message", Binding.any(Binding.key(KeyType.End), Binding.ch('G')),
                        () -> move(Integer.MAX_VALUE / 2)),
                Binding.help("Left, h", "Scroll the hosts left", Binding.any(Binding.key(KeyType.ArrowLeft), Binding.ch('h')),
                        () -> hostOffset = Math.max(0, hostOffset - 1)),
                Binding.help("Right, l", "Scroll the hosts right",
                        Binding.any(Binding.key(KeyType.ArrowRight), Binding.ch('l')), () -> hostOffset++));
    }

    @Override
    public String helpName() {
        return "Call flow";
    }

    @Override
    public List<String> helpNotes() {
        return List.of(
                "Arrows: requests, provisional (1xx), success (2xx) and failure responses each have a colour;",
                "a retransmission ends with " + ui.options().glyphs().retrans() + ". RTP streams are double-line bands with",
                "their packet count, loss and MOS. Times are capture times; the line under each is the",
                "gap since the previous row. A * at the left marks a message picked for comparison.");
    }

    @Override
    public List<Binding> bindings() {
        return bindings;
    }

    @Override
    public String title(UiSnapshot s) {
        rebuild(s);
        if (keys.size() == 1) {
            CallRow r = s.rowByKey(keys.get(0));
            String legs = shownKeys.size() > 1 ? "  + legs " + join(shownKeys.subList(1, shownKeys.size())) : "";
            if (r == null) {
                return "Call flow of call " + keys.get(0) + " (no longer in the list)";
            }
            return "Call flow of call " + r.key() + "  " + r.from() + " -> " + r.to() + "  Call-ID " + r.callId() + legs;
        }
        return "Call flow of calls " + join(shownKeys);
    }

    private static String join(List<Long> ks) {
        StringBuilder b = new StringBuilder();
        for (Long k : ks) {
            b.append(b.length() == 0 ? "" : ", ").append(k);
        }
        return b.toString();
    }

    /** The ladder for the snapshot, rebuilt when the snapshot changed. */
    Ladder rebuild(UiSnapshot s) {
        if (ladder != null && builtSequence == s.sequence()) {
            return ladder;
        }
        builtSequence = s.sequence();
        Set<Long> all = new LinkedHashSet<>(keys);
        List<CallDetail> details = new ArrayList<>();
        for (Long k : keys) {
            details.add(s.detail(k));
        }
        if (withLegs) {
            for (int i = 0; i < details.size(); i++) {
                for (Long linked : details.get(i).linkedKeys()) {
                    if (all.add(linked)) {
                        details.add(s.detail(linked));
                    }
                }
            }
        }
        shownKeys = List.copyOf(all);
        ladder = Ladder.build(details, true);
        // keep the selection on the same row
        if (selectedItem != null) {
            for (int i = 0; i < ladder.items().size(); i++) {
                if (same(ladder.items().get(i), selectedItem)) {
                    selected = i;
                    break;
                }
            }
        }
        selected = Math.max(0, Math.min(selected, ladder.items().size() - 1));
        selectedItem = ladder.items().isEmpty() ? null : ladder.items().get(selected);
        return ladder;
    }

    private static boolean same(Ladder.Item a, Ladder.Item b) {
        if (a.kind() != b.kind() || a.callKey() != b.callKey()) {
            return false;
        }
        if (a.kind() == Ladder.Kind.MESSAGE) {
            return a.tsNanos() == b.tsNanos() && Objects.equals(a.message().firstLine(), b.message().firstLine())
                    && a.message().src().equals(b.message().src());
        }
        return a.stream().ssrc() == b.stream().ssrc() && a.stream().src().equals(b.stream().src())
                && a.stream().dst().equals(b.stream().dst());
    }

    private void move(int delta) {
        Ladder l = rebuild(ui.snapshot());
        if (l.items().isEmpty()) {
            return;
        }
        long target = (long) selected + delta;
        selected = (int) Math.max(0, Math.min(l.items().size() - 1, target));
        selectedItem = l.items().get(selected);
        keepVisible(l);
    }

    private void keepVisible(Ladder l) {
        if (selected < top) {
            top = selected;
        }
        if (selected >= top + visibleItems) {
            top = selected - visibleItems + 1;
        }
        top = Math.max(0, Math.min(top, Math.max(0, l.items().size() - visibleItems)));
    }

    /** The selected message, or null when a stream (or nothing) is selected. */
    MessageRow selectedMessage() {
        Ladder l = rebuild(ui.snapshot());
        if (l.items().isEmpty()) {
            return null;
        }
        return l.items().get(selected).message();
    }

    /** Every message row of the ladder, in order (for next/previous in the message page). */
    List<MessageRow> messages() {
        List<MessageRow> out = new ArrayList<>();
        for (Ladder.Item i : rebuild(ui.snapshot()).items()) {
            if (i.message() != null) {
                out.add(i.message());
            }
        }
        return out;
    }

    private void open() {
        Ladder l = rebuild(ui.snapshot());
        if (l.items().isEmpty()) {
            return;
        }
        Ladder.Item item = l.items().get(selected);
        if (item.message() != null) {
            ui.push(new MessagePage(ui, this, item.message()));
        } else {
            ui.push(new StreamsPage(ui, shownKeys, item.stream()));
        }
    }

    private void choose() {
        MessageRow m = selectedMessage();
        if (m == null) {
            ui.message("Only messages can be compared.", Style.WARN);
            return;
        }
        if (!chosen.remove(m)) {
            chosen.add(m);
        }
        if (chosen.size() == 2) {
            MessageRow a = chosen.get(0);
            MessageRow b = chosen.get(1);
            chosen.clear();
            ui.push(new DiffPage(ui, a, b));
        } else if (chosen.size() == 1) {
            ui.message("Picked for comparison: press Space on a second message.", Style.NORMAL);
        }
    }

    private void toggleLegs() {
        withLegs = !withLegs;
        builtSequence = -1;
        Ladder l = rebuild(ui.snapshot());
        ui.message(withLegs ? (shownKeys.size() > keys.size() ? "Showing linked legs." : "No linked leg found.")
                : "Linked legs hidden.", Style.NORMAL);
        keepVisible(l);
    }

    // ---- drawing

    @Override
    public void draw(Canvas c, UiSnapshot s) {
        Ladder l = rebuild(s);
        // the pane gets what the ladder does not need, at least two fifths of the width, but never
        // so much that hosts would scroll off: then it shrinks, down to PANE_MIN_WIDTH, or goes
        int hostCount = Math.max(2, l.hosts().size());
        int ladderNeeds = LadderRenderer.TIME_WIDTH + hostCount * LadderRenderer.MIN_COLUMN;
        int paneWidth = Math.max(c.width() * 2 / 5, c.width() - LadderRenderer.wantedWidth(hostCount) - 1);
        paneWidth = Math.min(paneWidth, c.width() - 1 - ladderNeeds);
        boolean pane = paneOn && c.width() >= PANE_MIN_COLUMNS && paneWidth >= PANE_MIN_WIDTH;
        paneWidth = pane ? paneWidth : 0;
        int ladderWidth = c.width() - (pane ? paneWidth + 1 : 0);
        visibleItems = Math.max(1, LadderRenderer.visibleItems(c.height()));
        keepVisible(l);
        int hosts = l.hosts().size();
        int maxOffset = Math.max(0, hosts - LadderRenderer.visibleHosts(hosts, ladderWidth));
        hostOffset = Math.min(hostOffset, maxOffset);
        if (l.items().isEmpty()) {
            c.put(2, 1, "No message for this call.", Style.DIM);
        } else {
            Set<Integer> picked = new LinkedHashSet<>();
            for (int i = 0; i < l.items().size(); i++) {
                if (l.items().get(i).message() != null && chosen.contains(l.items().get(i).message())) {
                    picked.add(i);
                }
            }
            LadderRenderer.draw(c.region(0, 0, ladderWidth, c.height()), l, ui.options().glyphs(), ui.options().zone(),
                    top, selected, picked, hostOffset);
        }
        if (hostOffset > 0) {
            c.put(LadderRenderer.TIME_WIDTH, 0, String.valueOf(ui.options().glyphs().left()), Style.DIM);
        }
        if (hostOffset < maxOffset) {
            c.put(ladderWidth - 1, 0, String.valueOf(ui.options().glyphs().right()), Style.DIM);
        }
        if (pane) {
            for (int r = 0; r < c.height(); r++) {
                c.glyph(ladderWidth, r, ui.options().glyphs().vertical(), Style.DIM);
            }
            Canvas p = c.region(ladderWidth + 1, 0, paneWidth, c.height());
            if (!l.items().isEmpty()) {
                drawPane(p, l.items().get(selected));
            }
        }
    }

    private void drawPane(Canvas p, Ladder.Item item) {
        if (item.message() != null) {
            MessageRow m = item.message();
            p.put(1, 0, m.src() + " -> " + m.dst() + " " + m.transport(), Style.DIM);
            List<MessageLines.Line> lines = MessageLines.wrap(MessageLines.of(m.fullText()), p.width() - 1);
            for (int i = 0; i < lines.size() && i + 1 < p.height(); i++) {
                MessageLines.draw(p, 1, i + 1, lines.get(i), null);
            }
        } else {
            StreamRow st = item.stream();
            int r = 0;
            p.put(1, r++, "RTP stream " + st.src() + " -> " + st.dst(), Style.START_LINE);
            p.put(1, r++, String.format(Locale.ROOT, "SSRC 0x%08x  %s", st.ssrc(), st.codec()), Style.NORMAL);
            p.put(1, r++, "Packets " + Formats.count(st.packets()) + "  lost " + Formats.count(st.lost())
                    + " (" + Formats.oneDecimal(st.lossPercent()) + "%)", Style.NORMAL);
            p.put(1, r++, "Jitter mean " + Formats.oneDecimal(st.jitterMeanMillis()) + " ms, max "
                    + Formats.oneDecimal(st.jitterMaxMillis()) + " ms", Style.NORMAL);
            p.put(1, r++, "MOS " + Formats.mos(st.mos()), Style.NORMAL);
            p.put(1, r++, "Duration " + Formats.duration(st.lastNanos() - st.firstNanos()), Style.NORMAL);
            if (!st.dtmf().isEmpty()) {
                p.put(1, r++, "DTMF " + st.dtmf(), Style.NORMAL);
            }
            for (String d : st.diagnostics()) {
                for (String line : Wrap.words(d, p.width() - 3)) {
                    p.put(1, ++r, "! " + line, Style.WARN);
                }
            }
            p.put(1, r + 2, "Enter: the streams screen", Style.DIM);
        }
    }
}
