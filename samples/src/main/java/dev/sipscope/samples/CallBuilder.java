package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.NetPath;
import dev.sipscope.samples.rtp.Codec;
import dev.sipscope.samples.rtp.RtpOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Describes one SIP call between two user agents talking directly (no proxy), seen by a capture
 * point next to the caller: the caller's packets are captured when sent, the callee's one
 * one-way delay later.
 *
 * <p>Defaults: UDP, PCMU at 20 ms, answered with 200 after 2 s of ringing, 10 s of talk, the
 * caller hangs up, 10 ms one-way delay, RTP ports drawn from the call's random source.
 * Example:
 * <pre>{@code
 * c.caller("alice", "10.0.0.1", 5060).callee("bob", "10.0.0.2", 5060)
 *  .transport(Transport.TCP).codec(Codec.PCMA).ringMillis(3000).talkSeconds(20).answer(200)
 *  .rtp(r -> r.burstyLoss(0.02, 3).jitterMillis(20))
 * }</pre>
 */
public final class CallBuilder {
    String callerUser;
    Endpoint callerSip;
    String calleeUser;
    Endpoint calleeSip;
    Transport transport = Transport.UDP;
    Codec codec = Codec.PCMU;
    final List<Codec> alsoOffered = new ArrayList<>();
    long atMillis;
    long ringMillis = 2000;
    boolean ringSet;
    double talkSeconds = 10;
    CallOutcome outcome = CallOutcome.ANSWERED;
    int finalStatus = 200;
    boolean calleeHangsUp;
    int inviteRetransmissions;
    int okRetransmissions;
    int byeRetransmissions;
    double holdAtSeconds = -1;
    double holdForSeconds;
    final RtpOptions callerRtp = new RtpOptions();
    final RtpOptions calleeRtp = new RtpOptions();
    int callerRtpPort = -1;
    int calleeRtpPort = -1;
    NetPath path = NetPath.DEFAULT;
    long oneWayDelayMillis = 10;
    final Map<String, String> extraHeaders = new LinkedHashMap<>();
    int tcpMaxSegment = Integer.MAX_VALUE;
    boolean coalesceProvisional;
    boolean tcpKeepOpen;
    String callerUserAgent = "sipscope-samples caller/1.0";
    String calleeUserAgent = "sipscope-samples callee/1.0";
    String callId;
    String label;
    Endpoint natPublic;
    int natRtpPort = -1;
    boolean earlyMedia;
    boolean prack;
    double updateAtSeconds = -1;
    double infoAtSeconds = -1;
    String infoSignal;
    int ackLosses;
    boolean inCallAtEnd;
    int wsMaxFramePayload = Integer.MAX_VALUE;
    double wsPingAtSeconds = -1;
    String wsPath = "/ws";

    public CallBuilder() {
    }

