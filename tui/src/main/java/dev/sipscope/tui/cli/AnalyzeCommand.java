package dev.sipscope.tui.cli;

import dev.sipscope.capture.FrameSource;
import dev.sipscope.correlator.CaptureSummary;
import dev.sipscope.correlator.Engine;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.call.CorrelatorConfig;
import dev.sipscope.correlator.diag.DiagnosticConfig;
import dev.sipscope.correlator.export.CallsCsv;
import dev.sipscope.correlator.export.CallsJson;
import dev.sipscope.correlator.export.CallsText;
import dev.sipscope.correlator.export.JsonWriter;
import dev.sipscope.correlator.export.StreamsCsv;
import dev.sipscope.correlator.export.StreamsJson;
import dev.sipscope.correlator.export.StreamsText;
import dev.sipscope.correlator.export.SummaryJson;
import dev.sipscope.quality.QualityEngine;
import dev.sipscope.quality.StreamSummary;
import dev.sipscope.correlator.export.TerminalText;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code sipscope analyze FILE...}: batch analysis of capture files. */
public final class AnalyzeCommand {

    enum Format { text, json, csv }

    List<String> files = new ArrayList<>();
    Format format = Format.text;
    Path callsCsv;
    Path streamsCsv;
    int maxCalls = BatchInput.DEFAULT_MAX_CALLS;
    List<String> failOn;
    final BatchInput input = new BatchInput();
    final FilterOption filter = new FilterOption();

    /** The command line of {@code analyze}, bound to this instance. */
    public Cli.Command command() {
        Cli.Command c = new Cli.Command("analyze")
                .description("Analyse pcap/pcapng capture files (plain or .gz; '-' reads standard input).",
                        "Several files are merged in time order as one capture.")
                .params("FILE", 1, files::add, "Capture files (pcap, pcapng, optionally gzip'ed), or '-'.")
                .option("-f,--format", "FORMAT", v -> format = Cli.choice(v, Format.values()),
                        "Output format: " + Cli.names(Format.values()) + " (default: text); csv writes the calls "
                                + "CSV (docs/CSV.md).")
                .option("--calls-csv", "FILE", v -> callsCsv = Cli.pathValue(v),
                        "Also write the calls as CSV to FILE (columns in docs/CSV.md).")
                .option("--streams-csv", "FILE", v -> streamsCsv = Cli.pathValue(v),
                        "Also write the RTP streams as CSV to FILE (columns in docs/CSV.md).")
                .option("--max-calls", "N", v -> maxCalls = Cli.intValue(v),
                        "Calls kept for the report (default:" + Cli.NBSP + "250000, about 2.5 KB each); beyond, the oldest",
                        "finished calls are left out, counted and warned about.")
                .list("--fail-on", "DIAG", v -> failOn = Cli.append(failOn, v),
                        "Exit with code 3 when a call has one of these diagnostic codes (docs/JSON.md, e.g. "
                                + "ONE_WAY_AUDIO,LOW_MOS; 'any' for every code). The report is written in full first.");
        input.addTo(c);
        filter.addTo(c);
        return c.footer("", "Examples:",
                        "  sipscope analyze samples/captures/call-udp-g711.pcap",
                        "  sipscope analyze --format json trace.pcapng.gz",
                        "  sipscope analyze --calls-csv calls.csv --streams-csv streams.csv trace.pcap",
                        "  sipscope analyze --filter 'state:busy or code:5xx' trace.pcap",
                        "  sipscope analyze --filter 'from:alice mos<3.5' --format json trace.pcap",
                        "  sipscope analyze --fail-on ONE_WAY_AUDIO,LOW_MOS trace.pcap || echo bad audio",
                        "  sipscope analyze --sip-port 5060,6060 trace.pcap",
                        "  tcpdump -i eth0 -w - port 5060 | sipscope analyze -",
                        "",
                        "Exit codes: 0 ok, 1 usage error, 2 input unreadable or output unwritable,",
                        "3 a call has a diagnostic named by --fail-on.")
                .action(this::call);
    }

