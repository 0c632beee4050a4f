package dev.sipscope.decoder;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Rebuilds IPv4 (RFC 791 §3.2) and IPv6 (RFC 8200 §4.5) datagrams from their fragments.
 *
 * <p>A datagram is identified by IP version, source, destination, identification and, for IPv4,
 * the protocol. Fragments may arrive in any order; a datagram completes when its last fragment
 * (more-fragments clear) has been seen and the bytes from 0 to its end are all held.
 *
 * <p>Duplicates and overlaps:
 * <ul>
 *   <li>a fragment whose bytes are all held already with the same contents is an exact duplicate and
 *       is dropped (RFC 8200 §4.5 allows this for IPv6; IPv4 does the same);</li>
 *   <li>IPv4: otherwise overlapping bytes keep what arrived first and the new fragment only fills the
 *       holes; the overlap is counted;</li>
 *   <li>IPv6: any other overlap discards the whole datagram, including its later fragments (RFC 5722);
 *       a small tombstone stays until the timeout so that late fragments are dropped too.</li>
 * </ul>
 *
 * <p>Bounds, all counted in {@link DecoderStats} when they act:
 * <ul>
 *   <li>a datagram may not end past {@code maxEnd} (65535 minus the header bytes, so that the
 *       reassembled packet fits its 16-bit length field); a fragment with more-fragments set must
 *       carry a multiple of 8 bytes; at most {@value #MAX_RANGES} separate pieces per datagram;
 *       violations are {@link Outcome#MALFORMED};</li>
 *   <li>at most {@code maxDatagrams} incomplete datagrams (the oldest is evicted);</li>
 *   <li>at most {@code maxBufferBytes} bytes of buffers (oldest evicted; a datagram that cannot fit
 *       even alone is dropped);</li>
 *   <li>a datagram whose first fragment is older than the timeout, in capture time, is expired by
 *       {@link #expire(long)}. Capture time running backwards expires nothing until it passes
 *       the old times again.</li>
 * </ul>
 *
 * <p>Buffers grow in powers of two from 2 KiB to 64 KiB and are pooled for reuse. Reassembly
 * allocates (a key and a record per datagram); fragments are rare, so that is accepted.
 * Not thread-safe.
 */
public final class FragmentReassembler {

    /** What {@link #offer} did with a fragment. */
    public enum Outcome {
        /** Held; the datagram is not complete yet. */
        BUFFERED,
        /** The datagram is complete: see {@link #completed()}, then call {@link #release}. */
        COMPLETED,
        /** An exact duplicate of bytes already held; dropped. */
        DUPLICATE,
        /** IPv4: overlapped held bytes; only the holes were filled (first-received bytes win). */
        OVERLAP,
        /** IPv6: the datagram was, or now is, discarded for overlapping fragments (RFC 5722). */
        DISCARDED,
        /** An impossible fragment (length, offset, inconsistent end); dropped. */
        MALFORMED,
        /** Dropped to stay within the memory bound. */
        DROPPED
    }

    /** Largest datagram payload, in bytes, that the IP length fields can describe. */
    public static final int MAX_DATAGRAM_BYTES = 65535;
    /** Separate pieces (runs of held bytes) one datagram may have. */
    public static final int MAX_RANGES = 512;

    private static final int MIN_BUFFER_SHIFT = 11;
    private static final int SIZE_CLASSES = 6;
    private static final int POOL_PER_CLASS = 4;

    private final int maxDatagrams;
    private final long maxBufferBytes;
    private final long timeoutNanos;
    private final DecoderStats stats;

    private final Map<Key, Datagram> byKey = new HashMap<>();
    private Datagram oldest;
    private Datagram newest;
    private long bufferedBytes;
    private Datagram completed;

    private final byte[][][] pool = new byte[SIZE_CLASSES][POOL_PER_CLASS][];
    private final int[] pooled = new int[SIZE_CLASSES];

    /**
     * @param maxDatagrams   incomplete datagrams held at once
     * @param maxBufferBytes bytes of reassembly buffers held at once
     * @param timeoutNanos   age, in capture time, after which an incomplete datagram is dropped
     * @param stats          where fragment counters go
     */
    public FragmentReassembler(int maxDatagrams, long maxBufferBytes, long timeoutNanos, DecoderStats stats) {
        if (maxDatagrams <= 0 || maxBufferBytes <= 0 || timeoutNanos <= 0) {
            throw new IllegalArgumentException("fragment bounds must be positive");
        }
        this.maxDatagrams = maxDatagrams;
        this.maxBufferBytes = maxBufferBytes;
        this.timeoutNanos = timeoutNanos;
        this.stats = stats;
    }

    /** A datagram being rebuilt; once complete, its payload is {@code data()[0 .. length())}. */
    public static final class Datagram {
        final Key key;
        final long firstSeenNanos;
        byte[] buf;
        int knownLength = -1;
        int highestEnd;
        int[] ranges = new int[8];
        int rangeCount;
        int protocol = -1;
        boolean poisoned;
        Datagram older;
        Datagram newer;

        Datagram(Key key, long firstSeenNanos) {
            this.key = key;
            this.firstSeenNanos = firstSeenNanos;
        }

        /** Backing array of the reassembled payload (the bytes after the IP header / fragment header). */
        public byte[] data() {
            return buf;
        }

        /** Payload length in bytes. */
        public int length() {
            return knownLength;
        }

        /** IPv4: the protocol; IPv6: the Next Header of the fragment at offset 0. */
        public int protocol() {
            return protocol;
        }

        public int ipVersion() {
            return key.ipVersion;
        }
    }

    record Key(int ipVersion, long srcHi, long srcLo, long dstHi, long dstLo, long identification, int protocol) {
    }

    /**
     * Offers one fragment.
     *
     * @param ipVersion           4 or 6
     * @param identification      the 16-bit (IPv4) or 32-bit (IPv6) identification, unsigned
     * @param protocol            IPv4: the header's protocol (part of the key); IPv6: the fragment header's
     *                            Next Header (used from the fragment at offset 0)
     * @param fragmentOffsetBytes where this fragment's bytes start in the datagram payload
     * @param moreFragments       the M / MF flag
     * @param maxEnd              the largest payload end allowed (65535 minus header bytes)
     * @param b                   array holding the fragment's bytes {@code b[off .. off+len)}
     * @param nowNanos            capture time of the fragment
     * @return what happened; on {@link Outcome#COMPLETED} the datagram is {@link #completed()}
     */
    public Outcome offer(int ipVersion, long srcHi, long srcLo, long dstHi, long dstLo, long identification,
                         int protocol, int fragmentOffsetBytes, boolean moreFragments, int maxEnd,
                         byte[] b, int off, int len, long nowNanos) {
        stats.fragmentsSeen++;
        completed = null;
        int end = fragmentOffsetBytes + len;
        if (len <= 0 || fragmentOffsetBytes < 0 || end > Math.min(maxEnd, MAX_DATAGRAM_BYTES)
                || (moreFragments && (len & 7) != 0)) {
            return Outcome.MALFORMED;
        }
        boolean v6 = ipVersion == 6;
        Key key = new Key(ipVersion, srcHi, srcLo, dstHi, dstLo, identification, v6 ? -1 : protocol);
        Datagram d = byKey.get(key);
        if (d == null) {
            if (byKey.size() >= maxDatagrams) {
                evictOldest();
            }
            d = new Datagram(key, nowNanos);
            if (!v6) {
                d.protocol = protocol;
            }
            byKey.put(key, d);
            link(d);
        }
        if (d.poisoned) {
            return Outcome.DISCARDED;
        }
        if (!moreFragments) {
            if ((d.knownLength >= 0 && d.knownLength != end) || d.highestEnd > end) {
                return Outcome.MALFORMED;
            }
        } else if (d.knownLength >= 0 && end > d.knownLength) {
            return Outcome.MALFORMED;
        }

        int covered = coveredBytes(d, fragmentOffsetBytes, end);
        Outcome outcome = Outcome.BUFFERED;
        if (covered > 0) {
            if (covered == len && sameBytes(d.buf, fragmentOffsetBytes, b, off, len)) {
                stats.fragmentDuplicates++;
                return Outcome.DUPLICATE;
            }
            stats.fragmentOverlaps++;
            if (v6) {
                poison(d);
                return Outcome.DISCARDED;
            }
            if (covered == len) {
                return Outcome.OVERLAP;
            }
            outcome = Outcome.OVERLAP;
        }
        if (d.rangeCount >= MAX_RANGES) {
            remove(d);
            return Outcome.MALFORMED;
        }
        if (!ensureCapacity(d, end)) {
            return Outcome.DROPPED;
        }
        if (covered == 0) {
            System.arraycopy(b, off, d.buf, fragmentOffsetBytes, len);
        } else {
            copyHoles(d, fragmentOffsetBytes, end, b, off);
        }
        addRange(d, fragmentOffsetBytes, end);
        if (!moreFragments) {
            d.knownLength = end;
        }
        if (end > d.highestEnd) {
            d.highestEnd = end;
        }
        if (fragmentOffsetBytes == 0 && v6) {
            d.protocol = protocol;
        }
        if (d.knownLength >= 0 && d.rangeCount == 1 && d.ranges[0] == 0 && d.ranges[1] == d.knownLength) {
            byKey.remove(d.key);
            unlink(d);
            bufferedBytes -= d.buf.length;
            stats.datagramsReassembled++;
            completed = d;
            return Outcome.COMPLETED;
        }
        return outcome;
    }

    /** The datagram completed by the last {@link #offer}, or null. */
    public Datagram completed() {
        return completed;
    }

    /** Returns a completed datagram's buffer to the pool; the datagram must not be used afterwards. */
    public void release(Datagram d) {
        if (d == completed) {
            completed = null;
        }
        recycle(d.buf);
        d.buf = null;
    }

    /**
     * Drops incomplete datagrams whose first fragment is older than the timeout at {@code nowNanos}.
     * Called for every frame: the test for "nothing pending" is kept small enough to be inlined.
     */
    public void expire(long nowNanos) {
        if (oldest != null) {
            expirePending(nowNanos);
        }
    }

    private void expirePending(long nowNanos) {
        while (oldest != null && nowNanos - oldest.firstSeenNanos > timeoutNanos) {
            Datagram d = oldest;
            if (!d.poisoned) {
                stats.datagramsExpired++;
            }
            remove(d);
        }
    }

    /** End of input: drops every incomplete datagram, counting them; returns how many were dropped. */
    public int finish() {
        int dropped = 0;
        while (oldest != null) {
            Datagram d = oldest;
            if (!d.poisoned) {
                stats.datagramsUnfinishedAtEnd++;
                dropped++;
            }
            remove(d);
        }
        return dropped;
    }

    /** Incomplete datagrams held (IPv6 tombstones included). */
    public int pendingDatagrams() {
        return byKey.size();
    }

    /** Bytes of buffers held for incomplete datagrams (pooled spare buffers not included). */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    private static int coveredBytes(Datagram d, int start, int end) {
        int covered = 0;
        int[] r = d.ranges;
        for (int i = 0; i < d.rangeCount; i++) {
            int rs = r[2 * i];
            int re = r[2 * i + 1];
            if (rs >= end) {
                break;
            }
            int overlap = Math.min(end, re) - Math.max(start, rs);
            if (overlap > 0) {
                covered += overlap;
            }
        }
        return covered;
    }

    private static boolean sameBytes(byte[] held, int heldOff, byte[] b, int off, int len) {
        return Arrays.equals(held, heldOff, heldOff + len, b, off, off + len);
    }

    /** Copies only the parts of {@code [start, end)} not held yet (first-received bytes win). */
    private static void copyHoles(Datagram d, int start, int end, byte[] b, int off) {
        int cursor = start;
        int[] r = d.ranges;
        for (int i = 0; i < d.rangeCount && cursor < end; i++) {
            int rs = r[2 * i];
            int re = r[2 * i + 1];
            if (re <= cursor) {
                continue;
            }
            if (rs > cursor) {
                int holeEnd = Math.min(rs, end);
                System.arraycopy(b, off + (cursor - start), d.buf, cursor, holeEnd - cursor);
            }
            cursor = Math.max(cursor, re);
        }
        if (cursor < end) {
            System.arraycopy(b, off + (cursor - start), d.buf, cursor, end - cursor);
        }
    }

    /** Adds {@code [start, end)} to the sorted, disjoint, non-adjacent runs of held bytes. */
    private static void addRange(Datagram d, int start, int end) {
        int[] r = d.ranges;
        int n = d.rangeCount;
        int i = 0;
        while (i < n && r[2 * i + 1] < start) {
            i++;
        }
        int j = i;
        int mergedStart = start;
        int mergedEnd = end;
        while (j < n && r[2 * j] <= end) {
            mergedStart = Math.min(mergedStart, r[2 * j]);
            mergedEnd = Math.max(mergedEnd, r[2 * j + 1]);
            j++;
        }
        int absorbed = j - i;
        if (absorbed == 0) {
            if (2 * (n + 1) > r.length) {
                r = Arrays.copyOf(r, r.length * 2);
                d.ranges = r;
            }
            System.arraycopy(r, 2 * i, r, 2 * i + 2, 2 * (n - i));
            n++;
        } else if (absorbed > 1) {
            System.arraycopy(r, 2 * j, r, 2 * i + 2, 2 * (n - j));
            n -= absorbed - 1;
        }
        r[2 * i] = mergedStart;
        r[2 * i + 1] = mergedEnd;
        d.rangeCount = n;
    }

    /** Makes the datagram's buffer hold at least {@code end} bytes within the memory bound. */
    private boolean ensureCapacity(Datagram d, int end) {
        int current = d.buf == null ? 0 : d.buf.length;
        if (end <= current) {
            return true;
        }
        int sizeClass = sizeClassFor(end);
        int size = 1 << (MIN_BUFFER_SHIFT + sizeClass);
        long extra = size - current;
        while (bufferedBytes + extra > maxBufferBytes && oldest != null && oldest != d) {
            evictOldest();
        }
        if (bufferedBytes + extra > maxBufferBytes) {
            // d is now the oldest datagram held, and it does not fit: it goes too.
            stats.datagramsEvicted++;
            remove(d);
            return false;
        }
        byte[] grown = take(sizeClass);
        if (d.buf != null) {
            copyRanges(d, grown);
            recycle(d.buf);
            bufferedBytes -= current;
        }
        d.buf = grown;
        bufferedBytes += size;
        return true;
    }

    private static void copyRanges(Datagram d, byte[] to) {
        for (int i = 0; i < d.rangeCount; i++) {
            int rs = d.ranges[2 * i];
            System.arraycopy(d.buf, rs, to, rs, d.ranges[2 * i + 1] - rs);
        }
    }

    private static int sizeClassFor(int bytes) {
        int sizeClass = 0;
        while ((1 << (MIN_BUFFER_SHIFT + sizeClass)) < bytes) {
            sizeClass++;
        }
        return sizeClass;
    }

    private byte[] take(int sizeClass) {
        if (pooled[sizeClass] > 0) {
            int i = --pooled[sizeClass];
            byte[] b = pool[sizeClass][i];
            pool[sizeClass][i] = null;
            return b;
        }
        return new byte[1 << (MIN_BUFFER_SHIFT + sizeClass)];
    }

    private void recycle(byte[] buf) {
        if (buf == null) {
            return;
        }
        int sizeClass = Integer.numberOfTrailingZeros(buf.length) - MIN_BUFFER_SHIFT;
        if (sizeClass >= 0 && sizeClass < SIZE_CLASSES && pooled[sizeClass] < POOL_PER_CLASS) {
            pool[sizeClass][pooled[sizeClass]++] = buf;
        }
    }

    private void evictOldest() {
        evict(oldest);
    }

    private void evict(Datagram d) {
        if (!d.poisoned) {
            stats.datagramsEvicted++;
        }
        remove(d);
    }

    /** Frees the buffer but keeps the key, so later fragments of the datagram are discarded too. */
    private void poison(Datagram d) {
        d.poisoned = true;
        stats.datagramsDiscardedForOverlap++;
        if (d.buf != null) {
            bufferedBytes -= d.buf.length;
            recycle(d.buf);
            d.buf = null;
        }
        d.ranges = new int[0];
        d.rangeCount = 0;
    }

    private void remove(Datagram d) {
        byKey.remove(d.key);
        unlink(d);
        if (d.buf != null) {
            bufferedBytes -= d.buf.length;
            recycle(d.buf);
            d.buf = null;
        }
    }

    private void link(Datagram d) {
        d.older = newest;
        d.newer = null;
        if (newest != null) {
            newest.newer = d;
        } else {
            oldest = d;
        }
        newest = d;
    }

    private void unlink(Datagram d) {
        if (d.older != null) {
            d.older.newer = d.newer;
        } else if (oldest == d) {
            oldest = d.newer;
        }
        if (d.newer != null) {
            d.newer.older = d.older;
        } else if (newest == d) {
            newest = d.older;
        }
        d.older = null;
        d.newer = null;
    }
}
