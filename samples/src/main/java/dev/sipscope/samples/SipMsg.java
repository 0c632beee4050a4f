package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * A SIP message under construction, kept as a start line, an ordered header list and a body, so
 * that user agents and proxies can derive one message from another the way RFC 3261 says:
 * a response copies the Via headers, From, To, Call-ID and CSeq of its request (8.2.6.2), a proxy
 * pushes and pops Via headers (16.6, 16.7) and removes its own Route entry (16.4).
 * {@link #bytes()} renders it with an exact Content-Length (via {@link SipText}).
 */
final class SipMsg {
    private final String method;
    private final int status;
    private final String requestUri;
    private final List<String[]> headers = new ArrayList<>();
    private String contentType;
    private byte[] body;

    private SipMsg(String method, int status, String requestUri) {
        this.method = method;
        this.status = status;
        this.requestUri = requestUri;
    }

    static SipMsg request(String method, String requestUri) {
        return new SipMsg(method, 0, requestUri);
    }

    /**
     * A response to {@code request}: every Via in order, From, To (with {@code toTag} added when the
     * To has none and the tag is not null), Call-ID and CSeq (RFC 3261 8.2.6.2).
     */
    static SipMsg response(int status, SipMsg request, String toTag) {
        if (!request.isRequest()) {
            throw new IllegalArgumentException("a response answers a request");
        }
        SipMsg r = new SipMsg(request.method, status, null);
        for (String via : request.all("Via")) {
            r.add("Via", via);
        }
        r.add("From", request.get("From"));
        String to = request.get("To");
        r.add("To", toTag != null && !to.contains(";tag=") ? to + ";tag=" + toTag : to);
        r.add("Call-ID", request.get("Call-ID"));
        r.add("CSeq", request.get("CSeq"));
        return r;
    }

    boolean isRequest() {
        return status == 0;
    }

    /** The request method, or for a response the method of its request. */
    String method() {
        return method;
    }

    int status() {
        return status;
    }

    String requestUri() {
        return requestUri;
    }

    SipMsg add(String name, Object value) {
        headers.add(new String[] {name, String.valueOf(value)});
        return this;
    }

    /** Replaces every header of that name by one at the position of the first (appended when absent). */
    SipMsg set(String name, Object value) {
        int at = -1;
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i)[0].equalsIgnoreCase(name)) {
                headers.remove(i);
                at = i;
            }
        }
        String[] h = {name, String.valueOf(value)};
        if (at < 0) {
            headers.add(h);
        } else {
            headers.add(at, h);
        }
        return this;
    }

    SipMsg remove(String name) {
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        return this;
    }

    /** The first value of the header, or null. */
    String get(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    List<String> all(String name) {
        List<String> out = new ArrayList<>(2);
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                out.add(h[1]);
            }
        }
        return out;
    }

    /** Inserts a Via above the others (at the place of the first Via, or first of all when there is none). */
    SipMsg pushVia(String via) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i)[0].equalsIgnoreCase("Via")) {
                headers.add(i, new String[] {"Via", via});
                return this;
            }
        }
        headers.add(0, new String[] {"Via", via});
        return this;
    }

    /** Removes the top Via (a proxy forwarding a response, RFC 3261 16.7 step 3). */
    SipMsg popVia() {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i)[0].equalsIgnoreCase("Via")) {
                headers.remove(i);
                return this;
            }
        }
        throw new IllegalStateException("no Via to remove");
    }

    /** Removes the first Route value (a loose router removing its own entry, RFC 3261 16.4). */
    SipMsg popRoute() {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i)[0].equalsIgnoreCase("Route")) {
                headers.remove(i);
                return this;
            }
        }
        throw new IllegalStateException("no Route to remove");
    }

    /**
     * A server's mark on the top Via of a request it received from {@code source}: RFC 3581 section 4
     * fills {@code rport} (when the client asked for it) and adds {@code received}; RFC 3261 18.2.1
     * adds {@code received} when the sent-by is a name or another address than the source.
     */
    SipMsg markReceived(Endpoint source) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase("Via")) {
                h[1] = received(h[1], source);
                return this;
            }
        }
        throw new IllegalStateException("no Via to mark");
    }

    static String received(String via, Endpoint source) {
        int space = via.indexOf(' ');
        int semi = via.indexOf(';');
        String sentBy = via.substring(space + 1, semi < 0 ? via.length() : semi);
        boolean rport = via.contains(";rport;") || via.endsWith(";rport");
        String host = sentBy.startsWith("[") ? sentBy.substring(0, sentBy.indexOf(']') + 1)
                : sentBy.contains(":") ? sentBy.substring(0, sentBy.indexOf(':')) : sentBy;
        boolean needReceived = rport || !host.equals(source.ip().uriHost());
        String out = via;
        if (rport) {
            out = out.replaceFirst(";rport(;|$)", ";rport=" + source.port() + "$1");
        }
        if (needReceived) {
            int b = out.indexOf(";branch=");
            out = out.substring(0, b) + ";received=" + source.ip() + out.substring(b);
        }
        return out;
    }

    SipMsg body(String type, byte[] bytes) {
        this.contentType = bytes == null ? null : type;
        this.body = bytes;
        return this;
    }

    byte[] body() {
        return body;
    }

    /** A deep copy (headers and body reference). */
    SipMsg copy() {
        SipMsg c = new SipMsg(method, status, requestUri);
        for (String[] h : headers) {
            c.headers.add(h.clone());
        }
        c.contentType = contentType;
        c.body = body;
        return c;
    }

    /** A copy with another Request-URI (a proxy retargeting, RFC 3261 16.6 step 2). */
    SipMsg withRequestUri(String uri) {
        if (!isRequest()) {
            throw new IllegalStateException("only a request has a Request-URI");
        }
        SipMsg c = new SipMsg(method, 0, uri);
        for (String[] h : headers) {
            c.headers.add(h.clone());
        }
        c.contentType = contentType;
        c.body = body;
        return c;
    }

    /** The tag parameter of a From or To value, or null. */
    static String tagOf(String nameAddr) {
        int i = nameAddr.indexOf(";tag=");
        if (i < 0) {
            return null;
        }
        int end = nameAddr.indexOf(';', i + 5);
        return nameAddr.substring(i + 5, end < 0 ? nameAddr.length() : end);
    }

    long cseq() {
        String v = get("CSeq");
        return Long.parseLong(v.substring(0, v.indexOf(' ')));
    }

    byte[] bytes() {
        SipText t = isRequest() ? SipText.request(method, requestUri) : SipText.response(status);
        for (String[] h : headers) {
            t.header(h[0], h[1]);
        }
        return t.done(contentType, body);
    }
}
