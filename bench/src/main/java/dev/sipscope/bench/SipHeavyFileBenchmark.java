package dev.sipscope.bench;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.correlator.CaptureAnalysis;
import dev.sipscope.correlator.CaptureSummary;
import dev.sipscope.correlator.Engine;
import dev.sipscope.correlator.EngineConfig;
import dev.sipscope.correlator.EngineSnapshot;
import dev.sipscope.correlator.call.CorrelatorConfig;
import dev.sipscope.correlator.media.QualityMediaSink;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.quality.QualityConfig;
import dev.sipscope.quality.QualityEngine;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A whole SIP-heavy capture file through what {@code sipscope analyze} does before it formats its
 * report: read, decode, SIP parse, correlate (the analyze settings: up to 250,000 calls, no messages
 * kept), RTP statistics, and the final snapshot. One file per operation, on one thread, after JIT
 * warm-up, so the figure is the steady-state cost of parsing and correlation without the JVM's start,
 * its compilation and the report's formatting; divide the {@code sipMessages} counter by the time
 * for messages per second.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.sipscope.samples.Generate sip-heavy /work/data/sip-heavy.pcap
 * java -jar bench/target/benchmarks.jar SipHeavyFileBenchmark -p file=/work/data/sip-heavy.pcap -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SipHeavyFileBenchmark {

    /** The capture (written by {@code Generate sip-heavy}). */
    @Param("/work/data/sip-heavy.pcap")
    public String file;

    private Path path;

    /** SIP messages seen, per operation. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counters {
        public long sipMessages;
        public long calls;

        @Setup(Level.Iteration)
        public void reset() {
            sipMessages = 0;
            calls = 0;
        }
    }

    @Setup
    public void setup() {
        path = BenchFiles.resolve(file);
    }

    @Benchmark
    public EngineSnapshot analyzeWithoutReport(Counters counters) throws IOException {
        QualityEngine quality = new QualityEngine(QualityConfig.DEFAULTS);
        EngineConfig config = EngineConfig.DEFAULTS.withCorrelator(
                CorrelatorConfig.DEFAULTS.withMaxCalls(250_000).withMaxMessagesPerCall(0));
        Engine engine = new Engine(config, registry -> new QualityMediaSink(registry, quality));
        CaptureSummary summary;
        try (FrameSource source = CaptureFiles.open(path)) {
            summary = new CaptureAnalysis(DecoderConfig.DEFAULTS, engine).run(source, List.of(path.toString()));
        }
        counters.sipMessages += summary.sipMessages();
        counters.calls += summary.calls();
        return engine.snapshot();
    }
}
