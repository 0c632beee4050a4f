package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.NetPath;
import dev.sipscope.samples.rtp.Codec;

/**
 * Describes a call transfer with REFER (RFC 3515, RFC 5589) between three user agents that talk
 * directly. The transferee calls the transferor (the original call); the transferor sends REFER
 * in that dialog with {@code Refer-To} the target and {@code Referred-By} itself (RFC 3892); the
 * transferee answers 202 Accepted, reports progress with NOTIFY ({@code Event: refer},
 * {@code message/sipfrag}: 100 Trying, then 200 OK with the subscription terminated), and calls
 * the target in a new call (new Call-ID) that carries {@code Referred-By}. The transferor then
 * hangs up the original call; the new call talks and the transferee hangs up.
 *
 * <p>{@link #attended()}: before the REFER the transferor calls the target itself (the
 * consultation call); the Refer-To then carries {@code ?Replaces=} naming that dialog, the new
 * call's INVITE carries the {@code Replaces} header (RFC 3891), the target answers it without
 * ringing and ends the consultation call with a BYE.
 *
 * <pre>{@code
 * t.transferee("alice", "10.0.0.1", 5060).transferor("bob", "10.0.0.2", 5060).target("carol", "10.0.0.3", 5060).attended()
 * }</pre>
 */
public final class TransferBuilder {
    String label;
    long atMillis;
    String transfereeUser;
    Endpoint transferee;
    String transferorUser;
    Endpoint transferor;
    String targetUser;
    Endpoint target;
    boolean attended;
    long ringMillis = 1000;
    double talkSeconds = 2;
    boolean media = true;
    Codec codec = Codec.PCMU;
    long oneWayDelayMillis = 5;
    NetPath path = NetPath.DEFAULT;

    public TransferBuilder() {
    }

    public TransferBuilder label(String value) {
        this.label = value;
        return this;
    }

    /** Start, in milliseconds after the scenario start. */
    public TransferBuilder at(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a transfer cannot start before the scenario");
        }
        this.atMillis = millis;
        return this;
    }

    /** The party that is transferred: it places the original call and, after the REFER, the new one. */
    public TransferBuilder transferee(String user, String ip, int sipPort) {
        this.transfereeUser = user;
        this.transferee = Endpoint.of(ip, sipPort);
        return this;
    }

    /** The party that answers the original call and sends the REFER. */
    public TransferBuilder transferor(String user, String ip, int sipPort) {
        this.transferorUser = user;
        this.transferor = Endpoint.of(ip, sipPort);
        return this;
    }

    /** The party the transferee is sent to. */
    public TransferBuilder target(String user, String ip, int sipPort) {
        this.targetUser = user;
        this.target = Endpoint.of(ip, sipPort);
        return this;
    }

    /** Attended transfer: a consultation call first, then Refer-To with Replaces. */
    public TransferBuilder attended() {
        this.attended = true;
        return this;
    }

    /** Ringing time of the calls that ring (the original, the consultation, a blind transfer's new call). */
    public TransferBuilder ringMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("ring time cannot be negative");
        }
        this.ringMillis = millis;
        return this;
    }

    /** Talk time of each call before the next step. */
    public TransferBuilder talkSeconds(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("talk time must be positive");
        }
        this.talkSeconds = seconds;
        return this;
    }

    public TransferBuilder codec(Codec value) {
        this.codec = value;
        return this;
    }

    /** No RTP at all (signalling only). */
    public TransferBuilder noMedia() {
        this.media = false;
        return this;
    }

    /** One-way delay of the transferee to the capture point; the transferor adds 1 ms, the target 2 ms. */
    public TransferBuilder oneWayDelayMillis(long millis) {
        if (millis < 0 || millis > 2000) {
            throw new IllegalArgumentException("one-way delay must be 0..2000 ms, got " + millis);
        }
        this.oneWayDelayMillis = millis;
        return this;
    }

    public TransferBuilder vlan(int id) {
        this.path = path.withVlan(id);
        return this;
    }

    void validate() {
        if (transferee == null || transferor == null || target == null) {
            throw new IllegalArgumentException("a transfer needs transferee(...), transferor(...) and target(...)");
        }
        boolean v6 = transferee.ip().isV6();
        if (transferor.ip().isV6() != v6 || target.ip().isV6() != v6) {
            throw new IllegalArgumentException("the three parties of a transfer must share one IP family");
        }
    }
}
