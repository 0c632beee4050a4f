package dev.sipscope.tui.cli;

import dev.sipscope.correlator.call.CorrelatorConfig;
import dev.sipscope.correlator.export.CaptureStats;
import dev.sipscope.correlator.export.JsonWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sipscope stats FILE...}: counts and distributions over a whole capture. */
@Command(name = "stats",
        mixinStandardHelpOptions = true,
        description = {"Statistics of a capture: SIP counts, call states, timings, MOS, top talkers.",
                "SIP requests per method and responses per code, calls per state, retransmissions, post-dial",
                "delay and setup time p50/p90/p99, stream MOS per G.107 band, the hosts that sent the most RTP."},
        footer = {"", "Examples:",
                "  sipscope stats samples/captures/calls-mixed.pcap",
                "  sipscope stats --format json trace.pcapng.gz",
                "",
                "Exit codes: 0 ok, 1 usage error, 2 input unreadable or output unwritable."})
public final class StatsCommand implements Callable<Integer> {

    enum Format { text, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files (pcap, pcapng, optionally gzip'ed), or '-'.")
    List<String> files = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--max-calls", paramLabel = "N", defaultValue = "250000",
            description = "Calls kept for the figures (default: ${DEFAULT-VALUE}); beyond, the oldest finished calls are left out.")
    int maxCalls;

    @Mixin
    BatchInput input;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String bad = input.badOption();
        if (bad == null && maxCalls < 1) {
            bad = "--max-calls: must be at least 1, got " + maxCalls;
        }
        if (bad != null) {
            err.println("sipscope: " + bad);
            err.println("Try 'sipscope stats --help' for more information.");
            return ExitCodes.USAGE;
        }
        CaptureStats.Counter counter = new CaptureStats.Counter();
        input.maxCallsOption = true;
        BatchInput.Result r = input.run(files,
                CorrelatorConfig.DEFAULTS.withMaxCalls(maxCalls).withMaxMessagesPerCall(0), err,
                engine -> engine.tapSip(counter));
        if (r.exitCode() != ExitCodes.OK) {
            return r.exitCode();
        }
        CaptureStats stats = CaptureStats.of(counter, r.engine().snapshot().calls(), r.quality().summaries());
        if (format == Format.json) {
            JsonWriter json = new JsonWriter(out, true);
            stats.writeJson(json);
            json.finish();
        } else {
            stats.writeText(out);
        }
        return OutputFiles.stdoutOk(out, err) ? ExitCodes.OK : ExitCodes.INPUT;
    }
}
