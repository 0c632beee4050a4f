package dev.sipscope.bench;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.correlator.CaptureAnalysis;
import dev.sipscope.correlator.CaptureSummary;
import dev.sipscope.correlator.Engine;
import dev.sipscope.correlator.EngineConfig;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.call.CorrelatorConfig;
import dev.sipscope.correlator.export.CallsJson;
import dev.sipscope.correlator.export.JsonWriter;
import dev.sipscope.correlator.export.StreamsJson;
import dev.sipscope.correlator.export.SummaryJson;
import dev.sipscope.correlator.media.QualityMediaSink;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.quality.QualityCounters;
import dev.sipscope.quality.QualityConfig;
import dev.sipscope.quality.QualityEngine;
import dev.sipscope.quality.StreamSummary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JSON report of {@code sipscope analyze} for a whole capture, written to a null stream: the
 * capture is analysed once per fork (as {@link SipHeavyFileBenchmark} does), then each operation
 * writes the {@code capture}, {@code calls} and {@code streams} sections as {@code AnalyzeCommand}
 * does, either through a UTF-8 {@link PrintWriter} (the writer path: what tests and
 * {@code --format json} to a non-stdout sink use) or as bytes to the stream (what the CLI does on
 * standard output).
 *
 * <pre>java -jar bench/target/benchmarks.jar ReportJsonBenchmark -p file=/work/data/sip-heavy.pcap -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ReportJsonBenchmark {

    /** The capture (written by {@code Generate sip-heavy}). */
    @Param("/work/data/sip-heavy.pcap")
    public String file;

    private CaptureSummary summary;
    private QualityCounters counters;
    private List<CallSummary> calls;
    private List<StreamSummary> streams;

    @Setup
    public void setup() throws IOException {
        Path path = BenchFiles.resolve(file);
        QualityEngine quality = new QualityEngine(QualityConfig.DEFAULTS);
        EngineConfig config = EngineConfig.DEFAULTS.withCorrelator(
                CorrelatorConfig.DEFAULTS.withMaxCalls(250_000).withMaxMessagesPerCall(0));
        Engine engine = new Engine(config, registry -> new QualityMediaSink(registry, quality));
        try (FrameSource source = CaptureFiles.open(path)) {
            summary = new CaptureAnalysis(DecoderConfig.DEFAULTS, engine).run(source, List.of(path.toString()));
        }
        counters = quality.counters();
        calls = engine.snapshot().calls();
        streams = quality.summaries();
    }

    @Benchmark
    public void viaPrintWriter() {
        PrintWriter out = new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        write(new JsonWriter(out, true));
        out.flush();
    }

    @Benchmark
    public void asBytes() {
        write(new JsonWriter(OutputStream.nullOutputStream(), true));
    }

    private void write(JsonWriter json) {
        json.beginObject();
        json.field("sipscope_version", "bench");
        SummaryJson.writeCapture(json, summary, counters);
        CallsJson.writeCalls(json, calls, StreamsJson.byCall(streams));
        StreamsJson.writeStreams(json, streams);
        json.endObject();
        json.finish();
    }
}
