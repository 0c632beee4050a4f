package dev.sipscope.quality;

import static dev.sipscope.quality.RtpPackets.rtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.decoder.PacketSink;
import dev.sipscope.decoder.sdp.SdpConnection;
import dev.sipscope.decoder.sdp.SdpMedia;
import dev.sipscope.decoder.sdp.SdpParser;
import dev.sipscope.samples.SampleCaptures;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Feeding the engine through a {@link QualityPipeline} (batches replayed 5-tuple by 5-tuple, inline or
 * on a thread) gives exactly the summaries and counters of feeding it datagram by datagram: over every
 * sample capture with the SDP endpoints declared where their SIP messages are (declarations are
 * barriers), with batches from one record up, so batch boundaries fall everywhere.
 */
class QualityPipelineTest {
    private static final PayloadMap AUDIO = PayloadMap.of(new PayloadFormat(0, "PCMU", 8000),
            new PayloadFormat(8, "PCMA", 8000), new PayloadFormat(13, "CN", 8000),
            new PayloadFormat(101, "telephone-event", 8000));

    /** One recorded step: a UDP datagram (its own copy) or a declaration. */
    record Step(Packet packet, MediaEndpoint endpoint) {
    }

    /** The sample capture's UDP datagrams, and after each SIP message with SDP its endpoints, in order. */
    private static List<Step> steps(String sample) throws IOException {
        List<Step> steps = new ArrayList<>();
        PacketSink sink = new PacketSink() {
            @Override
            public void onDatagram(Packet p) {
                Packet copy = new Packet();
                copy.protocol = p.protocol;
                copy.timestampNanos = p.timestampNanos;
                copy.ipVersion = p.ipVersion;
                copy.srcHi = p.srcHi;
                copy.srcLo = p.srcLo;
                copy.dstHi = p.dstHi;
                copy.dstLo = p.dstLo;
                copy.srcPort = p.srcPort;
                copy.dstPort = p.dstPort;
                copy.data = java.util.Arrays.copyOfRange(p.data, p.payloadOffset, p.payloadOffset + p.payloadLength);
                copy.payloadOffset = 0;
                copy.payloadLength = p.payloadLength;
                steps.add(new Step(copy, null));
                String text = new String(copy.data, StandardCharsets.ISO_8859_1);
                int body = text.indexOf("\r\n\r\nv=0");
                if (p.payloadLength > 0 && (copy.data[0] & 0xc0) != 0x80 && body >= 0) {
                    List<SdpMedia> media = SdpParser.parse(text.substring(body + 4)).media();
                    long[] a = new long[2];
                    for (int i = 0; i < media.size(); i++) {
                        SdpConnection c = media.get(i).effectiveConnection();
                        if (c != null && IpAddress.parse(c.address(), a) && media.get(i).port() > 0) {
                            steps.add(new Step(null, new MediaEndpoint(a[0], a[1], media.get(i).port(), 0, false, AUDIO,
                                    Double.NaN, sample, i, false, true)));
                        }
                    }
                }
            }
        };
        PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, sink);
        try (FrameSource in = CaptureFiles.open(SampleCaptures.directory().resolve(sample).toString())) {
            for (Frame f = in.next(); f != null; f = in.next()) {
                decoder.decode(f);
            }
        }
        decoder.finish();
        return steps;
    }

    private record Result(List<StreamSummary> summaries, QualityCounters counters) {
    }

    private static Result direct(List<Step> steps) {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        for (Step s : steps) {
            if (s.packet() != null) {
                q.onDatagram(s.packet());
            } else {
                q.declareEndpoint(s.endpoint());
            }
        }
        return new Result(q.summaries(), q.counters());
    }

    private static Result piped(List<Step> steps, Function<QualityEngine, QualityPipeline> make) {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        QualityPipeline p = make.apply(q);
        for (Step s : steps) {
            if (s.packet() != null) {
                p.onDatagram(s.packet());
            } else {
                p.declareEndpoint(s.endpoint());
            }
        }
        p.finish();
        return new Result(q.summaries(), q.counters());
    }

    @Test
    void everySampleCaptureGivesTheSameResultsInBatchesInlineAndOnAThread() throws IOException {
        int samples = 0;
        for (String name : SampleCaptures.names()) {
            if (!name.endsWith(".pcap")) {
                continue;
            }
            List<Step> steps = steps(name);
            Result expected = direct(steps);
            List<Function<QualityEngine, QualityPipeline>> ways = List.of(
                    q -> new QualityPipeline(q, false, 1, 0),
                    q -> new QualityPipeline(q, false, 7, 900),
                    q -> new QualityPipeline(q, true, 3, 500),
                    q -> new QualityPipeline(q, true, 64, 4096),
                    QualityPipeline::inline,
                    QualityPipeline::new);
            for (int w = 0; w < ways.size(); w++) {
                Result got = piped(steps, ways.get(w));
                assertThat(got.counters()).as("%s, way %d: counters", name, w).isEqualTo(expected.counters());
                assertThat(got.summaries()).as("%s, way %d: summaries", name, w).isEqualTo(expected.summaries());
            }
            if (expected.counters().rtpPackets() > 0) {
                samples++;
            }
        }
        assertThat(samples).as("sample captures with RTP").isGreaterThan(3);
    }

    @Test
    void aFailureOnTheWorkerIsRethrownByFinishAndDoesNotBlockTheProducer() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        QualityPipeline p = new QualityPipeline(q, true, 2, 1024);
        p.declareEndpoint(null);
        Packet packet = udp(rtp(1, 160, 0, false, 0x42, 160), 20_000_000L);
        for (int i = 0; i < 1000; i++) {
            p.onDatagram(packet);
        }
        assertThatThrownBy(p::finish).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(p::finish).as("again").isInstanceOf(NullPointerException.class);
    }

    @Test
    void aDatagramLargerThanABatchStillGetsThrough() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        QualityPipeline p = new QualityPipeline(q, true, 4, 100);
        QualityEngine d = new QualityEngine(QualityConfig.DEFAULTS);
        for (int i = 0; i < 50; i++) {
            Packet packet = udp(rtp(i, 160L * i, 0, false, 0x42, 1000 + i), 20_000_000L * i);
            p.onDatagram(packet);
            d.onDatagram(packet);
        }
        p.finish();
        assertThat(q.counters()).isEqualTo(d.counters());
        assertThat(q.summaries()).isEqualTo(d.summaries());
        assertThat(q.summaries().get(0).payloadBytes()).isEqualTo(d.summaries().get(0).payloadBytes()).isPositive();
    }

    @Test
    void aWithdrawalTakesEffectInOrderAndOnlyForTheCallThatDeclared() {
        Object callA = "call A";
        Object callB = "call B";
        for (int batch : new int[] {1, 3, 16384}) {
            QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
            QualityPipeline p = new QualityPipeline(q, true, batch, 1 << 16);
            QualityEngine d = new QualityEngine(QualityConfig.DEFAULTS);
            MediaEndpoint a = new MediaEndpoint(RtpPackets.B_HI, RtpPackets.B_LO, 40002, 0, false, AUDIO, Double.NaN,
                    callA, 0, false, true);
            p.declareEndpoint(a);
            d.declareEndpoint(a);
            // another call's media leaving does not remove call A's declaration
            p.withdrawEndpointOf(RtpPackets.B_HI, RtpPackets.B_LO, 40002, callB);
            d.withdrawEndpointOf(RtpPackets.B_HI, RtpPackets.B_LO, 40002, callB);
            for (int i = 0; i < 20; i++) {
                Packet packet = udp(rtp(i, 160L * i, 0, false, 0x42, 1000 + i), 20_000_000L * i);
                p.onDatagram(packet);
                d.onDatagram(packet);
            }
            // call A leaves: later packets of a new SSRC to that endpoint no longer find its declaration
            p.withdrawEndpointOf(RtpPackets.B_HI, RtpPackets.B_LO, 40002, callA);
            d.withdrawEndpointOf(RtpPackets.B_HI, RtpPackets.B_LO, 40002, callA);
            for (int i = 0; i < 20; i++) {
                Packet packet = udp(rtp(i, 160L * i, 0, false, 0x77, 3000 + i), 500_000_000L + 20_000_000L * i);
                p.onDatagram(packet);
                d.onDatagram(packet);
            }
            p.finish();
            assertThat(q.endpoint(RtpPackets.B_HI, RtpPackets.B_LO, 40002)).as("batch %d", batch).isNull();
            assertThat(q.counters()).as("batch %d", batch).isEqualTo(d.counters());
            assertThat(q.summaries()).as("batch %d", batch).isEqualTo(d.summaries());
            assertThat(q.summaries()).as("batch %d", batch)
                    .anySatisfy(s -> assertThat(s.ssrc()).isEqualTo(0x42L));
        }
    }

    @Test
    void packetsWithPaddingExtensionCsrcOrBadPaddingGiveTheSameResultsAsPlainOnes() {
        List<Step> steps = new ArrayList<>();
        for (int k = 0; k < 400; k++) {
            for (int kind = 0; kind < 5; kind++) {
                byte[] b = rtp(k & 0xffff, 160L * k, 0, k % 50 == 0, 0x500 + kind, 160);
                switch (kind) {
                    case 1 -> {
                        b[0] |= 0x20; // padding: the last octet counts it
                        b[b.length - 1] = 4;
                    }
                    case 2 -> {
                        b[0] |= 0x10; // header extension of one word
                        b[14] = 0;
                        b[15] = 1;
                    }
                    case 3 -> b[0] |= 0x02; // two CSRCs
                    case 4 -> {
                        b[0] |= 0x20; // padding, one packet in ten longer than the payload: invalid
                        b[b.length - 1] = (byte) (k % 10 == 5 ? 200 : 8);
                    }
                    default -> {
                    }
                }
                Packet p = udp(b, 20_000_000L * k + kind);
                p.srcPort = 41000 + 2 * kind;
                steps.add(new Step(p, null));
            }
            if (k == 100) {
                steps.add(new Step(null, MediaEndpoint.of("10.0.0.2", 40002, AUDIO, "call", 0)));
            }
        }
        Result expected = direct(steps);
        assertThat(expected.counters().rtpPackets()).isGreaterThan(1000);
        assertThat(expected.counters().invalidRtpPackets()).isPositive();
        for (Function<QualityEngine, QualityPipeline> way : List.<Function<QualityEngine, QualityPipeline>>of(
                q -> new QualityPipeline(q, false, 5, 300), q -> new QualityPipeline(q, true, 13, 2000),
                QualityPipeline::inline)) {
            Result got = piped(steps, way);
            assertThat(got.counters()).isEqualTo(expected.counters());
            assertThat(got.summaries()).isEqualTo(expected.summaries());
        }
    }

    @Test
    void theProducerAndAnInlineReplayAllocateNothingPerPacket() {
        java.lang.management.ThreadMXBean base = ManagementFactory.getThreadMXBean();
        assumeTrue(base instanceof com.sun.management.ThreadMXBean, "JVM without per-thread allocation counters");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) base;
        assumeTrue(mx.isThreadAllocatedMemorySupported(), "per-thread allocation counting unsupported");
        mx.setThreadAllocatedMemoryEnabled(true);
        int streams = 8;
        int n = 4000;
        Packet[] packets = new Packet[n];
        for (int i = 0; i < n; i++) {
            int s = i % streams;
            int k = i / streams;
            packets[i] = udp(rtp(k & 0xffff, 160L * k, 0, false, 0x100 + s, 160), 20_000_000L * k + s);
            packets[i].srcPort = 40000 + 2 * s;
        }
        for (boolean threaded : new boolean[] {false, true}) {
            QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
            q.declareEndpoint(MediaEndpoint.of("10.0.0.2", 40002, AUDIO, "call", 0));
            QualityPipeline p = new QualityPipeline(q, threaded, 1024, 256 * 1024);
            // Warm-up: 300 s of stream, past the time series' last growth (512 one-second buckets at 256 s).
            for (int r = 0; r < 30; r++) {
                feed(p, packets, r);
            }
            long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int r = 30; r < 60; r++) {
                feed(p, packets, r);
            }
            long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            p.finish();
            assertThat(q.streamCount()).isEqualTo(streams);
            assertThat(q.counters().rtpPackets()).isEqualTo(60L * n);
            // Threaded: the queues' lock nodes when the producer waits, per batch of 1024 packets, not per packet.
            assertThat(allocated).as("threaded=%s: bytes allocated over %d packets", threaded, 30L * n)
                    .isLessThan(threaded ? 30L * n / 4 : 16 * 1024);
        }
    }

    /** Feeds the packets, then moves each stream on by as many packets (time, sequence, timestamp). */
    private static void feed(QualityPipeline p, Packet[] packets, int round) {
        for (Packet packet : packets) {
            p.onDatagram(packet);
        }
        int perStream = packets.length / 8;
        for (Packet packet : packets) {
            int sq = (((packet.data[2] & 0xff) << 8) | (packet.data[3] & 0xff)) + perStream;
            packet.data[2] = (byte) (sq >>> 8);
            packet.data[3] = (byte) sq;
            long ts = ((long) (packet.data[4] & 0xff) << 24) | ((packet.data[5] & 0xff) << 16)
                    | ((packet.data[6] & 0xff) << 8) | (packet.data[7] & 0xff);
            RtpPackets.put32(packet.data, 4, ts + 160L * perStream);
            packet.timestampNanos += 20_000_000L * perStream;
        }
    }

    /** A UDP datagram 10.0.0.1:40000 → 10.0.0.2:40002 over IPv4. */
    private static Packet udp(byte[] payload, long nanos) {
        Packet p = new Packet();
        p.protocol = Packet.PROTO_UDP;
        p.ipVersion = 4;
        p.timestampNanos = nanos;
        p.srcHi = RtpPackets.A_HI;
        p.srcLo = RtpPackets.A_LO;
        p.dstHi = RtpPackets.B_HI;
        p.dstLo = RtpPackets.B_LO;
        p.srcPort = 40000;
        p.dstPort = 40002;
        p.data = payload;
        p.payloadOffset = 0;
        p.payloadLength = payload.length;
        return p;
    }
}
