package dev.sipscope.bench;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.decoder.PacketSink;
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
import java.util.concurrent.TimeUnit;

/**
 * A whole capture file per operation, read from the page cache: the pure-Java reader alone, and
 * reader + decoder down to the UDP payload (what {@code tcpdump -r F -w /dev/null} is compared
 * with). The {@code frames} counter gives frames per second.
 *
 * <pre>java -jar bench/target/benchmarks.jar FileReadBenchmark -p file=bench/data/rtp-heavy.pcap</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class FileReadBenchmark {

    @Param("")
    public String file;

    private Path path;

    /** Frames handled, reported by JMH as a rate next to the file rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long frames;

        @Setup(Level.Iteration)
        public void reset() {
            frames = 0;
        }
    }

    /** Sums payload lengths so that the decoder's work cannot be optimised away. */
    static final class CountingSink implements PacketSink {
        long datagrams;
        long payloadBytes;

        @Override
        public void onDatagram(Packet packet) {
            datagrams++;
            payloadBytes += packet.payloadLength;
        }
    }

    @Setup
    public void setup() {
        path = BenchFiles.resolve(file);
    }

    @Benchmark
    public long read(Counters counters) throws IOException {
        long n = 0;
        long bytes = 0;
        try (FrameSource in = CaptureFiles.open(path)) {
            Frame f;
            while ((f = in.next()) != null) {
                n++;
                bytes += f.capturedLength();
            }
        }
        counters.frames += n;
        return bytes;
    }

    @Benchmark
    public long readAndDecode(Counters counters) throws IOException {
        CountingSink sink = new CountingSink();
        PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, sink);
        long n = 0;
        try (FrameSource in = CaptureFiles.open(path)) {
            Frame f;
            while ((f = in.next()) != null) {
                decoder.decode(f);
                n++;
            }
        }
        decoder.finish();
        counters.frames += n;
        return sink.payloadBytes;
    }
}
