package dev.sipscope.tui.cli;

import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.call.CorrelatorConfig;
import dev.sipscope.correlator.export.CallLadder;
import dev.sipscope.correlator.export.JsonWriter;
import dev.sipscope.correlator.export.StreamsJson;
import dev.sipscope.correlator.export.TerminalText;
import dev.sipscope.quality.StreamSummary;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code sipscope ladder FILE... --call CALL_ID}: the message ladder of one call. */
public final class LadderCommand {

    enum Format { text, json, mermaid }

    /** Messages kept per call: a ladder longer than this is cut, and says so. */
    static final int MAX_MESSAGES = 2_000;

    List<String> files = new ArrayList<>();
    String callId;
    Format format = Format.text;
    final BatchInput input = new BatchInput();
    final FilterOption filter = new FilterOption();

    /** The command line of {@code ladder}, bound to this instance. */
    public Cli.Command command() {
        Cli.Command c = new Cli.Command("ladder")
                .description("Draw one call as a ladder: hosts, SIP messages, RTP streams.",
                        "Columns are hosts, arrows are messages with the time since the previous one, RTP streams are bands.")
                .params("FILE", 1, files::add, "Capture files (pcap, pcapng, optionally gzip'ed), or '-'.")
                .option("--call", "CALL_ID", v -> callId = v, "The Call-ID of the call to draw (or choose it with --filter).")
                .option("-f,--format", "FORMAT", v -> format = Cli.choice(v, Format.values()),
                        "Output format: " + Cli.names(Format.values()) + " (default: text); mermaid is a "
                                + "sequence diagram GitHub renders inside a ```mermaid block.");
        input.addTo(c);
        filter.addTo(c);
        return c.footer("", "Examples:",
                        "  sipscope ladder samples/captures/call-udp-g711.pcap \\",
                        "      --call aeeb3a72751b0b3cd159d60c@10.0.0.1",
                        "  sipscope ladder trace.pcap --call 'abc@host' --format mermaid > call.md",
                        "  sipscope ladder trace.pcap --filter 'from:alice state:busy'  (one call only)",
                        "  sipscope ladder trace.pcap --call 'abc@host' --format json",
                        "",
                        "Exit codes: 0 ok, 1 usage error or no such call, 2 input unreadable or output unwritable.")
                .action(this::call);
    }

    int call(PrintWriter out, PrintWriter err) {
        String bad = input.badOption();
        if (bad == null) {
            bad = filter.parse();
        }
        if (bad == null && callId == null && !filter.active()) {
            bad = "ladder needs --call CALL_ID or --filter EXPR matching one call";
        }
        if (bad != null) {
            err.println("sipscope: " + TerminalText.safe(bad));
            err.println("Try 'sipscope ladder --help' for more information.");
            return ExitCodes.USAGE;
        }
        // With --call only that call keeps its messages, and it is never the one evicted: as many calls as
        // analyze keeps (their links), and the call drawn whatever the size of the capture.
        CorrelatorConfig config = CorrelatorConfig.DEFAULTS.withMaxMessagesPerCall(MAX_MESSAGES);
        BatchInput.Result r = input.run(files,
                callId == null ? config : config.withMaxCalls(BatchInput.DEFAULT_MAX_CALLS), err,
                engine -> {
                    engine.correlator().focusOn(callId);
                    engine.tapSip(filter.tap(null));
                });
        if (r.exitCode() != ExitCodes.OK) {
            return r.exitCode();
        }
        List<CallSummary> calls = r.engine().snapshot().calls();
        List<CallSummary> candidates = new ArrayList<>();
        for (CallSummary c : calls) {
            if (callId == null || c.callId().equals(callId)) {
                candidates.add(c);
            }
        }
        if (callId != null && candidates.isEmpty()) {
            err.println("sipscope: no call with Call-ID '" + TerminalText.safe(callId) + "' among the "
                    + calls.size() + " calls of the capture (sipscope analyze lists them)");
            return ExitCodes.USAGE;
        }
        List<CallSummary> chosen = filter.select(candidates, r.quality().summaries());
        if (chosen.size() != 1) {
            StringBuilder ids = new StringBuilder();
            for (int i = 0; i < chosen.size() && i < 5; i++) {
                ids.append(i == 0 ? "" : ", ").append(TerminalText.safe(chosen.get(i).callId()));
            }
            err.println("sipscope: the filter '" + TerminalText.safe(filter.text()) + "' matches "
                    + (chosen.isEmpty() ? "no call" : chosen.size() + " calls (" + ids
                        + (chosen.size() > 5 ? ", ..." : "") + "); a ladder draws one: narrow the filter or give --call")
                    + (chosen.isEmpty() ? " of the " + candidates.size() + (callId == null ? "" : " with that Call-ID")
                        : "")
                    + (chosen.isEmpty() && callId == null && r.summary().callsEvicted() > 0
                        ? "; " + r.summary().callsEvicted() + " finished calls were left out to bound memory: find its"
                            + " Call-ID with 'sipscope analyze --filter', which keeps more calls, and give it with --call,"
                            + " which keeps that call whatever the size of the capture"
                        : ""));
            return ExitCodes.USAGE;
        }
        CallSummary call = chosen.get(0);
        List<StreamSummary> all = r.quality().summaries();
        Map<String, StreamSummary> streams = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            if (call.callId().equals(StreamsJson.callIdOf(all.get(i)))) {
                streams.put(StreamsJson.id(i), all.get(i));
            }
        }
        CallLadder ladder = CallLadder.of(call, streams);
        try {
            switch (format) {
                case mermaid:
                    ladder.writeMermaid(out);
                    break;
                case json:
                    JsonWriter json = new JsonWriter(out, true);
                    ladder.writeJson(json);
                    json.finish();
                    break;
                default:
                    ladder.writeText(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return OutputFiles.stdoutOk(out, err) ? ExitCodes.OK : ExitCodes.INPUT;
    }
}
