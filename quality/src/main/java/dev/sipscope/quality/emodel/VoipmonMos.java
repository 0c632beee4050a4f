package dev.sipscope.quality.emodel;

/**
 * The MOS formula VoIPmonitor applies per interval (profile {@code VOIPMON}, QUALITY.md §8.11 step 3):
 * Ie,eff with Ie = 0 and Bpl = 17.2647, R from 93.2062077233, no delay term, and its own cubic R→MOS
 * fit. Reproduced for comparison only.
 */
public final class VoipmonMos {
    public static final double R0 = 93.2062077233;
    public static final double BPL = 17.2647;

    private VoipmonMos() {
    }

    /**
     * @param lossFraction lost/received for the interval, 0..1
     * @param burstR       the interval's burst ratio (≥ 1 after VoIPmonitor's clamp)
     */
    public static double mos(double lossFraction, double burstR) {
        if (lossFraction == 0 || burstR == 0) {
            return 4.5;
        }
        if (lossFraction > 0.5) {
            return 1;
        }
        double pct = 100 * lossFraction;
        double r = R0 - 95 * (pct / (pct / burstR + BPL));
        double m = 2.06405 + 0.031738 * r - 0.000356641 * r * r + 2.93143e-6 * r * r * r;
        return Math.max(1, Math.min(4.5, m));
    }

    /** VoIPmonitor's interval rule: fewer than 5 lost frames give 4.5, otherwise {@link #mos}. */
    public static double intervalMos(long lostFrames, long lossBursts, long received) {
        if (lostFrames < 5 || received <= 0) {
            return 4.5;
        }
        double ppl = (double) lostFrames / received;
        double burstr = ((double) lostFrames / Math.max(1, lossBursts)) / (1 / (1 - Math.min(ppl, 0.999999)));
        return mos(ppl, Math.max(1, burstr));
    }
}
