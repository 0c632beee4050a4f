package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.NetPath;
import dev.sipscope.samples.rtp.Codec;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes a call through a stateful forking proxy (RFC 3261 section 16): the caller INVITEs the
 * callee's address of record at the proxy, the proxy answers 100 Trying, record-routes and forks
 * the INVITE to every registered contact in parallel. Each ringing contact sends 180 with its own
 * To tag (one early dialog each); the chosen one answers 200, the proxy forwards it and CANCELs
 * the others (200 to the CANCEL, 487, the proxy's ACK). ACK and BYE go through the proxy with a
 * Route header. The capture sees every hop (a mirror port on the switch they all hang off).
 *
 * <pre>{@code
 * f.caller("alice", "10.0.0.1", 5060).proxy("10.0.0.100", 5060).callee("bob")
 *  .fork("10.0.0.2", 5060).fork("10.0.0.3", 5060).answeredBy(0).secondAnswer()
 * }</pre>
 *
 * <p>With {@link #secondAnswer()} the next ringing contact answers too, before the CANCEL reaches
 * it: the proxy forwards that 2xx as well (16.7 step 5), the caller ACKs it and ends that dialog
 * with a BYE at once (13.2.2.4), and the contact answers the crossing CANCEL with 200 only. A
 * {@link #silentFork} never answers: the proxy resends the INVITE by timer A until timer B ends the
 * branch (it cannot CANCEL a branch that sent no provisional response, 9.1).
 */
public final class ForkedCallBuilder {
    String label;
    long atMillis;
    String callerUser;
    Endpoint callerSip;
    Endpoint proxy;
    String domain;
    String calleeUser = "bob";
    final List<Endpoint> forks = new ArrayList<>();
    final List<Boolean> silent = new ArrayList<>();
    int answeredBy;
    boolean secondAnswer;
    long ringMillis = 2000;
    double talkSeconds = 3;
    Codec codec = Codec.PCMU;
    boolean media = true;
    long oneWayDelayMillis = 10;
    NetPath path = NetPath.DEFAULT;
    String callId;

    public ForkedCallBuilder() {
    }

    public ForkedCallBuilder label(String value) {
        this.label = value;
        return this;
    }

    /** Start, in milliseconds after the scenario start. */
    public ForkedCallBuilder at(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a call cannot start before the scenario");
        }
        this.atMillis = millis;
        return this;
    }

    public ForkedCallBuilder caller(String user, String ip, int sipPort) {
        this.callerUser = user;
        this.callerSip = Endpoint.of(ip, sipPort);
        return this;
    }

    /** The forking proxy; it is also the callee's domain unless {@link #domain} says otherwise. */
    public ForkedCallBuilder proxy(String ip, int sipPort) {
        this.proxy = Endpoint.of(ip, sipPort);
        return this;
    }

    /** Host part of the addresses of record ({@code sip:bob@domain}); default: the proxy's address. */
    public ForkedCallBuilder domain(String host) {
        this.domain = host;
        return this;
    }

    /** User part of the callee's address of record (default {@code bob}). */
    public ForkedCallBuilder callee(String user) {
        this.calleeUser = user;
        return this;
    }

    /** A registered contact of the callee that rings (and may answer). */
    public ForkedCallBuilder fork(String ip, int sipPort) {
        forks.add(Endpoint.of(ip, sipPort));
        silent.add(false);
        return this;
    }

    /** A registered contact that never responds (switched off): the proxy retransmits until timer B. */
    public ForkedCallBuilder silentFork(String ip, int sipPort) {
        forks.add(Endpoint.of(ip, sipPort));
        silent.add(true);
        return this;
    }

    /** Which contact (index in definition order) answers; default 0. */
    public ForkedCallBuilder answeredBy(int index) {
        this.answeredBy = index;
        return this;
    }

    /** The next ringing contact answers too, crossing the proxy's CANCEL. */
    public ForkedCallBuilder secondAnswer() {
        this.secondAnswer = true;
        return this;
    }

    /** From the first 180 to the 200. */
    public ForkedCallBuilder ringMillis(long millis) {
        if (millis < 100) {
            throw new IllegalArgumentException("a forked call rings at least 100 ms, got " + millis);
        }
        this.ringMillis = millis;
        return this;
    }

    public ForkedCallBuilder talkSeconds(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("talk time must be positive");
        }
        this.talkSeconds = seconds;
        return this;
    }

    public ForkedCallBuilder codec(Codec value) {
        this.codec = value;
        return this;
    }

    /** No RTP at all (signalling only). */
    public ForkedCallBuilder noMedia() {
        this.media = false;
        return this;
    }

    /** One-way delay between each user agent and the capture point (the proxy sits next to it). */
    public ForkedCallBuilder oneWayDelayMillis(long millis) {
        if (millis < 2 || millis > 2000) {
            throw new IllegalArgumentException("one-way delay must be 2..2000 ms, got " + millis);
        }
        this.oneWayDelayMillis = millis;
        return this;
    }

    public ForkedCallBuilder vlan(int id) {
        this.path = path.withVlan(id);
        return this;
    }

    public ForkedCallBuilder callId(String value) {
        this.callId = value;
        return this;
    }

    void validate() {
        if (callerSip == null || proxy == null) {
            throw new IllegalArgumentException("a forked call needs caller(...) and proxy(...)");
        }
        if (forks.size() < 2) {
            throw new IllegalArgumentException("a forked call needs at least two fork(...) contacts");
        }
        for (Endpoint f : forks) {
            if (f.ip().isV6() != callerSip.ip().isV6() || proxy.ip().isV6() != callerSip.ip().isV6()) {
                throw new IllegalArgumentException("caller, proxy and contacts must share one IP family");
            }
        }
        if (answeredBy < 0 || answeredBy >= forks.size() || silent.get(answeredBy)) {
            throw new IllegalArgumentException("answeredBy(" + answeredBy + ") must name a ringing fork");
        }
        long ringing = silent.stream().filter(s -> !s).count();
        if (secondAnswer && ringing < 2) {
            throw new IllegalArgumentException("secondAnswer() needs a second ringing fork");
        }
    }
}
