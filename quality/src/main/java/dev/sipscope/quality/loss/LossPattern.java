package dev.sipscope.quality.loss;

import dev.sipscope.quality.seq.SlotSink;
import dev.sipscope.quality.seq.SlotWindow;

/**
 * Loss-pattern metrics streamed over a stream's slot outcomes (QUALITY.md §7), one slot at a time in
 * sequence order: x = 1 for a lost (L) or discarded (D) slot, 0 for a received one (R).
 * <ul>
 *   <li>two-state Markov (Gilbert) transition counts → p, q, BurstR = 1/(p+q) (§7.1), no transition
 *       counted across a segment break;</li>
 *   <li>run-length BurstR = mean loss-run length · (1 − lost/N);</li>
 *   <li>RFC 3611 burst/gap split with Gmin, by the definition-based algorithm of §7.2 (events closer
 *       than Gmin received slots cluster; clusters of two or more events are bursts spanning first to
 *       last event), streamed with one open cluster;</li>
 *   <li>loss and discard rates.</li>
 * </ul>
 * {@link #copy()} and the getters never change the state, so a snapshot can add the still-pending
 * slots of a {@link SlotWindow} to a copy. Allocation-free per slot.
 */
public final class LossPattern implements SlotSink {
    private final int gmin;

    private long slots;
    private long lost;
    private long discarded;
    private int prev = -1;
    private long n0;
    private long n01;
    private long n1;
    private long n10;

    private long runs;
    private boolean inRun;

    // Gmin clustering (indices count every slot across segments).
    private boolean clusterOpen;
    private long clusterStart;
    private long clusterLast;
    private long clusterEvents;
    private long bursts;
    private long burstSlots;
    private long burstEvents;
    private boolean firstBurstAtZero;
    private long lastBurstEnd = -1;

    public LossPattern(int gmin) {
        if (gmin < 1) {
            throw new IllegalArgumentException("Gmin must be >= 1, got " + gmin);
        }
        this.gmin = gmin;
    }

    public LossPattern copy() {
        LossPattern c = new LossPattern(gmin);
        c.slots = slots;
        c.lost = lost;
        c.discarded = discarded;
        c.prev = prev;
        c.n0 = n0;
        c.n01 = n01;
        c.n1 = n1;
        c.n10 = n10;
        c.runs = runs;
        c.inRun = inRun;
        c.clusterOpen = clusterOpen;
        c.clusterStart = clusterStart;
        c.clusterLast = clusterLast;
        c.clusterEvents = clusterEvents;
        c.bursts = bursts;
        c.burstSlots = burstSlots;
        c.burstEvents = burstEvents;
        c.firstBurstAtZero = firstBurstAtZero;
        c.lastBurstEnd = lastBurstEnd;
        return c;
    }

    /** Adds one slot given as a {@link SlotWindow} outcome (EMPTY = lost, DISCARDED, PLAYED/RECEIVED). */
    @Override
    public void slot(int outcome) {
        int x;
        if (outcome == SlotWindow.EMPTY) {
            lost++;
            x = 1;
        } else if (outcome == SlotWindow.DISCARDED) {
            discarded++;
            x = 1;
        } else {
            x = 0;
        }
        add(x);
    }

    /** Adds one slot of the binary pattern (1 = lost or discarded), counted as network loss when 1. */
    public void addBinary(int x) {
        if (x != 0) {
            lost++;
        }
        add(x != 0 ? 1 : 0);
    }

    private void add(int x) {
        long i = slots++;
        if (prev == 0) {
            n0++;
            if (x == 1) {
                n01++;
            }
        } else if (prev == 1) {
            n1++;
            if (x == 0) {
                n10++;
            }
        }
        prev = x;
        if (x == 1) {
            if (!inRun) {
                runs++;
                inRun = true;
            }
            if (clusterOpen && i - clusterLast - 1 < gmin) {
                clusterLast = i;
                clusterEvents++;
            } else {
                closeCluster();
                clusterOpen = true;
                clusterStart = i;
                clusterLast = i;
                clusterEvents = 1;
            }
        } else {
            inRun = false;
        }
    }

    private void closeCluster() {
        if (clusterOpen && clusterEvents >= 2) {
            if (bursts == 0 && clusterStart == 0) {
                firstBurstAtZero = true;
            }
            bursts++;
            burstSlots += clusterLast - clusterStart + 1;
            burstEvents += clusterEvents;
            lastBurstEnd = clusterLast;
        }
        clusterOpen = false;
    }

    @Override
    public void segmentBreak() {
        prev = -1;
        inRun = false;
    }

    public int gmin() {
        return gmin;
    }

    /** Slots seen (N). */
    public long slots() {
        return slots;
    }

    /** L slots. */
    public long lost() {
        return lost;
    }

    /** D slots. */
    public long discarded() {
        return discarded;
    }

