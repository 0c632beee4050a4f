package dev.sipscope.tui.cli;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.MergingFrameSource;
import dev.sipscope.correlator.CaptureAnalysis;
import dev.sipscope.correlator.CaptureSummary;
import dev.sipscope.correlator.Engine;
import dev.sipscope.correlator.EngineConfig;
import dev.sipscope.correlator.call.CorrelatorConfig;
import dev.sipscope.correlator.export.TerminalText;
import dev.sipscope.correlator.media.QualityMediaSink;
import dev.sipscope.correlator.privacy.FrameMasker;
import dev.sipscope.correlator.privacy.MaskingFrameSource;
import dev.sipscope.correlator.privacy.SipMasker;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.quality.QualityConfig;
import dev.sipscope.quality.QualityCounters;
import dev.sipscope.quality.QualityEngine;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The input options every batch command shares ({@code analyze}, {@code ladder}, {@code stats},
 * {@code export}), and the run of one whole analysis over the files.
 */
final class BatchInput {
    List<Integer> hepPorts;
    List<Integer> vxlanPorts;
    List<Integer> sipPorts;
    Boolean progress;
    boolean verbose;
    boolean mask;
    String maskKey;

    /** Adds the input options to {@code c}. */
    void addTo(Cli.Command c) {
        c.list("--hep-port", "PORT", v -> hepPorts = Cli.append(hepPorts, Cli.intValue(v)),
                "UDP ports carrying HEP/EEP from Homer agents (default: 9060).");
        c.list("--vxlan-port", "PORT", v -> vxlanPorts = Cli.append(vxlanPorts, Cli.intValue(v)),
                "UDP ports carrying VXLAN (default: 4789).");
        c.list("--sip-port", "PORT", v -> sipPorts = Cli.append(sipPorts, Cli.intValue(v)),
                "Ports known to carry SIP (default: 5060). SIP on other ports is still found by its",
                "first line; these make a TCP connection starting mid-message, or junk, count too.");
        c.negatable("--progress", v -> progress = v,
                "Draw a progress bar on standard error (default: when it is a terminal and the input "
                        + "is 64 MiB or more, or standard input).");
        c.flag("-v,--verbose", () -> verbose = true, "Show details of errors.");
        c.flag("--mask", () -> mask = true,
                "Mask user parts of sip:/sips:/tel: URIs, display names and digest credentials in every "
                        + "output; the same value gets the same mask within a run (docs/PRIVACY.md).");
        c.option("--mask-key", "KEY", v -> maskKey = v,
                "Key for --mask (implies it): the same key gives the same masks in every run "
                        + "(default: a random key per run).");
    }

    private FrameMasker frameMasker;

    /** Calls kept by {@code analyze}, {@code stats} and {@code export} unless {@code --max-calls} says otherwise. */
    static final int DEFAULT_MAX_CALLS = 250_000;

    /** Set by a command that has a {@code --max-calls} option, so that the memory warning can name it. */
    boolean maxCallsOption;

    /** What one analysis produced; {@code exitCode} is not {@link ExitCodes#OK} when it failed (already reported). */
    record Result(int exitCode, CaptureSummary summary, Engine engine, QualityEngine quality) {
    }

    /** A sentence naming a bad option value, or null. */
    String badOption() {
        String bad = AnalyzeCommand.badPort("--sip-port", sipPorts);
        bad = bad != null ? bad : AnalyzeCommand.badPort("--hep-port", hepPorts);
        return bad != null ? bad : AnalyzeCommand.badPort("--vxlan-port", vxlanPorts);
    }

    /** Reads every file through one engine configured with {@code correlator}; errors go to {@code err}. */
    Result run(List<String> files, CorrelatorConfig correlator, PrintWriter err) {
        return run(files, correlator, err, engine -> { });
    }

    /** As {@link #run(List, CorrelatorConfig, PrintWriter)}, letting {@code setup} tap the engine before it runs. */
    Result run(List<String> files, CorrelatorConfig correlator, PrintWriter err, Consumer<Engine> setup) {
        return run(files, correlator, err, setup, UnaryOperator.identity());
    }

