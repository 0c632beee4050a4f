package dev.sipscope.decoder.sip;

import dev.sipscope.decoder.ByteScan;

import java.util.Arrays;

/**
 * The one pass over a message's bytes: start line (RFC 3261 §7.1, §7.2) and header lines
 * (§7.3) into a flat index of int arrays that is reused from message to message. Tolerates
 * LF-only line ends, joins obsolete line folding (a line starting with SP or HTAB continues the
 * previous header's value, RFC 3261 §7.3.1) and skips lines without a name and colon (counted).
 *
 * <p>Index layout, {@link #STRIDE} ints per header line: name offset, name length, value offset,
 * value length (value trimmed of surrounding white space; folded values span their continuation
 * lines), {@link SipHeaderId#ordinal()}. Offsets are absolute in the scanned array.
 *
 * <p>Not thread-safe; one instance per parser. Allocates only to grow its index (at most
 * {@code maxHeaders} lines).
 */
final class SipHeaderScanner {
    static final int STRIDE = 5;
    static final int NAME_OFF = 0;
    static final int NAME_LEN = 1;
    static final int VALUE_OFF = 2;
    static final int VALUE_LEN = 3;
    static final int ID = 4;

    /** {@link #parseStartLine} result: a well-formed start line. */
    static final int START_OK = 0;

    private final SipLimits limits;

    int[] index = new int[16 * STRIDE];
    int count;
    /** Header lines skipped because they had no name and colon, or continued nothing. */
    int invalidLines;
    /** Whether any header value was folded over several lines. */
    boolean folded;
    /** Whether the last {@link #scanHeaders} ended on an empty line (else at the end of the range). */
    boolean terminated;
    /** Set when a scan method fails. */
    SipMalformed error;
    /** Offsets in the index and in the start line fields are relative to this position. */
    int base;
    /** Start of the last header line (not continuation), relative to {@link #base}. */
    private int lastLineStart = -1;

    // Start line, absolute offsets.
    boolean request;
    int methodOff;
    int methodLen;
    int uriOff;
    int uriLen;
    int versionOff;
    int versionLen;
    int statusCode;
    int reasonOff;
    int reasonLen;

    SipHeaderScanner(SipLimits limits) {
        this.limits = limits;
    }

    SipLimits limits() {
        return limits;
    }

    /** Offset of the first LF at or after {@code from} in {@code b[from, end)}, or -1. */
    static int findLf(byte[] b, int from, int end) {
        return ByteScan.indexOf(b, from, end, (byte) '\n');
    }

    /** The end of a line's content: {@code lf} (or the range end) without a CR just before it. */
    static int contentEnd(byte[] b, int lineStart, int lfOrEnd) {
        return lfOrEnd > lineStart && b[lfOrEnd - 1] == '\r' ? lfOrEnd - 1 : lfOrEnd;
    }

    /**
     * Parses the start line {@code b[p, end)} (without its line end). Returns {@link #START_OK}, or
     * -1 with {@link #error} set to {@link SipMalformed#NOT_SIP} or {@link SipMalformed#BAD_START_LINE}.
     */
    int parseStartLine(byte[] b, int p, int end) {
        error = null;
        statusCode = 0;
        methodOff = methodLen = uriOff = uriLen = reasonOff = reasonLen = versionOff = versionLen = 0;
        end = trimWspEnd(b, p, end);
        if (SipBytes.startsWithIgnoreCase(b, p, end, "SIP/")) {
            request = false;
            int q = p;
            while (q < end && !SipBytes.isWsp(b[q])) {
                q++;
            }
            versionOff = p;
            versionLen = q - p;
            q = skipWsp(b, q, end);
            if (!isVersion(b, p, versionOff + versionLen) || q + 3 > end || (q + 3 < end && !SipBytes.isWsp(b[q + 3]))
                    || !SipBytes.isDigit(b[q]) || !SipBytes.isDigit(b[q + 1]) || !SipBytes.isDigit(b[q + 2])) {
                return fail(SipMalformed.BAD_START_LINE);
            }
            statusCode = (b[q] - '0') * 100 + (b[q + 1] - '0') * 10 + (b[q + 2] - '0');
            if (statusCode < 100 || statusCode > 699) {
                return fail(SipMalformed.BAD_START_LINE);
            }
            reasonOff = skipWsp(b, q + 3, end);
            reasonLen = end - reasonOff;
            return START_OK;
        }
        request = true;
        int q = p;
        while (q < end && SipBytes.isTokenChar(b[q])) {
            q++;
        }
        if (q == p || q == end || !SipBytes.isWsp(b[q])) {
            return fail(SipMalformed.NOT_SIP);
        }
        methodOff = p;
        methodLen = q - p;
        boolean knownMethod = SipMethod.of(b, methodOff, methodLen) != SipMethod.UNKNOWN;
        q = skipWsp(b, q, end);
        uriOff = q;
        while (q < end && !SipBytes.isWsp(b[q])) {
            q++;
        }
        uriLen = q - uriOff;
        q = skipWsp(b, q, end);
        versionOff = q;
        while (q < end && !SipBytes.isWsp(b[q])) {
            q++;
        }
        versionLen = q - versionOff;
        boolean sipVersion = SipBytes.startsWithIgnoreCase(b, versionOff, versionOff + versionLen, "SIP/");
        if (uriLen == 0 || q != end || !isVersion(b, versionOff, versionOff + versionLen)) {
            return fail(knownMethod || sipVersion ? SipMalformed.BAD_START_LINE : SipMalformed.NOT_SIP);
        }
        for (int i = uriOff; i < uriOff + uriLen; i++) {
            if ((b[i] & 0xff) < 0x21 || b[i] == 0x7f) {
                return fail(SipMalformed.BAD_START_LINE);
            }
        }
        return START_OK;
    }

