package dev.sipscope.bench;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.decoder.PacketSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The decoder alone, per frame, over the first {@value #FRAMES} frames of a capture held in
 * memory (no I/O). Run with {@code -prof gc} to see allocation per frame (expected: 0).
 *
 * <pre>java -jar bench/target/benchmarks.jar DecodeBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeBenchmark {
    static final int FRAMES = 100_000;

    @Param("")
    public String file;

    private Frame[] frames;
    private PacketDecoder decoder;
    private Sink sink;

    static final class Sink implements PacketSink {
        long payloadBytes;

        @Override
        public void onDatagram(Packet packet) {
            payloadBytes += packet.payloadLength;
        }
    }

    @Setup
    public void setup() throws IOException {
        frames = new Frame[FRAMES];
        int n = 0;
        try (FrameSource in = CaptureFiles.open(BenchFiles.resolve(file))) {
            Frame f;
            while (n < FRAMES && (f = in.next()) != null) {
                frames[n++] = f.copy();
            }
        }
        if (n < FRAMES) {
            throw new IllegalStateException("need " + FRAMES + " frames, the file has " + n);
        }
        sink = new Sink();
        decoder = new PacketDecoder(DecoderConfig.DEFAULTS, sink);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decode() {
        for (Frame f : frames) {
            decoder.decode(f);
        }
        return sink.payloadBytes;
    }
}