    public long n0() {
        return n0;
    }

    public long n01() {
        return n01;
    }

    public long n1() {
        return n1;
    }

    public long n10() {
        return n10;
    }

    private boolean anyLoss() {
        return lost + discarded > 0;
    }

    /** P(lost | previous received); 0 without loss, 1 when no received slot was followed by another. */
    public double p() {
        if (!anyLoss()) {
            return 0;
        }
        return n0 == 0 ? 1 : (double) n01 / n0;
    }

    /** P(received | previous lost); 1 without loss, 0 when no lost slot was followed by another. */
    public double q() {
        if (!anyLoss()) {
            return 1;
        }
        return n1 == 0 ? 0 : (double) n10 / n1;
    }

    /** Raw Markov burst ratio 1/(p+q): 1 without loss, +∞ when everything is lost. */
    public double burstRatio() {
        if (!anyLoss()) {
            return 1;
        }
        double s = p() + q();
        return s > 0 ? 1 / s : Double.POSITIVE_INFINITY;
    }

    /** The burst ratio clamped to G.107's permitted range [1, 8] (the E-model input). */
    public double burstRatioClamped() {
        double b = burstRatio();
        return Math.max(1, Math.min(8, b));
    }

    /** Steady-state loss probability p/(p+q) (0 without loss, 1 when p+q = 0). */
    public double pplMarkov() {
        if (!anyLoss()) {
            return 0;
        }
        double s = p() + q();
        return s > 0 ? p() / s : 1;
    }

    /** Loss runs (maximal runs of lost/discarded slots, ended at segment breaks). */
    public long lossRuns() {
        return runs;
    }

    /** Run-length burst ratio: mean run length · (1 − events/N); 1 without loss. */
    public double burstRatioRunLength() {
        if (runs == 0 || slots == 0) {
            return 1;
        }
        double events = lost + discarded;
        return events / runs * (1 - events / slots);
    }

    // ---- Gmin results: computed with the open cluster closed, without changing state.

    private long[] gminTotals() {
        long b = bursts;
        long bs = burstSlots;
        long be = burstEvents;
        boolean atZero = firstBurstAtZero;
        long lastEnd = lastBurstEnd;
        if (clusterOpen && clusterEvents >= 2) {
            if (b == 0 && clusterStart == 0) {
                atZero = true;
            }
            b++;
            bs += clusterLast - clusterStart + 1;
            be += clusterEvents;
            lastEnd = clusterLast;
        }
        long gapSlots = slots - bs;
        long periods;
        if (b == 0) {
            periods = slots > 0 ? 1 : 0;
        } else {
            periods = b + 1 - (atZero ? 1 : 0) - (lastEnd == slots - 1 ? 1 : 0);
        }
        return new long[] {b, bs, be, gapSlots, periods};
    }

    /** Bursts found by the Gmin rule. */
    public long bursts() {
        return gminTotals()[0];
    }

    public long burstSlots() {
        return gminTotals()[1];
    }

    public long burstEvents() {
        return gminTotals()[2];
    }

    public long gapSlots() {
        return gminTotals()[3];
    }

    /** Maximal runs of slots outside bursts (a leading and a trailing one count when non-empty). */
    public long gapPeriods() {
        return gminTotals()[4];
    }

    /** Lost and discarded slots outside bursts. */
    public long gapEvents() {
        return lost + discarded - burstEvents();
    }

    /** floor(256 · events in bursts / burst slots), clamped to 255; 0 without bursts. */
    public int burstDensity8() {
        long[] t = gminTotals();
        return t[1] == 0 ? 0 : (int) Math.min(255, 256 * t[2] / t[1]);
    }

    /** floor(256 · events in gaps / gap slots), clamped to 255; 0 without gap slots. */
    public int gapDensity8() {
        long[] t = gminTotals();
        return t[3] == 0 ? 0 : (int) Math.min(255, 256 * (lost + discarded - t[2]) / t[3]);
    }

    /** Mean burst duration in ms for a nominal packet duration {@code packetMs}; 0 without bursts. */
    public double burstDurationMs(double packetMs) {
        long[] t = gminTotals();
        return t[0] == 0 ? 0 : t[1] * packetMs / t[0];
    }

    /** Mean gap duration in ms; 0 without gap periods. */
    public double gapDurationMs(double packetMs) {
        long[] t = gminTotals();
        return t[4] == 0 ? 0 : t[3] * packetMs / t[4];
    }

    /** floor(256 · L / N), clamped to 255. */
    public int lossRate8() {
        return slots == 0 ? 0 : (int) Math.min(255, 256 * lost / slots);
    }

    /** floor(256 · D / N), clamped to 255. */
    public int discardRate8() {
        return slots == 0 ? 0 : (int) Math.min(255, 256 * discarded / slots);
    }
}
