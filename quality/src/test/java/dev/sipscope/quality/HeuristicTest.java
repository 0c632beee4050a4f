package dev.sipscope.quality;

import static dev.sipscope.quality.RtpPackets.ms;
import static dev.sipscope.quality.RtpPackets.rtp;
import static dev.sipscope.quality.RtpPackets.send;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The RTP heuristic and SDP binding (QUALITY.md §10.3): what is accepted, when, and with which codec. */
class HeuristicTest {

    @Test
    void fourConsistentPacketsConfirmAStreamAndNoneIsLost() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        for (int i = 0; i < 3; i++) {
            assertThat(send(q, ms(20 * i), 16384, 20000, rtp(10 + i, 160L * i, 8, false, 5, 160)))
                    .isEqualTo(MediaClass.PROBATION);
        }
        assertThat(send(q, ms(60), 16384, 20000, rtp(13, 480, 8, false, 5, 160))).isEqualTo(MediaClass.RTP);
        StreamSummary s = q.summaries().get(0);
        assertThat(s.binding()).isEqualTo(Binding.HEURISTIC);
        assertThat(s.packets()).isEqualTo(4);
        assertThat(s.firstNanos()).isZero();
        assertThat(s.codec().encodingName()).isEqualTo("PCMA");
        assertThat(s.callRef()).isNull();
    }

    @Test
    void oddPortsLowPortsImplausiblePayloadTypesAndWildTimestampsAreRefused() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        for (int i = 0; i < 10; i++) {
            send(q, ms(20 * i), 16385, 20001, rtp(i, 160L * i, 0, false, 1, 160));
            send(q, ms(20 * i), 500, 20000, rtp(i, 160L * i, 0, false, 2, 160));
            send(q, ms(20 * i), 16386, 20000, rtp(i, 160L * i, 50, false, 3, 160));
            send(q, ms(20 * i), 16388, 20000, rtp(i, 160L * i * 1000, 0, false, 4, 160));
            send(q, ms(20 * i), 16390, 20000, rtp(i * 300, 160L * i, 0, false, 5, 160));
        }
        assertThat(q.streamCount()).isZero();
    }

    @Test
    void reorderingAndDuplicatesDuringProbationAreTolerated() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        int[] seqs = {101, 100, 102, 102, 104, 103, 105, 106};
        for (int i = 0; i < seqs.length; i++) {
            send(q, ms(20 * i), 16384, 20000, rtp(seqs[i], 160L * (seqs[i] - 100), 0, false, 9, 160));
        }
        StreamSummary s = q.summaries().get(0);
        assertThat(s.packets()).isEqualTo(8);
        assertThat(s.sequence().expected()).isEqualTo(7);
        assertThat(s.sequence().duplicates()).isEqualTo(1);
        assertThat(s.sequence().lostNet()).isZero();
    }

    @Test
    void interleavedSsrcsOnOneTupleAreBothFound() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        for (int i = 0; i < 6; i++) {
            send(q, ms(20 * i), 16384, 20000, rtp(1000 + i, 160L * i, 0, false, 0xA, 160));
            send(q, ms(20 * i + 5), 16384, 20000, rtp(7 + i, 320, 101, false, 0xB, 4));
        }
        assertThat(q.streamCount()).isEqualTo(2);
        for (StreamSummary s : q.summaries()) {
            assertThat(s.packets()).isEqualTo(6);
            assertThat(s.ssrcChangesOnTuple()).isEqualTo(11);
        }
    }

    @Test
    void newSsrcOnAKnownTupleStartsAtOnceAndCountsAsAChange() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        for (int i = 0; i < 5; i++) {
            send(q, ms(20 * i), 16384, 20000, rtp(i, 160L * i, 0, false, 1, 160));
        }
        assertThat(send(q, ms(100), 16384, 20000, rtp(900, 0, 0, false, 2, 160))).isEqualTo(MediaClass.RTP);
        StreamSummary second = q.summaries().get(1);
        assertThat(second.ssrc()).isEqualTo(2);
        assertThat(second.ssrcIndexOnTuple()).isEqualTo(1);
        assertThat(second.ssrcChangesOnTuple()).isEqualTo(1);
    }

    @Test
    void sdpBindsAtOnceEvenOnOddPortsAndGivesTheDynamicClock() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        PayloadMap opus = PayloadMap.of(new PayloadFormat(111, "opus", 48000, 2));
        q.declareEndpoint(MediaEndpoint.of("10.0.0.2", 20001, opus, 42L, 1));
        assertThat(send(q, 0, 16385, 20001, rtp(5, 0, 111, false, 3, 80))).isEqualTo(MediaClass.RTP);
        for (int i = 1; i < 50; i++) {
            send(q, ms(20 * i), 16385, 20001, rtp(5 + i, 960L * i, 111, false, 3, 80));
        }
        StreamSummary s = q.summaries().get(0);
        assertThat(s.binding()).isEqualTo(Binding.SDP_DESTINATION);
        assertThat(s.callRef()).isEqualTo(42L);
        assertThat(s.mLineIndex()).isEqualTo(1);
        assertThat(s.codec().clockRateHz()).isEqualTo(48000);
        assertThat(s.codec().ptimeMs()).isEqualTo(20.0);
        assertThat(s.ws40().meanJitterMs()).isZero();
        assertThat(s.emodel().codecProfile()).isEqualTo("FALLBACK");
    }

    @Test
    void sdpArrivingAfterTheMediaBindsTheRunningStream() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        for (int i = 0; i < 10; i++) {
            send(q, ms(20 * i), 16384, 20000, rtp(i, 960L * i, 96, false, 3, 80));
        }
        assertThat(q.summaries().get(0).codec().clockKnown()).isFalse();
        assertThat(q.summaries().get(0).jitter().jitterMs()).isNull();
        q.declareEndpoint(MediaEndpoint.of("10.0.0.2", 20000, PayloadMap.of(new PayloadFormat(96, "opus", 48000)), "c", 0));
        for (int i = 10; i < 20; i++) {
            send(q, ms(20 * i), 16384, 20000, rtp(i, 960L * i, 96, false, 3, 80));
        }
        StreamSummary s = q.summaries().get(0);
        assertThat(s.binding()).isEqualTo(Binding.SDP_DESTINATION);
        assertThat(s.codec().clockKnown()).isTrue();
        assertThat(s.jitter().jitterMs()).isNotNull();
        assertThat(s.packets()).isEqualTo(20);
    }

    @Test
    void nonRtpDeclarationSuspendsTheStreamUntilAudioIsDeclaredAgain() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        PayloadMap pcmu = PayloadMap.of(new PayloadFormat(0, "PCMU", 8000));
        q.declareEndpoint(MediaEndpoint.of("10.0.0.2", 20000, pcmu, "c", 0));
        for (int i = 0; i < 10; i++) {
            send(q, ms(20 * i), 16384, 20000, rtp(i, 160L * i, 0, false, 3, 160));
        }
        q.declareEndpoint(MediaEndpoint.notRtp("10.0.0.2", 20000, "c", 1));
        for (int i = 10; i < 20; i++) {
            assertThat(send(q, ms(20 * i), 16384, 20000, rtp(i, 160L * i, 0, false, 3, 160)))
                    .isEqualTo(MediaClass.NOT_MEDIA);
        }
        assertThat(send(q, ms(400), 16384, 20000, rtp(0, 0, 0, false, 99, 160))).isEqualTo(MediaClass.NOT_MEDIA);
        q.declareEndpoint(MediaEndpoint.of("10.0.0.2", 20000, pcmu, "c", 0));
        send(q, ms(420), 16384, 20000, rtp(21, 160L * 21, 0, false, 3, 160));
        StreamSummary s = q.summaries().get(0);
        assertThat(s.packets()).isEqualTo(11);
        assertThat(q.streamCount()).isEqualTo(1);
    }

    @Test
    void heuristicCanBeSwitchedOff() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS.withHeuristic(false, 4));
        for (int i = 0; i < 10; i++) {
            assertThat(send(q, ms(20 * i), 16384, 20000, rtp(i, 160L * i, 0, false, 3, 160))).isEqualTo(MediaClass.NOT_MEDIA);
        }
        assertThat(q.streamCount()).isZero();
    }
}
