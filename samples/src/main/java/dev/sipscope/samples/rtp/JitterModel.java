package dev.sipscope.samples.rtp;

import dev.sipscope.samples.net.SeededRandom;

/**
 * Extra network delay added to each packet independently, always in {@code [0, max]} so a packet
 * never arrives before it was sent. Delays that differ by more than the packet interval reorder
 * packets.
 *
 * <ul>
 *   <li>{@link #gaussian(double)}: {@code 3s + s*g}, with g standard normal clamped to [-3, 3];
 *       mean 3s, standard deviation very nearly s, range [0, 6s].</li>
 *   <li>{@link #uniform(double)}: uniform in [0, bound].</li>
 * </ul>
 */
public final class JitterModel {
    private static final JitterModel NONE = new JitterModel(false, 0);

    private final boolean gaussian;
    private final long scaleNanos;

    private JitterModel(boolean gaussian, long scaleNanos) {
        this.gaussian = gaussian;
        this.scaleNanos = scaleNanos;
    }

    public static JitterModel none() {
        return NONE;
    }

    /** Gaussian delay variation with standard deviation {@code stdDevMillis}. */
    public static JitterModel gaussian(double stdDevMillis) {
        return of(true, stdDevMillis);
    }

    /** Delay uniform in {@code [0, boundMillis]}. */
    public static JitterModel uniform(double boundMillis) {
        return of(false, boundMillis);
    }

    private static JitterModel of(boolean gaussian, double millis) {
        if (!(millis >= 0 && millis <= 10_000)) {
            throw new IllegalArgumentException("jitter must be within 0..10000 ms, got " + millis);
        }
        return millis == 0 ? NONE : new JitterModel(gaussian, Math.round(millis * 1_000_000));
    }

    public boolean isNone() {
        return scaleNanos == 0;
    }

    /** The largest delay this model adds. */
    public long maxDelayNanos() {
        return gaussian ? 6 * scaleNanos : scaleNanos;
    }

    /** Draws one packet's extra delay. */
    public long delayNanos(SeededRandom random) {
        if (scaleNanos == 0) {
            return 0;
        }
        if (gaussian) {
            double g = Math.max(-3.0, Math.min(3.0, random.nextGaussian()));
            return Math.round((3.0 + g) * scaleNanos);
        }
        return Math.round(random.nextDouble() * scaleNanos);
    }

    @Override
    public String toString() {
        if (scaleNanos == 0) {
            return "none";
        }
        return (gaussian ? "gaussian(sd=" : "uniform(max=") + (scaleNanos / 1e6) + "ms)";
    }
}
