package dev.sipscope.quality;

/**
 * The time series of one RTP stream: its capture time cut into equal buckets from the stream's first
 * packet, each holding the packets received, the packets lost and the worst Wireshark-style jitter seen
 * in it. Updated once per packet by {@link RtpStream}; read by {@link SummaryBuilder} into an
 * immutable {@link StreamSummaries.Series}.
 *
 * <p>Invariants: buckets start {@link #INITIAL_BUCKET_NANOS} wide; the arrays start at
 * {@link #INITIAL_CAPACITY} buckets and double until {@link #MAX_BUCKETS}; once full, neighbouring
 * pairs of buckets are merged and the width doubles, so the series always covers the whole stream in
 * at most {@link #MAX_BUCKETS} buckets. Merging adds counts and keeps the larger jitter, so the sums of
 * received and lost over the buckets never change. Growth allocates (at most a handful of times per
 * stream); the per-packet path otherwise allocates nothing.
 *
 * <p>Loss is counted as it becomes visible (RFC 3550 §6.4.1, A.3): each packet adds to its bucket the
 * change of the stream's expected − received since the previous packet. A gap therefore shows in the
 * bucket of the packet after the gap; a late packet that fills an earlier gap subtracts one in its own
 * bucket, so a bucket's figure can be negative. The sum over all buckets equals the stream's
 * {@link StreamSummaries.Sequence#lostRfc()}.
 */
final class SeriesBuckets {
    /** Width of a bucket before any merge: one second of capture time. */
    static final long INITIAL_BUCKET_NANOS = 1_000_000_000L;
    /** Buckets allocated when the stream is created. */
    static final int INITIAL_CAPACITY = 16;
    /** Most buckets kept (a power of two, so halving stays even). */
    static final int MAX_BUCKETS = 512;

    /** Fields of one bucket, side by side in {@link #cells} so a packet touches one cache line, not three. */
    private static final int RECEIVED = 0;
    private static final int LOST = 1;
    /** The bucket's worst jitter, ms, as {@link Float#floatToRawIntBits} (0 bits: 0.0f). */
    private static final int MAX_JITTER = 2;
    private static final int STRIDE = 3;

    private long startNanos;
    private long bucketNanos = INITIAL_BUCKET_NANOS;
    /** Bucket i's fields at {@code STRIDE * i + RECEIVED / LOST / MAX_JITTER}. */
    private int[] cells = new int[INITIAL_CAPACITY * STRIDE];
    private int used;
    private long lastLost;
    private boolean started;
    // The bucket of the previous packet and the capture time it covers, [from, to): a packet in it needs no division.
    private int cachedIndex;
    private long cachedFromNanos;
    private long cachedToNanos = Long.MIN_VALUE;

    /**
     * One packet at capture time {@code ns}: counts it, the loss visible now ({@code lostSoFar}, the
     * stream's expected − received) and the current jitter. Packets before the first one's time (out of
     * order capture) go to bucket 0.
     */
    void onPacket(long ns, long lostSoFar, double jitterMs) {
        if (!started) {
            started = true;
            startNanos = ns;
        }
        int i = bucketOf(ns);
        int c = i * STRIDE;
        int[] a = cells;
        a[c + RECEIVED]++;
        long d = lostSoFar - lastLost;
        lastLost = lostSoFar;
        a[c + LOST] += (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2, d));
        if (jitterMs > Float.intBitsToFloat(a[c + MAX_JITTER])) {
            a[c + MAX_JITTER] = Float.floatToRawIntBits((float) jitterMs);
        }
        if (i >= used) {
            used = i + 1;
        }
    }

    private int capacity() {
        return cells.length / STRIDE;
    }

    private int bucketOf(long ns) {
        if (ns >= cachedFromNanos && ns < cachedToNanos) {
            return cachedIndex; // the common case: the same bucket as the previous packet, no division
        }
        long offset = ns - startNanos;
        if (offset < 0) {
            return 0;
        }
        int index = index(offset);
        cachedIndex = index;
        cachedFromNanos = startNanos + index * bucketNanos;
        cachedToNanos = cachedFromNanos + bucketNanos;
        return index;
    }

    private int index(long offset) {
        long index = offset / bucketNanos;
        while (index >= capacity()) {
            if (capacity() < MAX_BUCKETS) {
                grow();
            } else {
                mergePairs();
                index = offset / bucketNanos;
            }
        }
        return (int) index;
    }

    private void grow() {
        int n = Math.min(MAX_BUCKETS, capacity() * 2);
        cells = java.util.Arrays.copyOf(cells, n * STRIDE);
    }

    private void mergePairs() {
        int n = capacity();
        int[] a = cells;
        for (int i = 0; i < n / 2; i++) {
            int to = i * STRIDE;
            int x = 2 * i * STRIDE;
            int y = x + STRIDE;
            int received = a[x + RECEIVED] + a[y + RECEIVED];
            int lost = a[x + LOST] + a[y + LOST];
            float jitter = Math.max(Float.intBitsToFloat(a[x + MAX_JITTER]), Float.intBitsToFloat(a[y + MAX_JITTER]));
            a[to + RECEIVED] = received;
            a[to + LOST] = lost;
            a[to + MAX_JITTER] = Float.floatToRawIntBits(jitter);
        }
        java.util.Arrays.fill(a, (n / 2) * STRIDE, n * STRIDE, 0);
        used = (used + 1) / 2;
        bucketNanos *= 2;
        cachedToNanos = Long.MIN_VALUE;
    }

    /** An immutable copy of the buckets used so far. */
    StreamSummaries.Series snapshot() {
        int[] r = new int[used];
        int[] l = new int[used];
        double[] j = new double[used];
        for (int i = 0; i < used; i++) {
            r[i] = cells[i * STRIDE + RECEIVED];
            l[i] = cells[i * STRIDE + LOST];
            j[i] = Float.intBitsToFloat(cells[i * STRIDE + MAX_JITTER]);
        }
        return new StreamSummaries.Series(startNanos, bucketNanos, r, l, j);
    }
}
