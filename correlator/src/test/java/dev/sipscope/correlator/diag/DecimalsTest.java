package dev.sipscope.correlator.diag;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Decimals#fixed} writes what {@code String.format(Locale.ROOT, "%.Nf", v)} writes. */
class DecimalsTest {

    private static void check(double v) {
        for (int decimals = 0; decimals <= 4; decimals++) {
            String expected = String.format(Locale.ROOT, "%." + decimals + "f", v);
            assertThat(Decimals.fixed(v, decimals)).as("%s with %d decimals", v, decimals).isEqualTo(expected);
        }
    }

    @Test
    void edgeCases() {
        double[] values = {0, -0.0, 0.05, 0.5, 0.15, 0.25, 0.35, 0.45, 1.005, 1.015, 2.675, 9.95, 9.995, 99.95, 999.5,
            0.004, 0.005, 0.0049999, 0.0005, 0.00005, 1e-7, 5e-5, 1.5e-5, 123456789.125, 1e7, 1.0E10, 1e15, 1e16,
            9.999999999999999e22, 1e300, Double.MIN_VALUE, Double.MAX_VALUE, -1.005, -0.05, -0.04, -9.95, 4.35, 3.5,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1 + 0.2, 1.7, 2.9000000000000004};
        for (double v : values) {
            check(v);
        }
        for (int i = -2000; i <= 2000; i++) {
            check(i / 1000.0);
            check(i / 200.0);
            check(i * 0.005);
        }
    }

    @Test
    void randomValuesAcrossTheRangesWrittenAndBeyond() {
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 150_000; i++) {
            double v;
            switch (i % 5) {
                case 0: // percentages, MOS, milliseconds
                    v = r.nextDouble(0, 100);
                    break;
                case 1: // seconds and large counts
                    v = r.nextDouble(0, 1e6);
                    break;
                case 2: // halves at the second and third decimal
                    v = Math.floor(r.nextDouble(-1e5, 1e5)) / 1000.0 + 0.0005;
                    break;
                case 3: // tiny
                    v = r.nextDouble(-1e-3, 1e-3);
                    break;
                default: // any double
                    v = Double.longBitsToDouble(r.nextLong());
                    break;
            }
            check(v);
        }
    }
}
