package dev.sipscope.quality.seq;

/**
 * RFC 3550 Appendix A.1 sequence validation and A.3 counters, exactly as QUALITY.md §3.3–§3.5 state
 * them (profile {@code RFC}): probation of {@code minSequential} packets, in-order with gaps below
 * {@code maxDropout}, restart after two consecutive packets of a large jump, late packets up to
 * {@code maxMisorder} behind. Duplicates and late packets count as received, so {@link #lost()} can be
 * negative. A restart discards every earlier count, as the RFC does.
 *
 * <p>One instance per stream; allocation-free.
 */
public final class RfcSequenceTracker {
    /** The packet is not valid: the source is still on probation. */
    public static final int PROBATION = 0;
    /** Probation ended with this packet; it is the first counted. */
    public static final int VALIDATED = 1;
    /** Next in order, or a forward gap below MAX_DROPOUT, or an exact repeat of the highest (u = 0). */
    public static final int IN_ORDER = 2;
    /** Two consecutive packets confirmed a sender restart; counting started again with this packet. */
    public static final int RESTART = 3;
    /** A large jump not (yet) confirmed: the packet is not counted. */
    public static final int JUMP = 4;
    /** Behind the highest by at most MAX_MISORDER: late or duplicate; counted. */
    public static final int LATE = 5;

    public static final int SEQ_MOD = 1 << 16;

    private final int minSequential;
    private final int maxDropout;
    private final int maxMisorder;

    private boolean started;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq;
    private int probation;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private boolean validated;

    public RfcSequenceTracker(int minSequential, int maxDropout, int maxMisorder) {
        this.minSequential = minSequential;
        this.maxDropout = maxDropout;
        this.maxMisorder = maxMisorder;
    }

    /** RFC 3550 A.1 recommended constants: 2, 3000, 100. */
    public RfcSequenceTracker() {
        this(2, 3000, 100);
    }

    private void initSeq(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    /** Runs one packet's sequence number (0..65535) through the rules; returns the branch taken. */
    public int update(int seq) {
        seq &= 0xffff;
        if (!started) {
            started = true;
            initSeq(seq);
            maxSeq = (seq - 1) & 0xffff;
            probation = minSequential;
        }
        int udelta = (seq - maxSeq) & 0xffff;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xffff)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSeq(seq);
                    received++;
                    validated = true;
                    return VALIDATED;
                }
            } else {
                probation = minSequential - 1;
                maxSeq = seq;
            }
            return PROBATION;
        } else if (udelta < maxDropout) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (udelta <= SEQ_MOD - maxMisorder) {
            if (seq == badSeq) {
                initSeq(seq);
                received++;
                return RESTART;
            }
            badSeq = (seq + 1) & (SEQ_MOD - 1);
            return JUMP;
        } else {
            received++;
            return LATE;
        }
        received++;
        return IN_ORDER;
    }

    /** True once probation has ended at least once. */
    public boolean validated() {
        return validated;
    }

    public int maxSeq() {
        return maxSeq;
    }

    public long cycles() {
        return cycles;
    }

    public long baseSeq() {
        return baseSeq;
    }

    public int badSeq() {
        return badSeq;
    }

    /** Packets counted (duplicates and late packets included). */
    public long received() {
        return received;
    }

    /** cycles + maxSeq. */
    public long extendedMax() {
        return cycles + maxSeq;
    }

    /** extendedMax − baseSeq + 1 (0 before validation). */
    public long expected() {
        return validated ? extendedMax() - baseSeq + 1 : 0;
    }

    /** expected − received; negative with duplicates. Unclamped. */
    public long lost() {
        return expected() - received;
    }

    /**
     * The fraction lost since the previous call, as the 8-bit fixed-point RTCP value (RFC 3550 A.3,
     * QUALITY.md §3.8), and moves the interval boundary.
     */
    public int fractionLostAndAdvance() {
        long exp = expected();
        int f = fraction8(exp - expectedPrior, received - receivedPrior);
        expectedPrior = exp;
        receivedPrior = received;
        return f;
    }

    /** The 8-bit fraction for an interval: 0 when nothing was expected or nothing was lost. */
    public static int fraction8(long expectedInterval, long receivedInterval) {
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval <= 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }

    /** Cumulative lost clamped to the signed 24-bit RTCP range [−8388608, 8388607] (RFC 3550 §6.4.1). */
    public static int clampCumulativeLost(long lost) {
        return (int) Math.max(-0x80_0000L, Math.min(0x7f_ffffL, lost));
    }

    /** The 24-bit wire encoding of a cumulative lost value (clamped first). */
    public static int cumulativeLostWire(long lost) {
        return clampCumulativeLost(lost) & 0xff_ffff;
    }
}
