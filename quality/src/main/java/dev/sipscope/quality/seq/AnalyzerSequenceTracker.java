package dev.sipscope.quality.seq;

/**
 * Sequence tracking for profile {@code ANALYZER} (QUALITY.md §3.6): the RFC 3550 A.1 rules with five
 * deterministic extensions.
 * <ul>
 *   <li>A1: the packets of the run that ends probation are counted (base = first of the run). Extended
 *       the way A4 treats late packets: probation packets that arrived before the run and lie at most
 *       MAX_MISORDER behind the validating packet are counted too (they would have been counted as late
 *       had they arrived just after it), with duplicates and late arrivals classified; see
 *       {@link #acceptedCount()};</li>
 *   <li>A2: a confirmed restart closes the segment (its counts go to the stream totals) and opens a new
 *       one that includes the packet that announced the restart;</li>
 *   <li>A3: a {@link SlotWindow} of recent extended numbers tells duplicates from late packets;</li>
 *   <li>A4: a late packet below the segment start lowers the start;</li>
 *   <li>A5 (jitter ignores duplicates) is the caller's business: {@link #lastWasDuplicate()}.</li>
 * </ul>
 * A stream that never leaves probation reports its last probation run as a provisional segment
 * ({@link #validated()} false).
 *
 * <p>After each {@link #update}, {@link #lastExtSeq()} is the packet's extended sequence number (for
 * valid packets). Allocation-free once built.
 */
public final class AnalyzerSequenceTracker {
    public static final int PROBATION = 0;
    /** Probation ended: this packet and the {@link #runLength()}-1 before it are counted. */
    public static final int VALIDATED = 1;
    /** The next number (u = 1). */
    public static final int IN_ORDER = 2;
    /** A forward gap below MAX_DROPOUT. */
    public static final int GAP = 3;
    /** Already received (within the window). */
    public static final int DUPLICATE = 4;
    /** Behind the highest, not received before. */
    public static final int LATE = 5;
    /** Restart confirmed: a new segment started with the previous packet and this one. */
    public static final int RESTART = 6;
    /** A large jump, not counted (yet). */
    public static final int JUMP = 7;

    private static final int SEQ_MOD = 1 << 16;

    private final int minSequential;
    private final int maxDropout;
    private final int maxMisorder;
    private final SlotWindow window;

    private boolean started;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq;
    private int probation;
    private int runLength;
    private int runFirstSeq;

    private boolean validated;
    private long received;
    private long unique;
    private long closedExpected;
    private long closedReceived;
    private long closedUnique;
    private long duplicates;
    private long late;
    private int restarts;
    private int segments;

    private long lastExtSeq;
    private boolean lastDuplicate;

    // Probation packets in arrival order (a ring of the most recent), and at validation which were accepted.
    private final int[] probationSeq;
    private int probationStart;
    private int probationSize;
    private final int[] acceptedIndex;
    private final long[] acceptedExt;
    private final boolean[] acceptedDuplicate;
    private int acceptedCount;

    /**
     * @param windowSlots ring size for duplicate detection and slot outcomes; a power of two larger
     *                    than {@code maxMisorder}
     */
    public AnalyzerSequenceTracker(int minSequential, int maxDropout, int maxMisorder, int windowSlots, SlotSink sink) {
        if (windowSlots <= maxMisorder + 1) {
            throw new IllegalArgumentException("window " + windowSlots + " must exceed MAX_MISORDER " + maxMisorder);
        }
        this.minSequential = minSequential;
        this.maxDropout = maxDropout;
        this.maxMisorder = maxMisorder;
        this.window = new SlotWindow(windowSlots, sink);
        int p = probationCapacity(minSequential);
        this.probationSeq = new int[p];
        this.acceptedIndex = new int[p];
        this.acceptedExt = new long[p];
        this.acceptedDuplicate = new boolean[p];
    }

    /** Probation packets remembered for validation: at least MIN_SEQUENTIAL, at most 16 more. */
    public static int probationCapacity(int minSequential) {
        return minSequential + 16;
    }

    /** The slot window (for the jitter-buffer verdicts and snapshots). */
    public SlotWindow window() {
        return window;
    }

    private void initSeq(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        unique = 0;
    }

