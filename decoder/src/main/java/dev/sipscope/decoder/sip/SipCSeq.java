package dev.sipscope.decoder.sip;

/**
 * The CSeq header (RFC 3261 §20.16): a sequence number below 2^32 and a method.
 *
 * @param number     the sequence number
 * @param method     the method, {@link SipMethod#UNKNOWN} for other tokens
 * @param methodName the method token as written
 */
public record SipCSeq(long number, SipMethod method, String methodName) {

    /** Parses {@code b[off, end)}; null when it is not {@code 1*DIGIT LWS token}. */
    public static SipCSeq parse(byte[] b, int off, int end) {
        int p = SipBytes.skipLws(b, off, end);
        end = SipBytes.trimEnd(b, p, end);
        int ds = p;
        while (p < end && SipBytes.isDigit(b[p])) {
            p++;
        }
        long n = SipBytes.parseDecimal(b, ds, p - ds);
        if (n < 0 || n > 0xffff_ffffL || p == end || !SipBytes.isLws(b[p])) {
            return null;
        }
        p = SipBytes.skipLws(b, p, end);
        int ms = p;
        while (p < end && SipBytes.isTokenChar(b[p])) {
            p++;
        }
        if (p == ms || p != end) {
            return null;
        }
        SipMethod m = SipMethod.of(b, ms, p - ms);
        // A known method matched its name exactly: the enum's name is the same text, without allocating.
        return new SipCSeq(n, m, m == SipMethod.UNKNOWN ? SipBytes.text(b, ms, p - ms) : m.name());
    }

    @Override
    public String toString() {
        return number + " " + methodName;
    }
}