    /** As above, reading the frames through {@code wrap} (to count them, for instance). */
    Result run(List<String> files, CorrelatorConfig correlator, PrintWriter err, Consumer<Engine> setup,
               UnaryOperator<FrameSource> wrap) {
        List<FrameSource> sources = new ArrayList<>();
        try {
            for (String f : files) {
                // One gzip'ed file is decompressed ahead on a thread of its own; several are merged, a
                // thread each would only hold more buffers.
                sources.add(files.size() == 1 ? CaptureFiles.openReadingAhead(f) : CaptureFiles.open(f));
            }
        } catch (IOException e) {
            for (FrameSource s : sources) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // already failing; the first error is the one reported
                }
            }
            return failed(e, err);
        }
        // Streams quiet for 30 s give their slots to new ones at the stream limit, so a capture of any length is
        // bounded by the streams active at once; the summaries of at most two streams per call kept are kept
        // (each holds its call), the earliest dropped beyond.
        QualityEngine quality = new QualityEngine(QualityConfig.DEFAULTS, QualityEngine.QUIET_STREAM_NANOS,
                retainedStreams(correlator));
        EngineConfig config = engineConfig(correlator);
        QualityMediaSink.Mode mode = QualityMediaSink.defaultMode();
        Engine engine = new Engine(config, registry -> QualityMediaSink.batched(registry, quality, mode));
        setup.accept(engine);
        CaptureSummary summary;
        ProgressBar bar = ProgressBar.wanted(progress, AnalyzeCommand.totalSize(sources), files.contains("-"))
                ? new ProgressBar(err) : null;
        try (FrameSource source = wrap.apply(masked(sources.size() == 1 ? sources.get(0)
                : new MergingFrameSource(sources)))) {
            CaptureAnalysis analysis = new CaptureAnalysis(decoderConfig(), engine);
            FrameSource twin = twin(files, sources.get(0));
            if (twin != null) {
                analysis.parseAhead(twin);
            }
            if (bar != null) {
                analysis.onProgress(bar);
            }
            summary = analysis.run(source, files);
        } catch (IOException e) {
            if (bar != null) {
                bar.finish();
            }
            return failed(e, err);
        }
        if (bar != null) {
            bar.finish();
        }
        summary = summary.withWarnings(mediaWarnings(quality.counters(), quality.config(), engine.media().refused(),
                config.maxMediaBindings(), maxCallsOption));
        for (String w : summary.warnings()) {
            err.println("sipscope: warning: " + TerminalText.safe(w));
        }
        if (summary.callsEvicted() > 0) {
            err.printf("sipscope: warning: %,d of %,d calls were left out of the report to bound memory%s%n",
                    summary.callsEvicted(), summary.calls(), maxCallsOption ? " (raise --max-calls)" : "");
        }
        return new Result(ExitCodes.OK, summary, engine, quality);
    }

    /** Summaries of ended RTP streams kept for the report: two per call kept, at most. */
    static int retainedStreams(CorrelatorConfig correlator) {
        return (int) Math.min(Integer.MAX_VALUE - 8, 2L * correlator.maxCalls());
    }

    /**
     * A sentence for each limit of the media analysis that left media out, as the report's warnings:
     * the quality engine's, and SDP endpoints the media registry refused ({@code bindingsRefused}, of at
     * most {@code maxBindings}). {@code maxCallsOption}: the command has {@code --max-calls}, which the
     * advice may name.
     */
    static List<String> mediaWarnings(QualityCounters c, QualityConfig config, long bindingsRefused,
                                      int maxBindings, boolean maxCallsOption) {
        List<String> out = new ArrayList<>();
        if (bindingsRefused > 0) {
            out.add(String.format(java.util.Locale.ROOT, "%,d SDP media endpoints were not bound to their calls:"
                    + " more than %,d were held at once (calls that never ended keep theirs%s)",
                    bindingsRefused, maxBindings, maxCallsOption ? "; lower --max-calls" : ""));
        }
        if (c.streamsRefused() > 0) {
            out.add(String.format(java.util.Locale.ROOT, "%,d RTP streams (%,d packets) were not analysed: more than"
                    + " %,d streams were active at once (a stream ends after %d s without a packet)", c.streamsRefused(),
                    c.packetsDroppedAtLimit(), config.maxStreams(),
                    QualityEngine.QUIET_STREAM_NANOS / 1_000_000_000L));
        }
        if (c.retiredDropped() > 0) {
            out.add(String.format(java.util.Locale.ROOT, "%,d RTP streams that ended early in the capture were left"
                    + " out of the report to bound memory (two per call kept%s)", c.retiredDropped(),
                    maxCallsOption ? "; raise --max-calls" : ""));
        }
        if (c.endpointsRefused() > 0) {
            out.add(String.format(java.util.Locale.ROOT, "%,d SDP media endpoints were not given to the RTP analysis:"
                    + " more than %,d were announced at once; streams to them were found by the RTP heuristic or"
                    + " not at all", c.endpointsRefused(), 2 * config.maxStreams()));
        }
        return out;
    }

    /**
     * A second reader of the one capture file being analysed, for parsing SIP ahead on the second
     * core, or null: only for a regular file (a pipe or a device would hand its bytes to one reader
     * or the other; {@link FrameSource#size()} is -1 for anything else, standard input included),
     * not with several files, a compressed file (it would be decompressed twice), --mask (the engine
     * sees masked bytes), or when it cannot be opened.
     */
    private FrameSource twin(List<String> files, FrameSource first) {
        if (files.size() != 1 || first.size() < 0 || first.compressed() || mask || maskKey != null
                || "0".equals(System.getenv("SIPSCOPE_LOOKAHEAD"))) {
            return null;
        }
        try {
            FrameSource t = CaptureFiles.open(files.get(0));
            if (t.compressed()) {
                t.close();
                return null;
            }
            return t;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Result failed(IOException e, PrintWriter err) {
        err.println("sipscope: " + TerminalText.safe(AnalyzeCommand.describe(e)));
        if (verbose) {
            e.printStackTrace(err);
        }
        return new Result(ExitCodes.INPUT, null, null, null);
    }

    /** {@code source} masked when {@code --mask} was given (one key for the whole command), else itself. */
    FrameSource masked(FrameSource source) {
        if (!mask && maskKey == null) {
            return source;
        }
        if (frameMasker == null) {
            frameMasker = new FrameMasker(maskKey == null || maskKey.isEmpty() ? SipMasker.withRandomKey()
                    : SipMasker.withKey(maskKey));
        }
        return new MaskingFrameSource(source, frameMasker);
    }

    /** The engine configuration of the options (SIP ports) with {@code correlator}. */
    EngineConfig engineConfig(CorrelatorConfig correlator) {
        EngineConfig config = EngineConfig.DEFAULTS.withCorrelator(correlator);
        if (sipPorts != null) {
            config = config.withSipPorts(sipPorts.stream().mapToInt(Integer::intValue).toArray());
        }
        return config;
    }

    DecoderConfig decoderConfig() {
        DecoderConfig c = DecoderConfig.DEFAULTS;
        if (hepPorts != null) {
            c = c.withHepUdpPorts(hepPorts.stream().mapToInt(Integer::intValue).toArray());
        }
        if (vxlanPorts != null) {
            c = c.withVxlanUdpPorts(vxlanPorts.stream().mapToInt(Integer::intValue).toArray());
        }
        return c;
    }
}