    /** Runs one packet through the rules; returns its class. */
    public int update(int seq) {
        seq &= 0xffff;
        lastDuplicate = false;
        if (!started) {
            started = true;
            initSeq(seq);
            maxSeq = (seq - 1) & 0xffff;
            probation = minSequential;
            runLength = 0;
        }
        int udelta = (seq - maxSeq) & 0xffff;
        int cls;
        long ext;
        if (probation > 0) {
            acceptedCount = 0;
            if (seq == ((maxSeq + 1) & 0xffff)) {
                probation--;
                maxSeq = seq;
                if (runLength == 0) {
                    runFirstSeq = seq;
                }
                runLength++;
                if (probation == 0) {
                    validate(seq);
                    lastExtSeq = seq;
                    return VALIDATED;
                }
            } else {
                probation = minSequential - 1;
                maxSeq = seq;
                runLength = 1;
                runFirstSeq = seq;
            }
            remember(seq);
            return PROBATION;
        } else if (udelta < maxDropout) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
            ext = cycles + seq;
            cls = udelta == 1 ? IN_ORDER : GAP;
        } else if (udelta <= SEQ_MOD - maxMisorder) {
            if (seq == badSeq) {
                closeSegment();
                restarts++;
                initSeq(seq);
                baseSeq = (long) seq - 1;
                segments++;
                window.open(baseSeq);
                window.advanceTo(seq);
                window.set(baseSeq, SlotWindow.RECEIVED);
                received = 1;
                unique = 1;
                ext = seq;
                cls = RESTART;
            } else {
                badSeq = (seq + 1) & (SEQ_MOD - 1);
                return JUMP;
            }
        } else {
            ext = seq <= maxSeq ? cycles + seq : cycles - SEQ_MOD + seq;
            cls = LATE;
            if (ext < baseSeq) {
                baseSeq = ext;
                window.lowerTo(ext);
            }
        }
        received++;
        window.advanceTo(ext);
        if (window.covers(ext) && window.get(ext) != SlotWindow.EMPTY) {
            duplicates++;
            lastDuplicate = true;
            cls = DUPLICATE;
        } else {
            unique++;
            if (cls == LATE) {
                late++;
            }
            window.set(ext, SlotWindow.RECEIVED);
        }
        lastExtSeq = ext;
        return cls;
    }

    private void remember(int seq) {
        int cap = probationSeq.length;
        if (probationSize == cap) {
            probationStart = (probationStart + 1) % cap;
            probationSize--;
        }
        probationSeq[(probationStart + probationSize) % cap] = seq;
        probationSize++;
    }

    /**
     * Ends probation on {@code seq}: the remembered probation packets at most MAX_MISORDER behind it are
     * counted (A1 and its extension), the segment opens at the lowest of them.
     */
    private void validate(int seq) {
        initSeq(seq);
        validated = true;
        segments++;
        int cap = probationSeq.length;
        long base = seq;
        int n = 0;
        for (int i = 0; i < probationSize; i++) {
            int d = (short) (probationSeq[(probationStart + i) % cap] - seq);
            if (d < 0 && d >= -maxMisorder) {
                long ext = (long) seq + d;
                acceptedIndex[n] = i;
                acceptedExt[n] = ext;
                n++;
                if (ext < base) {
                    base = ext;
                }
            }
        }
        acceptedCount = n;
        baseSeq = base;
        window.open(base);
        window.advanceTo(seq);
        long highest = Long.MIN_VALUE;
        for (int j = 0; j < n; j++) {
            long ext = acceptedExt[j];
            received++;
            if (window.get(ext) != SlotWindow.EMPTY) {
                acceptedDuplicate[j] = true;
                duplicates++;
            } else {
                acceptedDuplicate[j] = false;
                unique++;
                if (ext < highest) {
                    late++;
                }
                window.set(ext, SlotWindow.RECEIVED);
            }
            if (ext > highest) {
                highest = ext;
            }
        }
        received++;
        unique++;
        window.set(seq, SlotWindow.RECEIVED);
        probationSize = 0;
        probationStart = 0;
    }

    /**
     * After {@link #VALIDATED}: how many earlier probation packets were counted. For each
     * {@code i < acceptedCount()}, {@link #acceptedArrivalIndex(int)} is its position among the probation
     * packets remembered (0 = oldest kept, in arrival order; the caller keeps the same ring), with its
     * extended number and whether it duplicated an earlier one.
     */
    public int acceptedCount() {
        return acceptedCount;
    }

    public int acceptedArrivalIndex(int i) {
        return acceptedIndex[i];
    }

    public long acceptedExtSeq(int i) {
        return acceptedExt[i];
    }

    public boolean acceptedDuplicate(int i) {
        return acceptedDuplicate[i];
    }

    private void closeSegment() {
        closedExpected += segmentExpected();
        closedReceived += received;
        closedUnique += unique;
        window.close();
    }

    /** Extended number of the last valid packet. */
    public long lastExtSeq() {
        return lastExtSeq;
    }

    public boolean lastWasDuplicate() {
        return lastDuplicate;
    }

    /** Length of the run that ended probation (valid right after {@link #VALIDATED}). */
    public int runLength() {
        return runLength;
    }

    public boolean validated() {
        return validated;
    }

    public long baseSeq() {
        return baseSeq;
    }

    public long cycles() {
        return cycles;
    }

    public int maxSeq() {
        return maxSeq;
    }

    /** Extended highest number of the current segment. */
    public long extendedMax() {
        return cycles + maxSeq;
    }

    /** Expected in the current segment (the provisional run when never validated). */
    public long segmentExpected() {
        if (!validated) {
            return started ? runLength : 0;
        }
        return extendedMax() - baseSeq + 1;
    }

    public long segmentReceived() {
        return validated ? received : (started ? runLength : 0);
    }

    public long segmentUnique() {
        return validated ? unique : (started ? runLength : 0);
    }

    /** Stream totals: closed segments plus the current one. */
    public long expected() {
        return closedExpected + segmentExpected();
    }

    public long received() {
        return closedReceived + segmentReceived();
    }

    public long unique() {
        return closedUnique + segmentUnique();
    }

    /** expected − unique: packets never received (≥ 0 apart from the A4 corner case). */
    public long lostNet() {
        return expected() - unique();
    }

    /** expected − received, RFC style over all segments (negative with duplicates). */
    public long lostRfc() {
        return expected() - received();
    }

    public long duplicates() {
        return duplicates;
    }

    public long late() {
        return late;
    }

    public int restarts() {
        return restarts;
    }

    /** Segments counted (0 while never validated). */
    public int segments() {
        return segments;
    }

    /** Hands the current segment's pending slots to the sink and closes it (end of stream). */
    public void finishSegment() {
        window.close();
    }
}
