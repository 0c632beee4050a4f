package dev.sipscope.samples;

import java.nio.charset.StandardCharsets;

/** Writes one SIP message (RFC 3261 section 7): start line, headers, CRLF, body; Content-Length always right. */
final class SipText {
    private final StringBuilder sb = new StringBuilder(1024);

    static SipText request(String method, String requestUri) {
        SipText t = new SipText();
        t.sb.append(method).append(' ').append(requestUri).append(" SIP/2.0\r\n");
        return t;
    }

    static SipText response(int code) {
        SipText t = new SipText();
        t.sb.append("SIP/2.0 ").append(code).append(' ').append(reason(code)).append("\r\n");
        return t;
    }

    SipText header(String name, Object value) {
        sb.append(name).append(": ").append(value).append("\r\n");
        return this;
    }

    /** Finishes with no body. */
    byte[] done() {
        return done(null, null);
    }

    /** Finishes with {@code body} of {@code contentType} (both null for none). */
    byte[] done(String contentType, byte[] body) {
        int bodyLength = body == null ? 0 : body.length;
        if (bodyLength > 0) {
            header("Content-Type", contentType);
        }
        header("Content-Length", bodyLength);
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (bodyLength == 0) {
            return head;
        }
        byte[] all = new byte[head.length + bodyLength];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, bodyLength);
        return all;
    }

    /** Reason phrases of RFC 3261 section 21 (and a generic one for other codes). */
    static String reason(int code) {
        switch (code) {
            case 100: return "Trying";
            case 180: return "Ringing";
            case 181: return "Call Is Being Forwarded";
            case 182: return "Queued";
            case 183: return "Session Progress";
            case 200: return "OK";
            case 202: return "Accepted";
            case 301: return "Moved Permanently";
            case 302: return "Moved Temporarily";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 407: return "Proxy Authentication Required";
            case 408: return "Request Timeout";
            case 410: return "Gone";
            case 480: return "Temporarily Unavailable";
            case 481: return "Call/Transaction Does Not Exist";
            case 484: return "Address Incomplete";
            case 486: return "Busy Here";
            case 487: return "Request Terminated";
            case 488: return "Not Acceptable Here";
            case 500: return "Server Internal Error";
            case 501: return "Not Implemented";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Server Time-out";
            case 600: return "Busy Everywhere";
            case 603: return "Decline";
            case 604: return "Does Not Exist Anywhere";
            case 606: return "Not Acceptable";
            default:
                if (code >= 200 && code < 300) {
                    return "OK";
                }
                return code < 200 ? "Session Progress" : "Error";
        }
    }
}
