package dev.sipscope.quality.emodel;

/**
 * Inputs of the ITU-T G.107 (06/2015) E-model (QUALITY.md §8.2, §8.3). {@link #DEFAULTS} holds the
 * default transmission parameters of G.107 Table 3 plus mT = 100 ms and sT = 1; the analyzer changes
 * only the codec ({@code ie}, {@code bpl}), loss ({@code ppl} in percent, {@code burstR}), delays
 * ({@code ta}, {@code t}, {@code tr} in ms) and the advantage factor {@code a}.
 */
public record EModelParameters(
        double slr, double rlr, double stmr, double lstr, double ds, double dr, double telr, double wepl,
        double t, double tr, double ta, double qdu, double ie, double bpl, double ppl, double burstR,
        double nc, double nfor, double ps, double pr, double a, double mT, double sT) {

    public static final EModelParameters DEFAULTS = new EModelParameters(
            8, 2, 15, 18, 3, 3, 65, 110,
            0, 0, 0, 1, 0, 4.3, 0, 1,
            -70, -64, 35, 35, 0, 100, 1);

    /** Codec impairment and packet-loss robustness. */
    public EModelParameters withCodec(double ieValue, double bplValue) {
        return new EModelParameters(slr, rlr, stmr, lstr, ds, dr, telr, wepl, t, tr, ta, qdu, ieValue, bplValue, ppl,
                burstR, nc, nfor, ps, pr, a, mT, sT);
    }

    /** Packet-loss percentage (0..100) and burst ratio. */
    public EModelParameters withLoss(double pplPercent, double burstRatio) {
        return new EModelParameters(slr, rlr, stmr, lstr, ds, dr, telr, wepl, t, tr, ta, qdu, ie, bpl, pplPercent,
                burstRatio, nc, nfor, ps, pr, a, mT, sT);
    }

    /** Absolute delay Ta, echo-path delay T and 4-wire round trip Tr, all in ms. */
    public EModelParameters withDelays(double taMs, double tMs, double trMs) {
        return new EModelParameters(slr, rlr, stmr, lstr, ds, dr, telr, wepl, tMs, trMs, taMs, qdu, ie, bpl, ppl,
                burstR, nc, nfor, ps, pr, a, mT, sT);
    }

    /** The delays the analyzer derives from a one-way delay: Ta = T = d, Tr = 2·d (§8.5). */
    public EModelParameters withOneWayDelay(double taMs) {
        return withDelays(taMs, taMs, 2 * taMs);
    }

    public EModelParameters withAdvantage(double advantage) {
        return new EModelParameters(slr, rlr, stmr, lstr, ds, dr, telr, wepl, t, tr, ta, qdu, ie, bpl, ppl,
                burstR, nc, nfor, ps, pr, advantage, mT, sT);
    }
}
