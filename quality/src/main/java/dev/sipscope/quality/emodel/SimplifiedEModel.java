package dev.sipscope.quality.emodel;

/**
 * The simplified rating forms of QUALITY.md §8.4: S1 ("G.107 with defaults", R = 93.2 − Idd − Ie,eff +
 * A), S2 (Cole & Rosenbluth 2001, piecewise-linear delay and logarithmic loss fits) and S3 (hybrid, 93.2
 * − Id_CR − Ie,eff). Pure functions.
 */
public final class SimplifiedEModel {
    /** The commonly hard-coded Ro − Is − Idle at the defaults, rounded. */
    public static final double R0_S1 = 93.2;
    /** Cole & Rosenbluth's base value. */
    public static final double R0_CR = 94.2;

    /** Codec fits of Cole & Rosenbluth: Ie_CR(e) = γ1 + γ2·ln(1 + γ3·e). */
    public enum CrCodec {
        G711(0, 30, 15),
        G729A(11, 40, 10);

        final double g1;
        final double g2;
        final double g3;

        CrCodec(double g1, double g2, double g3) {
            this.g1 = g1;
            this.g2 = g2;
            this.g3 = g3;
        }
    }

    private SimplifiedEModel() {
    }

    /** S1: 93.2 − Idd(Ta) − Ie,eff + A. */
    public static double s1(double taMs, double ie, double bpl, double pplPercent, double burstR, double advantage) {
        return R0_S1 - EModel.idd(taMs) - EModel.ieEff(ie, bpl, pplPercent, burstR) + advantage;
    }

    /** Cole & Rosenbluth delay impairment: 0.024·d + 0.11·(d − 177.3)·H(d − 177.3). */
    public static double idColeRosenbluth(double dMs) {
        return 0.024 * dMs + (dMs > 177.3 ? 0.11 * (dMs - 177.3) : 0);
    }

    /** Cole & Rosenbluth loss impairment for a total loss fraction e (0..1). */
    public static double ieColeRosenbluth(CrCodec codec, double lossFraction) {
        return codec.g1 + codec.g2 * Math.log(1 + codec.g3 * lossFraction);
    }

    /** S2: 94.2 − Id_CR(d) − Ie_CR(e). */
    public static double s2(CrCodec codec, double dMs, double lossFraction) {
        return R0_CR - idColeRosenbluth(dMs) - ieColeRosenbluth(codec, lossFraction);
    }

    /** S3: 93.2 − Id_CR(Ta) − Ie,eff. */
    public static double s3(double taMs, double ie, double bpl, double pplPercent, double burstR) {
        return R0_S1 - idColeRosenbluth(taMs) - EModel.ieEff(ie, bpl, pplPercent, burstR);
    }

    /** Cole & Rosenbluth's combination of network and buffer loss: e = e_net + (1 − e_net)·e_jb. */
    public static double combinedLoss(double networkFraction, double bufferFraction) {
        return networkFraction + (1 - networkFraction) * bufferFraction;
    }
}
