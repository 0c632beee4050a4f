package dev.sipscope.decoder.tcp;

import java.util.Arrays;

/**
 * Out-of-order bytes of one direction, kept at their place in the sequence space.
 *
 * <p>{@code bytes[i]} holds the byte at absolute (unwrapped) sequence number {@code baseSeq + i}
 * when bit {@code i} of {@link #present} is set. The reassembler keeps these invariants:
 * <ul>
 *   <li>{@code baseSeq <= nextSeq} of the direction, and no bit below {@code nextSeq - baseSeq} is set
 *       (delivered bytes are cleared at once);</li>
 *   <li>{@link #firstSeq} is the sequence number of the lowest stored byte, {@link #NONE} when empty;</li>
 *   <li>the arrays exist only while something is stored, or while the reassembler is about to store;
 *       the owner releases them when the buffer empties, so idle connections hold no buffer.</li>
 * </ul>
 * Overlapping stores keep the bytes received first ({@link #lastStoreConflicted} tells when the new
 * copy disagreed). The presence bitmap costs one bit per byte of capacity; everything else is O(1).
 */
final class ReorderBuffer {
    /** {@link #firstSeq} of an empty buffer. */
    static final long NONE = Long.MAX_VALUE;

    private byte[] bytes;
    private long[] present;
    private long baseSeq;
    private int storedBytes;
    private long firstSeq = NONE;
    private boolean lastStoreConflicted;

    int capacity() {
        return bytes == null ? 0 : bytes.length;
    }

    boolean isEmpty() {
        return storedBytes == 0;
    }

    int storedBytes() {
        return storedBytes;
    }

    long firstSeq() {
        return firstSeq;
    }

    long baseSeq() {
        return baseSeq;
    }

    byte[] bytes() {
        return bytes;
    }

    boolean lastStoreConflicted() {
        return lastStoreConflicted;
    }

    /** Index in {@link #bytes()} of sequence number {@code seq}. */
    int indexOf(long seq) {
        return (int) (seq - baseSeq);
    }

    /** Re-anchors an empty buffer so that index 0 is {@code seq}. */
    void rebase(long seq) {
        assert storedBytes == 0;
        baseSeq = seq;
    }

    /**
     * Moves the stored bytes down so that index 0 becomes {@code newBaseSeq} (which must not be
     * above any stored byte), freeing room at the end without reallocating.
     */
    void compact(long newBaseSeq) {
        int shift = (int) (newBaseSeq - baseSeq);
        if (shift <= 0) {
            return;
        }
        if (bytes != null) {
            int cap = bytes.length;
            if (shift < cap) {
                System.arraycopy(bytes, shift, bytes, 0, cap - shift);
            }
            shiftBitsDown(present, shift);
        }
        baseSeq = newBaseSeq;
    }

    /** Grows (or first allocates) the arrays to {@code newCapacity} bytes, keeping what is stored. */
    void resize(int newCapacity) {
        if (newCapacity <= capacity()) {
            return;
        }
        bytes = bytes == null ? new byte[newCapacity] : Arrays.copyOf(bytes, newCapacity);
        int words = (newCapacity + 63) >>> 6;
        present = present == null ? new long[words] : Arrays.copyOf(present, words);
    }

    /** Forgets everything stored and drops the arrays. */
    void discard() {
        storedBytes = 0;
        release();
    }

    /** Drops the arrays; only valid when nothing is stored. */
    void release() {
        assert storedBytes == 0;
        bytes = null;
        present = null;
        firstSeq = NONE;
    }

    /**
     * Stores {@code src[srcOff, srcOff + (endSeq - startSeq))} at {@code [startSeq, endSeq)}, which must
     * lie inside the capacity. Bytes already present are kept and compared with the new copy.
     *
     * @return how many bytes were new
     */
    int store(long startSeq, long endSeq, byte[] src, int srcOff) {
        int from = indexOf(startSeq);
        int to = indexOf(endSeq);
        int added = 0;
        int firstAdded = -1;
        boolean conflicted = false;
        int pos = from;
        while (pos < to) {
            int presentAt = nextSetBit(present, pos, to);
            if (presentAt > pos) {
                System.arraycopy(src, srcOff + (pos - from), bytes, pos, presentAt - pos);
                setBits(present, pos, presentAt);
                added += presentAt - pos;
                if (firstAdded < 0) {
                    firstAdded = pos;
                }
            }
            if (presentAt >= to) {
                break;
            }
            int runEnd = nextClearBit(present, presentAt, to);
            if (!conflicted && !Arrays.equals(bytes, presentAt, runEnd,
                    src, srcOff + (presentAt - from), srcOff + (runEnd - from))) {
                conflicted = true;
            }
            pos = runEnd;
        }
        storedBytes += added;
        if (firstAdded >= 0 && baseSeq + firstAdded < firstSeq) {
            firstSeq = baseSeq + firstAdded;
        }
        lastStoreConflicted = conflicted;
        return added;
    }

