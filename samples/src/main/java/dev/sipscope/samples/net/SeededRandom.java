package dev.sipscope.samples.net;

/**
 * A small, fully specified pseudo-random source (SplitMix64), so that a scenario produces the same
 * bytes on every JDK. {@link java.util.Random} would also be stable, but its Gaussian and the JDK 17
 * {@code RandomGenerator} defaults are not promised to stay; here every draw is defined in this file
 * and uses {@link StrictMath}.
 *
 * <p>Generators derive independent children with {@link #derive(long, long...)} so that changing
 * one part of a scenario (say, the jitter of one stream) leaves every other draw untouched.
 * Not thread-safe.
 */
public final class SeededRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** A generator whose seed depends on {@code seed} and every element of {@code path}. */
    public static SeededRandom derive(long seed, long... path) {
        long s = mix64(seed ^ 0x5DEECE66DL);
        for (long p : path) {
            s = mix64(s + GOLDEN_GAMMA + mix64(p));
        }
        return new SeededRandom(s);
    }

    /** A child generator, independent of later draws from this one. */
    public SeededRandom child(long label) {
        return new SeededRandom(mix64(nextLong() ^ mix64(label)));
    }

    /** Stafford variant 13 finalizer, as used by SplitMix64. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /** Uniform in {@code [0, bound)}; {@code bound} must be positive. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in {@code [from, to]}, both inclusive. */
    public int nextInt(int from, int to) {
        return from + nextInt(to - from + 1);
    }

    /** Uniform 32-bit unsigned value as a long. */
    public long nextUnsignedInt() {
        return nextLong() >>> 32;
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
        return p > 0 && nextDouble() < p;
    }

    /** Standard normal deviate (Box-Muller, polar-free form, StrictMath). */
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u1 = 1.0 - nextDouble(); // (0, 1], so the log is finite
        double u2 = nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double theta = 2.0 * StrictMath.PI * u2;
        spareGaussian = r * StrictMath.sin(theta);
        hasSpareGaussian = true;
        return r * StrictMath.cos(theta);
    }

    /** Exponential deviate with the given mean. */
    public double nextExponential(double mean) {
        return -mean * StrictMath.log(1.0 - nextDouble());
    }

    /** {@code digits} lowercase hexadecimal characters. */
    public String hex(int digits) {
        StringBuilder sb = new StringBuilder(digits);
        while (sb.length() < digits) {
            long v = nextLong();
            for (int i = 0; i < 16 && sb.length() < digits; i++) {
                sb.append(Character.forDigit((int) (v & 0xF), 16));
                v >>>= 4;
            }
        }
        return sb.toString();
    }
}
