package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.NetPath;
import dev.sipscope.samples.rtp.Codec;

/**
 * Describes a call through a back-to-back user agent (an SBC or PBX): leg A from the caller to the
 * B2BUA and leg B from the B2BUA to the callee are two separate calls (own Call-ID, tags, CSeq and
 * branches). The B2BUA answers leg A's INVITE with 100 Trying, places leg B, relays 180 and 200
 * with its own tags, ACKs leg B, and on the caller's BYE answers it and hangs up leg B.
 *
 * <p>How an analyzer can pair the legs:
 * <ul>
 *   <li>{@link #linkHeader(String)}: leg B's INVITE carries leg A's Call-ID in that header
 *       ({@code X-Call-ID} by default; {@code X-CID} is also common); {@link #noLinkHeader()} removes it.
 *   <li>Media: by default the B2BUA anchors the media on its own address: leg A's answer SDP and leg
 *       B's offer SDP both announce it (the same port with {@link #sharedMediaPort()}), and it
 *       relays every RTP packet unchanged (same SSRC, sequence number and timestamp) about half a
 *       millisecond after it arrives. With {@link #directMedia()} it passes the SDP through and the
 *       endpoints talk to each other.
 * </ul>
 */
public final class B2buaBuilder {
    String label;
    long atMillis;
    String callerUser;
    Endpoint callerSip;
    Endpoint b2bua;
    String calleeUser;
    Endpoint calleeSip;
    String linkHeader = "X-Call-ID";
    boolean directMedia;
    boolean sharedMediaPort;
    long ringMillis = 1000;
    double talkSeconds = 2;
    boolean media = true;
    Codec codec = Codec.PCMU;
    long oneWayDelayMillis = 5;
    NetPath path = NetPath.DEFAULT;

    public B2buaBuilder() {
    }

    public B2buaBuilder label(String value) {
        this.label = value;
        return this;
    }

    /** Start, in milliseconds after the scenario start. */
    public B2buaBuilder at(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a call cannot start before the scenario");
        }
        this.atMillis = millis;
        return this;
    }

    public B2buaBuilder caller(String user, String ip, int sipPort) {
        this.callerUser = user;
        this.callerSip = Endpoint.of(ip, sipPort);
        return this;
    }

    /** The B2BUA's SIP address (and, when it anchors media, its media address). */
    public B2buaBuilder b2bua(String ip, int sipPort) {
        this.b2bua = Endpoint.of(ip, sipPort);
        return this;
    }

    public B2buaBuilder callee(String user, String ip, int sipPort) {
        this.calleeUser = user;
        this.calleeSip = Endpoint.of(ip, sipPort);
        return this;
    }

    /** Leg B's INVITE carries leg A's Call-ID in this header ({@code X-Call-ID} by default). */
    public B2buaBuilder linkHeader(String name) {
        if (name == null || name.isBlank() || name.contains(":")) {
            throw new IllegalArgumentException("a header name, e.g. X-Call-ID or X-CID");
        }
        this.linkHeader = name;
        return this;
    }

    /** No header names leg A in leg B: only the media ties the legs. */
    public B2buaBuilder noLinkHeader() {
        this.linkHeader = null;
        return this;
    }

    /** The B2BUA passes the SDP through: the endpoints send RTP to each other. */
    public B2buaBuilder directMedia() {
        this.directMedia = true;
        return this;
    }

    /** The anchored media uses one port of the B2BUA for both legs. */
    public B2buaBuilder sharedMediaPort() {
        this.sharedMediaPort = true;
        return this;
    }

    public B2buaBuilder ringMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("ring time cannot be negative");
        }
        this.ringMillis = millis;
        return this;
    }

    public B2buaBuilder talkSeconds(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("talk time must be positive");
        }
        this.talkSeconds = seconds;
        return this;
    }

    public B2buaBuilder codec(Codec value) {
        this.codec = value;
        return this;
    }

    /** No RTP at all (signalling only). */
    public B2buaBuilder noMedia() {
        this.media = false;
        return this;
    }

    /** One-way delay of the caller to the capture point (the callee adds 1 ms; the B2BUA sits next to it). */
    public B2buaBuilder oneWayDelayMillis(long millis) {
        if (millis < 0 || millis > 2000) {
            throw new IllegalArgumentException("one-way delay must be 0..2000 ms, got " + millis);
        }
        this.oneWayDelayMillis = millis;
        return this;
    }

    public B2buaBuilder vlan(int id) {
        this.path = path.withVlan(id);
        return this;
    }

    void validate() {
        if (callerSip == null || b2bua == null || calleeSip == null) {
            throw new IllegalArgumentException("a B2BUA call needs caller(...), b2bua(...) and callee(...)");
        }
        boolean v6 = callerSip.ip().isV6();
        if (b2bua.ip().isV6() != v6 || calleeSip.ip().isV6() != v6) {
            throw new IllegalArgumentException("caller, B2BUA and callee must share one IP family");
        }
        if (directMedia && sharedMediaPort) {
            throw new IllegalArgumentException("sharedMediaPort() is about anchored media; it cannot go with directMedia()");
        }
    }
}
