package dev.sipscope.tui.cli;

import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.call.CorrelatorConfig;
import dev.sipscope.correlator.export.TerminalText;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.sip.ByteKey;
import dev.sipscope.decoder.sip.SipMessage;
import dev.sipscope.decoder.sip.SipMethod;
import dev.sipscope.decoder.sip.SipSink;
import dev.sipscope.decoder.sip.SipTransport;
import dev.sipscope.quality.StreamSummary;
import dev.sipscope.correlator.export.CaptureStats;
import dev.sipscope.correlator.export.JsonWriter;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sipscope stats FILE...}: counts and distributions over a whole capture, or over the calls
 * a {@code --filter} selects (then the SIP message counts are those of the selected calls' messages,
 * counted per Call-ID during the run).
 */
public final class StatsCommand {

    enum Format { text, json }

    List<String> files = new ArrayList<>();
    Format format = Format.text;
    int maxCalls = BatchInput.DEFAULT_MAX_CALLS;
    final BatchInput input = new BatchInput();
    final FilterOption filter = new FilterOption();

    /** The command line of {@code stats}, bound to this instance. */
    public Cli.Command command() {
        Cli.Command c = new Cli.Command("stats")
                .description("Statistics of a capture: SIP counts, call states, timings, MOS, top talkers.",
                        "SIP requests per method and responses per code, calls per state, retransmissions, post-dial",
                        "delay and setup time p50/p90/p99, stream MOS per G.107 band, the hosts that sent the most RTP.")
                .params("FILE", 1, files::add, "Capture files (pcap, pcapng, optionally gzip'ed), or '-'.")
                .option("-f,--format", "FORMAT", v -> format = Cli.choice(v, Format.values()),
                        "Output format: " + Cli.names(Format.values()) + " (default: text).")
                .option("--max-calls", "N", v -> maxCalls = Cli.intValue(v),
                        "Calls kept for the figures (default:" + Cli.NBSP + "250000); beyond, the oldest finished calls are left out.");
        input.addTo(c);
        filter.addTo(c);
        return c.footer("", "Examples:",
                        "  sipscope stats samples/captures/calls-mixed.pcap",
                        "  sipscope stats --format json trace.pcapng.gz",
                        "  sipscope stats --filter method:invite trace.pcap",
                        "  sipscope stats --filter 'after:10:00 before:11:00 callee:10.0.2.1' t.pcap",
                        "",
                        "Exit codes: 0 ok, 1 usage error, 2 input unreadable or output unwritable.")
                .action(this::call);
    }

    /** SIP requests per method and responses per code, per Call-ID, as (key, count) pairs; key < 0 is a method. */
    static final class PerCall implements SipSink {
        private final Map<ByteKey, long[]> counts = new HashMap<>();

        @Override
        public void onSipMessage(SipMessage message, SipTransport transport, Packet packet) {
            ByteKey id = message.callId();
            if (id == null) {
                return;
            }
            int key;
            if (message.isRequest()) {
                key = -1 - message.method().ordinal();
            } else {
                key = message.statusCode();
                if (key < 100 || key >= 700) {
                    return;
                }
            }
            long[] pairs = counts.get(id);
            if (pairs == null) {
                pairs = new long[8];
                Arrays.fill(pairs, Long.MIN_VALUE);
                counts.put(id, pairs);
            }
            int i = 0;
            while (i < pairs.length && pairs[i] != Long.MIN_VALUE && pairs[i] != key) {
                i += 2;
            }
            if (i == pairs.length) {
                int old = pairs.length;
                pairs = Arrays.copyOf(pairs, old * 2);
                Arrays.fill(pairs, old, pairs.length, Long.MIN_VALUE);
                counts.put(id, pairs);
            }
            if (pairs[i] == Long.MIN_VALUE) {
                pairs[i] = key;
                pairs[i + 1] = 0;
            }
            pairs[i + 1]++;
        }

        void addTo(String callId, CaptureStats.Counter counter) {
            long[] pairs = counts.get(ByteKey.of(callId));
            if (pairs == null) {
                return;
            }
            SipMethod[] methods = SipMethod.values();
            for (int i = 0; i < pairs.length && pairs[i] != Long.MIN_VALUE; i += 2) {
                if (pairs[i] < 0) {
                    counter.addRequests(methods[(int) (-1 - pairs[i])], pairs[i + 1]);
                } else {
                    counter.addResponses((int) pairs[i], pairs[i + 1]);
                }
            }
        }
    }

    int call(PrintWriter out, PrintWriter err) {
        String bad = input.badOption();
        if (bad == null && maxCalls < 1) {
            bad = "--max-calls: must be at least 1, got " + maxCalls;
        }
        if (bad == null) {
            bad = filter.parse();
        }
        if (bad != null) {
            err.println("sipscope: " + TerminalText.safe(bad));
            err.println("Try 'sipscope stats --help' for more information.");
            return ExitCodes.USAGE;
        }
        CaptureStats.Counter counter = new CaptureStats.Counter();
        PerCall perCall = filter.active() ? new PerCall() : null;
        input.maxCallsOption = true;
        BatchInput.Result r = input.run(files,
                CorrelatorConfig.DEFAULTS.withMaxCalls(maxCalls).withMaxMessagesPerCall(0), err,
                engine -> engine.tapSip(filter.tap(perCall != null ? perCall : counter)));
        if (r.exitCode() != ExitCodes.OK) {
            return r.exitCode();
        }
        List<CallSummary> calls = r.engine().snapshot().calls();
        List<StreamSummary> streams = r.quality().summaries();
        int callsTotal = calls.size();
        int streamsTotal = streams.size();
        if (perCall != null) {
            calls = filter.select(calls, streams);
            Set<String> ids = new HashSet<>();
            for (CallSummary c : calls) {
                ids.add(c.callId());
                perCall.addTo(c.callId(), counter);
            }
            streams = FilterOption.streamsOf(ids, streams);
        }
        CaptureStats stats = CaptureStats.of(counter, calls, streams);
        if (perCall != null && format == Format.text) {
            out.println("Filter: " + TerminalText.safe(filter.text()) + "  (" + calls.size() + " of " + callsTotal
                    + " calls, " + streams.size() + " of " + streamsTotal + " streams; SIP counts are those calls' messages)");
            out.println();
        }
        if (format == Format.json) {
            JsonWriter json = new JsonWriter(out, true);
            json.beginObject();
            if (perCall != null) {
                // as analyze's "filter" object (docs/JSON.md), with the streams of the capture too
                json.name("filter").beginObject();
                json.field("expression", filter.text());
                json.field("calls_matched", calls.size());
                json.field("calls_total", callsTotal);
                json.field("streams_matched", streams.size());
                json.field("streams_total", streamsTotal);
                json.endObject();
            }
            stats.writeJsonFields(json);
            json.endObject();
            json.finish();
        } else {
            stats.writeText(out);
        }
        return OutputFiles.stdoutOk(out, err) ? ExitCodes.OK : ExitCodes.INPUT;
    }
}
