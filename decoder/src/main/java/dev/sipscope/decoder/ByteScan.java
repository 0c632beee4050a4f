package dev.sipscope.decoder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a byte (or the first of three) in a byte array eight bytes at a time: the line ends of SIP
 * headers and SDP bodies, and the commas between list values, read on every message.
 *
 * <p>Each step reads eight bytes as one little-endian {@code long} (a bounds-checked view, never past
 * {@code end}), XORs it with the byte repeated eight times, and tests the result for a zero byte with
 * {@code (x - 0x01..01) & ~x & 0x80..80}. That expression flags every zero byte and can flag a
 * non-zero byte only above (after) a zero one, so its lowest flag is the first match. The bytes
 * after the last whole word are compared one by one. Under C1, the quick compiler the launcher
 * runs, this takes less than half the time of a byte-by-byte loop over a SIP header section.
 */
public final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteScan() {
    }

    /** The first index of {@code c} in {@code b[from, end)}, or -1. */
    public static int indexOf(byte[] b, int from, int end, byte c) {
        int i = from;
        if (end - i >= Long.BYTES) {
            long pattern = (c & 0xffL) * ONES;
            for (int last = end - Long.BYTES; i <= last; i += Long.BYTES) {
                long x = (long) LONGS.get(b, i) ^ pattern;
                long found = (x - ONES) & ~x & HIGHS;
                if (found != 0) {
                    return i + (Long.numberOfTrailingZeros(found) >>> 3);
                }
            }
        }
        for (; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first index in {@code b[from, end)} of any of {@code c1}, {@code c2}, {@code c3}, or -1:
     * the zero-byte test of each, OR-ed (each test's lowest flag is a true match, so the lowest of
     * all three is the first).
     */
    public static int indexOfAny(byte[] b, int from, int end, byte c1, byte c2, byte c3) {
        int i = from;
        if (end - i >= Long.BYTES) {
            long p1 = (c1 & 0xffL) * ONES;
            long p2 = (c2 & 0xffL) * ONES;
            long p3 = (c3 & 0xffL) * ONES;
            for (int last = end - Long.BYTES; i <= last; i += Long.BYTES) {
                long w = (long) LONGS.get(b, i);
                long x1 = w ^ p1;
                long x2 = w ^ p2;
                long x3 = w ^ p3;
                long found = ((x1 - ONES) & ~x1 | (x2 - ONES) & ~x2 | (x3 - ONES) & ~x3) & HIGHS;
                if (found != 0) {
                    return i + (Long.numberOfTrailingZeros(found) >>> 3);
                }
            }
        }
        for (; i < end; i++) {
            byte x = b[i];
            if (x == c1 || x == c2 || x == c3) {
                return i;
            }
        }
        return -1;
    }
}
