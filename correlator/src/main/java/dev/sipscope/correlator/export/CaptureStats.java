package dev.sipscope.correlator.export;

import dev.sipscope.correlator.call.CallKind;
import dev.sipscope.correlator.call.CallState;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.sip.SipMessage;
import dev.sipscope.decoder.sip.SipMethod;
import dev.sipscope.decoder.sip.SipSink;
import dev.sipscope.decoder.sip.SipTransport;
import dev.sipscope.quality.StreamSummary;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of {@code sipscope stats}: SIP requests per method and responses per status code
 * (every message decoded, retransmissions included, as tshark counts them), calls per kind and
 * state, retransmissions, post-dial delay and setup time percentiles, the distribution of stream
 * MOS over the ITU-T G.107 satisfaction bands, and the hosts that sent the most.
 *
 * <p>{@link Counter} is the only per-message part: a {@link SipSink} incrementing arrays, no
 * allocation. The rest is computed once from the snapshot by {@link #of}.
 */
public final class CaptureStats {
    /** Hosts listed as top talkers. */
    public static final int TOP_TALKERS = 10;
    /** Lower MOS bounds of the G.107 (Annex B) satisfaction bands, best first; the last band is below 2.58. */
    static final double[] MOS_BANDS = {4.34, 4.03, 3.60, 3.10, 2.58};
    static final String[] MOS_BAND_NAMES = {"very satisfied", "satisfied", "some dissatisfied",
        "many dissatisfied", "nearly all dissatisfied", "not recommended"};

    /** Counts SIP messages per method and status code; run it as the engine's SIP tap. */
    public static final class Counter implements SipSink {
        private final long[] methods = new long[SipMethod.values().length];
        private final long[] statuses = new long[700];

        @Override
        public void onSipMessage(SipMessage message, SipTransport transport, Packet packet) {
            if (message.isRequest()) {
                methods[message.method().ordinal()]++;
            } else {
                int code = message.statusCode();
                if (code >= 100 && code < 700) {
                    statuses[code]++;
                }
            }
        }

        /** Adds {@code n} requests of {@code method} (messages counted elsewhere, e.g. per call). */
        public void addRequests(SipMethod method, long n) {
            methods[method.ordinal()] += n;
        }

        /** Adds {@code n} responses with status {@code code} (100..699; others are ignored). */
        public void addResponses(int code, long n) {
            if (code >= 100 && code < 700) {
                statuses[code] += n;
            }
        }
    }

    /** One host: calls it started or answered (as caller/callee address) and the RTP it sent. */
    public record Talker(String host, long callsStarted, long callsReceived, long rtpStreams, long rtpPackets,
                         long rtpBytes) {
    }

    /** Nearest-rank percentiles of a duration over {@code count} calls, in ms; NaN when none. */
    public record Percentiles(long count, double p50Ms, double p90Ms, double p99Ms) {
    }

    private final Map<String, Long> requests;
    private final Map<Integer, Long> responses;
    private final Map<CallKind, Map<CallState, Long>> states;
    private final long retransmissions;
    private final long callsWithRetransmissions;
    private final Percentiles postDialDelay;
    private final Percentiles setupTime;
    private final long[] mosBands;
    private final long streamsWithoutMos;
    private final List<Talker> talkers;

    private CaptureStats(Map<String, Long> requests, Map<Integer, Long> responses,
                         Map<CallKind, Map<CallState, Long>> states, long retransmissions,
                         long callsWithRetransmissions, Percentiles postDialDelay, Percentiles setupTime,
                         long[] mosBands, long streamsWithoutMos, List<Talker> talkers) {
        this.requests = requests;
        this.responses = responses;
        this.states = states;
        this.retransmissions = retransmissions;
        this.callsWithRetransmissions = callsWithRetransmissions;
        this.postDialDelay = postDialDelay;
        this.setupTime = setupTime;
        this.mosBands = mosBands;
        this.streamsWithoutMos = streamsWithoutMos;
        this.talkers = talkers;
    }

    public static CaptureStats of(Counter counter, List<CallSummary> calls, List<StreamSummary> streams) {
        Map<String, Long> requests = new LinkedHashMap<>();
        SipMethod[] methods = SipMethod.values();
        Integer[] order = new Integer[methods.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> -counter.methods[i]).thenComparing(i -> i));
        for (int i : order) {
            if (counter.methods[i] > 0) {
                requests.put(methods[i] == SipMethod.UNKNOWN ? "other" : methods[i].name(), counter.methods[i]);
            }
        }
        Map<Integer, Long> responses = new LinkedHashMap<>();
        for (int code = 100; code < 700; code++) {
            if (counter.statuses[code] > 0) {
                responses.put(code, counter.statuses[code]);
            }
        }
        Map<CallKind, Map<CallState, Long>> states = new EnumMap<>(CallKind.class);
        long retransmissions = 0;
        long callsWithRetransmissions = 0;
        long[] pdd = new long[calls.size()];
        long[] setup = new long[calls.size()];
        int pddCount = 0;
        int setupCount = 0;
        Map<String, long[]> hosts = new HashMap<>();
        for (CallSummary c : calls) {
            states.computeIfAbsent(c.kind(), k -> new EnumMap<>(CallState.class)).merge(c.state(), 1L, Long::sum);
            retransmissions += c.retransmissions();
            callsWithRetransmissions += c.retransmissions() > 0 ? 1 : 0;
            if (c.kind() == CallKind.CALL && c.postDialDelayNanos() >= 0) {
                pdd[pddCount++] = c.postDialDelayNanos();
            }
            if (c.kind() == CallKind.CALL && c.setupNanos() >= 0) {
                setup[setupCount++] = c.setupNanos();
            }
            if (c.caller() != null) {
                hosts.computeIfAbsent(host(c.caller()), h -> new long[5])[0]++;
            }
            if (c.callee() != null) {
                hosts.computeIfAbsent(host(c.callee()), h -> new long[5])[1]++;
            }
        }
        long[] bands = new long[MOS_BAND_NAMES.length];
        long withoutMos = 0;
        for (StreamSummary s : streams) {
            long[] h = hosts.computeIfAbsent(s.srcAddress(), k -> new long[5]);
            h[2]++;
            h[3] += s.packets();
            h[4] += s.ipBytes();
            Double mos = s.emodel() == null ? null : s.emodel().mosLq();
            if (mos == null) {
                withoutMos++;
            } else {
                bands[band(mos)]++;
            }
        }
        List<Talker> talkers = new ArrayList<>();
        for (Map.Entry<String, long[]> e : hosts.entrySet()) {
            long[] v = e.getValue();
            talkers.add(new Talker(e.getKey(), v[0], v[1], v[2], v[3], v[4]));
        }
        talkers.sort(Comparator.comparingLong((Talker t) -> -t.rtpBytes())
                .thenComparingLong(t -> -(t.callsStarted() + t.callsReceived()))
                .thenComparing(Talker::host));
        return new CaptureStats(requests, responses, states, retransmissions, callsWithRetransmissions,
                percentiles(pdd, pddCount), percentiles(setup, setupCount), bands, withoutMos,
                List.copyOf(talkers.subList(0, Math.min(TOP_TALKERS, talkers.size()))));
    }

    /** The band index of {@code mos} in {@link #MOS_BAND_NAMES}. */
    static int band(double mos) {
        for (int i = 0; i < MOS_BANDS.length; i++) {
            if (mos >= MOS_BANDS[i]) {
                return i;
            }
        }
        return MOS_BANDS.length;
    }

    /** Nearest-rank percentiles (the smallest value with at least p% of the values at or below it). */
    static Percentiles percentiles(long[] nanos, int count) {
        if (count == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] v = Arrays.copyOf(nanos, count);
        Arrays.sort(v);
        return new Percentiles(count, rank(v, 50) / 1e6, rank(v, 90) / 1e6, rank(v, 99) / 1e6);
    }

    private static long rank(long[] sorted, int percent) {
        int n = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, n - 1)];
    }

    /** The address of {@code ip:port} or {@code [v6]:port}. */
    static String host(String endpoint) {
        if (endpoint.startsWith("[")) {
            int end = endpoint.indexOf(']');
            return end > 0 ? endpoint.substring(1, end) : endpoint;
        }
        int colon = endpoint.lastIndexOf(':');
        return colon > 0 ? endpoint.substring(0, colon) : endpoint;
    }

    public Map<String, Long> requests() {
        return requests;
    }

    public Map<Integer, Long> responses() {
        return responses;
    }

    public Percentiles postDialDelay() {
        return postDialDelay;
    }

    public Percentiles setupTime() {
        return setupTime;
    }

    public List<Talker> talkers() {
        return talkers;
    }

    // ------------------------------------------------------------------ text

    public void writeText(PrintWriter out) {
        out.println("SIP requests (retransmissions included)");
        if (requests.isEmpty()) {
            out.println("  none");
        }
        requests.forEach((m, n) -> out.printf(Locale.ROOT, "  %-12s %,12d%n", m, n));
        out.println();
        out.println("SIP responses");
        if (responses.isEmpty()) {
            out.println("  none");
        }
        responses.forEach((code, n) -> out.printf(Locale.ROOT, "  %-12d %,12d%n", code, n));
        out.println();
        out.println("Calls by kind and state");
        if (states.isEmpty()) {
            out.println("  none");
        }
        states.forEach((kind, byState) -> byState.forEach((state, n) ->
                out.printf(Locale.ROOT, "  %-10s %-14s %,10d%n", kind.jsonName(), state.jsonName(), n)));
        out.println();
        out.printf(Locale.ROOT, "Retransmissions %,d, in %,d calls%n", retransmissions, callsWithRetransmissions);
        out.println();
        out.println("INVITE timings           calls      p50      p90      p99");
        percentileRow(out, "post-dial delay (ms)", postDialDelay);
        percentileRow(out, "setup time (ms)", setupTime);
        out.println();
        out.println("Stream MOS (G.107 bands)");
        for (int i = 0; i < MOS_BAND_NAMES.length; i++) {
            String range = i == 0 ? String.format(Locale.ROOT, ">= %.2f", MOS_BANDS[0])
                    : i < MOS_BANDS.length ? String.format(Locale.ROOT, "%.2f-%.2f", MOS_BANDS[i], MOS_BANDS[i - 1])
                    : String.format(Locale.ROOT, "< %.2f", MOS_BANDS[MOS_BANDS.length - 1]);
            out.printf(Locale.ROOT, "  %-10s %-24s %,8d%n", range, MOS_BAND_NAMES[i], mosBands[i]);
        }
        out.printf(Locale.ROOT, "  %-10s %-24s %,8d%n", "-", "no MOS", streamsWithoutMos);
        out.println();
        out.println("Top talkers        calls out  calls in  RTP streams  RTP packets   RTP bytes");
        if (talkers.isEmpty()) {
            out.println("  none");
        }
        for (Talker t : talkers) {
            out.printf(Locale.ROOT, "  %-16s %9d %9d %12d %12d %11d%n", CallsText.fit(TerminalText.safe(t.host()), 16),
                    t.callsStarted(), t.callsReceived(), t.rtpStreams(), t.rtpPackets(), t.rtpBytes());
        }
    }

    private static void percentileRow(PrintWriter out, String name, Percentiles p) {
        if (p.count() == 0) {
            out.printf(Locale.ROOT, "  %-20s %7d %8s %8s %8s%n", name, 0, "-", "-", "-");
        } else {
            out.printf(Locale.ROOT, "  %-20s %7d %8.1f %8.1f %8.1f%n", name, p.count(), p.p50Ms(), p.p90Ms(), p.p99Ms());
        }
    }

    // ------------------------------------------------------------------ json

    /** The figures as one JSON object. */
    public void writeJson(JsonWriter json) {
        json.beginObject();
        writeJsonFields(json);
        json.endObject();
    }

    /** The figures as the fields of a JSON object the caller opened (and closes), so that it can add its own. */
    public void writeJsonFields(JsonWriter json) {
        json.name("requests").beginObject();
        requests.forEach(json::field);
        json.endObject();
        json.name("responses").beginObject();
        responses.forEach((code, n) -> json.field(Integer.toString(code), n));
        json.endObject();
        json.name("call_states").beginObject();
        states.forEach((kind, byState) -> {
            json.name(kind.jsonName()).beginObject();
            byState.forEach((state, n) -> json.field(state.jsonName(), n));
            json.endObject();
        });
        json.endObject();
        json.field("retransmissions", retransmissions);
        json.field("calls_with_retransmissions", callsWithRetransmissions);
        percentiles(json, "post_dial_delay_ms", postDialDelay);
        percentiles(json, "setup_time_ms", setupTime);
        json.name("mos_bands").beginArray();
        for (int i = 0; i < MOS_BAND_NAMES.length; i++) {
            json.beginObject();
            json.name("min");
            if (i < MOS_BANDS.length) {
                json.value(MOS_BANDS[i], 2);
            } else {
                json.nullValue();
            }
            json.field("label", MOS_BAND_NAMES[i]);
            json.field("streams", mosBands[i]);
            json.endObject();
        }
        json.endArray();
        json.field("streams_without_mos", streamsWithoutMos);
        json.name("top_talkers").beginArray();
        for (Talker t : talkers) {
            json.beginObject();
            json.field("host", t.host());
            json.field("calls_started", t.callsStarted());
            json.field("calls_received", t.callsReceived());
            json.field("rtp_streams", t.rtpStreams());
            json.field("rtp_packets", t.rtpPackets());
            json.field("rtp_bytes", t.rtpBytes());
            json.endObject();
        }
        json.endArray();
    }

    private static void percentiles(JsonWriter json, String name, Percentiles p) {
        json.name(name).beginObject();
        json.field("calls", p.count());
        for (String q : new String[] {"p50", "p90", "p99"}) {
            json.name(q);
            double v = q.equals("p50") ? p.p50Ms() : q.equals("p90") ? p.p90Ms() : p.p99Ms();
            if (Double.isNaN(v)) {
                json.nullValue();
            } else {
                json.value(v, 3);
            }
        }
        json.endObject();
    }
}
