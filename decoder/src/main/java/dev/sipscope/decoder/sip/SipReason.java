package dev.sipscope.decoder.sip;

/**
 * One Reason header value (RFC 3326): {@code SIP ;cause=200 ;text="Call completed elsewhere"} or
 * {@code Q.850;cause=16;text="Normal call clearing"}.
 *
 * @param protocol the protocol token as written ({@code SIP}, {@code Q.850}, ...)
 * @param cause    the cause code, or -1 when absent or not a number
 * @param text     the text parameter unquoted, or null
 * @param params   every parameter
 */
public record SipReason(String protocol, int cause, String text, SipParams params) {

    /** Parses {@code b[off, end)}; null when no protocol token is present. */
    public static SipReason parse(byte[] b, int off, int end) {
        int p = SipBytes.skipLws(b, off, end);
        int ps = p;
        while (p < end && SipBytes.isTokenChar(b[p])) {
            p++;
        }
        if (p == ps) {
            return null;
        }
        SipParams params = SipParams.parseHeaderParams(b, p, end);
        String c = params.get("cause");
        long cause = c == null ? -1 : SipAddress.parseLong(c);
        return new SipReason(SipBytes.text(b, ps, p - ps), cause > Integer.MAX_VALUE ? -1 : (int) cause,
                params.get("text"), params);
    }
}
