package dev.sipscope.quality;

import dev.sipscope.quality.emodel.Mos;
import dev.sipscope.quality.seq.SlotSink;
import dev.sipscope.quality.seq.SlotWindow;

/**
 * Interval MOS (QUALITY.md §8.12): the stream's slot outcomes are cut into report intervals (default
 * 10 s, aligned to the first packet; a slot belongs to the interval in which it was filled, or found
 * missing), and each interval is rated on its own loss and Markov burst ratio with the E-model; the
 * stream keeps the minimum and the slot-weighted mean. Slots arrive in sequence order, tagged by the
 * {@link SlotWindow} with the low 8 bits of their interval; a tag older than the interval being
 * counted (a late packet's neighbours) counts in the current one, so intervals only move forward.
 *
 * <p>Rating an interval happens on the packet path when the next interval's first slot is handed out,
 * through {@link Rater} (no allocation). Intervals with fewer than {@link #MIN_SLOTS} slots are not
 * rated. {@link #copy()} lets a snapshot add the pending slots and the open interval without changing
 * the stream.
 */
final class IntervalQuality implements SlotSink {
    /** Fewer slots than this in an interval give it no rating. */
    static final int MIN_SLOTS = 10;

    /** Rates an interval: R from its loss percentage and clamped burst ratio. */
    interface Rater {
        double rate(double pplPercent, double burstRatio);
    }

    private final Rater rater;
    /** The interval of the newest packet (set by the stream before each packet), to decode 8-bit tags. */
    long nowInterval;
    private long current = -1;
    private long slots;
    private long events;
    private long n0;
    private long n01;
    private long n1;
    private long n10;
    private int prev = -1;

    private long rated;
    private double minMos = Double.NaN;
    private double weightedSum;
    private long weight;

    IntervalQuality(Rater rater) {
        this.rater = rater;
    }

    IntervalQuality copy() {
        IntervalQuality c = new IntervalQuality(rater);
        c.nowInterval = nowInterval;
        c.current = current;
        c.slots = slots;
        c.events = events;
        c.n0 = n0;
        c.n01 = n01;
        c.n1 = n1;
        c.n10 = n10;
        c.prev = prev;
        c.rated = rated;
        c.minMos = minMos;
        c.weightedSum = weightedSum;
        c.weight = weight;
        return c;
    }

    @Override
    public void slot(int outcome) {
        slot(outcome, (int) (nowInterval & 0xff));
    }

    @Override
    public void slot(int outcome, int tag) {
        long interval = nowInterval - ((nowInterval - tag) & 0xff);
        if (current < 0) {
            current = interval;
        } else if (interval > current) {
            close();
            current = interval;
        }
        int x = outcome == SlotWindow.EMPTY || outcome == SlotWindow.DISCARDED ? 1 : 0;
        slots++;
        events += x;
        if (prev == 0) {
            n0++;
            n01 += x;
        } else if (prev == 1) {
            n1++;
            n10 += 1 - x;
        }
        prev = x;
    }

    @Override
    public void segmentBreak() {
        prev = -1;
    }

    /** Rates the interval being counted (if it has enough slots) and starts afresh. */
    void close() {
        if (slots >= MIN_SLOTS) {
            double ppl = 100.0 * events / slots;
            double burst = 1;
            if (events > 0) {
                double p = n0 == 0 ? 1 : (double) n01 / n0;
                double q = n1 == 0 ? 0 : (double) n10 / n1;
                burst = p + q > 0 ? 1 / (p + q) : 8;
            }
            burst = Math.max(1, Math.min(8, burst));
            double mos = Mos.fromR(rater.rate(ppl, burst));
            if (rated == 0 || mos < minMos) {
                minMos = mos;
            }
            weightedSum += mos * slots;
            weight += slots;
            rated++;
        }
        slots = 0;
        events = 0;
        n0 = 0;
        n01 = 0;
        n1 = 0;
        n10 = 0;
        prev = -1;
    }

    long ratedIntervals() {
        return rated;
    }

    /** Lowest interval MOS, NaN when no interval was rated. */
    double minMos() {
        return minMos;
    }

    /** Slot-weighted mean of the interval MOS values, NaN when none. */
    double meanMos() {
        return weight == 0 ? Double.NaN : weightedSum / weight;
    }
}
