package dev.sipscope.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampScaleTest {

    private static final BigInteger NANOS = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** The reference: floor(ticks * 10^9 / unitsPerSecond), saturated, in exact arithmetic. */
    private static long expected(int tsresol, long ticks) {
        BigInteger t = new BigInteger(Long.toUnsignedString(ticks));
        int n = tsresol & 0x7f;
        BigInteger units = (tsresol & 0x80) != 0 ? BigInteger.ONE.shiftLeft(n) : BigInteger.TEN.pow(n);
        BigInteger ns = t.multiply(NANOS).divide(units);
        return ns.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : ns.longValueExact();
    }

    @Test
    void commonResolutionsAreExact() {
        assertThat(TimestampScale.of(6).toNanos(1_700_000_000_123_456L)).isEqualTo(1_700_000_000_123_456_000L);
        assertThat(TimestampScale.of(9).toNanos(1_700_000_000_123_456_789L)).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(TimestampScale.of(3).toNanos(1_700_000_000_123L)).isEqualTo(1_700_000_000_123_000_000L);
        assertThat(TimestampScale.of(0).toNanos(1_700_000_000L)).isEqualTo(1_700_000_000_000_000_000L);
        // 2^-10 s ticks (about a millisecond): 1024 ticks are one second, 1 tick is 976562.5 ns, floored
        assertThat(TimestampScale.of(0x80 | 10).toNanos(1024)).isEqualTo(1_000_000_000L);
        assertThat(TimestampScale.of(0x80 | 10).toNanos(1)).isEqualTo(976_562L);
        // picoseconds
        assertThat(TimestampScale.of(12).toNanos(1_000_123_456_789_012L)).isEqualTo(1_000_123_456_789L);
    }

    @Test
    void binaryResolutionUpTo63BitsDoesNotOverflow() {
        // 2^-63 s ticks: the largest unsigned tick count is just under 2 seconds
        assertThat(TimestampScale.of(0x80 | 63).toNanos(-1L)).isEqualTo(1_999_999_999L);
        assertThat(TimestampScale.of(0x80 | 63).toNanos(Long.MIN_VALUE)).isEqualTo(1_000_000_000L);
        assertThat(TimestampScale.of(0x80 | 32).toNanos((1_700_000_000L << 32) | 0x8000_0000L))
                .isEqualTo(1_700_000_000_500_000_000L);
    }

    @Test
    void everyResolutionMatchesExactArithmeticOnSeededTicks() {
        Random random = new Random(7);
        long[] special = {0, 1, 999, 1_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, -1L, 1L << 62};
        for (int tsresol = 0; tsresol < 256; tsresol++) {
            TimestampScale scale = TimestampScale.of(tsresol);
            assertThat(scale.tsresol()).isEqualTo(tsresol);
            for (long ticks : special) {
                assertThat(scale.toNanos(ticks)).as("tsresol %d ticks %s", tsresol, Long.toUnsignedString(ticks))
                        .isEqualTo(expected(tsresol, ticks));
            }
            for (int i = 0; i < 200; i++) {
                long ticks = random.nextLong() >>> random.nextInt(64);
                assertThat(scale.toNanos(ticks)).as("tsresol %d ticks %s", tsresol, Long.toUnsignedString(ticks))
                        .isEqualTo(expected(tsresol, ticks));
            }
        }
    }

    @Test
    void offsetsSaturateInsteadOfWrapping() {
        assertThat(TimestampScale.secondsToNanos(3)).isEqualTo(3_000_000_000L);
        assertThat(TimestampScale.secondsToNanos(-3)).isEqualTo(-3_000_000_000L);
        assertThat(TimestampScale.secondsToNanos(Long.MAX_VALUE / 2)).isEqualTo(Long.MAX_VALUE);
        assertThat(TimestampScale.secondsToNanos(Long.MIN_VALUE / 2)).isEqualTo(Long.MIN_VALUE);
        assertThat(TimestampScale.saturatedAdd(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
        assertThat(TimestampScale.saturatedAdd(Long.MIN_VALUE + 1, -5)).isEqualTo(Long.MIN_VALUE);
        assertThat(TimestampScale.saturatedAdd(10, -15)).isEqualTo(-5);
    }

    @Test
    void unsignedMultiplyHighMatchesBigInteger() {
        Random random = new Random(11);
        BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        for (int i = 0; i < 1000; i++) {
            long x = random.nextLong();
            long y = random.nextLong();
            BigInteger product = new BigInteger(Long.toUnsignedString(x)).multiply(new BigInteger(Long.toUnsignedString(y)));
            assertThat(Long.toUnsignedString(TimestampScale.unsignedMultiplyHigh(x, y)))
                    .isEqualTo(product.divide(two64).toString());
        }
    }
}
