package dev.sipscope.correlator.export;

import dev.sipscope.correlator.call.CallKind;
import dev.sipscope.correlator.call.CallSummary;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The calls table of {@code sipscope analyze} in text: one line per call, at most
 * {@value #WIDTH} columns wide, times of day in UTC. Text from the wire (From, To) goes through
 * {@link TerminalText#safe} and is shortened with {@code ~} to fit its column.
 *
 * <pre>
 *   start    kind from            to             state        code    PDD     dur
 *   10:00:00 INV  alice@10.0.1.1  bob@10.0.2.1   completed     200  0.05s   3.00s
 * </pre>
 */
public final class CallsText {
    /** Widest line printed. */
    public static final int WIDTH = 79;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private CallsText() {
    }

    public static void print(PrintWriter out, List<CallSummary> calls) {
        Map<CallKind, Integer> kinds = new EnumMap<>(CallKind.class);
        LocalDate first = null;
        LocalDate last = null;
        for (CallSummary c : calls) {
            kinds.merge(c.kind(), 1, Integer::sum);
            LocalDate d = date(c.startNanos());
            if (d != null) {
                first = first == null || d.isBefore(first) ? d : first;
                last = last == null || d.isAfter(last) ? d : last;
            }
        }
        StringBuilder head = new StringBuilder("Calls: ").append(calls.size());
        if (!kinds.isEmpty()) {
            head.append(" (");
            boolean sep = false;
            for (Map.Entry<CallKind, Integer> e : kinds.entrySet()) {
                head.append(sep ? ", " : "").append(e.getValue()).append(' ').append(e.getKey().jsonName());
                sep = true;
            }
            head.append(')');
        }
        if (first != null) {
            head.append(", times UTC ").append(first).append(last.equals(first) ? "" : " .. " + last);
        }
        out.println(head);
        if (calls.isEmpty()) {
            return;
        }
        StringBuilder line = new StringBuilder(WIDTH + 2);
        out.print(row(line, "start", "kind", "from", "to", "state", "code", "PDD", "dur"));
        for (CallSummary c : calls) {
            out.print(row(line,
                    c.startNanos() == CallSummary.NO_TIME ? "-" : TIME.format(instant(c.startNanos())),
                    abbreviation(c.kind()),
                    fit(party(c.from()), 15),
                    fit(party(c.to()), 14),
                    c.state().jsonName(),
                    c.finalStatus() > 0 ? Integer.toString(c.finalStatus()) : "-",
                    c.postDialDelayNanos() >= 0 ? seconds(c.postDialDelayNanos()) : "-",
                    c.durationNanos() >= 0 ? seconds(c.durationNanos()) : "-"));
        }
    }

    /** One line: {@code "  %-8s %-4s %-15s %-14s %-12s %4s %6s %7s\n"} without a formatter (thousands of rows). */
    private static StringBuilder row(StringBuilder sb, String start, String kind, String from, String to, String state,
                                     String code, String pdd, String duration) {
        sb.setLength(0);
        sb.append("  ");
        left(sb, start, 8).append(' ');
        left(sb, kind, 4).append(' ');
        left(sb, from, 15).append(' ');
        left(sb, to, 14).append(' ');
        left(sb, state, 12).append(' ');
        right(sb, code, 4).append(' ');
        right(sb, pdd, 6).append(' ');
        return right(sb, duration, 7).append(System.lineSeparator());
    }

    /** {@code s} padded with spaces on the right to {@code width} (never cut). */
    static StringBuilder left(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        return sb;
    }

    /** {@code s} padded with spaces on the left to {@code width} (never cut). */
    static StringBuilder right(StringBuilder sb, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        return sb.append(s);
    }

    /** Three letters per kind: INV, REG, OPT, MSG, SUB, NOT, PUB, REF, ... */
    static String abbreviation(CallKind kind) {
        switch (kind) {
            case CALL: return "INV";
            case REGISTER: return "REG";
            case OPTIONS: return "OPT";
            case MESSAGE: return "MSG";
            case SUBSCRIBE: return "SUB";
            case NOTIFY: return "NOT";
            case PUBLISH: return "PUB";
            case REFER: return "REF";
            default: return "...";
        }
    }

    /** {@code user@host} of a SIP URI: scheme, port, parameters and headers left out; made terminal-safe. */
    static String party(String uri) {
        if (uri == null) {
            return "-";
        }
        String s = uri;
        int colon = s.indexOf(':');
        if (colon > 0 && colon < 6) {
            s = s.substring(colon + 1);
        }
        int at = s.indexOf('@');
        int host = at + 1;
        int cut = s.length();
        for (char c : new char[] {';', '?', '>'}) {
            int i = s.indexOf(c, host);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        int port = host < cut && s.charAt(host) == '[' ? s.indexOf("]:", host) + 1 : s.indexOf(':', host);
        if (port > host && port < cut) {
            cut = port;
        }
        return TerminalText.safe(s.substring(0, cut));
    }

    /** {@code s} cut to {@code width} characters, the last one replaced by {@code ~} when cut. */
    static String fit(String s, int width) {
        if (s.length() <= width) {
            return s;
        }
        int end = width - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "~";
    }

    /** {@code 0.05s}, {@code 12.34s}, {@code 12:05} (minutes), {@code 1:02:03} (hours). */
    static String seconds(long nanos) {
        long whole = nanos / 1_000_000_000L;
        if (whole < 60) {
            long centis = (nanos + 5_000_000L) / 10_000_000L;
            long cs = centis % 100;
            return centis / 100 + (cs < 10 ? ".0" : ".") + cs + "s";
        }
        long m = (whole / 60) % 60;
        long sec = whole % 60;
        String mmss = (m < 10 && whole >= 3600 ? "0" : "") + m + ":" + (sec < 10 ? "0" : "") + sec;
        return whole < 3600 ? mmss : whole / 3600 + ":" + mmss;
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static LocalDate date(long nanos) {
        return nanos == CallSummary.NO_TIME ? null : LocalDate.ofInstant(instant(nanos), ZoneOffset.UTC);
    }
}
