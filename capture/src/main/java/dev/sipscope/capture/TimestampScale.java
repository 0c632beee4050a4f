package dev.sipscope.capture;

/**
 * Converts pcapng timestamp ticks to nanoseconds, for one {@code if_tsresol} value.
 *
 * <p>{@code if_tsresol} (pcapng draft, section 4.2, option 9) is one byte: with the top bit clear
 * a tick is 10^-n seconds, with it set 2^-n seconds (n = the low 7 bits). Ticks are an unsigned
 * 64-bit count. The result is {@code floor(ticks * 10^9 / unitsPerSecond)}, computed exactly with
 * 128-bit intermediates where needed; a time beyond {@code Long.MAX_VALUE} nanoseconds (year 2262)
 * saturates to {@code Long.MAX_VALUE}. Immutable; {@link #toNanos} does not allocate.
 */
final class TimestampScale {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** The pcapng default (no if_tsresol option): microseconds. */
    static final TimestampScale MICROSECONDS = of(6);
    static final TimestampScale NANOSECONDS = of(9);

    private enum Kind { MULTIPLY, DIVIDE, ZERO, BINARY }

    private final int tsresol;
    private final Kind kind;
    /** MULTIPLY: nanoseconds per tick; DIVIDE: ticks per nanosecond (an unsigned value). */
    private final long factor;
    /** MULTIPLY: the largest tick count (unsigned) that does not overflow. */
    private final long maxTicks;
    /** BINARY: n, ticks are 2^-n seconds. */
    private final int shift;

    private TimestampScale(int tsresol, Kind kind, long factor, long maxTicks, int shift) {
        this.tsresol = tsresol;
        this.kind = kind;
        this.factor = factor;
        this.maxTicks = maxTicks;
        this.shift = shift;
    }

    /** The scale for an {@code if_tsresol} byte (0..255). */
    static TimestampScale of(int tsresol) {
        int value = tsresol & 0xff;
        int n = value & 0x7f;
        if ((value & 0x80) != 0) {
            return new TimestampScale(value, Kind.BINARY, 0, 0, n);
        }
        if (n <= 9) {
            long nanosPerTick = pow10(9 - n);
            return new TimestampScale(value, Kind.MULTIPLY, nanosPerTick, Long.MAX_VALUE / nanosPerTick, 0);
        }
        int k = n - 9;
        if (k <= 19) {
            // 10^19 < 2^64: the wrapped long holds the exact unsigned value
            return new TimestampScale(value, Kind.DIVIDE, pow10(k), 0, 0);
        }
        return new TimestampScale(value, Kind.ZERO, 0, 0, 0);
    }

    /** The if_tsresol byte this scale was built from. */
    int tsresol() {
        return tsresol;
    }

    /** Nanoseconds for an unsigned 64-bit tick count. */
    long toNanos(long ticks) {
        switch (kind) {
            case MULTIPLY:
                return Long.compareUnsigned(ticks, maxTicks) > 0 ? Long.MAX_VALUE : ticks * factor;
            case DIVIDE:
                return Long.divideUnsigned(ticks, factor);
            case ZERO:
                return 0;
            default:
                return binary(ticks);
        }
    }

    private long binary(long ticks) {
        long lo = ticks * NANOS_PER_SECOND;
        long hi = unsignedMultiplyHigh(ticks, NANOS_PER_SECOND);
        long result;
        if (shift == 0) {
            result = hi == 0 ? lo : -1;
        } else if (shift < 64) {
            if ((hi >>> shift) != 0) {
                return Long.MAX_VALUE;
            }
            result = (lo >>> shift) | (hi << (64 - shift));
        } else {
            result = shift < 128 ? hi >>> (shift - 64) : 0;
        }
        return result < 0 ? Long.MAX_VALUE : result;
    }

    /** The high 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh arrives in Java 18). */
    static long unsignedMultiplyHigh(long x, long y) {
        long high = Math.multiplyHigh(x, y);
        return high + ((x >> 63) & y) + ((y >> 63) & x);
    }

    /** {@code seconds * 10^9}, saturated at the long range. */
    static long secondsToNanos(long seconds) {
        long hi = Math.multiplyHigh(seconds, NANOS_PER_SECOND);
        long lo = seconds * NANOS_PER_SECOND;
        if (hi != (lo >> 63)) {
            return seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return lo;
    }

    /** {@code a + b}, saturated at the long range. */
    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    private static long pow10(int k) {
        long v = 1;
        for (int i = 0; i < k; i++) {
            v *= 10;
        }
        return v;
    }

    @Override
    public String toString() {
        int n = tsresol & 0x7f;
        return (tsresol & 0x80) != 0 ? "2^-" + n + " s" : "10^-" + n + " s";
    }
}
