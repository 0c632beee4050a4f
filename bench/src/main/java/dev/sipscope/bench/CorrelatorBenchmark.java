package dev.sipscope.bench;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameWriter;
import dev.sipscope.correlator.Engine;
import dev.sipscope.correlator.EngineConfig;
import dev.sipscope.correlator.EngineSnapshot;
import dev.sipscope.correlator.media.MediaBinding;
import dev.sipscope.correlator.media.MediaRegistry;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.samples.CallTruth;
import dev.sipscope.samples.LoadProfile;
import dev.sipscope.samples.RegistrationTruth;
import dev.sipscope.samples.Scenario;
import dev.sipscope.samples.ScenarioRunner;
import dev.sipscope.samples.StreamGroupTruth;
import dev.sipscope.samples.TruthSink;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The correlator, in memory (no I/O):
 * <ul>
 *   <li>{@code sipHeavyCapture}: a SIP-heavy capture of the samples load profile (2,000 short calls
 *       with mixed outcomes, about 1,000 REGISTERs, RTP on one answered call in five), every frame
 *       through the packet decoder and a fresh {@link Engine}: SIP framing, parsing, transactions,
 *       dialogs, calls, SDP and the media registry. Time per frame; the {@code sipMessages} counter
 *       gives SIP messages per second.</li>
 *   <li>{@code rtpThroughEngine}: one RTP datagram bound to its call through {@link Engine#onDatagram}
 *       (SIP rejection at the first byte, registry lookup, packet count), 10,000 calls up. The hot
 *       path: expected to allocate nothing ({@code -prof gc}).</li>
 *   <li>{@code registryLookup}: {@link MediaRegistry#lookup} alone over 20,000 endpoints.</li>
 *   <li>{@code snapshotUnchanged} / {@code snapshotAfterChange}: an {@link EngineSnapshot} of 10,000
 *       calls when none changed, and when all of them counted media since the last one.</li>
 * </ul>
 *
 * <pre>java -jar bench/target/benchmarks.jar CorrelatorBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CorrelatorBenchmark {
    static final int CALLS_UP = 10_000;
    static final int RTP_PACKETS = 10_000;

    private Frame[] sipHeavy;
    private Engine steady;
    private Packet[] rtp;
    private long clock;
    private MediaRegistry registry;
    private long[] lookupDst;
    private int lookupIndex;
    private Engine snapshotEngine;
    private Packet[] snapshotRtp;

    /** SIP messages handled, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long sipMessages;

        @Setup(Level.Iteration)
        public void reset() {
            sipMessages = 0;
        }
    }

    @Setup
    public void setup() throws IOException {
        List<Frame> frames = new ArrayList<>();
        ScenarioRunner.run(11, Scenario.DEFAULT_START.getEpochSecond() * 1_000_000_000L,
                LoadProfile.sipHeavy(11, LoadProfile.sipHeavyDefaults().withCalls(2_000)), new FrameWriter() {
                    @Override
                    public void write(Frame frame) {
                        frames.add(frame.copy());
                    }

                    @Override
                    public void flush() {
                    }

                    @Override
                    public void close() {
                    }
                }, new TruthSink() {
                    @Override
                    public void call(CallTruth truth) {
                    }

                    @Override
                    public void registration(RegistrationTruth truth) {
                    }

                    @Override
                    public void streams(StreamGroupTruth truth) {
                    }
                });
        sipHeavy = frames.toArray(new Frame[0]);

        steady = new Engine(EngineConfig.DEFAULTS);
        rtp = BenchCalls.announce(steady, CALLS_UP, RTP_PACKETS);
        clock = BenchCalls.START + 10_000_000_000L;

        Engine lookupEngine = new Engine(EngineConfig.DEFAULTS);
        Packet[] bound = BenchCalls.announce(lookupEngine, CALLS_UP, CALLS_UP);
        registry = lookupEngine.media();
        lookupDst = new long[bound.length * 2];
        for (int i = 0; i < bound.length; i++) {
            lookupDst[2 * i] = bound[i].dstLo;
            lookupDst[2 * i + 1] = bound[i].dstPort;
        }

        snapshotEngine = new Engine(EngineConfig.DEFAULTS);
        snapshotRtp = BenchCalls.announce(snapshotEngine, CALLS_UP, CALLS_UP);
        snapshotEngine.snapshot();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    public EngineSnapshot sipHeavyCapture(Counters counters) {
        Engine engine = new Engine(EngineConfig.DEFAULTS);
        PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, engine);
        for (Frame f : sipHeavy) {
            decoder.decode(f);
        }
        decoder.finish();
        counters.sipMessages += engine.sipMessages();
        return engine.snapshot();
    }

    @Benchmark
    @OperationsPerInvocation(RTP_PACKETS)
    public long rtpThroughEngine() {
        long t = clock;
        for (Packet p : rtp) {
            t += 2_000;
            p.timestampNanos = t;
            steady.onDatagram(p);
        }
        clock = t;
        return steady.media().boundLookups();
    }

    @Benchmark
    @OperationsPerInvocation(1024)
    public int registryLookup() {
        int found = 0;
        int n = lookupDst.length / 2;
        for (int k = 0; k < 1024; k++) {
            int i = lookupIndex;
            lookupIndex = i + 1 == n ? 0 : i + 1;
            MediaBinding b = registry.lookup(0, lookupDst[2 * i], (int) lookupDst[2 * i + 1], 0, 42, 4000, 1);
            found += b == null ? 0 : 1;
        }
        return found;
    }

    @Benchmark
    public EngineSnapshot snapshotUnchanged() {
        return snapshotEngine.snapshot();
    }

    @Benchmark
    public EngineSnapshot snapshotAfterChange() {
        for (Packet p : snapshotRtp) {
            p.timestampNanos += 1_000;
            snapshotEngine.onDatagram(p);
        }
        return snapshotEngine.snapshot();
    }

}
