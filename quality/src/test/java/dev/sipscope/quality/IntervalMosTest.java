package dev.sipscope.quality;

import static dev.sipscope.quality.RtpPackets.ms;
import static dev.sipscope.quality.RtpPackets.rtp;
import static dev.sipscope.quality.RtpPackets.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sipscope.quality.emodel.EModel;
import dev.sipscope.quality.emodel.EModelParameters;
import dev.sipscope.quality.emodel.Mos;
import org.junit.jupiter.api.Test;

/** Interval MOS (QUALITY.md §8.12): 10 s intervals rated on their own loss; minimum and weighted mean. */
class IntervalMosTest {

    @Test
    void aLossyIntervalLowersTheMinimumButNotTheOthers() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        q.declareEndpoint(MediaEndpoint.of("10.0.0.2", 40002, PayloadMap.of(new PayloadFormat(0, "PCMU", 8000)), "c", 0));
        // 60 s of PCMU at 20 ms; in the third interval (20..30 s) every 10th packet is lost.
        for (int k = 0; k < 3000; k++) {
            if (k >= 1000 && k < 1500 && k % 10 == 0) {
                continue;
            }
            send(q, ms(20.0 * k), 40000, 40002, rtp(k & 0xffff, 160L * k, 0, false, 1, 160));
        }
        StreamSummaries.EModel e = q.summaries().get(0).emodel();
        assertThat(e.intervalsRated()).isEqualTo(6);
        double ta = 20 + 20 + 0 + 60;
        double clean = Mos.fromR(EModel.rating(0, 25.1, 0, 1, ta, ta, 2 * ta, 0));
        double lossy = Mos.fromR(EModel.compute(EModelParameters.DEFAULTS.withCodec(0, 25.1).withLoss(10, 1)
                .withOneWayDelay(ta)).r());
        assertThat(e.intervalMosMin()).isCloseTo(lossy, within(1e-9));
        assertThat(e.intervalMosAvg()).isCloseTo((5 * clean * 500 + lossy * 500) / 3000, within(1e-9));
        assertThat(e.mosCq()).isBetween(lossy, clean);
    }

    @Test
    void ratingWithoutAllocationMatchesTheFullModel() {
        double r = EModel.rating(11, 19, 2, 1.5, 150, 150, 300, 5);
        double full = EModel.compute(EModelParameters.DEFAULTS.withCodec(11, 19).withLoss(2, 1.5).withOneWayDelay(150)
                .withAdvantage(5)).r();
        assertThat(r).isEqualTo(full);
    }

    @Test
    void shortStreamsHaveNoRatedInterval() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        for (int k = 0; k < 8; k++) {
            send(q, ms(20.0 * k), 40000, 40002, rtp(k, 160L * k, 0, false, 1, 160));
        }
        StreamSummaries.EModel e = q.summaries().get(0).emodel();
        assertThat(e.intervalsRated()).isZero();
        assertThat(e.intervalMosMin()).isNull();
        assertThat(e.reason()).isEqualTo("TOO_FEW_PACKETS");
        assertThat(e.mosCq()).isNull();
    }
}
