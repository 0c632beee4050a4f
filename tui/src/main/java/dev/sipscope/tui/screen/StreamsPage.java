package dev.sipscope.tui.screen;

import com.googlecode.lanterna.input.KeyType;
import dev.sipscope.tui.model.CallDetail;
import dev.sipscope.tui.model.Formats;
import dev.sipscope.tui.model.StreamRow;
import dev.sipscope.tui.model.UiSnapshot;
import dev.sipscope.tui.view.Canvas;
import dev.sipscope.tui.view.Glyphs;
import dev.sipscope.tui.view.SafeText;
import dev.sipscope.tui.view.Style;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every RTP stream of the chosen calls with its quality figures, and for the selected stream
 * sparklines of jitter and loss over time, its DTMF digits and the diagnostics in plain sentences.
 */
public final class StreamsPage extends Page {
    private final List<Long> keys;
    private final List<Binding> bindings;
    private StreamRow focus;
    private int selected;
    private int top;
    private int tableRows = 1;

    /** One stream and the call it belongs to. */
    private record Entry(long callKey, StreamRow stream) {
    }

    StreamsPage(TerminalUi ui, List<Long> keys) {
        this(ui, keys, null);
    }

    StreamsPage(TerminalUi ui, List<Long> keys, StreamRow focus) {
        super(ui);
        this.keys = List.copyOf(keys);
        this.focus = focus;
        bindings = List.of(
                Binding.foot("q, Esc", "q", "Back", "Back to the previous screen",
                        Binding.any(Binding.ch('q'), Binding.key(KeyType.Escape)), ui::pop),
                Binding.foot("Up, k", "Up/Down", "Select", "Previous stream",
                        Binding.any(Binding.key(KeyType.ArrowUp), Binding.ch('k')), () -> move(-1)),
                helpBinding(),
                Binding.help("Down, j", "Next stream", Binding.any(Binding.key(KeyType.ArrowDown), Binding.ch('j')),
                        () -> move(1)),
                Binding.help("Home, g", "First stream", Binding.any(Binding.key(KeyType.Home), Binding.ch('g')),
                        () -> move(Integer.MIN_VALUE / 2)),
                Binding.help("End, G", "Last stream", Binding.any(Binding.key(KeyType.End), Binding.ch('G')),
                        () -> move(Integer.MAX_VALUE / 2)));
    }

    @Override
    public String helpName() {
        return "RTP streams";
    }

    @Override
    public List<String> helpNotes() {
        return List.of(
                "Loss: packets expected (from sequence numbers) but not received, RFC 3550 A.3.",
                "Jitter: interarrival jitter, RFC 3550 A.8, in ms. MOS: E-model estimate (ITU-T G.107).",
                "The sparklines split the stream's time into equal parts; the taller, the worse.");
    }

    @Override
    public List<Binding> bindings() {
        return bindings;
    }

    @Override
    public String title(UiSnapshot s) {
        StringBuilder b = new StringBuilder(keys.size() == 1 ? "RTP streams of call " : "RTP streams of calls ");
        for (int i = 0; i < keys.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(keys.get(i));
        }
        return b.toString();
    }

    private List<Entry> entries(UiSnapshot s) {
        List<Entry> out = new ArrayList<>();
        for (Long k : keys) {
            for (StreamRow st : s.detail(k).streams()) {
                out.add(new Entry(k, st));
            }
        }
        return out;
    }

    private void move(int d) {
        List<Entry> entries = entries(ui.snapshot());
        int n = entries.size();
        selected = (int) Math.max(0, Math.min(n - 1L, (long) selected + d));
        focus = n == 0 ? null : entries.get(selected).stream();
    }

