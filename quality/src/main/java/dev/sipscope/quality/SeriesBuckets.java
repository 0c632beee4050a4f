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

    private long startNanos;
    private long bucketNanos = INITIAL_BUCKET_NANOS;
    private int[] received = new int[INITIAL_CAPACITY];
    private int[] lost = new int[INITIAL_CAPACITY];
    private float[] maxJitterMs = new float[INITIAL_CAPACITY];
    /** Buckets in use: index of the last touched bucket + 1. */
    private int used;
    private long lastLost;
    private boolean started;
    /** The bucket of the previous lookup and its capture-time range [from, to); empty when to ≤ from. */
    private int cachedIndex;
    private long cachedFromNanos;
    private long cachedToNanos = Long.MIN_VALUE;

    /**
     * One packet.
     *
     * @param ns           its capture time
     * @param lostSoFar    the stream's expected − received after this packet
     * @param jitterMs     the Wireshark-style jitter after this packet, ms (NaN or negative: unknown)
     */
    void onPacket(long ns, long lostSoFar, double jitterMs) {
        if (!started) {
            started = true;
            startNanos = ns;
        }
        int i = bucketOf(ns);
        received[i]++;
        long d = lostSoFar - lastLost;
        lastLost = lostSoFar;
        lost[i] += (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2, d));
        if (jitterMs > maxJitterMs[i]) {
            maxJitterMs[i] = (float) jitterMs;
        }
        if (i >= used) {
            used = i + 1;
        }
    }

    /** Bucket index of a capture time, growing or merging first when it lies beyond the arrays. */
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
        while (index >= received.length) {
            if (received.length < MAX_BUCKETS) {
                grow();
            } else {
                mergePairs();
                index = offset / bucketNanos;
            }
        }
        return (int) index;
    }

    private void grow() {
        int n = Math.min(MAX_BUCKETS, received.length * 2);
        received = java.util.Arrays.copyOf(received, n);
        lost = java.util.Arrays.copyOf(lost, n);
        maxJitterMs = java.util.Arrays.copyOf(maxJitterMs, n);
    }

    /** Halves the resolution: bucket i becomes buckets 2i and 2i+1. */
    private void mergePairs() {
        int n = received.length;
        for (int i = 0; i < n / 2; i++) {
            received[i] = received[2 * i] + received[2 * i + 1];
            lost[i] = lost[2 * i] + lost[2 * i + 1];
            maxJitterMs[i] = Math.max(maxJitterMs[2 * i], maxJitterMs[2 * i + 1]);
        }
        for (int i = n / 2; i < n; i++) {
            received[i] = 0;
            lost[i] = 0;
            maxJitterMs[i] = 0;
        }
        used = (used + 1) / 2;
        bucketNanos *= 2;
        cachedToNanos = Long.MIN_VALUE;
    }

    /** An immutable copy of the buckets in use. */
    StreamSummaries.Series snapshot() {
        int[] r = java.util.Arrays.copyOf(received, used);
        int[] l = java.util.Arrays.copyOf(lost, used);
        double[] j = new double[used];
        for (int i = 0; i < used; i++) {
            j[i] = maxJitterMs[i];
        }
        return new StreamSummaries.Series(startNanos, bucketNanos, r, l, j);
    }
}
