package dev.sipscope.tui.screen;

import dev.sipscope.tui.model.CallDetail;
import dev.sipscope.tui.model.Formats;
import dev.sipscope.tui.model.MessageRow;
import dev.sipscope.tui.model.StreamRow;
import dev.sipscope.tui.view.Style;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The layout model of a call flow, built before anything is drawn: hosts are columns (in the
 * order they first appear), messages and RTP streams are rows (in time order).
 *
 * <p>A SIP host is its {@code ip:port}. A stream endpoint joins the column of a SIP host with the
 * same IP when there is one (media usually flows between the same machines), else it gets a
 * column of its own. Immutable once built.
 */
public final class Ladder {

    /** What a row is. */
    public enum Kind { MESSAGE, STREAM }

    /**
     * One row of the ladder.
     *
     * @param kind        message or stream
     * @param from        column of the sender
     * @param to          column of the receiver
     * @param label       the text over the arrow (raw, made safe when drawn)
     * @param shortLabel  a shorter text for when the label does not fit
     * @param tsNanos     time of the message, or of the stream's first packet
     * @param deltaNanos  time since the previous row, -1 for the first
     * @param style       how the arrow is coloured
     * @param callKey     the call the row belongs to
     * @param message     the message, for a message row
     * @param stream      the stream, for a stream row
     */
    public record Item(Kind kind, int from, int to, String label, String shortLabel, long tsNanos, long deltaNanos, Style style,
                       long callKey, MessageRow message, StreamRow stream) {
    }

    private final List<String> hosts;
    private final List<Item> items;

    private Ladder(List<String> hosts, List<Item> items) {
        this.hosts = hosts;
        this.items = items;
    }

    public List<String> hosts() {
        return hosts;
    }

    public List<Item> items() {
        return items;
    }

    /** Index of the first message row at or after {@code from}, or -1. */
    public int nextMessage(int from, int step) {
        for (int i = from; i >= 0 && i < items.size(); i += step) {
            if (items.get(i).kind() == Kind.MESSAGE) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Lays out the calls' messages and streams together. With several calls each label starts
     * with the call's index in brackets; with {@code withStreams} false the RTP bands are left out.
     */
    public static Ladder build(List<CallDetail> calls, boolean withStreams) {
        boolean multi = calls.size() > 1;
        List<Object[]> raw = new ArrayList<>();
        for (CallDetail d : calls) {
            for (MessageRow m : d.messages()) {
                raw.add(new Object[] {m.tsNanos(), d.key(), m});
            }
            if (withStreams) {
                for (StreamRow s : d.streams()) {
                    raw.add(new Object[] {s.firstNanos(), d.key(), s});
                }
            }
        }
        // stable: equal times keep messages before streams and calls in the order given
        raw.sort(Comparator.comparingLong(o -> (Long) o[0]));

        Map<String, Integer> columns = new LinkedHashMap<>();
        for (Object[] o : raw) {
            if (o[2] instanceof MessageRow) {
                MessageRow m = (MessageRow) o[2];
                column(columns, m.src());
                column(columns, m.dst());
            }
        }
        List<Item> items = new ArrayList<>(raw.size());
        long previous = Long.MIN_VALUE;
        for (Object[] o : raw) {
            long ts = (Long) o[0];
            long key = (Long) o[1];
            long delta = previous == Long.MIN_VALUE ? -1 : ts - previous;
            previous = ts;
            String prefix = multi ? "[" + key + "] " : "";
            if (o[2] instanceof MessageRow) {
                MessageRow m = (MessageRow) o[2];
                int from = column(columns, m.src());
                int to = column(columns, m.dst());
                items.add(new Item(Kind.MESSAGE, from, to, prefix + m.label(), prefix + shortLabel(m), ts, delta, styleOf(m),
                        key, m, null));
            } else {
                StreamRow s = (StreamRow) o[2];
                int from = mediaColumn(columns, s.src());
                int to = mediaColumn(columns, s.dst());
                items.add(new Item(Kind.STREAM, from, to, prefix + streamLabel(s), prefix + shortStreamLabel(s), ts, delta,
                        Style.RTP, key, null, s));
            }
        }
        return new Ladder(List.copyOf(columns.keySet()), List.copyOf(items));
    }

    /** {@code RTP PCMU/8000 1,234 pkt, loss 0.4%, MOS 4.31} */
    static String streamLabel(StreamRow s) {
        StringBuilder b = new StringBuilder("RTP");
        if (!s.codec().isEmpty()) {
            b.append(' ').append(s.codec());
        }
        if (s.packets() >= 0) {
            b.append(' ').append(Formats.count(s.packets())).append(" pkt");
        }
        if (!Double.isNaN(s.lossPercent())) {
            b.append(String.format(Locale.ROOT, ", loss %.1f%%", s.lossPercent()));
        }
        if (!Double.isNaN(s.mos())) {
            b.append(", MOS ").append(Formats.mos(s.mos()));
        }
        return b.toString();
    }

    /** {@code RTP PCMU 0.4% 4.31}: codec without its rate, loss and MOS when known. */
    static String shortStreamLabel(StreamRow s) {
        StringBuilder b = new StringBuilder("RTP");
        String codec = s.codec();
        int slash = codec.indexOf('/');
        if (!codec.isEmpty()) {
            b.append(' ').append(slash > 0 ? codec.substring(0, slash) : codec);
        }
        if (!Double.isNaN(s.lossPercent())) {
            b.append(String.format(Locale.ROOT, " %.1f%%", s.lossPercent()));
        }
        if (!Double.isNaN(s.mos())) {
            b.append(' ').append(Formats.mos(s.mos()));
        }
        return b.toString();
    }

    /** A response's code alone ({@code 183}), a request's method, with the SDP mark. */
    static String shortLabel(MessageRow m) {
        String base = m.request() ? m.method() : Integer.toString(m.statusCode());
        return m.sdp() ? base + " (SDP)" : base;
    }

    static Style styleOf(MessageRow m) {
        if (m.retransmission()) {
            return Style.RETRANSMISSION;
        }
        if (m.request()) {
            return Style.REQUEST;
        }
        int c = m.statusCode();
        return c < 200 ? Style.PROVISIONAL : c < 300 ? Style.SUCCESS : Style.FAILURE;
    }

    private static int column(Map<String, Integer> columns, String host) {
        Integer c = columns.get(host);
        if (c == null) {
            c = columns.size();
            columns.put(host, c);
        }
        return c;
    }

    private static int mediaColumn(Map<String, Integer> columns, String endpoint) {
        Integer exact = columns.get(endpoint);
        if (exact != null) {
            return exact;
        }
        String ip = ipOf(endpoint);
        for (Map.Entry<String, Integer> e : columns.entrySet()) {
            if (ipOf(e.getKey()).equals(ip)) {
                return e.getValue();
            }
        }
        return column(columns, endpoint);
    }

    /** The address part of {@code ip:port} or {@code [v6]:port}. */
    static String ipOf(String endpoint) {
        if (endpoint.startsWith("[")) {
            int close = endpoint.indexOf(']');
            return close > 0 ? endpoint.substring(1, close) : endpoint;
        }
        int colon = endpoint.lastIndexOf(':');
        return colon > 0 && endpoint.indexOf(':') == colon ? endpoint.substring(0, colon) : endpoint;
    }
}
