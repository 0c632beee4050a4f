package dev.sipscope.quality.emodel;

/**
 * The full ITU-T G.107 (06/2015) E-model for narrowband, as QUALITY.md §8.2 writes it: noise and Ro,
 * simultaneous impairments Is (Iolr, Ist, Iq), delay impairments Id (talker echo Idte, listener echo
 * Idle, absolute delay Idd with the mT/sT delay sensitivity of the 2015 edition), and the
 * equipment-and-loss impairment Ie,eff. Logarithms are base 10. Pure functions; thread-safe.
 */
public final class EModel {
    private EModel() {
    }

    private static double lg(double x) {
        return Math.log10(x);
    }

    public static EModelResult compute(EModelParameters p) {
        double[] t = new double[12];
        evaluate(p.slr(), p.rlr(), p.stmr(), p.lstr(), p.ds(), p.telr(), p.wepl(), p.t(), p.tr(), p.ta(), p.qdu(),
                p.ie(), p.bpl(), p.ppl(), p.burstR(), p.nc(), p.nfor(), p.ps(), p.pr(), p.a(), p.mT(), p.sT(), t);
        return new EModelResult(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11]);
    }

    /**
     * R for the default transmission parameters with the given codec, loss, delays and advantage, without
     * allocating (for interval ratings on the packet path). Same formulas as {@link #compute}.
     */
    public static double rating(double ie, double bpl, double pplPercent, double burstR, double taMs, double tMs,
                                double trMs, double advantage) {
        EModelParameters d = EModelParameters.DEFAULTS;
        return evaluate(d.slr(), d.rlr(), d.stmr(), d.lstr(), d.ds(), d.telr(), d.wepl(), tMs, trMs, taMs, d.qdu(), ie,
                bpl, pplPercent, burstR, d.nc(), d.nfor(), d.ps(), d.pr(), advantage, d.mT(), d.sT(), null);
    }

    /** Computes R; when {@code terms} is given it receives No, Ro, Iolr, Ist, Iq, Is, Idte, Idle, Idd, Id, Ie,eff, R. */
    private static double evaluate(double slr, double rlr, double stmr, double lstr, double ds, double telr,
                                   double wepl, double t, double tr, double ta, double qdu, double ie, double bpl,
                                   double ppl, double burstR, double nc, double nfor, double ps, double pr, double a,
                                   double mT, double sT, double[] terms) {
        double olr = slr + rlr;
        double nfo = nfor + rlr;
        double pre = pr + 10 * lg(1 + Math.pow(10, (10 - lstr) / 10));
        double nor = rlr - 121 + pre + 0.008 * (pre - 35) * (pre - 35);
        double nos = ps - slr - ds - 100 + 0.004 * Math.pow(ps - olr - ds - 14, 2);
        double no = 10 * lg(Math.pow(10, nc / 10) + Math.pow(10, nos / 10) + Math.pow(10, nor / 10)
                + Math.pow(10, nfo / 10));
        double ro = 15 - 1.5 * (slr + no);

        double xolr = olr + 0.2 * (64 + no - rlr);
        double iolr = 20 * (Math.pow(1 + Math.pow(xolr / 8, 8), 1.0 / 8) - xolr / 8);
        double stmro = -10 * lg(Math.pow(10, -stmr / 10) + Math.exp(-t / 4) * Math.pow(10, -telr / 10));
        double ist = 12 * Math.pow(1 + Math.pow((stmro - 13) / 6, 8), 1.0 / 8)
                - 28 * Math.pow(1 + Math.pow((stmro + 1) / 19.4, 35), 1.0 / 35)
                - 13 * Math.pow(1 + Math.pow((stmro - 3) / 33, 13), 1.0 / 13) + 29;
        double q = 37 - 15 * lg(qdu);
        double g = 1.07 + 0.258 * q + 0.0602 * q * q;
        double y = (ro - 100) / 15 + 46 / 8.4 - g / 9;
        double z = 46 / 30.0 - g / 40;
        double iq = 15 * lg(1 + Math.pow(10, y) + Math.pow(10, z));
        double is = iolr + ist + iq;

        double roe = -1.5 * (no - rlr);
        double terv = telr - 40 * lg((1 + t / 10) / (1 + t / 150)) + 6 * Math.exp(-0.3 * t * t);
        if (stmr < 9) {
            terv += ist / 2;
        }
        double re = 80 + 2.5 * (terv - 14);
        double idte = t < 1 ? 0
                : ((roe - re) / 2 + Math.sqrt((roe - re) * (roe - re) / 4 + 100) - 1) * (1 - Math.exp(-t));
        if (stmr > 20) {
            idte = Math.sqrt(idte * idte + ist * ist);
        }
        double rle = 10.5 * (wepl + 7) * Math.pow(tr + 1, -0.25);
        double idle = (ro - rle) / 2 + Math.sqrt((ro - rle) * (ro - rle) / 4 + 169);
        double idd = idd(ta, mT, sT);
        double id = idte + idle + idd;
        double ieEff = ieEff(ie, bpl, ppl, burstR);
        double r = ro - is - id - ieEff + a;
        if (terms != null) {
            terms[0] = no;
            terms[1] = ro;
            terms[2] = iolr;
            terms[3] = ist;
            terms[4] = iq;
            terms[5] = is;
            terms[6] = idte;
            terms[7] = idle;
            terms[8] = idd;
            terms[9] = id;
            terms[10] = ieEff;
            terms[11] = r;
        }
        return r;
    }

    /** Absolute-delay impairment Idd for Ta in ms (0 up to mT). */
    public static double idd(double taMs, double mT, double sT) {
        if (taMs <= mT) {
            return 0;
        }
        double x = lg(taMs / mT) / lg(2);
        double e = 6 * sT;
        return 25 * (Math.pow(1 + Math.pow(x, e), 1 / e) - 3 * Math.pow(1 + Math.pow(x / 3, e), 1 / e) + 2);
    }

    /** Idd with mT = 100 ms, sT = 1. */
    public static double idd(double taMs) {
        return idd(taMs, 100, 1);
    }

    /** Ie,eff = Ie + (95 − Ie) · Ppl / (Ppl/BurstR + Bpl), Ppl in percent. */
    public static double ieEff(double ie, double bpl, double pplPercent, double burstR) {
        if (pplPercent <= 0) {
            return ie;
        }
        return ie + (95 - ie) * pplPercent / (pplPercent / burstR + bpl);
    }
}
