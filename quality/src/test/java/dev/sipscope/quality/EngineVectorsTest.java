package dev.sipscope.quality;

import static dev.sipscope.quality.RtpPackets.ms;
import static dev.sipscope.quality.RtpPackets.rtp;
import static dev.sipscope.quality.RtpPackets.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * QUALITY.md vectors through the whole engine with exact arrival times (in-memory datagrams): TV-E2E
 * (§12.8), TV-JIT / TV-WS-JIT (§12.3, §12.4), TV-WS-DTMF (§12.5), TV-SEQ totals (§12.1).
 */
class EngineVectorsTest {
    private static final double EPS = 1e-9;

    private static QualityEngine e2e() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS.withJitterBuffers(40).withDelays(30, 0));
        record P(int k, double arr) {
        }
        List<P> packets = new ArrayList<>();
        for (int k = 0; k < 250; k++) {
            if (k == 50 || k == 51 || k == 52 || k == 120 || k == 200) {
                continue;
            }
            double extra = k == 80 ? 60 : k == 81 ? 45 : k == 150 ? 35 : 0;
            packets.add(new P(k, 30 + 20.0 * k + extra));
        }
        packets.sort(Comparator.comparingDouble(P::arr));
        long t0 = 1_700_000_000_000_000_000L;
        for (P p : packets) {
            byte[] b = rtp((65500 + p.k()) & 0xffff, (4294967000L + 160L * p.k()) & 0xffffffffL, 0, false, 0x11223344L, 160);
            assertThat(send(q, t0 + ms(p.arr()), 40000, 40002, b)).isIn(MediaClass.RTP, MediaClass.PROBATION);
        }
        return q;
    }

    @Test
    void tvE2eExact() {
        List<StreamSummary> all = e2e().summaries();
        assertThat(all).hasSize(1);
        StreamSummary s = all.get(0);
        assertThat(s.packets()).isEqualTo(245);
        assertThat(s.sequence().expected()).isEqualTo(250);
        assertThat(s.sequence().lostNet()).isEqualTo(5);
        assertThat(s.sequence().late()).isEqualTo(3);
        assertThat(s.rfc().jitterMs()).isCloseTo(0.008957892, within(EPS));
        assertThat(s.rfc().maxJitterMs()).isCloseTo(11.835021973, within(EPS));
        assertThat(s.jitter().jitterMs()).isCloseTo(0.008957892, within(EPS));
        assertThat(s.jitter().maxJitterMs()).isCloseTo(11.835021973, within(EPS));
        assertThat(s.primaryJitterBuffer().discards()).isEqualTo(2);
        assertThat(s.primaryJitterBuffer().effLossPct()).isCloseTo(2.8, within(EPS));
        assertThat(s.lossPattern().p()).isCloseTo(4.0 / 242, within(1e-9));
        assertThat(s.lossPattern().q()).isCloseTo(4.0 / 7, within(1e-9));
        assertThat(s.lossPattern().burstRatio()).isCloseTo(1.700803213, within(1e-6));
        assertThat(s.emodel().rCq()).isCloseTo(80.924854, within(1e-6));
        assertThat(s.emodel().mosCq()).isCloseTo(4.058475, within(1e-6));
        assertThat(s.emodel().rLq()).isCloseTo(83.260900, within(1e-6));
        assertThat(s.emodel().mosLq()).isCloseTo(4.141065, within(1e-6));
        assertThat(s.emodel().qualityClass()).isEqualTo("HIGH");
        assertThat(s.emodel().goodOrBetterPct()).isBetween(80.0, 100.0);
        assertThat(s.ws40().meanDeltaMs()).isCloseTo(20.409836066, within(EPS));
        assertThat(s.ws40().meanJitterMs()).isCloseTo(1.146990294, within(EPS));
        assertThat(s.ws40().maxJitterMs()).isCloseTo(11.835021973, within(EPS));
        assertThat(s.ws40().maxSkewMs()).isCloseTo(-60.0, within(EPS));
        assertThat(s.ws40().sequenceErrors()).isEqualTo(8);
        assertThat(s.ws40().lost()).isEqualTo(5);
        assertThat(s.lost()).isEqualTo(5);
    }

    @Test
    void tvJitThroughTheEngine() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        double[][] tv = {{100, 1000, 0.0}, {101, 1160, 20.0}, {102, 1320, 45.0}, {103, 1480, 58.0},
                {105, 1800, 100.0}, {104, 1640, 101.0}, {106, 1960, 120.0}, {107, 2120, 140.5}};
        for (double[] p : tv) {
            send(q, 5_000_000_000L + ms(p[2]), 40000, 40002, rtp((int) p[0], (long) p[1], 0, false, 0x11223344L, 160));
        }
        StreamSummary s = q.summaries().get(0);
        assertThat(s.packets()).isEqualTo(8);
        assertThat(s.rfc().jitterMs()).isCloseTo(3.082549751, within(EPS));
        assertThat(s.rfc().jitterRtcpField()).isEqualTo(24);
        assertThat(s.rfc().jitterRtcpFieldInteger()).isEqualTo(24);
        assertThat(s.jitter().jitterMs()).isCloseTo(3.082549751, within(EPS));
        assertThat(s.ws40().meanJitterMs()).isCloseTo(1.465964820, within(EPS));
        assertThat(s.ws40().maxJitterMs()).isCloseTo(3.254719734, within(EPS));
        assertThat(s.ws40().meanDeltaMs()).isCloseTo(20.071428571, within(EPS));
        assertThat(s.ws40().maxSkewMs()).isCloseTo(-21.0, within(EPS));
        assertThat(s.sequence().late()).isEqualTo(1);
        assertThat(s.sequence().lostNet()).isZero();
    }

    @Test
    void tvWsDtmfWithSdpBinding() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        PayloadMap map = PayloadMap.of(new PayloadFormat(0, "PCMU", 8000), new PayloadFormat(101, "telephone-event", 8000));
        q.declareEndpoint(MediaEndpoint.of("10.0.0.2", 50000, map, "call-1", 0));
        long t0 = 1_000_000_000L;
        for (int i = 0; i < 60; i++) {
            boolean event = i >= 20 && i < 30;
            byte[] b = event
                    ? RtpPackets.event(100 + i, 3200, 101, i == 20, 0x11223344L, 5, i == 29, 10, 160 * (i - 19))
                    : rtp(100 + i, 160L * i, 0, false, 0x11223344L, 160);
            assertThat(send(q, t0 + ms(100 + 20.0 * i), 40000, 50000, b)).isEqualTo(MediaClass.RTP);
        }
        StreamSummary s = q.summaries().get(0);
        assertThat(s.binding()).isEqualTo(Binding.SDP_DESTINATION);
        assertThat(s.callRef()).isEqualTo("call-1");
        assertThat(s.mLineIndex()).isZero();
        assertThat(s.ws40().meanJitterMs()).isCloseTo(2.900822157, within(EPS));
        assertThat(s.ws40().maxJitterMs()).isCloseTo(12.5, within(EPS));
        assertThat(s.rfc().maxJitterMs()).isCloseTo(0, within(EPS));
        assertThat(s.jitter().maxJitterMs()).isCloseTo(0, within(EPS));
        assertThat(s.dtmf()).hasSize(1);
        assertThat(s.dtmf().get(0).digit()).isEqualTo('5');
        assertThat(s.dtmf().get(0).durationMs()).isCloseTo(200, within(EPS));
        assertThat(s.dtmf().get(0).ended()).isTrue();
        assertThat(s.dtmf().get(0).startNanos()).isEqualTo(t0 + ms(500));
        assertThat(s.codec().encodingName()).isEqualTo("PCMU");
        assertThat(s.codec().payloadNames()).isEqualTo("g711U, telephone-event");
    }

    @Test
    void tvSeqTotalsThroughTheEngine() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        q.declareEndpoint(MediaEndpoint.of("10.0.0.2", 40002, PayloadMap.EMPTY, null, 0));
        int[] seqs = {65533, 65534, 65535, 0, 1, 1, 3, 2, 5, 4, 40000, 40001, 40002, 40004};
        int i = 0;
        for (int sq : seqs) {
            send(q, ms(20.0 * i), 40000, 40002, rtp(sq, 160L * i, 0, false, 7, 160));
            i++;
        }
        StreamSummary s = q.summaries().get(0);
        assertThat(s.sequence().expected()).isEqualTo(14);
        assertThat(s.sequence().received()).isEqualTo(14);
        assertThat(s.sequence().unique()).isEqualTo(13);
        assertThat(s.sequence().lostRfc()).isZero();
        assertThat(s.sequence().lostNet()).isEqualTo(1);
        assertThat(s.sequence().duplicates()).isEqualTo(1);
        assertThat(s.sequence().late()).isEqualTo(2);
        assertThat(s.sequence().restarts()).isEqualTo(1);
        assertThat(s.sequence().segments()).isEqualTo(2);
        assertThat(s.rfc().expected()).isEqualTo(4);
        assertThat(s.rfc().lost()).isEqualTo(1);
    }
}
