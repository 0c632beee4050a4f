package dev.sipscope.quality;

import static dev.sipscope.quality.RtpPackets.rtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Streams retired at the stream limit ({@link QualityEngine#QualityEngine(QualityConfig, long, int)}): a capture with
 * more streams than the limit, but never that many at once, gives the same summaries as an engine with room for
 * all of them; streams still active are not retired; the sweeps that look for quiet streams stay bounded.
 */
class StreamRetirementTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long RETIRE = QualityEngine.QUIET_STREAM_NANOS;
    private static final PayloadMap PCMU = PayloadMap.of(new PayloadFormat(0, "PCMU", 8000),
            new PayloadFormat(101, "telephone-event", 8000));

    private static long addr(int i) {
        return MediaEndpoint.parseAddress("10.2." + ((i >> 8) & 0xff) + "." + (i & 0xff))[1];
    }

    /** One RTP packet, or an SDP declaration or its withdrawal, at a capture time. */
    private record Event(long nanos, int src, int srcPort, int dst, int dstPort, byte[] datagram,
                         MediaEndpoint declared, boolean withdrawn) {
        Event(long nanos, int src, int srcPort, int dst, int dstPort, byte[] datagram, MediaEndpoint declared) {
            this(nanos, src, srcPort, dst, dstPort, datagram, declared, false);
        }
    }

    /**
     * {@code calls} calls, one starting every {@code spacing}, each {@code length} long with RTP both ways every
     * 20 ms: some loss, jitter and reordering, and RTCP XR VoIP metrics both ways; every other call announced by SDP (bound at once, withdrawn 5 s
     * after the call as the correlator does), the others found by the heuristic.
     */
    private static List<Event> calls(int calls, long spacing, long length, long seed) {
        Random r = new Random(seed);
        List<Event> out = new ArrayList<>();
        for (int c = 0; c < calls; c++) {
            long start = SECOND + c * spacing;
            int a = 2 * c;
            int b = 2 * c + 1;
            int portA = 20000 + 2 * (c % 5000);
            int portB = 40000 + 2 * (c % 5000);
            if (c % 2 == 0) {
                MediaEndpoint ea = new MediaEndpoint(0, addr(a), portA, 0, false, PCMU, 20, "call-" + c, 0, false, true);
                MediaEndpoint eb = new MediaEndpoint(0, addr(b), portB, 0, false, PCMU, 20, "call-" + c, 1, false, true);
                out.add(new Event(start - 1, 0, 0, 0, 0, null, ea));
                out.add(new Event(start - 1, 0, 0, 0, 0, null, eb));
                out.add(new Event(start + length + 5 * SECOND, 0, 0, 0, 0, null, ea, true));
                out.add(new Event(start + length + 5 * SECOND, 0, 0, 0, 0, null, eb, true));
            }
            int packets = (int) (length / 20_000_000L);
            for (int dir = 0; dir < 2; dir++) {
                long ssrc = 0x10000L * c + dir + 1;
                int seq0 = r.nextInt(65536);
                long ts0 = r.nextLong() & 0xffffffffL;
                for (int k = 0; k < packets; k++) {
                    if (k > 6 && r.nextInt(100) < 2) {
                        continue; // lost
                    }
                    long t = start + k * 20_000_000L + r.nextInt(8_000_000) + (k > 6 && r.nextInt(200) == 0 ? 45_000_000L : 0);
                    byte[] d = rtp((seq0 + k) & 0xffff, (ts0 + 160L * k) & 0xffffffffL, 0, k == 0, ssrc, 160);
                    out.add(dir == 0 ? new Event(t, a, portA, b, portB, d, null)
                            : new Event(t, b, portB, a, portA, d, null));
                }
            }
            // RTCP XR VoIP metrics both ways near the end: each stream's delay then comes from its reverse's.
            long ssrcA = 0x10000L * c + 1;
            long ssrcB = 0x10000L * c + 2;
            long xrAt = start + length - 100_000_000L;
            out.add(new Event(xrAt, b, portB + 1, a, portA + 1, RtcpEngineTest.xr(ssrcB, ssrcA, 90 + c % 7, 100), null));
            out.add(new Event(xrAt + 1, a, portA + 1, b, portB + 1, RtcpEngineTest.xr(ssrcA, ssrcB, 90 + c % 7, 80), null));
        }
        out.sort((x, y) -> Long.compare(x.nanos, y.nanos)); // stable: declarations stay before their call's packets
        return out;
    }

    /** One stream from before the first call to after the last: held to the end, listed before the retired. */
    private static List<Event> withTrunk(List<Event> calls) {
        List<Event> out = new ArrayList<>(calls);
        long end = calls.get(calls.size() - 1).nanos;
        for (int k = 0; SECOND / 2 + k * 20_000_000L < end; k++) {
            out.add(new Event(SECOND / 2 + k * 20_000_000L, 9000, 50000, 9001, 50002,
                    rtp(k & 0xffff, 160L * k, 0, false, 0xABCDEF, 160), null));
        }
        out.sort((x, y) -> Long.compare(x.nanos, y.nanos));
        return out;
    }

    /** Where events go: the engine itself, or the batch pipeline in front of it. */
    private record Target(java.util.function.Consumer<MediaEndpoint> declare,
                          java.util.function.Consumer<MediaEndpoint> withdraw,
                          java.util.function.Consumer<dev.sipscope.decoder.Packet> datagram) {
    }

    private static void play(List<Event> events, Target target) {
        dev.sipscope.decoder.Packet d = new dev.sipscope.decoder.Packet();
        for (Event e : events) {
            if (e.withdrawn) {
                target.withdraw.accept(e.declared);
            } else if (e.declared != null) {
                target.declare.accept(e.declared);
            } else {
                d.clear();
                d.protocol = dev.sipscope.decoder.Packet.PROTO_UDP;
                d.timestampNanos = e.nanos;
                d.ipVersion = 4;
                d.srcLo = addr(e.src);
                d.srcPort = e.srcPort;
                d.dstLo = addr(e.dst);
                d.dstPort = e.dstPort;
                d.data = e.datagram;
                d.payloadOffset = 0;
                d.payloadLength = e.datagram.length;
                target.datagram.accept(d);
            }
        }
    }

    private static void feed(QualityEngine q, List<Event> events) {
        play(events, new Target(q::declareEndpoint,
                e -> q.withdrawEndpointOf(e.addressHi(), e.addressLo(), e.port(), e.callRef()), q::onDatagram));
    }

    @Test
    void moreStreamsThanTheLimitButFewAtOnceGiveTheSameSummariesAsRoomForAll() {
        // 300 calls, one every 5 s for 10 s: about 4 streams active and 12 more quiet for under 30 s at a time.
        List<Event> traffic = withTrunk(calls(300, 5 * SECOND, 10 * SECOND, 11));
        QualityEngine roomy = new QualityEngine(QualityConfig.DEFAULTS.withLimits(2_000, 64));
        QualityEngine tight = retiring(24, 100_000);
        feed(roomy, traffic);
        feed(tight, traffic);

        assertThat(roomy.summaries()).hasSize(601);
        assertThat(roomy.summaries()).filteredOn(x -> x.emodel().delaySource() == StreamSummaries.DelaySource.RTCP_XR)
                .hasSize(600);
        assertThat(tight.counters().streamsRefused()).isZero();
        assertThat(tight.counters().endpointsRefused()).isZero();
        assertThat(tight.retiredCount()).isGreaterThan(500);
        assertThat(tight.streamCount()).isLessThanOrEqualTo(24);
        assertThat(tight.counters().streamsRetired()).isEqualTo(tight.retiredCount());
        assertThat(tight.counters().rtpPackets()).isEqualTo(roomy.counters().rtpPackets());
        assertSame(tight.summaries(), roomy.summaries());
    }

    @Test
    void theBatchPipelineRetiresAsDirectFeedingDoes() {
        List<Event> traffic = withTrunk(calls(120, 5 * SECOND, 10 * SECOND, 5));
        // A stream that pauses 39 s and sends one packet just before a new stream needs its slot: that packet
        // must count before the sweep looks for quiet streams, however the pipeline batches it.
        QualityEngine expected = retiring(24, 100_000);
        feed(expected, traffic);
        assertThat(expected.retiredCount()).isGreaterThan(150);
        List<Event> pause = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            pause.add(new Event(SECOND + 20_000_000L * k, 7000, 20000, 7001, 30000,
                    rtp(k, 160L * k, 0, false, 77, 160), null));
        }
        pause.add(new Event(40 * SECOND, 7000, 20000, 7001, 30000, rtp(50, 8000, 0, false, 77, 160), null));
        for (int s = 0; s < 3; s++) {
            for (int k = 0; k < 20; k++) {
                pause.add(new Event(10 * SECOND + s + 20_000_000L * k, 7100 + s, 20000, 7001, 30000,
                        rtp(k, 160L * k, 0, false, 100 + s, 160), null));
            }
        }
        for (int k = 0; k < 20; k++) {
            pause.add(new Event(40 * SECOND + 10_000_000L + 20_000_000L * k, 7200, 20000, 7001, 30000,
                    rtp(k, 160L * k, 0, false, 200, 160), null));
        }
        pause.sort((x, y) -> Long.compare(x.nanos, y.nanos));
        QualityEngine pausing = retiring(4, 100_000);
        feed(pausing, pause);
        assertThat(pausing.retiredCount()).isZero();
        assertThat(pausing.counters().streamsRefused()).isEqualTo(1);
        for (int records : new int[] {1, 7, 256, 16384}) {
            for (boolean threaded : new boolean[] {false, true}) {
                QualityEngine q = retiring(24, 100_000);
                piped(q, traffic, threaded, records);
                assertThat(q.counters()).as("%d records, threaded %s", records, threaded)
                        .isEqualTo(expected.counters());
                assertSame(q.summaries(), expected.summaries());
                QualityEngine p = retiring(4, 100_000);
                piped(p, pause, threaded, records);
                assertThat(p.counters()).as("pause: %d records, threaded %s", records, threaded)
                        .isEqualTo(pausing.counters());
                assertSame(p.summaries(), pausing.summaries());
            }
        }
    }

    private static void piped(QualityEngine q, List<Event> events, boolean threaded, int records) {
        QualityPipeline p = new QualityPipeline(q, threaded, records, records * 200 + 1000);
        play(events, new Target(p::declareEndpoint,
                e -> p.withdrawEndpointOf(e.addressHi(), e.addressLo(), e.port(), e.callRef()), p::onDatagram));
        p.finish();
    }

    /** Equal lists; on a difference, the first stream that differs and the components that differ in it. */
    private static void assertSame(List<StreamSummary> actual, List<StreamSummary> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            StreamSummary a = actual.get(i);
            StreamSummary e = expected.get(i);
            if (a.equals(e)) {
                continue;
            }
            StringBuilder diff = new StringBuilder("stream " + i + " (" + e.src() + " > " + e.dst() + "):");
            for (var c : StreamSummary.class.getRecordComponents()) {
                try {
                    Object x = c.getAccessor().invoke(a);
                    Object y = c.getAccessor().invoke(e);
                    if (!java.util.Objects.equals(x, y)) {
                        diff.append("\n  ").append(c.getName()).append(": ").append(x).append("\n  expected ").append(y);
                    }
                } catch (ReflectiveOperationException ex) {
                    throw new AssertionError(ex);
                }
            }
            throw new AssertionError(diff.toString());
        }
    }

    @Test
    void withRoomNothingIsRetiredAndAQuietStreamThatResumesStaysOne() {
        List<Event> traffic = new ArrayList<>(calls(3, 5 * SECOND, 4 * SECOND, 3));
        // The first call's first direction again after 60 s of silence, the same SSRC and sequence onwards.
        Event last = traffic.stream().filter(e -> e.datagram != null && e.src == 0).reduce((x, y) -> y).orElseThrow();
        for (int k = 1; k <= 50; k++) {
            byte[] d = rtp(((last.datagram[2] & 0xff) << 8 | (last.datagram[3] & 0xff)) + k & 0xffff, 160L * k, 0,
                    false, 1, 160);
            traffic.add(new Event(last.nanos + 60 * SECOND + 20_000_000L * k, 0, last.srcPort, 1, last.dstPort, d, null));
        }
        QualityEngine q = retiring(64, 100_000);
        feed(q, traffic);
        assertThat(q.retiredCount()).isZero();
        assertThat(q.summaries()).hasSize(6);
    }

    @Test
    void aStreamQuietLongerThanTheRetirementTimeResumesAsANewOneWhenTheTableIsFull() {
        QualityEngine q = declared(retiring(4, 100_000), "old");
        long t = SECOND;
        for (int k = 0; k < 50; k++) {
            send(q, t += 20_000_000L, 1, 30000, 100, k, 7);
        }
        long silentFrom = t;
        // Four more streams 40 s later fill the table: the quiet one gives its slot to the fourth.
        t += 40 * SECOND;
        for (int k = 0; k < 50; k++) {
            t += 20_000_000L;
            for (int s = 0; s < 4; s++) {
                send(q, t, 10 + s, 30000, 100, k, 100 + s);
            }
        }
        assertThat(q.retiredCount()).isEqualTo(1);
        assertThat(q.counters().streamsRefused()).isZero();
        // The old stream resumes: its 5-tuple now needs a slot of its own, and none is free or quiet.
        for (int k = 50; k < 60; k++) {
            send(q, t += 20_000_000L, 1, 30000, 100, k, 7);
        }
        assertThat(q.counters().streamsRefused()).isEqualTo(1);
        assertThat(q.counters().packetsDroppedAtLimit()).isEqualTo(10);
        List<StreamSummary> all = q.summaries();
        assertThat(all).hasSize(5);
        assertThat(all.get(0).ssrc()).isEqualTo(7);
        assertThat(all.get(0).packets()).isEqualTo(50);
        assertThat(all.get(0).lastNanos()).isEqualTo(silentFrom);
        assertThat(all.get(0).callRef()).isEqualTo("old");
        // 40 s later the four have been quiet long enough: the old one comes back as a new stream.
        t += 40 * SECOND;
        for (int k = 60; k < 70; k++) {
            send(q, t += 20_000_000L, 1, 30000, 100, k, 7);
        }
        all = q.summaries();
        assertThat(all).hasSize(6);
        assertThat(all.get(5).ssrc()).isEqualTo(7);
        assertThat(all.get(5).packets()).isEqualTo(10);
        assertThat(all).isSortedAccordingTo(QualityEngine.SUMMARY_ORDER);
    }

    @Test
    void aNewSsrcWhoseSweepRetiresItsFiveTuplesLastStreamKeepsTheFiveTuple() {
        QualityEngine q = declared(retiring(4, 100), "x");
        long t = SECOND;
        for (int k = 0; k < 20; k++) {
            send(q, t += 20_000_000L, 1, 30000, 100, k, 7);
        }
        t += 40 * SECOND;
        for (int k = 0; k < 20; k++) {
            t += 20_000_000L;
            for (int s = 0; s < 3; s++) {
                send(q, t, 10 + s, 30000, 100, k, 100 + s);
            }
        }
        // The same 5-tuple as the quiet stream, a new SSRC: the sweep retires the quiet one, the only
        // stream of this 5-tuple, to make room for the new one on it.
        for (int k = 0; k < 20; k++) {
            send(q, t += 20_000_000L, 1, 30000, 100, k, 8);
        }
        assertThat(q.retiredCount()).isEqualTo(1);
        // The new SSRC goes on for 40 s while the three go quiet, then another SSRC on that 5-tuple finds
        // room once they are retired: it is the 5-tuple's second stream, after a change of SSRC.
        for (int k = 20; k < 2020; k++) {
            send(q, t += 20_000_000L, 1, 30000, 100, k, 8);
        }
        for (int k = 0; k < 20; k++) {
            send(q, t += 20_000_000L, 1, 30000, 100, k, 9);
        }
        assertThat(q.retiredCount()).isEqualTo(4);
        List<StreamSummary> all = q.summaries();
        StreamSummary eight = all.stream().filter(x -> x.ssrc() == 8).findFirst().orElseThrow();
        StreamSummary nine = all.stream().filter(x -> x.ssrc() == 9).findFirst().orElseThrow();
        assertThat(eight.packets()).isEqualTo(2020);
        assertThat(nine.packets()).isEqualTo(20);
        assertThat(nine.ssrcIndexOnTuple()).isEqualTo(eight.ssrcIndexOnTuple() + 1);
        // 8 to 9 (the retired stream left the 5-tuple before 8's first packet, so 7 to 8 is not a change).
        assertThat(nine.ssrcChangesOnTuple()).isEqualTo(1);
        assertThat(eight.ssrcChangesOnTuple()).isEqualTo(1);
    }

    @Test
    void activeStreamsAreNeverRetiredAndTheSweepsStayBounded() {
        QualityEngine q = declared(retiring(64, 100_000), "busy");
        // 64 streams that never pause, and a new one-packet stream every 10 ms for 100 s.
        long t = SECOND;
        int newcomers = 0;
        for (int k = 0; k < 5_000; k++) {
            t += 20_000_000L;
            for (int s = 0; s < 64; s++) {
                send(q, t, 1000 + s, 30000, 100, k, 1000 + s);
            }
            send(q, t + 1, 5000 + newcomers, 30000, 100, 0, 50_000 + newcomers++);
            send(q, t + 10_000_000L, 5000 + newcomers, 30000, 100, 0, 50_000 + newcomers++);
        }
        assertThat(q.retiredCount()).isZero();
        assertThat(q.counters().streamsRefused()).isEqualTo(newcomers);
        // One sweep a second of capture time at most (plus the first).
        assertThat(q.retireSweeps()).isBetween(1L, 102L);
        List<StreamSummary> all = q.summaries();
        assertThat(all).hasSize(64);
        assertThat(all).allSatisfy(s -> assertThat(s.packets()).isEqualTo(5_000));
        // Once the 64 have been quiet for 30 s, new streams get their slots: no 5-tuple of a refused one
        // stays behind to fill the table of 5-tuples.
        long refused = q.counters().streamsRefused();
        t += RETIRE + SECOND;
        for (int k = 0; k < 10; k++) {
            t += 20_000_000L;
            for (int s = 0; s < 100; s++) {
                send(q, t, 20_000 + s, 30000, 100, k, 90_000 + s);
            }
        }
        assertThat(q.retiredCount()).isEqualTo(64);
        assertThat(q.counters().streamsRefused()).isEqualTo(refused + 36);
        assertThat(q.streamCount()).isEqualTo(64);
    }

    @Test
    void anEngineWithoutARetirementTimeRefusesAsBefore() {
        QualityEngine q = declared(new QualityEngine(QualityConfig.DEFAULTS.withLimits(4, 64)), "x");
        for (int s = 0; s < 6; s++) {
            send(q, SECOND + s, s, 30000, 100, 0, s);
        }
        for (int s = 0; s < 6; s++) {
            send(q, 100 * SECOND + s, 10 + s, 30000, 100, 0, 10 + s);
        }
        assertThat(q.counters().streamsRefused()).isEqualTo(8);
        assertThat(q.retiredCount()).isZero();
        assertThat(q.summaries()).hasSize(4);
        assertThatThrownBy(() -> new QualityEngine(QualityConfig.DEFAULTS, -1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QualityEngine(QualityConfig.DEFAULTS, RETIRE, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retiredSummariesAreBoundedTheOldestDroppedAndCounted() {
        List<Event> traffic = calls(300, 5 * SECOND, 10 * SECOND, 11);
        QualityEngine all = retiring(24, 100_000);
        QualityEngine bounded = retiring(24, 100);
        feed(all, traffic);
        feed(bounded, traffic);
        int retired = all.retiredCount();
        assertThat(retired).isGreaterThan(500);
        assertThat(bounded.retiredCount()).isEqualTo(100);
        assertThat(bounded.counters().retiredDropped()).isEqualTo(retired - 100);
        assertThat(all.counters().retiredDropped()).isZero();
        // What is left is the newest retired streams and those held, as the unbounded engine lists them.
        List<StreamSummary> full = all.summaries();
        assertSame(bounded.summaries(), full.subList(full.size() - bounded.summaries().size(), full.size()));
        assertThat(bounded.summaries()).hasSize(100 + bounded.streamCount());

        // One sweep retiring 24 streams at once, with room for 10: the 10 that started last are kept.
        QualityEngine q = declared(retiring(24, 10), "x");
        for (int s = 0; s < 24; s++) {
            for (int k = 0; k < 5; k++) {
                send(q, SECOND + s * 100_000_000L + k * 20_000_000L, 300 + (s * 7) % 24, 30000, 100, k, 5_000 + s);
            }
        }
        send(q, 60 * SECOND, 999, 30000, 100, 0, 9_999);
        assertThat(q.counters().retiredDropped()).isEqualTo(14);
        assertThat(q.summaries()).extracting(StreamSummary::ssrc)
                .containsExactly(5_014L, 5_015L, 5_016L, 5_017L, 5_018L, 5_019L, 5_020L, 5_021L, 5_022L, 5_023L, 9_999L);
    }

    /** An engine holding {@code streams} streams that retires at the limit, keeping {@code maxRetired} summaries. */
    private static QualityEngine retiring(int streams, int maxRetired) {
        return new QualityEngine(QualityConfig.DEFAULTS.withLimits(streams, 64), RETIRE, maxRetired);
    }

    /** {@code q} with 10.2.0.100:30000 declared by SDP (PCMU) for {@code call}: its streams start at once. */
    private static QualityEngine declared(QualityEngine q, String call) {
        q.declareEndpoint(new MediaEndpoint(0, addr(100), 30000, 0, false, PCMU, 20, call, 0, false, true));
        return q;
    }

    private static void send(QualityEngine q, long nanos, int src, int dstPort, int dst, int k, long ssrc) {
        byte[] d = rtp((1000 + k) & 0xffff, 160L * k, 0, false, ssrc, 160);
        q.onDatagram(nanos, 0, addr(src), 20000, 0, addr(dst), dstPort, 4, d, 0, d.length);
    }
}
