package dev.sipscope.samples;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameWriter;
import dev.sipscope.capture.LinkType;
import dev.sipscope.capture.PcapWriter;
import dev.sipscope.capture.PcapngWriter;
import dev.sipscope.samples.rtp.RtpStreamBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A small, fully described capture: calls, registrations and RTP streams, each starting at an
 * offset from a fixed start time; overlapping items are merged in time order. The same seed and
 * description always give the same bytes.
 *
 * <pre>{@code
 * Scenario s = Scenario.builder(42)
 *     .call(c -> c.caller("alice", "10.0.0.1", 5060).callee("bob", "10.0.0.2", 5060).talkSeconds(10))
 *     .call(c -> c.at(500).caller("carol", "10.0.0.3", 5060).callee("dave", "10.0.0.4", 5060).reject(486))
 *     .build();
 * ScenarioTruth truth = s.writePcap(Path.of("two-calls.pcap"));
 * }</pre>
 *
 * Captures are Ethernet, nanosecond-resolution classic pcap ({@link PcapWriter}). For captures
 * too large for memory, see {@link ScenarioRunner} and {@link LoadProfile}.
 */
public final class Scenario {
    /** The default start of every scenario: 2026-01-15T10:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-15T10:00:00Z");

    private final long seed;
    private final long startNanos;
    private final List<ScenarioItem> items;

    private Scenario(long seed, long startNanos, List<ScenarioItem> items) {
        this.seed = seed;
        this.startNanos = startNanos;
        this.items = items;
    }

    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    public long seed() {
        return seed;
    }

    public long startNanos() {
        return startNanos;
    }

    /** Streams every frame to {@code out} (not closed) and returns the ground truth. */
    public ScenarioTruth write(FrameWriter out) throws IOException {
        ScenarioTruth truth = new ScenarioTruth(seed, startNanos);
        RunStats stats = ScenarioRunner.run(seed, startNanos, items.iterator(), out, truth);
        truth.done(stats);
        return truth;
    }

    /** Writes {@code pcap} (nanosecond pcap, Ethernet) and returns the ground truth. */
    public ScenarioTruth writePcap(Path pcap) throws IOException {
        try (PcapWriter w = PcapWriter.create(pcap, LinkType.ETHERNET)) {
            return write(w);
        }
    }

    /** Writes {@code file} as pcapng (one Ethernet interface, nanosecond timestamps). */
    public ScenarioTruth writePcapng(Path file) throws IOException {
        try (PcapngWriter w = PcapngWriter.create(file)) {
            return write(w);
        }
    }

    /** Writes {@code pcap} and its sidecar {@code <name>.truth.json} next to it. */
    public ScenarioTruth writePcapWithTruth(Path pcap) throws IOException {
        ScenarioTruth truth = writePcap(pcap);
        String name = pcap.getFileName().toString();
        Files.writeString(truthPath(pcap), truth.toJson(name), StandardCharsets.UTF_8);
        return truth;
    }

    /** The sidecar path for a capture: {@code x.pcap} gives {@code x.truth.json}. */
    public static Path truthPath(Path pcap) {
        String name = pcap.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return pcap.resolveSibling(base + ".truth.json");
    }

    /** Generates into memory: detached frames and the truth (for small scenarios in tests). */
    public Generated generate() throws IOException {
        List<Frame> frames = new ArrayList<>();
        ScenarioTruth truth = write(new FrameWriter() {
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
        });
        return new Generated(List.copyOf(frames), truth);
    }

    /** Frames held in memory together with their ground truth. */
    public record Generated(List<Frame> frames, ScenarioTruth truth) {
    }

    /** Collects items; {@link #build()} sorts them by start time (stable: ties keep definition order). */
    public static final class Builder {
        private final long seed;
        private Instant start = DEFAULT_START;
        private final List<ScenarioItem> items = new ArrayList<>();

        private Builder(long seed) {
            this.seed = seed;
        }

        public Builder startAt(Instant instant) {
            this.start = instant;
            return this;
        }

        public Builder call(Consumer<CallBuilder> description) {
            CallBuilder b = new CallBuilder();
            description.accept(b);
            items.add(ScenarioItem.call(b));
            return this;
        }

        public Builder register(Consumer<RegisterBuilder> description) {
            RegisterBuilder b = new RegisterBuilder();
            description.accept(b);
            items.add(ScenarioItem.register(b));
            return this;
        }

        /** A call through a forking proxy: several contacts ring, one answers (see {@link ForkedCallBuilder}). */
        public Builder forkedCall(Consumer<ForkedCallBuilder> description) {
            ForkedCallBuilder b = new ForkedCallBuilder();
            description.accept(b);
            items.add(ScenarioItem.forkedCall(b));
            return this;
        }

        /** A blind or attended transfer with REFER: two or three calls (see {@link TransferBuilder}). */
        public Builder transfer(Consumer<TransferBuilder> description) {
            TransferBuilder b = new TransferBuilder();
            description.accept(b);
            items.add(ScenarioItem.transfer(b));
            return this;
        }

        /** A call through a back-to-back user agent: two legs, two Call-IDs (see {@link B2buaBuilder}). */
        public Builder b2bua(Consumer<B2buaBuilder> description) {
            B2buaBuilder b = new B2buaBuilder();
            description.accept(b);
            items.add(ScenarioItem.b2bua(b));
            return this;
        }

        /** An OPTIONS request and its answer (see {@link RequestBuilder}). */
        public Builder options(Consumer<RequestBuilder> description) {
            RequestBuilder b = new RequestBuilder("OPTIONS");
            description.accept(b);
            items.add(ScenarioItem.request(b));
            return this;
        }

        /** A MESSAGE (instant message) and its answer (see {@link RequestBuilder}). */
        public Builder message(Consumer<RequestBuilder> description) {
            RequestBuilder b = new RequestBuilder("MESSAGE");
            description.accept(b);
            items.add(ScenarioItem.request(b));
            return this;
        }

        /** A subscription with its NOTIFYs (see {@link SubscribeBuilder}). */
        public Builder subscribe(Consumer<SubscribeBuilder> description) {
            SubscribeBuilder b = new SubscribeBuilder();
            description.accept(b);
            items.add(ScenarioItem.subscribe(b));
            return this;
        }

        public Builder rtpStream(Consumer<RtpStreamBuilder> description) {
            RtpStreamBuilder b = new RtpStreamBuilder();
            description.accept(b);
            items.add(ScenarioItem.stream(b));
            return this;
        }

        public Scenario build() {
            List<ScenarioItem> sorted = new ArrayList<>(items);
            sorted.sort(Comparator.comparingLong(ScenarioItem::atMillis));
            long startNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
            return new Scenario(seed, startNanos, List.copyOf(sorted));
        }
    }
}