    @Override
    public void draw(Canvas c, UiSnapshot s) {
        List<Entry> entries = entries(s);
        if (focus != null) {
            // a live feed republishes streams as new objects: find the same stream by its identity
            for (int i = 0; i < entries.size(); i++) {
                StreamRow st = entries.get(i).stream();
                if (st.ssrc() == focus.ssrc() && st.src().equals(focus.src()) && st.dst().equals(focus.dst())) {
                    selected = i;
                    break;
                }
            }
        }
        selected = Math.max(0, Math.min(selected, entries.size() - 1));
        List<String> callDiagnostics = new ArrayList<>();
        for (Long k : keys) {
            CallDetail d = s.detail(k);
            for (String line : d.diagnostics()) {
                callDiagnostics.add((keys.size() > 1 ? "Call " + k + ": " : "") + line);
            }
        }
        int row = 0;
        if (entries.isEmpty()) {
            c.put(1, row++, keys.size() == 1 ? "No RTP stream was seen for this call." : "No RTP stream was seen for these calls.",
                    Style.DIM);
        } else {
            tableRows = Math.max(1, Math.min(entries.size(), (c.height() - 1) / 2 - 1));
            if (selected < top) {
                top = selected;
            }
            if (selected >= top + tableRows) {
                top = selected - tableRows + 1;
            }
            boolean multi = keys.size() > 1;
            Table t = Table.fit(c.width() - 1, multi);
            t.header(c, row++);
            for (int i = 0; i < tableRows && top + i < entries.size(); i++) {
                Entry e = entries.get(top + i);
                t.row(c, row++, e.callKey(), e.stream(), top + i == selected);
            }
            row++;
            row = drawSelected(c, row, entries.get(selected).stream());
        }
        if (!callDiagnostics.isEmpty()) {
            row++;
            c.put(1, row++, "Call diagnostics", Style.HEADER_NAME);
            for (String d : callDiagnostics) {
                for (String line : Wrap.words(SafeText.cells(d), c.width() - 5)) {
                    c.put(1, row++, "! " + line, Style.WARN);
                }
            }
        }
    }

