package dev.sipscope.quality;

import static dev.sipscope.quality.RtpPackets.ms;
import static dev.sipscope.quality.RtpPackets.put16;
import static dev.sipscope.quality.RtpPackets.put32;
import static dev.sipscope.quality.RtpPackets.rtp;
import static dev.sipscope.quality.RtpPackets.send;
import static dev.sipscope.quality.RtpPackets.sendBack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sipscope.quality.rtcp.ReportBlock;
import dev.sipscope.quality.rtcp.RoundTripSamples;
import dev.sipscope.quality.rtcp.RtcpMath;
import dev.sipscope.quality.rtcp.XrVoipMetrics;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RTCP attached to streams: TV-RTT segment method (QUALITY.md §9.4), report blocks, SDES, BYE, XR (§9.5). */
class RtcpEngineTest {
    static final long SSRC_A = 0xAAAA0001L;
    static final long SSRC_B = 0xBBBB0002L;
    static final long NTP_SEC = 0xE8A1B2C3L;

    /** An SR (no blocks) from {@code ssrc} with NTP seconds/fraction. */
    static byte[] sr(long ssrc, long ntpSec, long ntpFrac, long packets, long octets) {
        byte[] b = new byte[28];
        b[0] = (byte) 0x80;
        b[1] = (byte) 200;
        put16(b, 2, 6);
        put32(b, 4, ssrc);
        put32(b, 8, ntpSec);
        put32(b, 12, ntpFrac);
        put32(b, 16, 1234);
        put32(b, 20, packets);
        put32(b, 24, octets);
        return b;
    }

    /** An RR from {@code reporter} with one block about {@code about}. */
    static byte[] rr(long reporter, long about, int fraction, int cumulative, long extHighest, long jitter, long lsr,
                     long dlsr) {
        byte[] b = new byte[32];
        b[0] = (byte) 0x81;
        b[1] = (byte) 201;
        put16(b, 2, 7);
        put32(b, 4, reporter);
        put32(b, 8, about);
        b[12] = (byte) fraction;
        b[13] = (byte) (cumulative >> 16);
        b[14] = (byte) (cumulative >> 8);
        b[15] = (byte) cumulative;
        put32(b, 16, extHighest);
        put32(b, 20, jitter);
        put32(b, 24, lsr);
        put32(b, 28, dlsr);
        return b;
    }

    static byte[] xr(long reporter, long about, int rtd, int esd) {
        byte[] block = HexFormat.of().parseHex("0700000811223344" + "0C059902003207800000000" + "0ECC47F104F7F2825E800003C006400C8");
        byte[] b = new byte[8 + 36];
        b[0] = (byte) 0x80;
        b[1] = (byte) 207;
        put16(b, 2, 10);
        put32(b, 4, reporter);
        System.arraycopy(block, 0, b, 8, 36);
        put32(b, 12, about);
        put16(b, 8 + 16, rtd);
        put16(b, 8 + 18, esd);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    /** Two streams A→B and B→A with 100 packets each, starting at 0 s. */
    static QualityEngine call() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        PayloadMap pcmu = PayloadMap.of(new PayloadFormat(0, "PCMU", 8000));
        q.declareEndpoint(MediaEndpoint.of("10.0.0.1", 40000, pcmu, "c", 0));
        q.declareEndpoint(MediaEndpoint.of("10.0.0.2", 50000, pcmu, "c", 0));
        for (int i = 0; i < 100; i++) {
            send(q, ms(20.0 * i), 40000, 50000, rtp(i, 160L * i, 0, false, SSRC_A, 160));
            sendBack(q, ms(20.0 * i + 1), 50000, 40000, rtp(i, 160L * i, 0, false, SSRC_B, 160));
        }
        return q;
    }

    static StreamSummary stream(QualityEngine q, long ssrc) {
        return q.summaries().stream().filter(s -> s.ssrc() == ssrc).findFirst().orElseThrow();
    }

