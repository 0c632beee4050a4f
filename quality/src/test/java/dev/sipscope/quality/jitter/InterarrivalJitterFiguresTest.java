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
}