    /**
     * The stricter test used to find a message start after lost bytes: {@code METHOD SP
     * (sip:|sips:|tel:)uri SP SIP/2.0}, or {@code SIP/2.0 SP 3DIGIT}. {@code b[p, end)} is one line
     * without its line end.
     */
    boolean plausibleStartLine(byte[] b, int p, int end) {
        if (parseStartLine(b, p, end) != START_OK) {
            return false;
        }
        if (!SipBytes.equalsIgnoreCase(b, versionOff, versionLen, "SIP/2.0")) {
            return false;
        }
        if (!request) {
            return true;
        }
        int ue = uriOff + uriLen;
        return SipBytes.startsWithIgnoreCase(b, uriOff, ue, "sip:") || SipBytes.startsWithIgnoreCase(b, uriOff, ue, "sips:")
                || SipBytes.startsWithIgnoreCase(b, uriOff, ue, "tel:");
    }

    /** "SIP" "/" 1*DIGIT "." 1*DIGIT (RFC 3261 §7.1), "SIP" in any case. */
    private static boolean isVersion(byte[] b, int p, int end) {
        if (!SipBytes.startsWithIgnoreCase(b, p, end, "SIP/")) {
            return false;
        }
        int q = p + 4;
        int d1 = q;
        while (q < end && SipBytes.isDigit(b[q])) {
            q++;
        }
        if (q == d1 || q >= end || b[q] != '.') {
            return false;
        }
        int d2 = ++q;
        while (q < end && SipBytes.isDigit(b[q])) {
            q++;
        }
        return q > d2 && q == end;
    }

    /**
     * Scans header lines from {@code p} (the start of the first header line) up to and including
     * the empty line that ends them, or to {@code end} when there is none ({@link #terminated} then
     * false). Index offsets are stored relative to {@code base}. Returns the offset just after the
     * empty line (the body start), {@code end} when unterminated, or -1 with {@link #error} set when
     * a limit is exceeded.
     */
    int scanHeaders(byte[] b, int p, int end, int base) {
        beginHeaders(base);
        while (p < end) {
            byte c = b[p];
            if (c == '\n') {
                terminated = true;
                return p + 1;
            }
            if (c == '\r' && (p + 1 == end || b[p + 1] == '\n')) {
                terminated = p + 1 < end;
                return Math.min(p + 2, end);
            }
            int lf = findLf(b, p, end);
            int lineEnd = lf < 0 ? end : lf;
            if (!addLine(b, p, contentEnd(b, p, lineEnd))) {
                return -1;
            }
            p = lf < 0 ? end : lf + 1;
        }
        return end;
    }

    /** Starts a new header block whose index offsets will be relative to {@code base}. */
    void beginHeaders(int base) {
        this.base = base;
        count = 0;
        invalidLines = 0;
        folded = false;
        terminated = false;
        error = null;
        lastLineStart = -1;
    }

