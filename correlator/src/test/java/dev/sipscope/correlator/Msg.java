package dev.sipscope.correlator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds SIP message text for tests, the way user agents write them: a request with its headers, or
 * a response that copies Via, From, To, Call-ID and CSeq from its request (RFC 3261 §8.2.6.2).
 * Content-Length is added from the body; line ends are CRLF.
 */
public final class Msg {
    private final String startLine;
    private final List<String[]> headers = new ArrayList<>();
    private String body = "";
    private String contentType;

    private Msg(String startLine) {
        this.startLine = startLine;
    }

    public static Msg request(String method, String uri) {
        return new Msg(method + " " + uri + " SIP/2.0");
    }

    /** A response to {@code request}: its Via, From, To, Call-ID and CSeq copied. */
    public static Msg response(Msg request, int status, String phrase) {
        Msg r = new Msg("SIP/2.0 " + status + " " + phrase);
        for (String[] h : request.headers) {
            switch (h[0]) {
                case "Via": case "From": case "To": case "Call-ID": case "CSeq":
                    r.headers.add(h.clone());
                    break;
                default:
                    break;
            }
        }
        return r;
    }

    /**
     * A dialog INVITE's usual request: Via with this branch, From with tag, To (tag or null), Call-ID,
     * CSeq, Max-Forwards, Contact.
     */
    public static Msg request(String method, String uri, String viaHostPort, String branch, String from,
                              String fromTag, String to, String toTag, String callId, long cseq) {
        return request(method, uri).via(viaHostPort, branch).from(from, fromTag).to(to, toTag).callId(callId)
                .cseq(cseq, method).header("Max-Forwards", "70");
    }

    public Msg via(String hostPort, String branch) {
        return header("Via", "SIP/2.0/UDP " + hostPort + (branch == null ? "" : ";branch=" + branch));
    }

    /** Adds a Via above the existing ones (what a proxy does when it forwards). */
    public Msg topVia(String hostPort, String branch) {
        int i = 0;
        while (i < headers.size() && !headers.get(i)[0].equals("Via")) {
            i++;
        }
        headers.add(Math.min(i, headers.size()), new String[] {"Via", "SIP/2.0/UDP " + hostPort + ";branch=" + branch});
        return this;
    }

    public Msg from(String uri, String tag) {
        return header("From", "<sip:" + uri + ">" + (tag == null ? "" : ";tag=" + tag));
    }

    public Msg to(String uri, String tag) {
        return header("To", "<sip:" + uri + ">" + (tag == null ? "" : ";tag=" + tag));
    }

    /** Sets (or adds) the To tag, as a UAS does on its responses. */
    public Msg toTag(String tag) {
        for (String[] h : headers) {
            if (h[0].equals("To")) {
                int semi = h[1].indexOf(";tag=");
                h[1] = (semi < 0 ? h[1] : h[1].substring(0, semi)) + ";tag=" + tag;
                return this;
            }
        }
        return this;
    }

    public Msg callId(String id) {
        return header("Call-ID", id);
    }

    public Msg cseq(long n, String method) {
        return header("CSeq", n + " " + method);
    }

    public Msg header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    /** Replaces the first header named {@code name}. */
    public Msg set(String name, String value) {
        for (String[] h : headers) {
            if (h[0].equals(name)) {
                h[1] = value;
                return this;
            }
        }
        return header(name, value);
    }

    /** Removes every header named {@code name}. */
    public Msg remove(String name) {
        headers.removeIf(h -> h[0].equals(name));
        return this;
    }

    /** An audio SDP body (RFC 4566) offering PCMU and telephone-event at {@code ip:port}. */
    public Msg sdp(String ip, int port, String direction) {
        String family = ip.contains(":") ? "IP6" : "IP4";
        return body("application/sdp", "v=0\r\no=- 1 1 IN " + family + " " + ip + "\r\ns=-\r\nc=IN " + family + " " + ip
                + "\r\nt=0 0\r\nm=audio " + port + " RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na="
                + direction + "\r\n");
    }

    public Msg body(String type, String text) {
        this.contentType = type;
        this.body = text;
        return this;
    }

    public String text() {
        StringBuilder sb = new StringBuilder(startLine).append("\r\n");
        for (String[] h : headers) {
            sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (contentType != null) {
            sb.append("Content-Type: ").append(contentType).append("\r\n");
        }
        sb.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n");
        return sb.append(body).toString();
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /** A copy that can be changed without changing this one. */
    public Msg copy() {
        Msg m = new Msg(startLine);
        for (String[] h : headers) {
            m.headers.add(h.clone());
        }
        m.body = body;
        m.contentType = contentType;
        return m;
    }

    @Override
    public String toString() {
        return text();
    }
}