    /** Start, in milliseconds after the scenario start. */
    public CallBuilder at(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a call cannot start before the scenario");
        }
        this.atMillis = millis;
        return this;
    }

    public CallBuilder caller(String user, String ip, int sipPort) {
        this.callerUser = user;
        this.callerSip = Endpoint.of(ip, sipPort);
        return this;
    }

    public CallBuilder callee(String user, String ip, int sipPort) {
        this.calleeUser = user;
        this.calleeSip = Endpoint.of(ip, sipPort);
        return this;
    }

    public CallBuilder transport(Transport value) {
        this.transport = value;
        return this;
    }

    /** The negotiated codec, offered first and chosen in the answer. */
    public CallBuilder codec(Codec value) {
        this.codec = value;
        return this;
    }

    /** More codecs offered after the negotiated one (the answer still picks {@link #codec}). */
    public CallBuilder alsoOffer(Codec... codecs) {
        for (Codec c : codecs) {
            if (c != codec && !alsoOffered.contains(c)) {
                alsoOffered.add(c);
            }
        }
        return this;
    }

    /** Time between 180 Ringing and the final response (0: no 180 at all). */
    public CallBuilder ringMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("ring time cannot be negative");
        }
        this.ringMillis = millis;
        this.ringSet = true;
        return this;
    }

    /** Media time between the answer and the BYE. */
    public CallBuilder talkSeconds(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("talk time cannot be negative");
        }
        this.talkSeconds = seconds;
        return this;
    }

    public CallBuilder answer() {
        return answer(200);
    }

    /** Answered with this 2xx code. */
    public CallBuilder answer(int code) {
        if (code < 200 || code > 299) {
            throw new IllegalArgumentException("an answer is a 2xx response, got " + code);
        }
        this.outcome = CallOutcome.ANSWERED;
        this.finalStatus = code;
        return this;
    }

    /** Rejected with this final error code (e.g. 486, 600, 404, 408, 480, 503, 603). */
    public CallBuilder reject(int code) {
        if (code < 300 || code > 699 || code == 487) {
            throw new IllegalArgumentException("a rejection is a 3xx-6xx response other than 487 (use cancel()), got " + code);
        }
        this.outcome = CallOutcome.REJECTED;
        this.finalStatus = code;
        return this;
    }

    /** The caller gives up while ringing (after {@link #ringMillis}). */
    public CallBuilder cancel() {
        this.outcome = CallOutcome.CANCELLED;
        this.finalStatus = 487;
        return this;
    }

    /** The callee never answers anything. */
    public CallBuilder timeout() {
        this.outcome = CallOutcome.TIMEOUT;
        this.finalStatus = 408;
        return this;
    }

    /**
     * The callee rings (100, then 180 or 183 after {@link #ringMillis}) and the capture ends before
     * any final response: the call is still being set up.
     */
    public CallBuilder ringingAtEnd() {
        this.outcome = CallOutcome.UNANSWERED;
        this.finalStatus = 0;
        return this;
    }

    /** Answered, and nobody hangs up: media flows for the talk time and the capture ends with the call up. */
    public CallBuilder inCallAtEnd() {
        this.inCallAtEnd = true;
        return this;
    }

    /**
     * Reliable provisional responses (RFC 3262): the INVITE says {@code Supported: 100rel}, the 180
     * (183 with {@link #earlyMedia()}) carries {@code Require: 100rel} and an {@code RSeq}, the caller
     * acknowledges it with a PRACK carrying {@code RAck}, and the callee answers the PRACK with 200.
     */
    public CallBuilder prack() {
        this.prack = true;
        return this;
    }

    /**
     * The caller sends an UPDATE (RFC 3311) with a new SDP offer {@code atSeconds} into the talk time;
     * the callee answers 200 with its SDP.
     */
    public CallBuilder update(double atSeconds) {
        if (!(atSeconds > 0)) {
            throw new IllegalArgumentException("an UPDATE needs a positive time into the call");
        }
        this.updateAtSeconds = atSeconds;
        return this;
    }

    /**
     * The caller sends an INFO (RFC 6086, legacy usage) carrying the DTMF {@code signal} as
     * {@code application/dtmf-relay} {@code atSeconds} into the talk time; the callee answers 200.
     */
    public CallBuilder info(double atSeconds, char signal) {
        if (!(atSeconds > 0)) {
            throw new IllegalArgumentException("an INFO needs a positive time into the call");
        }
        if ("0123456789*#ABCD".indexOf(signal) < 0) {
            throw new IllegalArgumentException("a DTMF signal is one of 0-9 * # A-D, got " + signal);
        }
        this.infoAtSeconds = atSeconds;
        this.infoSignal = String.valueOf(signal);
        return this;
    }

    /**
     * The caller's ACK of the 200 is lost {@code times} times beyond the capture point: the callee
     * resends its 200 (timer G, RFC 3261 13.3.1.4) and the caller answers each copy with the same
     * ACK again (13.2.2.4), so the capture shows 200, ACK, 200, ACK ... UDP only.
     */
    public CallBuilder ackLost(int times) {
        this.ackLosses = checkTimes(times);
        return this;
    }

    /** SIP over WebSocket: a SIP message longer than {@code bytes} is split into continuation frames. */
    public CallBuilder wsMaxFramePayload(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("frame payload limit must be positive");
        }
        this.wsMaxFramePayload = bytes;
        return this;
    }

    /** SIP over WebSocket: the server pings {@code atSeconds} into the talk time and the client answers with a pong. */
    public CallBuilder wsPing(double atSeconds) {
        if (!(atSeconds > 0)) {
            throw new IllegalArgumentException("a ping needs a positive time into the call");
        }
        this.wsPingAtSeconds = atSeconds;
        return this;
    }

    /** SIP over WebSocket: the resource the client asks for in its HTTP Upgrade ({@code /ws} by default). */
    public CallBuilder wsPath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a WebSocket path starts with /");
        }
        this.wsPath = path;
        return this;
    }

    /** The callee sends the BYE instead of the caller. */
    public CallBuilder hangupByCallee() {
        this.calleeHangsUp = true;
        return this;
    }

    /** The INVITE goes unanswered for a while and is resent {@code times} times (500 ms, then doubling). UDP only. */
    public CallBuilder retransmitInvite(int times) {
        this.inviteRetransmissions = checkTimes(times);
        return this;
    }

    /** The caller is slow to ACK: the callee resends its 200 OK {@code times} times. UDP only. */
    public CallBuilder retransmitOk(int times) {
        this.okRetransmissions = checkTimes(times);
        return this;
    }

    /** The BYE is resent {@code times} times before the 200 OK comes. UDP only. */
    public CallBuilder retransmitBye(int times) {
        this.byeRetransmissions = checkTimes(times);
        return this;
    }

    /**
     * The caller puts the callee on hold {@code atSeconds} into the talk time (re-INVITE with
     * a=sendonly, answered a=recvonly: the callee stops sending) and resumes after
     * {@code forSeconds} (0: stays on hold until the BYE).
     */
    public CallBuilder hold(double atSeconds, double forSeconds) {
        if (!(atSeconds > 0) || !(forSeconds >= 0)) {
            throw new IllegalArgumentException("hold needs a positive start and a non-negative length");
        }
        this.holdAtSeconds = atSeconds;
        this.holdForSeconds = forSeconds;
        return this;
    }

    /** RTP settings for both directions. */
    public CallBuilder rtp(Consumer<RtpOptions> settings) {
        settings.accept(callerRtp);
        settings.accept(calleeRtp);
        return this;
    }

    /** RTP settings of the stream the caller sends. */
    public CallBuilder callerRtp(Consumer<RtpOptions> settings) {
        settings.accept(callerRtp);
        return this;
    }

    /** RTP settings of the stream the callee sends. */
    public CallBuilder calleeRtp(Consumer<RtpOptions> settings) {
        settings.accept(calleeRtp);
        return this;
    }

    public CallBuilder callerRtpPort(int port) {
        this.callerRtpPort = checkRtpPort(port);
        return this;
    }

    public CallBuilder calleeRtpPort(int port) {
        this.calleeRtpPort = checkRtpPort(port);
        return this;
    }

    /** Every frame of the call carries this 802.1Q VLAN id. */
    public CallBuilder vlan(int id) {
        this.path = path.withVlan(id);
        return this;
    }

    /** Path MTU: a larger UDP datagram (a big INVITE) is IP-fragmented. */
    public CallBuilder mtu(int bytes) {
        this.path = path.withMtu(bytes);
        return this;
    }

    /** Fragments leave last first. */
    public CallBuilder reverseFragments() {
        this.path = path.withReverseFragments(true);
        return this;
    }

    public CallBuilder oneWayDelayMillis(long millis) {
        if (millis < 0 || millis > 2000) {
            throw new IllegalArgumentException("one-way delay must be 0..2000 ms, got " + millis);
        }
        this.oneWayDelayMillis = millis;
        return this;
    }

    /** An extra header in the initial INVITE (e.g. to make it large enough to fragment). */
    public CallBuilder extraHeader(String name, String value) {
        this.extraHeaders.put(name, value);
        return this;
    }

    /** SIP over TCP: no segment carries more than {@code bytes} (so larger messages span segments). */
    public CallBuilder tcpMaxSegment(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("segment size must be positive");
        }
        this.tcpMaxSegment = bytes;
        return this;
    }

    /** SIP over TCP: 100 Trying and 180 Ringing leave together in one segment. */
    public CallBuilder coalesceProvisional() {
        this.coalesceProvisional = true;
        return this;
    }

    /** SIP over TCP: the connection stays open after the call (no FIN). */
    public CallBuilder tcpKeepOpen() {
        this.tcpKeepOpen = true;
        return this;
    }

    public CallBuilder userAgents(String callerAgent, String calleeAgent) {
        this.callerUserAgent = callerAgent;
        this.calleeUserAgent = calleeAgent;
        return this;
    }

    /**
     * The caller sits behind a NAT and the capture sees its public side: its SIP and RTP leave from
     * {@code publicIp} (ports drawn at random) while Via, Contact and SDP still carry its private
     * address. The callee answers to where packets come from (rport, symmetric RTP).
     */
    public CallBuilder callerBehindNat(String publicIp) {
        return callerBehindNat(publicIp, 0, 0);
    }

    /** As {@link #callerBehindNat(String)} with chosen public ports (0: drawn at random). */
    public CallBuilder callerBehindNat(String publicIp, int publicSipPort, int publicRtpPort) {
        if (publicRtpPort != 0) {
            checkRtpPort(publicRtpPort);
        }
        this.natPublic = Endpoint.of(publicIp, publicSipPort);
        this.natRtpPort = publicRtpPort;
        return this;
    }

    /**
     * The callee answers the ringing phase with 183 Session Progress carrying its SDP and sends
     * RTP (ringback) from then on, before any final response.
     */
    public CallBuilder earlyMedia() {
        this.earlyMedia = true;
        return this;
    }

    /** A fixed Call-ID (default: drawn at random). */
    public CallBuilder callId(String value) {
        this.callId = value;
        return this;
    }

    /** A name for the call in the ground truth. */
    public CallBuilder label(String value) {
        this.label = value;
        return this;
    }

    /** Checks that the description is complete and consistent; the message names what is wrong. */
    void validate() {
        if (callerSip == null || calleeSip == null) {
            throw new IllegalArgumentException("a call needs caller(...) and callee(...)");
        }
        if (callerSip.ip().isV6() != calleeSip.ip().isV6()) {
            throw new IllegalArgumentException("caller " + callerSip + " and callee " + calleeSip + " use different IP families");
        }
        if (transport.reliable() && (inviteRetransmissions > 0 || okRetransmissions > 0 || byeRetransmissions > 0
                || ackLosses > 0)) {
            throw new IllegalArgumentException("SIP over " + transport + " does not retransmit (RFC 3261 section 17.1.1.2)");
        }
        if (transport != Transport.WS && (wsMaxFramePayload != Integer.MAX_VALUE || wsPingAtSeconds > 0)) {
            throw new IllegalArgumentException("WebSocket options need transport(WS)");
        }
        if (ackLosses > 0 && okRetransmissions > 0) {
            throw new IllegalArgumentException("ackLost(...) and retransmitOk(...) both resend the 200; choose one");
        }
        boolean answered = outcome == CallOutcome.ANSWERED;
        if (!answered && (ackLosses > 0 || inCallAtEnd || updateAtSeconds > 0 || infoAtSeconds > 0 || holdAtSeconds > 0
                || wsPingAtSeconds > 0)) {
            throw new IllegalArgumentException("ackLost, inCallAtEnd, update, info, hold and wsPing need an answered call");
        }
        if (inCallAtEnd && (calleeHangsUp || byeRetransmissions > 0)) {
            throw new IllegalArgumentException("a call still up at the end has no BYE: drop hangupByCallee/retransmitBye");
        }
        for (double at : new double[] {updateAtSeconds, infoAtSeconds, wsPingAtSeconds}) {
            if (at > 0 && at >= talkSeconds) {
                throw new IllegalArgumentException("UPDATE, INFO and ping must happen within the talk time");
            }
        }
        if (prack && (outcome == CallOutcome.TIMEOUT
                || (ringSet && ringMillis == 0) || (outcome == CallOutcome.REJECTED && !ringSet))) {
            throw new IllegalArgumentException("prack() needs a ringing phase: set ringMillis(...) above 0");
        }
        if (outcome == CallOutcome.UNANSWERED && ringSet && ringMillis == 0) {
            throw new IllegalArgumentException("ringingAtEnd() needs a ringing phase: set ringMillis(...) above 0");
        }
        if (transport == Transport.UDP && (coalesceProvisional || tcpMaxSegment != Integer.MAX_VALUE || tcpKeepOpen)) {
            throw new IllegalArgumentException("TCP segmentation options need transport(TCP) or transport(WS)");
        }
        if (holdAtSeconds > 0 && holdAtSeconds >= talkSeconds) {
            throw new IllegalArgumentException("hold must start within the talk time");
        }
        if (natPublic != null && natPublic.ip().isV6() != callerSip.ip().isV6()) {
            throw new IllegalArgumentException("the NAT's public address " + natPublic.ip() + " is of another IP family");
        }
        if (earlyMedia && outcome == CallOutcome.TIMEOUT) {
            throw new IllegalArgumentException("early media needs a callee that answers; it cannot go with timeout()");
        }
        if (earlyMedia && outcome == CallOutcome.REJECTED && !(ringSet && ringMillis > 0)) {
            throw new IllegalArgumentException("early media needs a ringing phase: set ringMillis(...) above 0");
        }
        codec.checkPtime(callerRtp.ptimeMillis());
        codec.checkPtime(calleeRtp.ptimeMillis());
    }

    private static int checkTimes(int times) {
        if (times < 0 || times > 6) {
            throw new IllegalArgumentException("retransmissions must be 0..6, got " + times);
        }
        return times;
    }

    private static int checkRtpPort(int port) {
        if (port < 1024 || port > 65534 || port % 2 != 0) {
            throw new IllegalArgumentException("RTP port must be even and within 1024..65534, got " + port);
        }
        return port;
    }
}
