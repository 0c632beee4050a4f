package dev.sipscope.quality.emodel;

/** R-to-MOS conversion and the G.107 Annex B percentages (QUALITY.md §8.7). Pure functions. */
public final class Mos {
    private Mos() {
    }

    /** The Annex B cubic without clamping (dips below 1 for 0 < R < 6.5153). */
    public static double rawFromR(double r) {
        return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
    }

    /** MOS: 1 for R ≤ 0, 4.5 for R ≥ 100, the cubic in between, clamped to [1, 4.5]. */
    public static double fromR(double r) {
        if (Double.isNaN(r)) {
            return Double.NaN;
        }
        if (r <= 0) {
            return 1;
        }
        if (r >= 100) {
            return 4.5;
        }
        return Math.max(1, Math.min(4.5, rawFromR(r)));
    }

    /** "Good or better" percentage: 100·Φ((R − 60)/16). */
    public static double goodOrBetterPct(double r) {
        return 100 * normalCdf((r - 60) / 16);
    }

    /** "Poor or worse" percentage: 100·Φ((45 − R)/16). */
    public static double poorOrWorsePct(double r) {
        return 100 * normalCdf((45 - r) / 16);
    }

    /** Standard normal cumulative distribution Φ(z), to about 1e-15. */
    public static double normalCdf(double z) {
        double x = z / Math.sqrt(2);
        if (x < 0) {
            return 0.5 * erfc(-x);
        }
        return 1 - 0.5 * erfc(x);
    }

    /** Complementary error function for x ≥ 0: Taylor series of erf below 3, continued fraction above. */
    static double erfc(double x) {
        if (x < 3) {
            double term = x;
            double sum = x;
            double x2 = x * x;
            for (int n = 1; n < 200; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return 1 - 2 / Math.sqrt(Math.PI) * sum;
        }
        // Lentz's method for erfc(x) = exp(-x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))).
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < 500; n++) {
            double an = n / 2.0;
            d = x + an * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }
}