    /**
     * Adds the non-empty header line {@code b[p, ce)} (without its line end; {@code b[p]} is not a
     * line end) to the index: a new header, a folded continuation of the previous one, or an
     * invalid line (counted). Returns false with {@link #error} set when a limit is exceeded.
     */
    boolean addLine(byte[] b, int p, int ce) {
        int maxLine = limits.maxHeaderLineBytes();
        if (SipBytes.isWsp(b[p])) {
            // Obsolete line folding (RFC 3261 §7.3.1): continues the previous header's value.
            if (count == 0) {
                // Nothing to continue: an invalid line, held to the line limit as any other line is
                // (a stream framer that has not yet seen this line's end judges it by that limit).
                if (ce - p > maxLine) {
                    return failed(SipMalformed.HEADER_LINE_TOO_LONG);
                }
                invalidLines++;
                return true;
            }
            if (ce - base - lastLineStart > maxLine) {
                return failed(SipMalformed.HEADER_LINE_TOO_LONG);
            }
            int at = (count - 1) * STRIDE;
            int vEnd = SipBytes.trimEnd(b, p, ce);
            if (vEnd > p) {
                if (index[at + VALUE_LEN] == 0) {
                    index[at + VALUE_OFF] = SipBytes.skipLws(b, p, vEnd) - base;
                }
                index[at + VALUE_LEN] = vEnd - base - index[at + VALUE_OFF];
                folded = true;
            }
            return true;
        }
        if (ce - p > maxLine) {
            return failed(SipMalformed.HEADER_LINE_TOO_LONG);
        }
        int q = p;
        while (q < ce && SipBytes.isTokenChar(b[q])) {
            q++;
        }
        int nameEnd = q;
        q = skipWsp(b, q, ce);
        if (nameEnd == p || q >= ce || b[q] != ':') {
            invalidLines++;
            return true;
        }
        if (count == limits.maxHeaders()) {
            return failed(SipMalformed.TOO_MANY_HEADERS);
        }
        int vs = skipWsp(b, q + 1, ce);
        int ve = trimWspEnd(b, vs, ce);
        int at = count * STRIDE;
        if (at + STRIDE > index.length) {
            index = Arrays.copyOf(index, Math.min(index.length * 2, limits.maxHeaders() * STRIDE));
        }
        index[at + NAME_OFF] = p - base;
        index[at + NAME_LEN] = nameEnd - p;
        index[at + VALUE_OFF] = vs - base;
        index[at + VALUE_LEN] = ve - vs;
        index[at + ID] = SipHeaderId.lookup(b, p, nameEnd - p).ordinal();
        count++;
        lastLineStart = p - base;
        return true;
    }

    /**
     * The Content-Length announced by the scanned headers: -1 when absent, -2 when malformed
     * (not digits, or several headers that disagree), else the value (at most 18 digits).
     */
    long contentLength(byte[] b) {
        return contentLength(b, base);
    }

    /** {@link #contentLength(byte[])} for an index whose offsets are relative to {@code base} in {@code b}. */
    long contentLength(byte[] b, int base) {
        long found = -1;
        int cl = SipHeaderId.CONTENT_LENGTH.ordinal();
        for (int i = 0; i < count; i++) {
            int at = i * STRIDE;
            if (index[at + ID] != cl) {
                continue;
            }
            long v = SipBytes.parseDecimal(b, base + index[at + VALUE_OFF], index[at + VALUE_LEN]);
            if (v < 0 || (found >= 0 && found != v)) {
                return -2;
            }
            found = v;
        }
        return found;
    }

    /** The first header line with {@code id}, or -1. */
    int find(SipHeaderId id) {
        int o = id.ordinal();
        for (int i = 0; i < count; i++) {
            if (index[i * STRIDE + ID] == o) {
                return i;
            }
        }
        return -1;
    }

    private int fail(SipMalformed reason) {
        error = reason;
        return -1;
    }

    private boolean failed(SipMalformed reason) {
        error = reason;
        return false;
    }

    static int skipWsp(byte[] b, int p, int end) {
        while (p < end && SipBytes.isWsp(b[p])) {
            p++;
        }
        return p;
    }

    static int trimWspEnd(byte[] b, int p, int end) {
        while (end > p && SipBytes.isWsp(b[end - 1])) {
            end--;
        }
        return end;
    }
}
