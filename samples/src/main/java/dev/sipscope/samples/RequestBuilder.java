package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.NetPath;

/**
 * Describes one out-of-dialog request over UDP and its answer: an OPTIONS ping (RFC 3261 section
 * 11) or a MESSAGE (RFC 3428) with a text body. No dialog is created. With {@link #noReply()} the
 * request goes unanswered and is retransmitted by timer E until timer F (RFC 3261 17.1.2.2:
 * T1 doubling, capped at T2, for 64*T1), ten resends in all.
 */
public final class RequestBuilder {
    final String method;
    String label;
    long atMillis;
    String fromUser;
    Endpoint from;
    String toUser;
    Endpoint to;
    int status = 200;
    String text = "Hello from sipscope";
    long oneWayDelayMillis = 10;
    NetPath path = NetPath.DEFAULT;

    RequestBuilder(String method) {
        this.method = method;
    }

    public RequestBuilder label(String value) {
        this.label = value;
        return this;
    }

    /** Start, in milliseconds after the scenario start. */
    public RequestBuilder at(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a request cannot start before the scenario");
        }
        this.atMillis = millis;
        return this;
    }

    /** The sender; {@code user} may be null for a server (an OPTIONS keep-alive from a proxy). */
    public RequestBuilder from(String user, String ip, int sipPort) {
        this.fromUser = user;
        this.from = Endpoint.of(ip, sipPort);
        return this;
    }

    /** The destination; {@code user} may be null to address the host itself ({@code sip:10.0.0.2:5060}). */
    public RequestBuilder to(String user, String ip, int sipPort) {
        this.toUser = user;
        this.to = Endpoint.of(ip, sipPort);
        return this;
    }

    /** The final response (200 by default; 202 for a MESSAGE stored for later, 404, 405 ...). */
    public RequestBuilder reply(int code) {
        if (code < 200 || code > 699) {
            throw new IllegalArgumentException("a final response is 200..699, got " + code);
        }
        this.status = code;
        return this;
    }

    /** Nobody answers: the request is resent until timer F expires. */
    public RequestBuilder noReply() {
        this.status = 0;
        return this;
    }

    /** The text/plain body of a MESSAGE. */
    public RequestBuilder text(String value) {
        this.text = value;
        return this;
    }

    public RequestBuilder oneWayDelayMillis(long millis) {
        if (millis < 0 || millis > 2000) {
            throw new IllegalArgumentException("one-way delay must be 0..2000 ms, got " + millis);
        }
        this.oneWayDelayMillis = millis;
        return this;
    }

    public RequestBuilder vlan(int id) {
        this.path = path.withVlan(id);
        return this;
    }

    void validate() {
        if (from == null || to == null) {
            throw new IllegalArgumentException("an " + method + " needs from(...) and to(...)");
        }
        if (from.ip().isV6() != to.ip().isV6()) {
            throw new IllegalArgumentException(from + " and " + to + " use different IP families");
        }
        if ("MESSAGE".equals(method) && (fromUser == null || toUser == null)) {
            throw new IllegalArgumentException("a MESSAGE goes from a user to a user");
        }
    }
}