    private int drawSelected(Canvas c, int row, StreamRow st) {
        Glyphs g = ui.options().glyphs();
        int labelWidth = 22;
        int sparkWidth = Math.max(4, c.width() - labelWidth - 2);
        double jitterMax = max(st.jitterSeriesMillis());
        double lossMax = max(st.lossSeriesPercent());
        c.put(1, row, "Selected: " + st.src() + " -> " + st.dst(), Style.HEADER_NAME);
        row++;
        if (st.seriesLength() == 0) {
            c.put(1, row++, "No time series for this stream.", Style.DIM);
        } else {
            c.put(1, row, String.format(Locale.ROOT, "Jitter  max %6.1f ms", jitterMax), Style.NORMAL);
            c.put(labelWidth + 1, row++, spark(st.jitterSeriesMillis(), sparkWidth, jitterMax, g), Style.WARN);
            c.put(1, row, String.format(Locale.ROOT, "Loss    max %6.1f %%", lossMax), Style.NORMAL);
            c.put(labelWidth + 1, row++, spark(st.lossSeriesPercent(), sparkWidth, lossMax, g), Style.BAD);
            c.put(labelWidth + 1, row++, Formats.timeMillis(st.firstNanos(), ui.options().zone()) + " .. "
                    + Formats.timeMillis(st.lastNanos(), ui.options().zone()), Style.DIM);
        }
        c.put(1, row++, "DTMF    " + (st.dtmf().isEmpty() ? "none" : st.dtmf()), Style.NORMAL);
        for (String d : st.diagnostics()) {
            for (String line : Wrap.words(SafeText.cells(d), c.width() - 5)) {
                c.put(1, row++, "! " + line, Style.WARN);
            }
        }
        return row;
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            if (!Double.isNaN(x) && x > m) {
                m = x;
            }
        }
        return m;
    }

    /** The series squeezed or stretched to {@code width} cells; each cell shows the worst value it covers. */
    static String spark(double[] series, int width, double max, Glyphs g) {
        StringBuilder b = new StringBuilder(width);
        int n = series.length;
        if (n == 0) {
            return "";
        }
        int cells = Math.min(width, Math.max(n, 1) * Math.max(1, width / n));
        cells = Math.min(width, Math.max(cells, Math.min(width, n)));
        for (int j = 0; j < cells; j++) {
            int from = (int) ((long) j * n / cells);
            int to = Math.max(from + 1, (int) ((long) (j + 1) * n / cells));
            double worst = Double.NaN;
            for (int k = from; k < to && k < n; k++) {
                if (!Double.isNaN(series[k]) && !(series[k] <= worst)) {
                    worst = series[k];
                }
            }
            b.append(g.sparkFor(worst, max));
        }
        return b.toString();
    }

    /** The stream table's columns at a given width: optional ones leave first when it is narrow. */
    private static final class Table {
        static final int ENDPOINT_MIN = 21;
        static final int ENDPOINT_MAX = 30;
        private final boolean call;
        private final boolean ssrc;
        private final boolean max;
        private final boolean lost;
        private final boolean dtmf;
        private final int endpoint;

        private Table(boolean call, boolean ssrc, boolean max, boolean lost, boolean dtmf, int endpoint) {
            this.call = call;
            this.ssrc = ssrc;
            this.max = max;
            this.lost = lost;
            this.dtmf = dtmf;
            this.endpoint = endpoint;
        }

        static Table fit(int width, boolean multi) {
            // always: a blank, codec 10+1, packets 7+1, loss% 6+1, jitter 6+1, MOS 4, two endpoints and their blanks
            int fixed = 1 + 11 + 8 + 7 + 7 + 4 + 2;
            boolean[] on = {true, true, true, true, multi}; // ssrc, max, lost, dtmf, call
            int[] cost = {11, 7, 7, 9, 6};
            int extra = 0;
            for (int i = 0; i < on.length; i++) {
                extra += on[i] ? cost[i] : 0;
            }
            for (int i = 0; i < on.length && width - fixed - extra < 2 * ENDPOINT_MIN; i++) {
                if (on[i]) {
                    on[i] = false;
                    extra -= cost[i];
                }
            }
            int endpoint = Math.max(10, Math.min(ENDPOINT_MAX, (width - fixed - extra) / 2));
            return new Table(on[4], on[0], on[1], on[2], on[3], endpoint);
        }

        void header(Canvas c, int row) {
            c.clearRow(row, Style.HEADER);
            StringBuilder b = new StringBuilder(" ");
            if (call) {
                b.append(String.format(Locale.ROOT, "%-5s ", "Call"));
            }
            b.append(SafeText.pad("Source", endpoint, false)).append(' ').append(SafeText.pad("Destination", endpoint, false))
                    .append(' ').append(String.format(Locale.ROOT, "%-10s ", "Codec"));
            if (ssrc) {
                b.append(String.format(Locale.ROOT, "%-10s ", "SSRC"));
            }
            b.append(String.format(Locale.ROOT, "%7s ", "Packets"));
            if (lost) {
                b.append(String.format(Locale.ROOT, "%6s ", "Lost"));
            }
            b.append(String.format(Locale.ROOT, "%6s %6s ", "Loss%", "Jitter"));
            if (max) {
                b.append(String.format(Locale.ROOT, "%6s ", "Max"));
            }
            b.append(String.format(Locale.ROOT, "%4s", "MOS"));
            if (dtmf) {
                b.append(" DTMF");
            }
            c.put(0, row, b.toString(), Style.HEADER);
        }

        void row(Canvas c, int row, long callKey, StreamRow s, boolean cursor) {
            Style base = cursor ? Style.CURSOR : Style.NORMAL;
            if (cursor) {
                c.clearRow(row, Style.CURSOR);
            }
            int x = 1;
            if (call) {
                x = c.put(x, row, String.format(Locale.ROOT, "%-5d ", callKey), base);
            }
            c.putPadded(x, row, s.src(), endpoint, false, base);
            x += endpoint + 1;
            c.putPadded(x, row, s.dst(), endpoint, false, base);
            x += endpoint + 1;
            c.putPadded(x, row, s.codec(), 10, false, base);
            x += 11;
            if (ssrc) {
                x = c.put(x, row, String.format(Locale.ROOT, "0x%08x ", s.ssrc()), base);
            }
            x = c.put(x, row, String.format(Locale.ROOT, "%7s ", s.packets() < 0 ? "-" : Formats.count(s.packets())), base);
            if (lost) {
                x = c.put(x, row, String.format(Locale.ROOT, "%6s ", s.packets() < 0 ? "-" : Formats.count(s.lost())), base);
            }
            Style lossStyle = cursor ? base : Double.isNaN(s.lossPercent()) ? Style.DIM
                    : s.lossPercent() >= 5 ? Style.BAD : s.lossPercent() >= 1 ? Style.WARN : Style.NORMAL;
            x = c.put(x, row, String.format(Locale.ROOT, "%6s ", Formats.oneDecimal(s.lossPercent())), lossStyle);
            x = c.put(x, row, String.format(Locale.ROOT, "%6s ", Formats.oneDecimal(s.jitterMeanMillis())), base);
            if (max) {
                x = c.put(x, row, String.format(Locale.ROOT, "%6s ", Formats.oneDecimal(s.jitterMaxMillis())), base);
            }
            Style mosStyle = cursor ? base : Double.isNaN(s.mos()) ? Style.DIM
                    : s.mos() < 3.1 ? Style.BAD : s.mos() < 3.6 ? Style.WARN : Style.GOOD;
            x = c.put(x, row, String.format(Locale.ROOT, "%4s", Formats.mos(s.mos())), mosStyle);
            if (dtmf) {
                c.put(x + 1, row, s.dtmf(), base);
            }
        }
    }
}
