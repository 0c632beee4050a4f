package dev.sipscope.bench;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.decoder.PacketSink;
import dev.sipscope.quality.MediaEndpoint;
import dev.sipscope.quality.PayloadFormat;
import dev.sipscope.quality.PayloadMap;
import dev.sipscope.quality.QualityConfig;
import dev.sipscope.quality.QualityEngine;
import dev.sipscope.quality.QualityPipeline;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The per-packet RTP path of the quality engine: {@code QualityEngine.onDatagram} for packets of
 * streams that already exist (one hash probe, the RFC/ANALYZER/WS40 accumulators, jitter-buffer
 * simulations, loss pattern), interleaved over {@code streams} streams, half bound to SDP endpoints and
 * half found by the heuristic. Run with {@code -prof gc}: the allocation rate per operation should be 0.
 *
 * <pre>java -jar bench/target/benchmarks.jar RtpQualityBenchmark -prof gc</pre>
 *
 * <p>{@link #decodeAndAnalyze} adds the decoder in front, over the first {@value #FRAMES} frames of a
 * capture held in memory (the default input of {@link BenchFiles}, or {@code -p file=...}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RtpQualityBenchmark {
    static final int PACKETS = 100_000;
    static final int FRAMES = 100_000;

    @Param({"10", "1000"})
    public int streams;

    private QualityEngine engine;
    private byte[][] packet;
    private long[] srcLo;
    private int[] srcPort;
    private long[] dstLo;
    private int[] dstPort;
    private int[] seq;
    private long[] ts;
    private long now;

    private static long v4(int a, int b, int c, int d) {
        return 0x0000_ffff_0000_0000L | ((long) a << 24) | (b << 16) | (c << 8) | d;
    }

    @Setup(Level.Trial)
    public void setup() {
        engine = new QualityEngine(QualityConfig.DEFAULTS);
        PayloadMap map = PayloadMap.of(new PayloadFormat(0, "PCMU", 8000), new PayloadFormat(101, "telephone-event", 8000));
        packet = new byte[streams][];
        srcLo = new long[streams];
        srcPort = new int[streams];
        dstLo = new long[streams];
        dstPort = new int[streams];
        seq = new int[streams];
        ts = new long[streams];
        for (int s = 0; s < streams; s++) {
            srcLo[s] = v4(10, 1, s >> 8, s & 0xff);
            dstLo[s] = v4(10, 2, s >> 8, s & 0xff);
            srcPort[s] = 16384 + 2 * (s % 8000);
            dstPort[s] = 20000 + 2 * (s % 8000);
            if (s % 2 == 0) {
                engine.declareEndpoint(new MediaEndpoint(0, dstLo[s], dstPort[s], 0, false, map, 20, "call-" + s, 0,
                        false, true));
            }
            byte[] b = new byte[172];
            b[0] = (byte) 0x80;
            long ssrc = 0x1000_0000L + s;
            b[8] = (byte) (ssrc >>> 24);
            b[9] = (byte) (ssrc >>> 16);
            b[10] = (byte) (ssrc >>> 8);
            b[11] = (byte) ssrc;
            packet[s] = b;
            seq[s] = (s * 7919) & 0xffff;
            ts[s] = s * 104729L;
        }
        // Create every stream (past the heuristic's probation) before measuring.
        for (int round = 0; round < 10; round++) {
            for (int s = 0; s < streams; s++) {
                send(s);
            }
        }
        if (engine.streamCount() != streams) {
            throw new IllegalStateException("expected " + streams + " streams, have " + engine.streamCount());
        }
    }

    private long send(int s) {
        byte[] b = packet[s];
        int sq = seq[s] = (seq[s] + 1) & 0xffff;
        long t = ts[s] = (ts[s] + 160) & 0xffff_ffffL;
        b[2] = (byte) (sq >>> 8);
        b[3] = (byte) sq;
        b[4] = (byte) (t >>> 24);
        b[5] = (byte) (t >>> 16);
        b[6] = (byte) (t >>> 8);
        b[7] = (byte) t;
        now += 20_000_000L / streams;
        return engine.onDatagram(now, 0, srcLo[s], srcPort[s], 0, dstLo[s], dstPort[s], 4, b, 0, b.length).ordinal();
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long rtpPacket() {
        long n = 0;
        int s = 0;
        for (int i = 0; i < PACKETS; i++) {
            n += send(s);
            if (++s == streams) {
                s = 0;
            }
        }
        return n;
    }

    private QualityPipeline pipeline;
    private final Packet udp = new Packet();

    /**
     * The same packets through a {@link QualityPipeline} replayed inline, as {@code analyze} does on one core
     * (and as its {@code quality} thread does on two, minus the hand-over): each datagram copied into a
     * batch, batches of 16,384 replayed 5-tuple by 5-tuple.
     */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public int rtpPacketBatched() {
        if (pipeline == null) {
            pipeline = QualityPipeline.inline(engine);
            udp.protocol = Packet.PROTO_UDP;
            udp.ipVersion = 4;
            udp.payloadOffset = 0;
        }
        int s = 0;
        for (int i = 0; i < PACKETS; i++) {
            byte[] b = packet[s];
            int sq = seq[s] = (seq[s] + 1) & 0xffff;
            long t = ts[s] = (ts[s] + 160) & 0xffff_ffffL;
            b[2] = (byte) (sq >>> 8);
            b[3] = (byte) sq;
            b[4] = (byte) (t >>> 24);
            b[5] = (byte) (t >>> 16);
            b[6] = (byte) (t >>> 8);
            b[7] = (byte) t;
            now += 20_000_000L / streams;
            udp.timestampNanos = now;
            udp.srcLo = srcLo[s];
            udp.srcPort = srcPort[s];
            udp.dstLo = dstLo[s];
            udp.dstPort = dstPort[s];
            udp.data = b;
            udp.payloadLength = b.length;
            pipeline.onDatagram(udp);
            if (++s == streams) {
                s = 0;
            }
        }
        return s;
    }

    /** Decoder and engine over frames of a capture (frames held in memory). */
    @State(Scope.Benchmark)
    public static class FileState {
        @Param("")
        public String file;

        Frame[] frames;
        PacketDecoder decoder;
        QualityEngine engine;
        long rtp;

        @Setup(Level.Trial)
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
            engine = new QualityEngine(QualityConfig.DEFAULTS);
            decoder = new PacketDecoder(DecoderConfig.DEFAULTS, new PacketSink() {
                @Override
                public void onDatagram(Packet packet) {
                    rtp += engine.onDatagram(packet).ordinal();
                }
            });
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decodeAndAnalyze(FileState st) {
        for (Frame f : st.frames) {
            st.decoder.decode(f);
        }
        return st.rtp;
    }
}