    /** Length of the run of stored bytes that starts at {@code seq} (0 when {@code seq} is not stored). */
    int runLength(long seq) {
        int from = indexOf(seq);
        return nextClearBit(present, from, bytes.length) - from;
    }

    /** Whether the stored bytes at {@code [seq, seq + length)} equal {@code other[otherOff...]}. */
    boolean rangeEquals(long seq, int length, byte[] other, int otherOff) {
        int from = indexOf(seq);
        return Arrays.equals(bytes, from, from + length, other, otherOff, otherOff + length);
    }

    /** Forgets the stored run {@code [seq, seq + length)} after it was delivered. */
    void consume(long seq, int length) {
        int from = indexOf(seq);
        int to = from + length;
        clearBits(present, from, to);
        storedBytes -= length;
        if (storedBytes == 0) {
            firstSeq = NONE;
        } else if (seq == firstSeq) {
            firstSeq = baseSeq + nextSetBit(present, to, bytes.length);
        }
    }

    // ---- bitmap helpers over long words, bit i of the map = bit (i & 63) of word (i >>> 6) ----

    /** First set bit in {@code [from, to)}, or {@code to}. */
    static int nextSetBit(long[] words, int from, int to) {
        if (from >= to) {
            return to;
        }
        int w = from >>> 6;
        int lastWord = (to - 1) >>> 6;
        long word = words[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                return Math.min(to, (w << 6) + Long.numberOfTrailingZeros(word));
            }
            if (++w > lastWord) {
                return to;
            }
            word = words[w];
        }
    }

    /** First clear bit in {@code [from, to)}, or {@code to}. */
    static int nextClearBit(long[] words, int from, int to) {
        if (from >= to) {
            return to;
        }
        int w = from >>> 6;
        int lastWord = (to - 1) >>> 6;
        long word = ~words[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                return Math.min(to, (w << 6) + Long.numberOfTrailingZeros(word));
            }
            if (++w > lastWord) {
                return to;
            }
            word = ~words[w];
        }
    }

    static void setBits(long[] words, int from, int to) {
        if (from >= to) {
            return;
        }
        int first = from >>> 6;
        int last = (to - 1) >>> 6;
        long firstMask = -1L << from;
        long lastMask = -1L >>> -to;
        if (first == last) {
            words[first] |= firstMask & lastMask;
            return;
        }
        words[first] |= firstMask;
        for (int i = first + 1; i < last; i++) {
            words[i] = -1L;
        }
        words[last] |= lastMask;
    }

    static void clearBits(long[] words, int from, int to) {
        if (from >= to) {
            return;
        }
        int first = from >>> 6;
        int last = (to - 1) >>> 6;
        long firstMask = -1L << from;
        long lastMask = -1L >>> -to;
        if (first == last) {
            words[first] &= ~(firstMask & lastMask);
            return;
        }
        words[first] &= ~firstMask;
        for (int i = first + 1; i < last; i++) {
            words[i] = 0;
        }
        words[last] &= ~lastMask;
    }

    /** Moves every bit {@code shift} places towards index 0; bits shifted in at the top are clear. */
    static void shiftBitsDown(long[] words, int shift) {
        int n = words.length;
        int wordShift = shift >>> 6;
        int bitShift = shift & 63;
        for (int i = 0; i < n; i++) {
            int src = i + wordShift;
            long low = src < n ? words[src] : 0L;
            if (bitShift == 0) {
                words[i] = low;
            } else {
                long high = src + 1 < n ? words[src + 1] : 0L;
                words[i] = (low >>> bitShift) | (high << (64 - bitShift));
            }
        }
    }
}