    @Test
    void tvRttSegmentMethodCombinesBothHalves() {
        QualityEngine q = call();
        long lsrA = (NTP_SEC & 0xffff) << 16 | 0x4000;
        assertThat(send(q, ms(10_000), 40001, 50001, sr(SSRC_A, NTP_SEC, 0x40000000L, 100, 16000)))
                .isEqualTo(MediaClass.RTCP);
        assertThat(sendBack(q, ms(10_180), 50001, 40001, rr(SSRC_B, SSRC_A, 0, 0, 99, 8, lsrA, 0x2000)))
                .isEqualTo(MediaClass.RTCP);
        long ntpB = NTP_SEC + 2;
        long lsrB = (ntpB & 0xffff) << 16 | 0x4000;
        sendBack(q, ms(12_000), 50001, 40001, sr(SSRC_B, ntpB, 0x40000000L, 100, 16000));
        send(q, ms(12_140), 40001, 50001, rr(SSRC_A, SSRC_B, 0, 0, 99, 8, lsrB, 6554));

        StreamSummary ab = stream(q, SSRC_A);
        assertThat(ab.rtcp().probeToReceiverMs()).isCloseTo(55.0, within(1e-6));
        assertThat(ab.rtcp().probeToSenderMs()).isCloseTo(39.993896, within(1e-6));
        assertThat(ab.rtcp().roundTripMs()).isCloseTo(94.993896, within(1e-6));
        assertThat(ab.emodel().delaySource()).isEqualTo(StreamSummaries.DelaySource.RTCP_RTT);
        assertThat(ab.emodel().networkOneWayMs()).isCloseTo(47.496948, within(1e-6));
        assertThat(ab.emodel().taMs()).isCloseTo(47.496948 + 20 + 0 + 60, within(1e-6));
        assertThat(ab.rtcp().senderReports()).isEqualTo(1);
        assertThat(ab.rtcp().lastSenderPacketCount()).isEqualTo(100);
        List<ReportBlock> blocks = ab.rtcp().reports();
        assertThat(blocks).hasSize(1);
        assertThat(blocks.get(0).reporterSsrc()).isEqualTo(SSRC_B);
        assertThat(blocks.get(0).probeRoundTripMs()).isCloseTo(55.0, within(1e-6));
        assertThat(blocks.get(0).jitterMs()).isCloseTo(1.0, within(1e-12));
        assertThat(blocks.get(0).inconsistent()).isFalse();

        StreamSummary ba = stream(q, SSRC_B);
        assertThat(ba.rtcp().roundTripMs()).isCloseTo(94.993896, within(1e-6));
        assertThat(ba.emodel().delaySource()).isEqualTo(StreamSummaries.DelaySource.RTCP_RTT);
    }

    @Test
    void oneHalfOnlyIsReportedButNotUsedForTheDelay() {
        QualityEngine q = call();
        long lsrA = (NTP_SEC & 0xffff) << 16 | 0x4000;
        send(q, ms(10_000), 40001, 50001, sr(SSRC_A, NTP_SEC, 0x40000000L, 100, 16000));
        sendBack(q, ms(10_180), 50001, 40001, rr(SSRC_B, SSRC_A, 0, 0, 99, 8, lsrA, 0x2000));
        StreamSummary ab = stream(q, SSRC_A);
        assertThat(ab.rtcp().probeToReceiverMs()).isCloseTo(55.0, within(1e-6));
        assertThat(ab.rtcp().roundTripMs()).isNull();
        assertThat(ab.emodel().delaySource()).isEqualTo(StreamSummaries.DelaySource.DEFAULT);
        assertThat(ab.emodel().networkOneWayMs()).isEqualTo(20.0);
    }

    @Test
    void reportBlockThatDisagreesWithTheProbeIsFlagged() {
        QualityEngine q = call();
        sendBack(q, ms(3000), 50001, 40001, rr(SSRC_B, SSRC_A, 10, 5, 40_000, 8, 0, 0));
        StreamSummary ab = stream(q, SSRC_A);
        assertThat(ab.rtcp().rtcpInconsistent()).isTrue();
        assertThat(ab.rtcp().reports().get(0).fractionLostPct()).isCloseTo(3.90625, within(1e-12));
        assertThat(ab.rtcp().reports().get(0).cumulativeLost()).isEqualTo(5);
    }

