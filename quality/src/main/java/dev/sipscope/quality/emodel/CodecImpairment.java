package dev.sipscope.quality.emodel;

/**
 * E-model planning values of one codec (QUALITY.md §8.9): equipment impairment {@code ie} (at no
 * loss), packet-loss robustness {@code bpl} (NaN when no value is known), algorithmic look-ahead in ms
 * (added to the one-way delay, §8.6), and how well the values are known.
 */
public record CodecImpairment(String codec, double ie, double bpl, double lookaheadMs, CodecProfileKind kind) {

    /** G.107's default Bpl, used when a row has none (§8.9). */
    public static final double DEFAULT_BPL = 4.3;

    /** The Bpl to feed the E-model: the table's, or 4.3 when missing. */
    public double effectiveBpl() {
        return Double.isNaN(bpl) ? DEFAULT_BPL : bpl;
    }
}
