package dev.sipscope.decoder.sip;

import java.nio.charset.StandardCharsets;

/**
 * A Content-Type value (RFC 3261 §20.15, RFC 2045 §5.1): {@code type/subtype} in lower case and
 * its parameters (such as {@code boundary} or {@code charset}).
 *
 * @param type    lower-case type, e.g. {@code application}
 * @param subtype lower-case subtype, e.g. {@code sdp}; empty when the value has no slash
 * @param params  the parameters, values unquoted
 */
public record SipContentType(String type, String subtype, SipParams params) {

    public static SipContentType parse(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    /** Parses {@code b[off, end)}; null when it is empty. */
    public static SipContentType parse(byte[] b, int off, int end) {
        int p = SipBytes.skipLws(b, off, end);
        int ts = p;
        while (p < end && b[p] != '/' && b[p] != ';' && !SipBytes.isLws(b[p])) {
            p++;
        }
        if (p == ts) {
            return null;
        }
        String type = SipBytes.lowerAscii(b, ts, p - ts);
        p = SipBytes.skipLws(b, p, end);
        String subtype = "";
        if (p < end && b[p] == '/') {
            p = SipBytes.skipLws(b, p + 1, end);
            int ss = p;
            while (p < end && b[p] != ';' && !SipBytes.isLws(b[p])) {
                p++;
            }
            subtype = SipBytes.lowerAscii(b, ss, p - ss);
        }
        return new SipContentType(type, subtype, SipParams.parseHeaderParams(b, p, end));
    }

    /** {@code type/subtype}. */
    public String mediaType() {
        return subtype.isEmpty() ? type : type + "/" + subtype;
    }

    /** The {@code boundary} parameter of a multipart type, or null. */
    public String boundary() {
        return params.get("boundary");
    }

    public boolean isSdp() {
        return type.equals("application") && subtype.equals("sdp");
    }

    public boolean isMultipart() {
        return type.equals("multipart");
    }

    @Override
    public String toString() {
        return mediaType() + params;
    }
}