    @Test
    void xrVoipMetricsFromBothEndsGiveTheXrDelay() {
        QualityEngine q = call();
        sendBack(q, ms(5000), 50001, 40001, xr(SSRC_B, SSRC_A, 95, 100));
        send(q, ms(5001), 40001, 50001, xr(SSRC_A, SSRC_B, 95, 80));
        StreamSummary ab = stream(q, SSRC_A);
        XrVoipMetrics m = ab.rtcp().xrVoipMetrics();
        assertThat(m).isNotNull();
        assertThat(m.reporterSsrc()).isEqualTo(SSRC_B);
        assertThat(m.ssrc()).isEqualTo(SSRC_A);
        assertThat(m.roundTripDelayMs()).isEqualTo(95);
        assertThat(m.mosLq()).isEqualTo(4.0);
        assertThat(m.mosCq()).isEqualTo(3.7);
        assertThat(m.rerlDb()).isNull();
        assertThat(m.signalLevelDbm0()).isEqualTo(-20);
        assertThat(ab.emodel().delaySource()).isEqualTo(StreamSummaries.DelaySource.RTCP_XR);
        assertThat(ab.emodel().taMs()).isCloseTo((95 + 100 + 80) / 2.0, within(1e-12));
    }

    @Test
    void sdesCnameAndByeAttachToTheSendersStream() {
        QualityEngine q = call();
        byte[] sdes = HexFormat.of().parseHex("81ca0005" + String.format("%08x", SSRC_A) + "010a616c69636540686f737400000000");
        byte[] bye = HexFormat.of().parseHex("81cb0001" + String.format("%08x", SSRC_A));
        assertThat(send(q, ms(2100), 40001, 50001, concat(sr(SSRC_A, NTP_SEC, 0, 1, 1), sdes, bye)))
                .isEqualTo(MediaClass.RTCP);
        StreamSummary ab = stream(q, SSRC_A);
        assertThat(ab.rtcp().cname()).isEqualTo("alice@host");
        assertThat(ab.rtcp().bye()).isTrue();
        assertThat(q.counters().rtcpDatagrams()).isEqualTo(1);
    }

    @Test
    void malformedAndEncryptedRtcpAreCountedNotParsed() {
        QualityEngine q = call();
        byte[] bad = rr(SSRC_B, SSRC_A, 0, 0, 99, 8, 0, 0);
        bad[3] = 40;
        assertThat(sendBack(q, ms(3000), 50001, 40001, bad)).isEqualTo(MediaClass.INVALID);
        byte[] srtcp = concat(rr(SSRC_B, SSRC_A, 0, 0, 99, 8, 0, 0), HexFormat.of().parseHex("1f2e3d4c80000001"));
        assertThat(sendBack(q, ms(3001), 50001, 40001, srtcp)).isEqualTo(MediaClass.RTCP);
        assertThat(q.counters().rtcpMalformed()).isEqualTo(1);
        assertThat(q.counters().rtcpUnparsed()).isEqualTo(1);
        assertThat(stream(q, SSRC_A).rtcp().reportBlocks()).isZero();
    }

    @Test
    void rtcpMuxOnTheRtpPortIsDemultiplexed() {
        QualityEngine q = call();
        assertThat(send(q, ms(2500), 40000, 50000, sr(SSRC_A, NTP_SEC, 0, 7, 7))).isEqualTo(MediaClass.RTCP);
        assertThat(stream(q, SSRC_A).packets()).isEqualTo(100);
        assertThat(stream(q, SSRC_A).rtcp().lastSenderPacketCount()).isEqualTo(7);
    }

    @Test
    void roundTripHelpersMatchTvRtt() {
        assertThat(RtcpMath.probeRoundTripSeconds(ms(10_000), ms(10_180), 0x2000)).isCloseTo(0.055, within(1e-12));
        assertThat(RtcpMath.probeRoundTripSeconds(ms(12_000), ms(12_140), 6554)).isCloseTo(0.039993896, within(1e-9));
        assertThat(RtcpMath.cumulativeLost(0xFFFFFE)).isEqualTo(-2);
        RoundTripSamples r = new RoundTripSamples();
        for (double v : new double[] {0.05, 0.5, 0.04, -1, 11, 0.06, 0.045}) {
            r.add(v);
        }
        assertThat(r.rejected()).isEqualTo(2);
        assertThat(r.median()).isEqualTo(0.05);
        r.add(0.041);
        assertThat(r.size()).isEqualTo(5);
        assertThat(r.median()).isEqualTo(0.045);
    }
}