    int call(PrintWriter out, PrintWriter err) {
        String badPort = input.badOption();
        if (badPort == null && maxCalls < 1) {
            badPort = "--max-calls: must be at least 1, got " + maxCalls;
        }
        FailOn failOnCodes = null;
        if (badPort == null && failOn != null) {
            try {
                failOnCodes = FailOn.parse(failOn);
            } catch (IllegalArgumentException e) {
                badPort = e.getMessage();
            }
        }
        if (badPort == null) {
            badPort = filter.parse();
        }
        if (badPort != null) {
            err.println("sipscope: " + TerminalText.safe(badPort));
            err.println("Try 'sipscope analyze --help' for more information.");
            return ExitCodes.USAGE;
        }
        input.maxCallsOption = true;
        BatchInput.Result run = input.run(files,
                CorrelatorConfig.DEFAULTS.withMaxCalls(maxCalls).withMaxMessagesPerCall(0), err,
                engine -> engine.tapSip(filter.tap(null)));
        if (run.exitCode() != ExitCodes.OK) {
            return run.exitCode();
        }
        CaptureSummary summary = run.summary();
        Engine engine = run.engine();
        QualityEngine quality = run.quality();
        // The JSON report alone reads each call once (on two threads): then each call's summary is
        // made as the report writes it and dropped after, instead of all of them first and kept until
        // the end (docs/PERFORMANCE.md, "Eighth round"). A filter, --fail-on, a calls CSV or another
        // format read the calls more than once, or on one thread: for them the summaries are made
        // once, on two threads, and kept.
        boolean onePass = format == Format.json && !filter.active() && failOnCodes == null && callsCsv == null;
        List<CallSummary> allCalls = onePass ? engine.correlator().summariesOnDemand() : engine.snapshot().calls();
        List<StreamSummary> allStreams = quality.summaries();
        List<CallSummary> calls = filter.select(allCalls, allStreams);
        List<StreamSummary> streams0 = allStreams;
        if (filter.active()) {
            List<String> ids = new ArrayList<>();
            for (CallSummary c : calls) {
                ids.add(c.callId());
            }
            streams0 = FilterOption.streamsOf(new java.util.HashSet<>(ids), allStreams);
        }
        List<StreamSummary> streams = streams0;
        Path writing = null;
        try {
            if (callsCsv != null) {
                writing = callsCsv;
                OutputFiles.write(callsCsv, o -> {
                    Writer w = new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8));
                    CallsCsv.write(w, calls, streams, DiagnosticConfig.DEFAULTS);
                    w.flush();
                });
            }
            if (streamsCsv != null) {
                writing = streamsCsv;
                OutputFiles.write(streamsCsv, o -> {
                    Writer w = new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8));
                    StreamsCsv.write(w, streams);
                    w.flush();
                });
            }
        } catch (IOException e) {
            err.println("sipscope: cannot write " + TerminalText.safe(writing + ": " + CaptureCommand.reason(e)) + ".");
            if (input.verbose) {
                e.printStackTrace(err);
            }
            return ExitCodes.INPUT;
        }
        if (format == Format.csv) {
            try {
                CallsCsv.write(out, calls, streams, DiagnosticConfig.DEFAULTS);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else if (format == Format.json) {
            out.flush();
            JsonWriter json = out instanceof ByteStreamWriter
                    ? new JsonWriter(((ByteStreamWriter) out).bytes(), true) : new JsonWriter(out, true);
            json.beginObject();
            json.field("sipscope_version", dev.sipscope.tui.Main.Version.get());
            SummaryJson.writeCapture(json, summary, quality.counters());
            if (filter.active()) {
                json.name("filter").beginObject();
                json.field("expression", filter.text());
                json.field("calls_matched", calls.size());
                json.field("calls_total", allCalls.size());
                json.field("streams_matched", streams.size());
                json.endObject();
            }
            CallsJson.writeCalls(json, calls, StreamsJson.byCall(streams));
            StreamsJson.writeStreams(json, streams);
            json.endObject();
            json.finish();
        } else {
            TextSummary.print(out, summary);
            out.println();
            if (filter.active()) {
                out.println("Filter: " + TerminalText.safe(filter.text()) + "  (" + calls.size() + " of "
                        + allCalls.size() + " calls, " + streams.size() + " of " + allStreams.size()
                        + " streams)");
            }
            CallsText.print(out, calls);
            out.println();
            StreamsText.print(out, streams);
        }
        if (!OutputFiles.stdoutOk(out, err)) {
            return ExitCodes.INPUT;
        }
        if (failOnCodes != null) {
            Map<String, Integer> found = failOnCodes.count(calls, streams, DiagnosticConfig.DEFAULTS);
            if (!found.isEmpty()) {
                StringBuilder b = new StringBuilder();
                for (Map.Entry<String, Integer> e : found.entrySet()) {
                    b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(" in ").append(e.getValue())
                            .append(e.getValue() == 1 ? " call" : " calls");
                }
                err.println("sipscope: --fail-on matched: " + b);
                return ExitCodes.PROBLEMS;
            }
        }
        return ExitCodes.OK;
    }

    /** The inputs' total size in bytes, or -1 when one is unknown (standard input). */
    static long totalSize(List<FrameSource> sources) {
        long total = 0;
        for (FrameSource s : sources) {
            if (s.size() < 0) {
                return -1;
            }
            total += s.size();
        }
        return total;
    }

    /** A sentence naming the first port of {@code ports} outside 0..65535, or null. */
    static String badPort(String option, List<Integer> ports) {
        if (ports != null) {
            for (int p : ports) {
                if (p < 0 || p > 65535) {
                    return option + ": " + p + " is not a port (0..65535)";
                }
            }
        }
        return null;
    }

    /** One sentence for an I/O failure, naming the file. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return e.getMessage() + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return e.getMessage() + ": permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** The text report of the capture section. */
    static final class TextSummary {
        private TextSummary() {
        }

        static void print(PrintWriter out, CaptureSummary s) {
            out.println("Capture: " + TerminalText.safe(String.join(", ", s.inputs()))
                    + (s.truncated() ? "  (TRUNCATED)" : ""));
            if (s.hasFrames()) {
                out.printf("  first     %s%n  last      %s (%.3f s later)%n", SummaryJson.isoTime(s.firstTimeNanos()),
                        SummaryJson.isoTime(s.lastTimeNanos()), (s.lastTimeNanos() - s.firstTimeNanos()) / 1e9);
            }
            row(out, "frames", s.frames());
            row(out, "bytes", s.capturedBytes());
            StringBuilder lt = new StringBuilder();
            for (Map.Entry<String, Long> e : s.linkTypes().entrySet()) {
                lt.append(lt.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
            }
            out.printf("  %-26s %s%n", "link types", lt.length() == 0 ? "-" : lt);
            row(out, "IPv4 packets", s.ipv4Packets());
            row(out, "IPv6 packets", s.ipv6Packets());
            row(out, "UDP datagrams", s.udpDatagrams());
            row(out, "TCP segments", s.tcpSegments());
            row(out, "TCP streams", s.tcpStreams());
            if (s.sctpChunks() > 0) {
                row(out, "SCTP data chunks", s.sctpChunks());
            }
            if (s.hepPackets() > 0) {
                row(out, "HEP packets", s.hepPackets());
            }
            row(out, "IP datagrams reassembled", s.ipFragmentsReassembled());
            row(out, "SIP messages", s.sipMessages());
            StringBuilder sipWhy = new StringBuilder();
            for (Map.Entry<String, Long> e : s.sipMalformedReasons().entrySet()) {
                sipWhy.append(sipWhy.length() == 0 ? "  (" : ", ").append(e.getKey()).append(' ').append(e.getValue());
            }
            out.printf("  %-26s %,14d%s%n", "SIP malformed", s.sipMalformed(),
                    sipWhy.length() == 0 ? "" : sipWhy.append(')'));
            StringBuilder why = new StringBuilder();
            for (Map.Entry<String, Long> e : s.malformedReasons().entrySet()) {
                why.append(why.length() == 0 ? "  (" : ", ").append(e.getKey()).append(' ').append(e.getValue());
            }
            out.printf("  %-26s %,14d%s%n", "malformed", s.malformed(), why.length() == 0 ? "" : why.append(')'));
        }

        private static void row(PrintWriter out, String name, long v) {
            out.printf("  %-26s %,14d%n", name, v);
        }
    }
}
