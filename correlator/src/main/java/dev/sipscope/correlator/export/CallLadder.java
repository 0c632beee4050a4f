package dev.sipscope.correlator.export;

import dev.sipscope.correlator.call.CallMessage;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.call.Hop;
import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.sip.SipMessage;
import dev.sipscope.quality.StreamSummary;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ladder (sequence diagram) of one call for {@code sipscope ladder}: one column per host (IP
 * address, in order of first appearance), one arrow per SIP message kept for the call (capture
 * order, retransmissions flagged) with the time since the previous message, and each RTP stream
 * as a band: a {@code ===>} arrow where its first packet is, an end marker at its last, and the
 * lifelines of both hosts drawn with {@code !} while it flows.
 *
 * <p>Three renderings: {@link #writeText} (plain ASCII lines, times of day in UTC, every
 * string from the wire through {@link TerminalText#safe}), {@link #writeMermaid} (a Mermaid
 * {@code sequenceDiagram} as GitHub renders it, wire text escaped as Mermaid entities) and
 * {@link #writeJson}. Built once per command from a snapshot; not for hot paths.
 */
public final class CallLadder {
    /** Narrowest and widest host column, in characters. */
    static final int MIN_COLUMN = 18;
    static final int MAX_COLUMN = 44;
    private static final int TIME_WIDTH = 24;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** What a row shows. */
    enum Kind { MESSAGE, RTP_START, RTP_END }

    /** One row: a message or a stream's start or end; {@code from}/{@code to} are column indexes. */
    record Step(long timeNanos, Kind kind, int from, int to, String label, int stream) {
    }

    private final CallSummary call;
    private final List<String> hosts;
    private final List<Step> steps;

    private CallLadder(CallSummary call, List<String> hosts, List<Step> steps) {
        this.call = call;
        this.hosts = hosts;
        this.steps = steps;
    }

    /**
     * The ladder of {@code call} from its kept messages and {@code streams}: the summaries bound
     * to it, with their ids ({@code s1}...) as in the JSON.
     */
    public static CallLadder of(CallSummary call, Map<String, StreamSummary> streams) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        for (CallMessage m : call.messages()) {
            Hop hop = m.hop();
            int from = column(columns, IpAddress.format(hop.srcHi(), hop.srcLo()));
            int to = column(columns, IpAddress.format(hop.dstHi(), hop.dstLo()));
            steps.add(new Step(m.timeNanos(), Kind.MESSAGE, from, to, label(m), -1));
        }
        int index = 0;
        for (Map.Entry<String, StreamSummary> e : streams.entrySet()) {
            StreamSummary s = e.getValue();
            int from = column(columns, s.srcAddress());
            int to = column(columns, s.dstAddress());
            String codec = s.codec().encodingName();
            String label = "RTP " + e.getKey() + " " + (codec == null ? "PT " + s.codec().payloadType() : codec)
                    + " " + s.packets() + " pkts"
                    + (s.lost() > 0 ? String.format(Locale.ROOT, " lost %d (%.1f%%)", s.lost(), s.sequence().lossPct()) : "")
                    + (s.emodel() != null && s.emodel().mosLq() != null
                        ? String.format(Locale.ROOT, " MOS %.2f", s.emodel().mosLq()) : "");
            steps.add(new Step(s.firstNanos(), Kind.RTP_START, from, to, label, index));
            steps.add(new Step(s.lastNanos(), Kind.RTP_END, from, to, "RTP " + e.getKey() + " ends", index));
            index++;
        }
        // stable: messages keep capture order among equal times, a stream starts after the message before it
        steps.sort(Comparator.comparingLong(Step::timeNanos));
        return new CallLadder(call, List.copyOf(columns.keySet()), List.copyOf(steps));
    }

    private static int column(Map<String, Integer> columns, String host) {
        return columns.computeIfAbsent(host, h -> columns.size());
    }

    /** {@code INVITE (SDP)}, {@code 200 OK}, with {@code (retransmission)} when it is one; raw wire text. */
    static String label(CallMessage m) {
        SipMessage s = m.message();
        StringBuilder b = new StringBuilder();
        if (s.isRequest()) {
            b.append(s.methodName());
        } else {
            b.append(s.statusCode());
            String reason = s.reasonPhrase();
            if (reason != null && !reason.isEmpty()) {
                b.append(' ').append(reason);
            }
        }
        if (s.sdp() != null) {
            b.append(" (SDP)");
        }
        if (m.retransmission()) {
            b.append(" (retransmission)");
        }
        return b.toString();
    }

    /** The hosts, in column order. */
    public List<String> hosts() {
        return hosts;
    }

    // ------------------------------------------------------------------ text

    /** The ladder as ASCII lines under a heading; a line is as wide as the hosts need. */
    public void writeText(Appendable out) throws IOException {
        String nl = System.lineSeparator();
        out.append("Call ").append(TerminalText.safe(call.callId())).append("  ")
                .append(CallsText.party(call.from())).append(" -> ").append(CallsText.party(call.to()))
                .append("  ").append(call.state().jsonName())
                .append(call.finalStatus() > 0 ? " " + call.finalStatus() : "")
                .append(call.startNanos() == CallSummary.NO_TIME ? "" : "  " + SummaryJson.isoTime(call.startNanos()))
                .append(nl);
        if (call.messagesNotKept() > 0) {
            out.append("  (").append(Integer.toString(call.messagesNotKept()))
                    .append(" later messages not kept: over the per-call limit)").append(nl);
        }
        out.append(nl);
        int width = MIN_COLUMN;
        for (String h : hosts) {
            width = Math.max(width, TerminalText.safe(h).length() + 2);
        }
        for (Step s : steps) {
            width = Math.max(width, Math.min(MAX_COLUMN, TerminalText.safe(s.label()).length() + 4));
        }
        int columns = Math.max(1, hosts.size());
        char[] line = new char[TIME_WIDTH + columns * width];
        boolean[] media = new boolean[columns];
        int[] flowing = new int[columns];

        fill(line, ' ');
        for (int i = 0; i < hosts.size(); i++) {
            put(line, center(i, width) - TerminalText.safe(hosts.get(i)).length() / 2,
                    TerminalText.safe(hosts.get(i)));
        }
        out.append(trimEnd(line)).append(nl);
        long previous = CallSummary.NO_TIME;
        for (Step s : steps) {
            if (s.kind() == Kind.RTP_START) {
                flowing[s.from()]++;
                flowing[s.to()]++;
            }
            for (int i = 0; i < columns; i++) {
                media[i] = flowing[i] > 0;
            }
            // label row
            lifelines(line, media, width);
            String text = CallsText.fit(TerminalText.safe(s.label()), s.from() == s.to() ? width - 4
                    : Math.max(width - 4, Math.abs(s.to() - s.from()) * width - 4));
            int left = Math.min(center(s.from(), width), center(s.to(), width));
            put(line, left + 2, text);
            out.append(trimEnd(line)).append(nl);
            // arrow row
            lifelines(line, media, width);
            String time = s.timeNanos() == CallSummary.NO_TIME ? "-" : TIME.format(instant(s.timeNanos()));
            String delta = previous == CallSummary.NO_TIME || s.timeNanos() == CallSummary.NO_TIME
                    ? "" : delta(s.timeNanos() - previous);
            put(line, 0, time + " " + delta);
            arrow(line, s, width);
            out.append(trimEnd(line)).append(nl);
            if (s.kind() == Kind.MESSAGE) {
                previous = s.timeNanos();
            }
            if (s.kind() == Kind.RTP_END) {
                flowing[s.from()]--;
                flowing[s.to()]--;
            }
        }
        out.append(nl).append("  ! lifeline while RTP flows; === RTP stream start; ... its end; times UTC").append(nl);
    }

    /** {@code +0.4ms}, {@code +59ms}, {@code +3.000s}: the time since the previous message. */
    static String delta(long nanos) {
        if (nanos < 10_000_000L) {
            return String.format(Locale.ROOT, "+%.1fms", nanos / 1e6);
        }
        if (nanos < 1_000_000_000L) {
            return "+" + (nanos + 500_000L) / 1_000_000L + "ms";
        }
        return String.format(Locale.ROOT, "+%.3fs", nanos / 1e9);
    }

    private static void arrow(char[] line, Step s, int width) {
        int a = center(s.from(), width);
        int b = center(s.to(), width);
        char body = s.kind() == Kind.RTP_START ? '=' : s.kind() == Kind.RTP_END ? '.' : '-';
        if (a == b) {
            // same host, another port: a short loop to the right
            put(line, a + 1, "" + body + body + body + "+");
            return;
        }
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        for (int i = lo + 1; i < hi; i++) {
            line[i] = body;
        }
        if (a < b) {
            line[hi - 1] = '>';
        } else {
            line[lo + 1] = '<';
        }
    }

    private static void lifelines(char[] line, boolean[] media, int width) {
        fill(line, ' ');
        for (int i = 0; i < media.length; i++) {
            line[center(i, width)] = media[i] ? '!' : '|';
        }
    }

    private static int center(int column, int width) {
        return TIME_WIDTH + column * width + width / 2;
    }

    private static void put(char[] line, int at, String s) {
        int start = Math.max(0, at);
        for (int i = 0; i < s.length() && start + i < line.length; i++) {
            line[start + i] = s.charAt(i);
        }
    }

    private static void fill(char[] line, char c) {
        java.util.Arrays.fill(line, c);
    }

    private static String trimEnd(char[] line) {
        int end = line.length;
        while (end > 0 && line[end - 1] == ' ') {
            end--;
        }
        return new String(line, 0, end);
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    // ------------------------------------------------------------------ mermaid

    /**
     * A Mermaid {@code sequenceDiagram}: participants {@code h1, h2, ...} named by their address
     * (an IPv6 address's colons as {@code #58;}),
     * messages as solid arrows (retransmissions dotted), RTP streams as a {@code Note} spanning
     * both hosts where they start and end.
     */
    public void writeMermaid(Appendable out) throws IOException {
        String nl = "\n";
        out.append("sequenceDiagram").append(nl);
        for (int i = 0; i < hosts.size(); i++) {
            out.append("    participant h").append(Integer.toString(i + 1)).append(" as ")
                    .append(mermaid(hosts.get(i)).replace(":", "#58;")).append(nl);
        }
        long previous = CallSummary.NO_TIME;
        for (Step s : steps) {
            String a = "h" + (s.from() + 1);
            String b = "h" + (s.to() + 1);
            String over = s.from() == s.to() ? a : a + "," + b;
            if (s.kind() == Kind.MESSAGE) {
                String delta = previous == CallSummary.NO_TIME ? "" : " " + delta(s.timeNanos() - previous);
                boolean retransmission = s.label().endsWith("(retransmission)");
                out.append("    ").append(a).append(retransmission ? "-->>" : "->>").append(b).append(": ")
                        .append(mermaid(s.label())).append(delta).append(nl);
                previous = s.timeNanos();
            } else {
                out.append("    Note over ").append(over).append(": ").append(mermaid(s.label()))
                        .append(s.kind() == Kind.RTP_START ? " starts" : "").append(nl);
            }
        }
    }

    /**
     * Wire text made inert for Mermaid: control characters escaped as on a terminal, and the
     * characters Mermaid gives a meaning ({@code # ; < > " % { } [ ]}) written as its numeric
     * entities ({@code #59;}), so that no text can end a line, open a block or inject markup.
     */
    static String mermaid(String s) {
        String safe = TerminalText.safe(s);
        StringBuilder b = new StringBuilder(safe.length() + 8);
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            switch (c) {
                case '#': case ';': case '<': case '>': case '"': case '%': case '{': case '}': case '[': case ']':
                case '&': case '`':
                    b.append('#').append((int) c).append(';');
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ json

    /** {@code {call_id, hosts: [...], steps: [{time, kind, from, to, label}]}}; wire text JSON-escaped. */
    public void writeJson(JsonWriter json) {
        json.beginObject();
        json.field("call_id", call.callId());
        json.name("hosts").beginArray();
        for (String h : hosts) {
            json.value(h);
        }
        json.endArray();
        json.field("messages_not_kept", call.messagesNotKept());
        json.name("steps").beginArray();
        for (Step s : steps) {
            json.beginObject();
            json.timeField("time", s.timeNanos());
            json.field("kind", s.kind().name().toLowerCase(Locale.ROOT));
            json.field("from", hosts.get(s.from()));
            json.field("to", hosts.get(s.to()));
            json.field("label", s.label());
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }
}
