package dev.sipscope.samples.rtp;

import dev.sipscope.samples.net.SeededRandom;

/**
 * Which sent packets the network drops.
 *
 * <ul>
 *   <li>{@link #none()}: nothing is lost.</li>
 *   <li>{@link #random(double)}: each packet independently with the given probability (Bernoulli).</li>
 *   <li>{@link #gilbert(double, double)}: a two-state Markov chain (Gilbert model). In the good state
 *       nothing is lost, in the bad state every packet is; before each packet the chain moves from
 *       good to bad with probability p and from bad to good with probability q. The long-run loss
 *       rate is p/(p+q) and the mean burst length 1/q packets. The chain starts in the good state.</li>
 * </ul>
 * Immutable; {@link #start(SeededRandom)} gives the per-stream state.
 */
public final class LossModel {
    private enum Kind { NONE, RANDOM, GILBERT }

    private static final LossModel NONE = new LossModel(Kind.NONE, 0, 0, 0);

    private final Kind kind;
    private final double rate;
    private final double p;
    private final double q;

    private LossModel(Kind kind, double rate, double p, double q) {
        this.kind = kind;
        this.rate = rate;
        this.p = p;
        this.q = q;
    }

    public static LossModel none() {
        return NONE;
    }

    /** Independent loss with probability {@code rate} (0..1). */
    public static LossModel random(double rate) {
        checkProbability("loss rate", rate);
        return rate == 0 ? NONE : new LossModel(Kind.RANDOM, rate, 0, 0);
    }

    /** Gilbert model with transition probabilities p (good to bad) and q (bad to good), q > 0. */
    public static LossModel gilbert(double p, double q) {
        checkProbability("p", p);
        checkProbability("q", q);
        if (q == 0) {
            throw new IllegalArgumentException("q must be above 0, or the first burst never ends");
        }
        return p == 0 ? NONE : new LossModel(Kind.GILBERT, p / (p + q), p, q);
    }

    /** Gilbert model reaching the mean loss {@code rate} with bursts of {@code meanBurstPackets} on average. */
    public static LossModel bursty(double rate, double meanBurstPackets) {
        checkProbability("loss rate", rate);
        if (meanBurstPackets < 1) {
            throw new IllegalArgumentException("mean burst length must be at least 1 packet, got " + meanBurstPackets);
        }
        if (rate == 0) {
            return NONE;
        }
        if (rate >= 1) {
            throw new IllegalArgumentException("a bursty loss rate must be below 1");
        }
        double q = 1.0 / meanBurstPackets;
        return gilbert(rate * q / (1 - rate), q);
    }

    /** Long-run fraction of packets lost. */
    public double meanRate() {
        return rate;
    }

    public boolean isNone() {
        return kind == Kind.NONE;
    }

    /** A fresh loss process drawing from {@code random}. */
    public Process start(SeededRandom random) {
        return new Process(this, random);
    }

    /** A short description, also used in ground-truth files. */
    @Override
    public String toString() {
        switch (kind) {
            case RANDOM: return "random(" + rate + ")";
            case GILBERT: return "gilbert(p=" + p + ",q=" + q + ")";
            default: return "none";
        }
    }

    private static void checkProbability(String what, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(what + " must be within 0..1, got " + v);
        }
    }

    /** The per-stream state of a loss model. */
    public static final class Process {
        private final LossModel model;
        private final SeededRandom random;
        private boolean bad;

        private Process(LossModel model, SeededRandom random) {
            this.model = model;
            this.random = random;
        }

        /** Decides the fate of the next sent packet: true when it is lost. */
        public boolean nextLost() {
            switch (model.kind) {
                case RANDOM:
                    return random.nextDouble() < model.rate;
                case GILBERT:
                    double u = random.nextDouble();
                    bad = bad ? u >= model.q : u < model.p;
                    return bad;
                default:
                    return false;
            }
        }
    }
}
