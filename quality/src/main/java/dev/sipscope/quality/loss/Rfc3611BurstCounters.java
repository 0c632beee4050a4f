package dev.sipscope.quality.loss;

/**
 * The streaming burst/gap counters of RFC 3611 Appendix A.2, in the compatibility mode QUALITY.md §7.3
 * describes: for comparing with XR reports of endpoints that implement the appendix (pjsip and others),
 * never for the analyzer's own figures (those come from {@link LossPattern}). Known limits, kept on
 * purpose: each loss run is resolved only when the next one starts, so the last run is never counted;
 * results depend on the initial {@code lost} value, which the appendix leaves open.
 */
public final class Rfc3611BurstCounters {
    private final int gmin;
    private long c11;
    private long c13;
    private long c14;
    private long c22;
    private long c23;
    private long c33;
    private long pkt;
    private long lost;
    private long lossCount;
    private long discardCount;

    /** @param initialLost the appendix's starting value of {@code lost} (pjsip uses 0) */
    public Rfc3611BurstCounters(int gmin, int initialLost) {
        this.gmin = gmin;
        this.lost = initialLost;
    }

    public void received() {
        pkt++;
    }

    public void lost() {
        lossCount++;
        event();
    }

    public void discarded() {
        discardCount++;
        event();
    }

    private void event() {
        if (pkt >= gmin) {
            if (lost == 1) {
                c14++;
            } else {
                c13++;
            }
            lost = 1;
            c11 += pkt;
        } else {
            lost++;
            if (pkt == 0) {
                c33++;
            } else {
                c23++;
                c22 += pkt - 1;
            }
        }
        pkt = 0;
    }

    public long c11() {
        return c11;
    }

    public long c13() {
        return c13;
    }

    public long c14() {
        return c14;
    }

    public long c22() {
        return c22;
    }

    public long c23() {
        return c23;
    }

    public long c33() {
        return c33;
    }

    private long ctotal() {
        long c31 = c13;
        long c32 = c23;
        return c11 + c14 + c13 + c22 + c23 + c31 + c32 + c33;
    }

    /** 256·p23/(p23+p32), truncated and clamped to 255; 0 when no burst was resolved. */
    public int burstDensity8() {
        if (c13 == 0) {
            return 0;
        }
        double c31 = c13;
        double c32 = c23;
        double den = c31 + c32 + c33;
        double p32 = den > 0 ? c32 / den : 0;
        double p23 = (c22 + c23) < 1 ? 1 : 1 - (double) c22 / (c22 + c23);
        double bd = p23 + p32 > 0 ? 256 * p23 / (p23 + p32) : 0;
        return (int) Math.min(255, bd);
    }

    /** 256·c14/(c11+c14), truncated and clamped to 255. */
    public int gapDensity8() {
        return c11 + c14 == 0 ? 0 : (int) Math.min(255, 256.0 * c14 / (c11 + c14));
    }

    /** (c11+c14+c13)·m/c13; 0 when no burst was resolved. */
    public double gapDurationMs(double packetMs) {
        return c13 == 0 ? 0 : (c11 + c14 + c13) * packetMs / c13;
    }

    /** ctotal·m/c13 − gap duration; 0 when no burst was resolved. */
    public double burstDurationMs(double packetMs) {
        return c13 == 0 ? 0 : ctotal() * packetMs / c13 - gapDurationMs(packetMs);
    }

    public long lossCount() {
        return lossCount;
    }

    public long discardCount() {
        return discardCount;
    }
}
