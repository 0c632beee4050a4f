package dev.sipscope.quality.emodel;

/**
 * Every intermediate term of one E-model evaluation (G.107 §7, QUALITY.md §8.2) and the rating R.
 * {@code r = ro − is − id − ieEff + a}.
 */
public record EModelResult(
        double no, double ro, double iolr, double ist, double iq, double is,
        double idte, double idle, double idd, double id, double ieEff, double r) {

    /** MOS from R (G.107 Annex B, clamped to [1, 4.5]). */
    public double mos() {
        return Mos.fromR(r);
    }
}
