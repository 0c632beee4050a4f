package dev.sipscope.quality.emodel;

/** User-satisfaction classes of ITU-T G.109 by R (QUALITY.md §8.7). */
public enum QualityClass {
    /** R ≥ 90: very satisfied. */
    BEST,
    /** 80 ≤ R < 90: satisfied. */
    HIGH,
    /** 70 ≤ R < 80: some users dissatisfied. */
    MEDIUM,
    /** 60 ≤ R < 70: many users dissatisfied. */
    LOW,
    /** 50 ≤ R < 60: nearly all users dissatisfied. */
    POOR,
    /** R < 50. */
    NOT_RECOMMENDED;

    public static QualityClass of(double r) {
        if (r >= 90) {
            return BEST;
        }
        if (r >= 80) {
            return HIGH;
        }
        if (r >= 70) {
            return MEDIUM;
        }
        if (r >= 60) {
            return LOW;
        }
        if (r >= 50) {
            return POOR;
        }
        return NOT_RECOMMENDED;
    }
}
