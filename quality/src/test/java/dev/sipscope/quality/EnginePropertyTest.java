package dev.sipscope.quality;

import static dev.sipscope.quality.RtpPackets.rtp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests with fixed seeds: hostile and random input never throws and leaves consistent
 * counters; memory stays within the configured stream and candidate limits; random UDP is not taken
 * for RTP while real streams among it are still found.
 */
class EnginePropertyTest {

    private static long addr(int i) {
        return MediaEndpoint.parseAddress("10.1." + ((i >> 8) & 0xff) + "." + (i & 0xff))[1];
    }

    private static MediaClass feed(QualityEngine q, long nanos, int src, int srcPort, int dst, int dstPort, byte[] b,
                                   int off, int len) {
        return q.onDatagram(nanos, 0, addr(src), srcPort, 0, addr(dst), dstPort, 4, b, off, len);
    }

    @Test
    void randomUdpIsNotRtp() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        Random r = new Random(1);
        byte[] b = new byte[200];
        for (int i = 0; i < 300_000; i++) {
            int len = r.nextInt(b.length);
            r.nextBytes(b);
            // A few busy 5-tuples and many one-off ones.
            int tuple = r.nextInt(4) == 0 ? r.nextInt(1 << 16) : r.nextInt(16);
            feed(q, i * 1_000_000L, tuple, 2000 + 2 * (tuple & 0xff), tuple + 1, 30000, b, 0, len);
        }
        assertThat(q.streamCount()).isZero();
        assertThat(q.counters().rtpPackets()).isZero();
        assertThat(q.summaries()).isEmpty();
    }

    @Test
    void wellKnownNonRtpPayloadsAreNotRtp() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        List<byte[]> samples = List.of(
                "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP x\r\n\r\n".getBytes(),
                hex("000100002112a442" + "0102030405060708090a0b0c"),            // STUN binding request
                hex("16fefd0000000000000000002e0100002200000000000000"),          // DTLS handshake
                hex("4b" + "0102030405060708" + "aabbccdd"),                       // QUIC short header
                hex("abcd0100000100000000000003777777076578616d706c6503636f6d0000010001")); // DNS query
        long t = 0;
        for (int k = 0; k < 200; k++) {
            for (byte[] s : samples) {
                feed(q, t += 20_000_000L, 1, 40000, 2, 40002, s, 0, s.length);
            }
        }
        assertThat(q.streamCount()).isZero();
    }

    static byte[] hex(String h) {
        return java.util.HexFormat.of().parseHex(h);
    }

    @Test
    void mutatedAndTruncatedRtpNeverThrowsAndKeepsCountersConsistent() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS.withLimits(64, 16));
        PayloadMap map = PayloadMap.of(new PayloadFormat(0, "PCMU", 8000), new PayloadFormat(101, "telephone-event", 8000));
        q.declareEndpoint(new MediaEndpoint(0, addr(2), 40002, 0, false, map, 20, "call", 0, false, true));
        Random r = new Random(42);
        long t = 0;
        int[] seq = new int[8];
        long[] ts = new long[8];
        for (int i = 0; i < 8; i++) {
            seq[i] = r.nextInt(65536);
            ts[i] = r.nextLong() & 0xffffffffL;
        }
        MediaClass[] kinds = MediaClass.values();
        long[] byKind = new long[kinds.length];
        for (int i = 0; i < 200_000; i++) {
            int s = r.nextInt(8);
            t += r.nextInt(5_000_000);
            int pt = r.nextInt(20) == 0 ? 101 : r.nextInt(30) == 0 ? 13 : 0;
            byte[] b = pt == 101
                    ? RtpPackets.event(seq[s], ts[s], 101, r.nextInt(10) == 0, 0x1000 + s, r.nextInt(17), r.nextBoolean(),
                    r.nextInt(64), r.nextInt(65536))
                    : rtp(seq[s], ts[s], pt, r.nextInt(50) == 0, 0x1000 + s, 20 + r.nextInt(160));
            int step = r.nextInt(100) < 90 ? 1 : r.nextInt(7) - 3;
            if (r.nextInt(2000) == 0) {
                step = r.nextInt(65536);
            }
            seq[s] = (seq[s] + step) & 0xffff;
            ts[s] = (ts[s] + (r.nextInt(100) < 95 ? 160 : r.nextInt(1 << 20))) & 0xffffffffL;
            int mutations = r.nextInt(10) < 2 ? 1 + r.nextInt(4) : 0;
            for (int m = 0; m < mutations; m++) {
                b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            }
            int len = r.nextInt(20) == 0 ? r.nextInt(b.length + 1) : b.length;
            int src = s < 4 ? 1 : 3 + s;
            MediaClass c = feed(q, t, src, 40000 + 2 * s, 2, s < 6 ? 40002 : 41000 + 2 * s, b, 0, len);
            byKind[c.ordinal()]++;
            if (r.nextInt(1000) == 0) {
                byte[] rtcp = new byte[8 + r.nextInt(64)];
                r.nextBytes(rtcp);
                rtcp[0] = (byte) 0x80;
                rtcp[1] = (byte) (200 + r.nextInt(8));
                feed(q, t, src, 40001, 2, 40003, rtcp, 0, rtcp.length);
            }
        }
        QualityCounters c = q.counters();
        assertThat(c.datagrams()).isGreaterThanOrEqualTo(200_000);
        assertThat(c.streams()).isLessThanOrEqualTo(64);
        assertThat(byKind[MediaClass.RTP.ordinal()]).isGreaterThan(100_000);
        long summed = 0;
        for (StreamSummary s : q.summaries()) {
            summed += s.packets();
            assertThat(s.packets()).isEqualTo(s.ws40().packets());
            assertThat(s.sequence().unique()).isLessThanOrEqualTo(s.sequence().received());
            assertThat(s.sequence().lostNet() + s.sequence().unique()).isEqualTo(s.sequence().expected());
            assertThat(s.primaryJitterBuffer().discards()).isLessThanOrEqualTo(s.sequence().unique());
            if (s.emodel().mosCq() != null) {
                assertThat(s.emodel().mosCq()).isBetween(1.0, 4.5);
                assertThat(s.emodel().mosLq()).isBetween(1.0, 4.5);
            }
            assertThat(s.lossPattern().burstDensity8()).isBetween(0, 255);
            assertThat(s.lossPattern().gapDensity8()).isBetween(0, 255);
            assertThat(Double.isNaN(s.ws40().maxJitterMs())).isFalse();
        }
        assertThat(summed).isEqualTo(c.rtpPackets());
    }

    @Test
    void streamLimitHoldsAndIsCounted() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS.withLimits(50, 8));
        long t = 0;
        // 200 streams on distinct tuples, 6 packets each, 4 starting at a time.
        for (int group = 0; group < 50; group++) {
            for (int k = 0; k < 6; k++) {
                for (int j = 0; j < 4; j++) {
                    int id = group * 4 + j;
                    byte[] b = rtp(100 + k, 160L * k, 0, false, id, 160);
                    feed(q, t += 1_000_000L, id, 20000 + 2 * id, 60000, 30000, b, 0, b.length);
                }
            }
        }
        QualityCounters c = q.counters();
        assertThat(c.streams()).isEqualTo(50);
        assertThat(c.streamsCreated()).isEqualTo(50);
        assertThat(c.streamsRefused()).isPositive();
        assertThat(c.packetsDroppedAtLimit()).isPositive();

        List<StreamSummary> expired = new ArrayList<>();
        assertThat(q.expireIdle(t + 1, 0, expired::add)).isEqualTo(50);
        assertThat(expired).hasSize(50);
        assertThat(q.streamCount()).isZero();
        for (int k = 0; k < 6; k++) {
            byte[] b = rtp(500 + k, 160L * k, 0, false, 77, 160);
            feed(q, t += 20_000_000L, 9999, 20000, 60000, 30000, b, 0, b.length);
        }
        assertThat(q.streamCount()).isEqualTo(1);
    }

    @Test
    void aFloodOfNewTuplesEvictsCandidatesButNotTheOnesAboutToConfirm() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS.withLimits(100, 16));
        Random r = new Random(7);
        long t = 0;
        int junk = 0;
        for (int k = 0; k < 6; k++) {
            byte[] real = rtp(3000 + k, 160L * k, 0, false, 0xCAFE, 160);
            feed(q, t += 1_000_000L, 1, 16384, 2, 16386, real, 0, real.length);
            // 100 one-packet flows that look like RTP, each on its own tuple, between two real packets.
            for (int j = 0; j < 100; j++) {
                byte[] b = rtp(r.nextInt(65536), r.nextLong() & 0xffffffffL, 0, false, r.nextInt(), 160);
                junk++;
                feed(q, t += 10_000L, 100 + junk, 20000 + 2 * (junk % 20000), 50 + junk, 30000, b, 0, b.length);
            }
        }
        QualityCounters c = q.counters();
        assertThat(c.candidatesEvicted()).isGreaterThan(500);
        assertThat(q.streamCount()).isEqualTo(1);
        assertThat(q.summaries().get(0).ssrc()).isEqualTo(0xCAFE);
        assertThat(q.summaries().get(0).packets()).isEqualTo(6);
    }

    @Test
    void endpointLimitRefusesFurtherDeclarations() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS.withLimits(2, 2));
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            if (q.declareEndpoint(new MediaEndpoint(0, addr(i), 40000, 0, false, PayloadMap.EMPTY, Double.NaN, null, 0,
                    false, true))) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(4);
        assertThat(q.counters().endpointsRefused()).isEqualTo(6);
    }
}
