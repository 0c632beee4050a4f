package dev.sipscope.quality.jb;

/**
 * A fixed-delay jitter buffer simulated on arrival times (QUALITY.md §6.2): the first packet anchors
 * the playout offset {@code O = arr + depth − tsMs}; every later packet plays at {@code O + tsMs} and is
 * a {@link #LATE_DISCARD} if it arrives after that instant (arriving exactly on it is on time). With
 * {@code resyncOnMarker}, a marker packet that arrives after the buffer drained (after the last playout)
 * re-anchors, as a receiver does at the start of a talk-spurt. An optional capacity turns packets that
 * arrive too early into {@link #OVERFLOW_DISCARD}. Telephone-event packets take part but never
 * re-anchor.
 *
 * <p>Duplicates are the caller's to filter (the stream's slot window knows them). Times are ms on the
 * stream's own origin. Allocation-free.
 */
public final class FixedJitterBuffer {
    public static final int PLAYED = 0;
    public static final int LATE_DISCARD = 1;
    public static final int OVERFLOW_DISCARD = 2;

    private final double depthMs;
    private final boolean resyncOnMarker;
    private final double capacityMs;

    private boolean anchored;
    private boolean haveOrigin;
    private long tsOrigin;
    private double offsetMs;
    private double lastPlayoutMs = Double.NEGATIVE_INFINITY;
    private boolean forceAnchor;
    private long played;
    private long lateDiscards;
    private long overflowDiscards;
    private double lastPlayout;

    /**
     * @param capacityMs overflow limit; {@link Double#POSITIVE_INFINITY} for none
     */
    public FixedJitterBuffer(double depthMs, boolean resyncOnMarker, double capacityMs) {
        if (!(depthMs >= 0)) {
            throw new IllegalArgumentException("depth must be >= 0 ms, got " + depthMs);
        }
        this.depthMs = depthMs;
        this.resyncOnMarker = resyncOnMarker;
        this.capacityMs = capacityMs;
    }

    public FixedJitterBuffer(double depthMs) {
        this(depthMs, true, Double.POSITIVE_INFINITY);
    }

    public double depthMs() {
        return depthMs;
    }

    /**
     * Offers one (non-duplicate) packet.
     *
     * @param tsExt     extended RTP timestamp
     * @param arrivalMs arrival time, ms
     * @param clockHz   clock of the packet (> 0)
     * @return {@link #PLAYED}, {@link #LATE_DISCARD} or {@link #OVERFLOW_DISCARD}
     */
    public int offer(long tsExt, double arrivalMs, boolean marker, boolean event, int clockHz) {
        return offerAtMs(tsMs(timestampOffset(tsExt), clockHz), arrivalMs, marker, event);
    }

    /**
     * The packet's timestamp relative to this buffer's origin (the first timestamp offered since the last
     * {@link #reset}), which it sets when there is none. Buffers offered the same packets since their last
     * reset share it, so a caller feeding several may convert it to ms once ({@link #tsMs}).
     */
    public long timestampOffset(long tsExt) {
        if (!haveOrigin) {
            haveOrigin = true;
            tsOrigin = tsExt;
        }
        return tsExt - tsOrigin;
    }

    /**
     * {@code offset · 1000 / clockHz} in ms, bit for bit as that expression in {@code double}: for clocks
     * of 1000·2^k Hz (8 kHz...) and offsets below 2^53 / 1000 the product is exact and the quotient a
     * power-of-two scaling, so it is taken as one multiplication; otherwise the division is done.
     */
    public static double tsMs(long offset, int clockHz) {
        if (offset < EXACT_OFFSET_LIMIT && offset > -EXACT_OFFSET_LIMIT && clockHz >= 1000 && clockHz % 1000 == 0) {
            int k = clockHz / 1000;
            if ((k & (k - 1)) == 0) {
                // 2^-log2(k) built from its exponent bits: no division.
                return (double) offset * Double.longBitsToDouble((1023L - Integer.numberOfTrailingZeros(k)) << 52);
            }
        }
        return (double) offset * 1000.0 / clockHz;
    }

    /** |offset| below this keeps {@code offset · 1000} exact in {@code double} (below 2^53). */
    private static final long EXACT_OFFSET_LIMIT = (1L << 53) / 1000;

    /**
     * Offers one (non-duplicate) packet whose timestamp, relative to {@link #timestampOffset}, is
     * {@code tsMs} ms. Same result as {@link #offer}.
     */
    public int offerAtMs(double tsMs, double arrivalMs, boolean marker, boolean event) {
        if (!anchored || forceAnchor) {
            offsetMs = arrivalMs + depthMs - tsMs;
            anchored = true;
            forceAnchor = false;
        } else if (resyncOnMarker && marker && !event && arrivalMs >= lastPlayoutMs) {
            offsetMs = arrivalMs + depthMs - tsMs;
        }
        double playout = offsetMs + tsMs;
        lastPlayout = playout;
        if (arrivalMs > playout) {
            lateDiscards++;
            return LATE_DISCARD;
        }
        if (playout - arrivalMs > capacityMs) {
            overflowDiscards++;
            return OVERFLOW_DISCARD;
        }
        played++;
        if (playout > lastPlayoutMs) {
            lastPlayoutMs = playout;
        }
        return PLAYED;
    }

    /** Playout instant computed for the last offered packet, ms. */
    public double lastPlayoutOfferedMs() {
        return lastPlayout;
    }

    /** The anchor offset O, ms (NaN before the first packet). */
    public double offsetMs() {
        return anchored ? offsetMs : Double.NaN;
    }

    /** The next packet re-anchors unconditionally (after a signalled hold/resume, §10.5). */
    public void reanchorNext() {
        forceAnchor = true;
    }

    /** Forgets everything (new segment after a restart, §6.2 step 9). Counters are kept. */
    public void reset() {
        anchored = false;
        haveOrigin = false;
        forceAnchor = false;
        lastPlayoutMs = Double.NEGATIVE_INFINITY;
    }

    public long played() {
        return played;
    }

    public long lateDiscards() {
        return lateDiscards;
    }

    public long overflowDiscards() {
        return overflowDiscards;
    }

    /** Late plus overflow discards. */
    public long discards() {
        return lateDiscards + overflowDiscards;
    }
}
