package dev.sipscope.quality.jitter;

/**
 * RFC 3550 §6.4.1 / A.8 interarrival jitter, as QUALITY.md §4.1 defines it: the first-order estimator
 * with gain 1/16 over consecutive fed packets in arrival order, in timestamp units, in both the
 * floating-point form and the integer form endpoints use ({@code Jscaled}, §4.1 "integer variant").
 *
 * <p>Which packets feed it is the caller's decision (table §4.3). A packet whose clock differs from the
 * previous fed packet's resets the baseline instead of producing a difference. Transit times are taken
 * relative to the timestamp and arrival of the packet that set the first baseline, so the arithmetic
 * stays exact in {@code double} for integer inputs.
 *
 * <p>Allocation-free.
 */
public final class InterarrivalJitter {
    /** Whether the integer form ({@link #jitterScaled}) is kept too. */
    private final boolean integerForm;
    private boolean hasOrigin;
    private long originTs;
    private long originNanos;

    private boolean hasBaseline;
    private int clockHz;
    private double prevTransit;
    private long prevTransitInt;

    private double jitterTs;
    private long jitterScaled;
    private int lastClockHz;
    private long updates;
    /*
     * The highest J and the sum of J after each update are kept in timestamp units of clock lastClockHz
     * and converted to ms when read (x * 1000.0 / clock rounds monotonically, so the highest converted J
     * is the converted highest J). Updates at another clock fold them into the ms figures first.
     */
    private double maxJitterTsAtClock;
    private double sumJitterTsAtClock;
    private double maxJitterMsBefore;
    private double sumJitterMsBefore;
    private double stepGuardMs = Double.POSITIVE_INFINITY;
    private long discontinuities;

    /** Both forms, floating-point and integer. */
    public InterarrivalJitter() {
        this(true);
    }

    /**
     * @param integerForm whether to keep the integer form too; without it {@link #jitterScaled} and
     *                    {@link #rtcpFieldInteger} may not be asked, and each update saves the rounding
     *                    and the integer arithmetic (a stream's second estimator reports the
     *                    floating-point form only)
     */
    public InterarrivalJitter(boolean integerForm) {
        this.integerForm = integerForm;
    }

    /**
     * With a finite value, a difference D larger than this (in ms) is not applied: the baseline is reset
     * instead and {@link #discontinuities()} counts it (QUALITY.md §4.3 {@code jitterStepGuard}).
     */
    public void setStepGuardMs(double ms) {
        stepGuardMs = ms;
    }

    /** Differences the step guard refused. */
    public long discontinuities() {
        return discontinuities;
    }

    /** Forgets the previous packet: the next fed packet only sets the baseline (J is kept). */
    public void resetBaseline() {
        hasBaseline = false;
    }

    /**
     * Feeds one packet: arrival time in capture nanoseconds, extended RTP timestamp, clock in Hz (> 0).
     * Returns true when J was updated (false when the packet only set the baseline).
     */
    public boolean update(long arrivalNanos, long tsExt, int clock) {
        if (clock <= 0) {
            return false;
        }
        if (!hasOrigin) {
            hasOrigin = true;
            originTs = tsExt;
            originNanos = arrivalNanos;
        }
        double arrTs = (double) (arrivalNanos - originNanos) * clock / 1e9;
        long relTs = tsExt - originTs;
        double transit = arrTs - relTs;
        long transitInt = integerForm ? Math.round(arrTs) - relTs : 0;
        if (!hasBaseline || clock != clockHz) {
            hasBaseline = true;
            clockHz = clock;
            prevTransit = transit;
            prevTransitInt = transitInt;
            return false;
        }
        double d = Math.abs(transit - prevTransit);
        // With the guard off (infinite), no D in ms can exceed it: the division is skipped, not changed.
        if (stepGuardMs != Double.POSITIVE_INFINITY && d * 1000.0 / clock > stepGuardMs) {
            discontinuities++;
            prevTransit = transit;
            prevTransitInt = transitInt;
            return false;
        }
        // x * 0.0625 is x / 16 exactly (a power of two: the same real value, rounded the same way),
        // without a division in the chain of three this update waits on.
        jitterTs += (d - jitterTs) * 0.0625;
        if (integerForm) {
            long dInt = Math.abs(transitInt - prevTransitInt);
            jitterScaled += dInt - ((jitterScaled + 8) >> 4);
        }
        prevTransit = transit;
        prevTransitInt = transitInt;
        if (clock != lastClockHz) {
            foldClock();
            lastClockHz = clock;
        }
        updates++;
        if (jitterTs > maxJitterTsAtClock) {
            maxJitterTsAtClock = jitterTs;
        }
        sumJitterTsAtClock += jitterTs;
        return true;
    }

    /** Moves the figures kept at {@link #lastClockHz} into the ms figures, before updates at another clock. */
    private void foldClock() {
        if (lastClockHz != 0) {
            maxJitterMsBefore = maxJitterMs();
            sumJitterMsBefore += sumJitterTsAtClock * 1000.0 / lastClockHz;
        }
        maxJitterTsAtClock = 0;
        sumJitterTsAtClock = 0;
    }

    /** Packets that updated J. */
    public long updates() {
        return updates;
    }

    /** Current J in timestamp units. */
    public double jitterTs() {
        return jitterTs;
    }

    /** Current J in ms (0 before any update). */
    public double jitterMs() {
        return lastClockHz == 0 ? 0 : jitterTs * 1000.0 / lastClockHz;
    }

    /** Highest J after any update, ms. */
    public double maxJitterMs() {
        double now = lastClockHz == 0 ? 0 : maxJitterTsAtClock * 1000.0 / lastClockHz;
        return Math.max(maxJitterMsBefore, now);
    }

    /** Mean of J over the updates, ms (0 without updates). */
    public double meanJitterMs() {
        if (updates == 0) {
            return 0;
        }
        return (sumJitterMsBefore + sumJitterTsAtClock * 1000.0 / lastClockHz) / updates;
    }

    /** The RTCP report-block field from the floating-point form: floor(J). */
    public long rtcpField() {
        return (long) Math.floor(jitterTs);
    }

    /** The integer form's scaled state ({@code Jscaled}). */
    public long jitterScaled() {
        requireIntegerForm();
        return jitterScaled;
    }

    /** The RTCP field from the integer form: {@code Jscaled >> 4}. */
    public long rtcpFieldInteger() {
        requireIntegerForm();
        return jitterScaled >> 4;
    }

    private void requireIntegerForm() {
        if (!integerForm) {
            throw new IllegalStateException("this estimator keeps the floating-point form only");
        }
    }

    /** Clock of the last update, 0 if none. */
    public int clockHz() {
        return lastClockHz;
    }
}
