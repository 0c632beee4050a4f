package dev.sipscope.decoder.sip;

/**
 * Parses one SIP message from a self-contained payload: a UDP datagram, an SCTP DATA chunk, a HEP
 * payload or a WebSocket message (RFC 3261 §18.3: one datagram carries one message).
 *
 * <p>Rules: line ends before the start line (keep-alives) are skipped; a payload of nothing but
 * line ends is a keep-alive, as is a STUN binding (RFC 5389 magic cookie, RFC 5626 §4.4.2), and
 * neither is malformed. Content-Length is optional: without it the body is the rest of the payload;
 * a shorter one trims the body (trailing bytes ignored). A longer one is malformed,
 * {@link SipMalformed#CONTENT_LENGTH_EXCEEDS_DATAGRAM}, and an unreadable one
 * {@link SipMalformed#BAD_CONTENT_LENGTH}; as start line and headers are intact, the message is
 * still returned, with the rest of the payload as its body and the reason in
 * {@link SipMessage#problem()}. A payload that ends before the empty line after the headers still
 * gives a message (its {@link SipMessage#headersTerminated()} is false). Limits come from
 * {@link SipLimits}.
 *
 * <p>Cost: a payload that is not SIP (an RTP packet, say) is rejected from its first bytes without
 * allocating. A SIP message costs one scan plus the copy into its {@link SipMessage}.
 * Not thread-safe: one parser per thread; the scan arrays are reused from call to call.
 */
public final class SipDatagramParser {
    private final SipLimits limits;
    private final SipHeaderScanner scanner;
    private SipMalformed lastMalformed;
    private boolean lastKeepAlive;

    public SipDatagramParser() {
        this(SipLimits.DEFAULTS);
    }

    public SipDatagramParser(SipLimits limits) {
        this.limits = limits;
        this.scanner = new SipHeaderScanner(limits);
    }

    public SipLimits limits() {
        return limits;
    }

    SipHeaderScanner scanner() {
        return scanner;
    }

    /**
     * Parses {@code data[offset, offset+length)}. Returns the message (check its
     * {@link SipMessage#problem()}), or null: then {@link #lastMalformed()} says why, or
     * {@link #lastWasKeepAlive()} is true. Never throws for any content of the range.
     */
    public SipMessage parse(byte[] data, int offset, int length) {
        lastMalformed = null;
        lastKeepAlive = false;
        int end = offset + length;
        int p = offset;
        while (p < end && (data[p] == '\r' || data[p] == '\n')) {
            p++;
        }
        if (p == end) {
            lastKeepAlive = true;
            return null;
        }
        if (isStun(data, p, end)) {
            lastKeepAlive = true;
            return null;
        }
        if (!SipBytes.isAlpha(data[p])) {
            // Every start line begins with a letter ("SIP/" or a method): RTP and other binary
            // payloads stop here, at their first byte.
            return fail(SipMalformed.NOT_SIP);
        }
        int lf = SipHeaderScanner.findLf(data, p, Math.min(end, p + limits.maxHeaderLineBytes() + 2));
        int lineEnd = lf < 0 ? end : lf;
        int ce = SipHeaderScanner.contentEnd(data, p, lineEnd);
        if (lf < 0 && end - p > limits.maxHeaderLineBytes()) {
            // The start line check below decides between garbage and an over-long SIP line.
            ce = p + limits.maxHeaderLineBytes();
            if (scanner.parseStartLine(data, p, ce) != SipHeaderScanner.START_OK
                    && scanner.error == SipMalformed.NOT_SIP) {
                return fail(SipMalformed.NOT_SIP);
            }
            return fail(SipMalformed.HEADER_LINE_TOO_LONG);
        }
        if (scanner.parseStartLine(data, p, ce) != SipHeaderScanner.START_OK) {
            return fail(scanner.error);
        }
        if (ce - p > limits.maxHeaderLineBytes()) {
            return fail(SipMalformed.HEADER_LINE_TOO_LONG);
        }
        if (end - p > limits.maxMessageBytes()) {
            return fail(SipMalformed.TOO_LARGE);
        }
        int headersStart = lf < 0 ? end : lf + 1;
        int bodyStart = scanner.scanHeaders(data, headersStart, end, p);
        if (bodyStart < 0) {
            return fail(scanner.error);
        }
        long cl = scanner.contentLength(data);
        int bodyEnd = end;
        SipMalformed problem = null;
        if (cl == -2) {
            problem = SipMalformed.BAD_CONTENT_LENGTH;
        } else if (cl > end - bodyStart) {
            problem = SipMalformed.CONTENT_LENGTH_EXCEEDS_DATAGRAM;
        } else if (cl >= 0) {
            bodyEnd = bodyStart + (int) cl;
        }
        return SipMessage.copyOf(scanner, data, p, bodyStart, bodyEnd, cl, problem);
    }

    /** Why the last {@link #parse} returned null, or null when it returned a message or a keep-alive. */
    public SipMalformed lastMalformed() {
        return lastMalformed;
    }

    /** Whether the last {@link #parse} found a keep-alive (line ends only, or STUN). */
    public boolean lastWasKeepAlive() {
        return lastKeepAlive;
    }

    /**
     * Whether {@code data[p, end)} starts like SIP: a request line whose first word is a token and
     * which ends in a SIP version, or a status line. Cheap; for routing non-SIP payloads away.
     */
    public boolean looksLikeSip(byte[] data, int p, int end) {
        while (p < end && (data[p] == '\r' || data[p] == '\n')) {
            p++;
        }
        if (p == end || !SipBytes.isAlpha(data[p])) {
            return false;
        }
        int lf = SipHeaderScanner.findLf(data, p, Math.min(end, p + limits.maxHeaderLineBytes()));
        int ce = SipHeaderScanner.contentEnd(data, p, lf < 0 ? Math.min(end, p + limits.maxHeaderLineBytes()) : lf);
        return scanner.parseStartLine(data, p, ce) == SipHeaderScanner.START_OK;
    }

    /** RFC 5389 §6: two zero bits, then length, then the magic cookie 0x2112A442. */
    static boolean isStun(byte[] b, int p, int end) {
        return end - p >= 20 && (b[p] & 0xc0) == 0 && b[p + 4] == 0x21 && b[p + 5] == 0x12
                && (b[p + 6] & 0xff) == 0xa4 && b[p + 7] == 0x42;
    }

    private SipMessage fail(SipMalformed reason) {
        lastMalformed = reason;
        return null;
    }
}
