package dev.sipscope.samples;

import dev.sipscope.samples.net.IpAddress;
import dev.sipscope.samples.net.SeededRandom;
import dev.sipscope.samples.rtp.Codec;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An endless-capable source of scenario items for large captures, produced lazily in start order
 * so that {@link ScenarioRunner} can stream them to disk in bounded memory.
 *
 * <p>Calls arrive as a Poisson process whose rate keeps about {@code concurrent} calls up at
 * once (Little's law: rate = concurrent / mean call length). Callers live in 10.1.0.0/16 and
 * callees in 10.2.0.0/16, a new pair of hosts per call, so concurrent calls never share a
 * transport address. Per-packet arrival lists are not recorded (truth stays per stream).
 *
 * <ul>
 *   <li>{@link #rtpHeavy}: every call answered over UDP, G.711 (PCMU and PCMA alternately), 1-3 s of
 *       ringing, {@code talkSeconds} of RTP both ways with bursty loss (Gilbert, mean burst 3),
 *       Gaussian jitter, a little explicit reordering and duplication, RTCP every 5 s.</li>
 *   <li>{@link #sipHeavy}: many short calls with a realistic mix of outcomes (answered, busy,
 *       not found, unavailable, cancelled, a few over TCP, a few INVITE retransmissions and
 *       timeouts) and one REGISTER for every two calls; only one answered call in five carries
 *       RTP (the others are signalling only), so SIP is a large share of the frames.</li>
 * </ul>
 */
public final class LoadProfile implements Iterator<ScenarioItem> {
    /** Knobs of a load run; {@link #defaults} gives the values the named profiles use. */
    public record Settings(int calls, int concurrent, double talkSeconds, double lossRate, double jitterMillis,
                           double reorderRate, double duplicateRate) {
        public Settings {
            if (calls < 0 || concurrent < 1 || !(talkSeconds >= 0)) {
                throw new IllegalArgumentException("need calls >= 0, concurrent >= 1 and talk seconds >= 0");
            }
        }

        public Settings withCalls(int n) {
            return new Settings(n, concurrent, talkSeconds, lossRate, jitterMillis, reorderRate, duplicateRate);
        }

        public Settings withConcurrent(int n) {
            return new Settings(calls, n, talkSeconds, lossRate, jitterMillis, reorderRate, duplicateRate);
        }

        public Settings withTalkSeconds(double s) {
            return new Settings(calls, concurrent, s, lossRate, jitterMillis, reorderRate, duplicateRate);
        }
    }

    private final boolean sipHeavy;
    private final Settings settings;
    private final SeededRandom arrivals;
    private final SeededRandom mix;
    private final double meanGapMillis;
    private double clockMillis;
    private int callsMade;
    private int hostIndex;
    private int registersMade;

    private LoadProfile(boolean sipHeavy, Settings settings, long seed) {
        this.sipHeavy = sipHeavy;
        this.settings = settings;
        this.arrivals = SeededRandom.derive(seed, 0x10AD, 1);
        this.mix = SeededRandom.derive(seed, 0x10AD, 2);
        double meanCallSeconds = sipHeavy ? 2.5 + 0.6 * settings.talkSeconds() : 2.1 + settings.talkSeconds();
        double itemsPerCall = sipHeavy ? 1.5 : 1.0;
        this.meanGapMillis = 1000.0 * meanCallSeconds / settings.concurrent() / itemsPerCall;
    }

    /** About 2 GB with the defaults: 2200 calls, 300 at once, 40 s of G.711 each way. */
    public static Settings rtpHeavyDefaults() {
        return new Settings(2200, 300, 40, 0.01, 10, 0.002, 0.001);
    }

    /** 20000 short calls (plus about 10000 registrations), 200 at once, 2 s of talk. */
    public static Settings sipHeavyDefaults() {
        return new Settings(20_000, 200, 2, 0, 0, 0, 0);
    }

    public static LoadProfile rtpHeavy(long seed, Settings settings) {
        return new LoadProfile(false, settings, seed);
    }

    public static LoadProfile sipHeavy(long seed, Settings settings) {
        return new LoadProfile(true, settings, seed);
    }

    @Override
    public boolean hasNext() {
        return callsMade < settings.calls();
    }

    @Override
    public ScenarioItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the load profile made all its " + settings.calls() + " calls");
        }
        clockMillis += arrivals.nextExponential(meanGapMillis);
        long at = (long) clockMillis;
        if (sipHeavy && mix.nextInt(3) == 0) {
            return register(at);
        }
        return sipHeavy ? sipHeavyCall(at) : rtpHeavyCall(at);
    }

    private ScenarioItem rtpHeavyCall(long at) {
        int n = callsMade++;
        int h = hostIndex++;
        CallBuilder c = new CallBuilder().at(at)
                .caller("u" + n, host(1, h), 5060)
                .callee("v" + n, host(2, h), 5060)
                .codec(n % 2 == 0 ? Codec.PCMU : Codec.PCMA)
                .ringMillis(1000 + mix.nextInt(2001))
                .talkSeconds(settings.talkSeconds())
                .label("load-" + n)
                .rtp(r -> {
                    r.recordArrivals(false).rtcp(true);
                    if (settings.lossRate() > 0) {
                        r.burstyLoss(settings.lossRate(), 3);
                    }
                    if (settings.jitterMillis() > 0) {
                        r.jitterMillis(settings.jitterMillis());
                    }
                    r.reorder(settings.reorderRate()).duplicates(settings.duplicateRate());
                });
        return ScenarioItem.call(c);
    }

    private ScenarioItem sipHeavyCall(long at) {
        int n = callsMade++;
        int h = hostIndex++;
        double talk = settings.talkSeconds() * (0.5 + mix.nextDouble());
        CallBuilder c = new CallBuilder().at(at)
                .caller("u" + n, host(1, h), 5060)
                .callee("v" + n, host(2, h), 5060)
                .codec(Codec.PCMU)
                .ringMillis(200 + mix.nextInt(2800))
                .talkSeconds(talk)
                .label("load-" + n)
                .rtp(r -> r.recordArrivals(false));
        if (mix.nextInt(5) != 0) {
            c.rtp(r -> r.disabled());
        }
        int roll = mix.nextInt(100);
        if (roll < 52) {
            c.answer();
        } else if (roll < 56) {
            c.answer().transport(Transport.TCP);
        } else if (roll < 71) {
            c.reject(486);
        } else if (roll < 79) {
            c.reject(404).ringMillis(0);
        } else if (roll < 84) {
            c.reject(503).ringMillis(0).retransmitInvite(1);
        } else if (roll < 86) {
            c.reject(480);
        } else if (roll < 96) {
            c.cancel();
        } else if (roll < 99) {
            c.answer().retransmitInvite(1);
        } else {
            c.timeout();
        }
        return ScenarioItem.call(c);
    }

    private ScenarioItem register(long at) {
        int r = registersMade++;
        RegisterBuilder b = new RegisterBuilder().at(at)
                .user("r" + r, host(3, r), 5060)
                .registrar("10.0.0.254", 5060);
        if (mix.nextInt(20) == 0) {
            b.reject(403);
        }
        return ScenarioItem.register(b);
    }

    /** Host {@code index} of the pool 10.{pool}.x.y, y in 1..250, wrapping after 62,500 hosts. */
    private static String host(int pool, int index) {
        int k = Math.floorMod(index, 250 * 250);
        return IpAddress.v4((10 << 24) | (pool << 16) | ((k / 250) << 8) | (k % 250 + 1)).toString();
    }
}
