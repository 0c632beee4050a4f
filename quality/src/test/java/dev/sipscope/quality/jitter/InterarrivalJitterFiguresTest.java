package dev.sipscope.quality.jitter;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The estimator keeps its highest and summed J in timestamp units, converted to ms when read: checked
 * against the straightforward form, J converted to ms after every update.
 */
class InterarrivalJitterFiguresTest {

    @Test
    void highestAndMeanAsIfConvertedAfterEveryUpdate() {
        SplittableRandom random = new SplittableRandom(11);
        for (int run = 0; run < 200; run++) {
            InterarrivalJitter j = new InterarrivalJitter();
            double referenceMax = 0;
            double referenceSum = 0;
            long referenceUpdates = 0;
            long ns = random.nextLong(0, 1_000_000_000_000L);
            long ts = random.nextLong(0, 1L << 32);
            int clock = 8000;
            for (int i = 0; i < 3000; i++) {
                if (random.nextInt(500) == 0) { // a clock change now and then: the figures fold
                    clock = random.nextBoolean() ? 8000 : random.nextBoolean() ? 16000 : 48000;
                }
                ns += 20_000_000L + random.nextLong(-8_000_000L, 8_000_000L);
                ts += clock / 50 + (random.nextInt(50) == 0 ? random.nextInt(-400, 400) : 0);
                if (j.update(ns, ts, clock)) {
                    double ms = j.jitterMs(); // J * 1000 / clock: the figure each update used to convert
                    referenceMax = Math.max(referenceMax, ms);
                    referenceSum += ms;
                    referenceUpdates++;
                }
            }
            assertThat(j.updates()).isEqualTo(referenceUpdates);
            assertThat(j.maxJitterMs()).isEqualTo(referenceMax);
            assertThat(j.meanJitterMs()).isCloseTo(referenceSum / referenceUpdates,
                    within(1e-12 * Math.max(1, referenceSum / referenceUpdates)));
        }
        assertThat(new InterarrivalJitter().meanJitterMs()).isZero();
        assertThat(new InterarrivalJitter().maxJitterMs()).isZero();
    }

    /** Without the integer form, every floating-point figure is the same; the integer form cannot be asked. */
    @Test
    void floatingPointFormAloneGivesTheSameFigures() {
        SplittableRandom random = new SplittableRandom(12);
        for (int run = 0; run < 100; run++) {
            InterarrivalJitter both = new InterarrivalJitter();
            InterarrivalJitter alone = new InterarrivalJitter(false);
            double guard = random.nextBoolean() ? Double.POSITIVE_INFINITY : 30;
            both.setStepGuardMs(guard);
            alone.setStepGuardMs(guard);
            long ns = random.nextLong(0, 1_000_000_000_000L);
            long ts = random.nextLong(0, 1L << 32);
            for (int i = 0; i < 2000; i++) {
                int clock = random.nextInt(300) == 0 ? 16000 : 8000;
                ns += 20_000_000L + random.nextLong(-15_000_000L, 15_000_000L) + (random.nextInt(200) == 0 ? 500_000_000L : 0);
                ts += clock / 50 + (random.nextInt(50) == 0 ? random.nextInt(-4000, 4000) : 0);
                if (random.nextInt(400) == 0) {
                    both.resetBaseline();
                    alone.resetBaseline();
                }
                assertThat(alone.update(ns, ts, clock)).isEqualTo(both.update(ns, ts, clock));
                assertThat(alone.jitterTs()).isEqualTo(both.jitterTs());
            }
            assertThat(alone.updates()).isEqualTo(both.updates());
            assertThat(alone.discontinuities()).isEqualTo(both.discontinuities());
            assertThat(alone.maxJitterMs()).isEqualTo(both.maxJitterMs());
            assertThat(alone.meanJitterMs()).isEqualTo(both.meanJitterMs());
            assertThat(alone.rtcpField()).isEqualTo(both.rtcpField());
            assertThat(alone.clockHz()).isEqualTo(both.clockHz());
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new InterarrivalJitter(false).rtcpFieldInteger());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new InterarrivalJitter(false).jitterScaled());
    }
}
