package dev.sipscope.decoder.sip;

import dev.sipscope.decoder.sdp.SdpSession;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One SIP request or response (RFC 3261 §7), delivered by {@link SipDatagramParser} and
 * {@link SipStreamFramer}.
 *
 * <h2>Lifetime</h2>
 * A {@code SipMessage} is a compact, self-contained copy: it owns exactly the message's bytes (start
 * line to the end of the body, without keep-alive line ends before it or bytes after it) and a
 * header index sized to the message. It never refers to a frame, a packet or a parser buffer, so it
 * stays valid after the callback that delivered it and may be kept, for example by the correlator,
 * for as long as needed, and read from any thread once published. Cost: one byte array, one int
 * array and this object per message.
 *
 * <h2>What is parsed when</h2>
 * The start line and the header index (name and value position and a {@link SipHeaderId} per line)
 * are built by the one scan that framed the message. Everything else is parsed only when asked and
 * then cached: URIs, addresses, Via, CSeq, Content-Type, the body and its SDP. Strings are created
 * only by the methods that return them. Cached values are immutable, so concurrent first calls can
 * at worst compute the same value twice.
 *
 * <h2>Damaged messages</h2>
 * A message whose start line and headers are intact but whose body framing is wrong is still
 * delivered, with {@link #problem()} saying what was wrong, so that the call it belongs to is not
 * lost; it is also counted as malformed.
 *
 * <h2>Byte view</h2>
 * The bytes are the wire bytes, except that the CR and LF of obsolete line folding inside a header
 * value (RFC 3261 §7.3.1) are replaced by spaces, so every header value is one line of text of the
 * same length as on the wire.
 */
public final class SipMessage {
    private final byte[] bytes;
    private final int[] index;
    private final SipLimits limits;
    private final boolean request;
    private final SipMethod requestMethod;
    private final int methodOff;
    private final int methodLen;
    private final int uriOff;
    private final int uriLen;
    private final int versionOff;
    private final int versionLen;
    private final int statusCode;
    private final int reasonOff;
    private final int reasonLen;
    private final int bodyOffset;
    private final long declaredContentLength;
    private final SipMalformed problem;
    private final int invalidHeaderLines;
    private final boolean headersTerminated;

    /** Marks a cached value that was looked for and is absent. */
    private static final Object ABSENT = new Object();

    // Lazily computed, immutable values; each cache is one reference (ABSENT when there is none), so a
    // racy first call can only compute the same value twice.
    private ByteKey callIdKey;
    private Object cseq;
    private Object from;
    private Object to;
    private List<SipVia> vias;
    private List<SipAddress> contacts;
    private Object topVia;
    private Object fromTag;
    private Object toTag;
    private Object fromUri;
    private Object toUri;
    private Object contentType;
    private SipBody body;
    private SipUri requestUri;

    private SipMessage(byte[] bytes, int[] index, SipLimits limits, SipHeaderScanner s, int base, int bodyOffset,
                       long declaredContentLength, SipMalformed problem) {
        this.bytes = bytes;
        this.index = index;
        this.limits = limits;
        this.request = s.request;
        this.methodOff = s.methodOff - base;
        this.methodLen = s.methodLen;
        this.uriOff = s.uriOff - base;
        this.uriLen = s.uriLen;
        this.versionOff = s.versionOff - base;
        this.versionLen = s.versionLen;
        this.statusCode = s.statusCode;
        this.reasonOff = s.reasonOff - base;
        this.reasonLen = s.reasonLen;
        this.requestMethod = request ? SipMethod.of(bytes, methodOff, methodLen) : null;
        this.bodyOffset = bodyOffset;
        this.declaredContentLength = declaredContentLength;
        this.problem = problem;
        this.invalidHeaderLines = s.invalidLines;
        this.headersTerminated = s.terminated;
    }

    /**
     * Copies the message {@code src[start, end)} whose start line {@code scanner} has just parsed at
     * {@code start} (absolute offsets) and whose header index it holds relative to {@code start};
     * the body is {@code src[bodyStart, end)}.
     */
    static SipMessage copyOf(SipHeaderScanner scanner, byte[] src, int start, int bodyStart, int end,
                             long declaredContentLength, SipMalformed problem) {
        byte[] own = Arrays.copyOfRange(src, start, end);
        int n = scanner.count * SipHeaderScanner.STRIDE;
        int[] idx = Arrays.copyOf(scanner.index, n);
        for (int i = 0; i < n; i += SipHeaderScanner.STRIDE) {
            if (scanner.folded) {
                int vo = idx[i + SipHeaderScanner.VALUE_OFF];
                for (int j = vo; j < vo + idx[i + SipHeaderScanner.VALUE_LEN]; j++) {
                    if (own[j] == '\r' || own[j] == '\n') {
                        own[j] = ' ';
                    }
                }
            }
        }
        return new SipMessage(own, idx, scanner.limits(), scanner, start, bodyStart - start, declaredContentLength,
                problem);
    }

    // ---------------------------------------------------------------- start line

    public boolean isRequest() {
        return request;
    }

    public boolean isResponse() {
        return !request;
    }

    /**
     * The request's method; for a response, the method of its CSeq ({@link SipMethod#UNKNOWN} when
     * the CSeq is missing or malformed).
     */
    public SipMethod method() {
        if (request) {
            return requestMethod;
        }
        SipCSeq c = cseq();
        return c == null ? SipMethod.UNKNOWN : c.method();
    }

    /** The method token as written (for a response: the CSeq method, or null without CSeq). */
    public String methodName() {
        if (request) {
            // SipMethod.of matches the exact token, so a known method's name is the same text.
            return requestMethod != SipMethod.UNKNOWN ? requestMethod.name() : SipBytes.text(bytes, methodOff, methodLen);
        }
        SipCSeq c = cseq();
        return c == null ? null : c.methodName();
    }

    /** Whether this is a request whose method is exactly {@code m}; allocates nothing. */
    public boolean isRequest(SipMethod m) {
        return request && requestMethod == m;
    }

    /** The Request-URI as written; null for a response. */
    public String requestUriText() {
        return request ? SipBytes.text(bytes, uriOff, uriLen) : null;
    }

    /** The Request-URI parsed; null for a response. */
    public SipUri requestUri() {
        if (!request) {
            return null;
        }
        SipUri u = requestUri;
        if (u == null) {
            u = SipUri.parse(bytes, uriOff, uriOff + uriLen);
            requestUri = u;
        }
        return u;
    }

    /** The status code (100..699) of a response; 0 for a request. */
    public int statusCode() {
        return statusCode;
    }

    /** The reason phrase of a response (may be empty); null for a request. */
    public String reasonPhrase() {
        return request ? null : SipBytes.text(bytes, reasonOff, reasonLen);
    }

    /** The SIP-Version as written, normally {@code SIP/2.0}. */
    public String version() {
        return SipBytes.text(bytes, versionOff, versionLen);
    }

    /** The start line without its line end. */
    public String startLine() {
        int lf = SipHeaderScanner.findLf(bytes, 0, bytes.length);
        int e = lf < 0 ? bytes.length : SipHeaderScanner.contentEnd(bytes, 0, lf);
        return SipBytes.text(bytes, 0, e);
    }

    // ---------------------------------------------------------------- header index

    public int headerCount() {
        return index.length / SipHeaderScanner.STRIDE;
    }

    public SipHeaderId headerId(int i) {
        return SipHeaderId.ofOrdinal(index[i * SipHeaderScanner.STRIDE + SipHeaderScanner.ID]);
    }

    /** The header name of line {@code i} as written (compact forms stay compact). */
    public String headerName(int i) {
        int base = i * SipHeaderScanner.STRIDE;
        return SipBytes.text(bytes, index[base + SipHeaderScanner.NAME_OFF], index[base + SipHeaderScanner.NAME_LEN]);
    }

    /** The value of line {@code i}, trimmed; folded lines joined, white space runs kept as written. */
    public String headerValue(int i) {
        int base = i * SipHeaderScanner.STRIDE;
        return SipBytes.text(bytes, index[base + SipHeaderScanner.VALUE_OFF], index[base + SipHeaderScanner.VALUE_LEN]);
    }

    /** Offset of line {@code i}'s value in {@link #toByteArray()}. */
    public int headerValueOffset(int i) {
        return index[i * SipHeaderScanner.STRIDE + SipHeaderScanner.VALUE_OFF];
    }

    public int headerValueLength(int i) {
        return index[i * SipHeaderScanner.STRIDE + SipHeaderScanner.VALUE_LEN];
    }

    /** Offset of line {@code i}'s name in {@link #toByteArray()}. */
    public int headerNameOffset(int i) {
        return index[i * SipHeaderScanner.STRIDE + SipHeaderScanner.NAME_OFF];
    }

    public int headerNameLength(int i) {
        return index[i * SipHeaderScanner.STRIDE + SipHeaderScanner.NAME_LEN];
    }

    /** The first line with {@code id}, or -1. Allocates nothing. */
    public int find(SipHeaderId id) {
        return findNext(id, 0);
    }

    /** The first line at or after {@code from} with {@code id}, or -1. Allocates nothing. */
    public int findNext(SipHeaderId id, int from) {
        int o = id.ordinal();
        for (int i = Math.max(0, from); i < headerCount(); i++) {
            if (index[i * SipHeaderScanner.STRIDE + SipHeaderScanner.ID] == o) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first line whose name is {@code name}: a well-known name (long or compact form, any case)
     * matches by id, any other name byte-wise ignoring ASCII case. Returns -1 when absent.
     */
    public int find(String name) {
        SipHeaderId id = SipHeaderId.lookup(name);
        if (id != SipHeaderId.OTHER) {
            return find(id);
        }
        for (int i = 0; i < headerCount(); i++) {
            int base = i * SipHeaderScanner.STRIDE;
            if (SipBytes.equalsIgnoreCase(bytes, index[base + SipHeaderScanner.NAME_OFF],
                    index[base + SipHeaderScanner.NAME_LEN], name)) {
                return i;
            }
        }
        return -1;
    }

    public boolean has(SipHeaderId id) {
        return find(id) >= 0;
    }

    /** The whole value of the first line with {@code id}, or null. */
    public String header(SipHeaderId id) {
        int i = find(id);
        return i < 0 ? null : headerValue(i);
    }

    /** The whole value of the first line named {@code name} (see {@link #find(String)}), or null. */
    public String header(String name) {
        int i = find(name);
        return i < 0 ? null : headerValue(i);
    }

    /**
     * Every value of header {@code id} in order: for list headers ({@link SipHeaderId#multiValue()})
     * each line is split on the commas that separate values (not those inside quoted strings or
     * {@code <...>}); other headers give one value per line.
     */
    public List<String> headerValues(SipHeaderId id) {
        int[] r = valueRanges(id);
        List<String> out = new ArrayList<>(r.length / 2);
        for (int i = 0; i < r.length; i += 2) {
            out.add(SipBytes.text(bytes, r[i], r[i + 1]));
        }
        return out;
    }

    /** Number of values of header {@code id} (after splitting list headers). */
    public int headerValueCount(SipHeaderId id) {
        return valueRanges(id).length / 2;
    }

    /**
     * Whether the value of line {@code i} is exactly {@code value[off, off+len)}; allocates nothing.
     */
    public boolean headerValueEquals(int i, byte[] value, int off, int len) {
        return headerValueLength(i) == len && SipBytes.regionEquals(bytes, headerValueOffset(i), value, off, len);
    }

    /** Pairs (offset, length) of each value of header {@code id}, split as {@link #headerValues} says. */
    /**
     * The first range {@link #valueRanges} would give for {@code id}, as offset in the high and length
     * in the low 32 bits, or -1 when there is none; allocates nothing.
     */
    long firstValue(SipHeaderId id) {
        int o = id.ordinal();
        for (int i = 0; i < headerCount(); i++) {
            int base = i * SipHeaderScanner.STRIDE;
            if (index[base + SipHeaderScanner.ID] != o) {
                continue;
            }
            int p = index[base + SipHeaderScanner.VALUE_OFF];
            int end = p + index[base + SipHeaderScanner.VALUE_LEN];
            while (true) {
                int e = id.multiValue() ? SipValueReader.nextListComma(bytes, p, end) : end;
                int s = SipBytes.skipLws(bytes, p, e);
                int t = SipBytes.trimEnd(bytes, s, e);
                if (t > s || !id.multiValue()) {
                    return ((long) s << 32) | (t - s);
                }
                if (e >= end) {
                    break;
                }
                p = e + 1;
            }
        }
        return -1;
    }

    int[] valueRanges(SipHeaderId id) {
        int[] out = new int[8];
        int n = 0;
        int o = id.ordinal();
        for (int i = 0; i < headerCount(); i++) {
            int base = i * SipHeaderScanner.STRIDE;
            if (index[base + SipHeaderScanner.ID] != o) {
                continue;
            }
            int p = index[base + SipHeaderScanner.VALUE_OFF];
            int end = p + index[base + SipHeaderScanner.VALUE_LEN];
            while (true) {
                int e = id.multiValue() ? SipValueReader.nextListComma(bytes, p, end) : end;
                int s = SipBytes.skipLws(bytes, p, e);
                int t = SipBytes.trimEnd(bytes, s, e);
                if (t > s || !id.multiValue()) {
                    if (n + 2 > out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    out[n++] = s;
                    out[n++] = t - s;
                }
                if (e >= end) {
                    break;
                }
                p = e + 1;
            }
        }
        return Arrays.copyOf(out, n);
    }

    // ---------------------------------------------------------------- structured headers

    /** The Call-ID as a map key (exact bytes, RFC 3261 §20.8); null when the header is missing. */
    public ByteKey callId() {
        ByteKey k = callIdKey;
        if (k == null) {
            int i = find(SipHeaderId.CALL_ID);
            if (i < 0) {
                return null;
            }
            k = ByteKey.of(bytes, headerValueOffset(i), headerValueLength(i));
            callIdKey = k;
        }
        return k;
    }

    /** The Call-ID text, or null. */
    public String callIdText() {
        return header(SipHeaderId.CALL_ID);
    }

    /** Whether this message's Call-ID is exactly {@code key}; allocates nothing. */
    public boolean callIdEquals(ByteKey key) {
        int i = find(SipHeaderId.CALL_ID);
        return i >= 0 && key.contentEquals(bytes, headerValueOffset(i), headerValueLength(i));
    }

    /** The CSeq, or null when missing or malformed. */
    public SipCSeq cseq() {
        Object c = cseq;
        if (c == null) {
            int i = find(SipHeaderId.CSEQ);
            SipCSeq v = i < 0 ? null
                    : SipCSeq.parse(bytes, headerValueOffset(i), headerValueOffset(i) + headerValueLength(i));
            c = v == null ? ABSENT : v;
            cseq = c;
        }
        return c == ABSENT ? null : (SipCSeq) c;
    }

    /** The From address (RFC 3261 §20.20), or null when missing. */
    public SipAddress from() {
        Object a = from;
        if (a == null) {
            SipAddress v = address(SipHeaderId.FROM);
            a = v == null ? ABSENT : v;
            from = a;
        }
        return a == ABSENT ? null : (SipAddress) a;
    }

    /** The To address (RFC 3261 §20.39), or null when missing. */
    public SipAddress to() {
        Object a = to;
        if (a == null) {
            SipAddress v = address(SipHeaderId.TO);
            a = v == null ? ABSENT : v;
            to = a;
        }
        return a == ABSENT ? null : (SipAddress) a;
    }

    /** The From tag, or null. */
    public String fromTag() {
        Object t = fromTag;
        if (t == null) {
            t = tag(from, SipHeaderId.FROM);
            fromTag = t;
        }
        return t == ABSENT ? null : (String) t;
    }

    /** The To tag, or null. */
    public String toTag() {
        Object t = toTag;
        if (t == null) {
            t = tag(to, SipHeaderId.TO);
            toTag = t;
        }
        return t == ABSENT ? null : (String) t;
    }

    /**
     * The tag of the first {@code id} address: from the parsed address when there is one, else read
     * straight from the bytes without parsing the address (the same value, see
     * {@link SipAddress#tagOf}); ABSENT when there is none.
     */
    private Object tag(Object parsed, SipHeaderId id) {
        String tag;
        if (parsed != null) {
            tag = parsed == ABSENT ? null : ((SipAddress) parsed).tag();
        } else {
            long r = firstValue(id);
            tag = r < 0 ? null : SipAddress.tagOf(bytes, (int) (r >>> 32), (int) (r >>> 32) + (int) r);
        }
        return tag == null ? ABSENT : tag;
    }

    /**
     * The From URI as written ({@code from().uri().text()}), or null when there is no From or it is
     * the wildcard: read straight from the bytes unless {@link #from()} already parsed the address.
     */
    public String fromUri() {
        Object u = fromUri;
        if (u == null) {
            u = uriText(from, SipHeaderId.FROM);
            fromUri = u;
        }
        return u == ABSENT ? null : (String) u;
    }

    /** The To URI as written ({@code to().uri().text()}), or null: as {@link #fromUri()}. */
    public String toUri() {
        Object u = toUri;
        if (u == null) {
            u = uriText(to, SipHeaderId.TO);
            toUri = u;
        }
        return u == ABSENT ? null : (String) u;
    }

    private Object uriText(Object parsed, SipHeaderId id) {
        String text;
        if (parsed != null) {
            SipUri uri = parsed == ABSENT ? null : ((SipAddress) parsed).uri();
            text = uri == null ? null : uri.text();
        } else {
            long r = firstValue(id);
            text = r < 0 ? null : SipAddress.uriTextOf(bytes, (int) (r >>> 32), (int) (r >>> 32) + (int) r);
        }
        return text == null ? ABSENT : text;
    }

    /** The first value of a single-address header (Refer-To, Referred-By, Reply-To...), or null. */
    public SipAddress address(SipHeaderId id) {
        int[] r = valueRanges(id);
        return r.length == 0 ? null : SipAddress.parse(bytes, r[0], r[0] + r[1]);
    }

    /** Every address of a list header (Contact, Route, Record-Route, Path, P-Asserted-Identity...), in order. */
    public List<SipAddress> addresses(SipHeaderId id) {
        int[] r = valueRanges(id);
        List<SipAddress> out = new ArrayList<>(r.length / 2);
        for (int i = 0; i < r.length; i += 2) {
            out.add(SipAddress.parse(bytes, r[i], r[i] + r[i + 1]));
        }
        return List.copyOf(out);
    }

    /** Contact addresses (a wildcard {@code *} appears as one {@link SipAddress#isWildcard()} entry); parsed once. */
    public List<SipAddress> contacts() {
        List<SipAddress> c = contacts;
        if (c == null) {
            c = addresses(SipHeaderId.CONTACT);
            contacts = c;
        }
        return c;
    }

    public List<SipAddress> routes() {
        return addresses(SipHeaderId.ROUTE);
    }

    public List<SipAddress> recordRoutes() {
        return addresses(SipHeaderId.RECORD_ROUTE);
    }

    /** Every Via value, top-most (the most recent hop) first. */
    public List<SipVia> vias() {
        List<SipVia> v = vias;
        if (v == null) {
            int[] r = valueRanges(SipHeaderId.VIA);
            List<SipVia> out = new ArrayList<>(r.length / 2);
            for (int i = 0; i < r.length; i += 2) {
                out.add(i == 0 && topVia instanceof SipVia top ? top : SipVia.parseOwned(bytes, r[i], r[i] + r[i + 1]));
            }
            v = List.copyOf(out);
            vias = v;
        }
        return v;
    }

    /** The top-most Via, or null when there is none. */
    public SipVia topVia() {
        Object t = topVia;
        if (t == null) {
            List<SipVia> all = vias;
            if (all != null) {
                t = all.isEmpty() ? ABSENT : all.get(0);
            } else {
                // Only the first Via value is parsed (the correlator asks for it on every message).
                long r = firstValue(SipHeaderId.VIA);
                t = r < 0 ? ABSENT : SipVia.parseOwned(bytes, (int) (r >>> 32), (int) (r >>> 32) + (int) r);
            }
            topVia = t;
        }
        return t == ABSENT ? null : (SipVia) t;
    }

    /** Max-Forwards (RFC 3261 §20.22), or -1 when missing or not a number. */
    public int maxForwards() {
        long v = decimal(SipHeaderId.MAX_FORWARDS);
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    /** Expires in seconds (RFC 3261 §20.19), or -1 when missing or not a delta-seconds value. */
    public long expiresSeconds() {
        return decimal(SipHeaderId.EXPIRES);
    }

    /**
     * The Content-Length header's value as declared: -1 when the message had none, -2 when it was
     * unreadable ({@link #problem()} is then {@link SipMalformed#BAD_CONTENT_LENGTH}).
     */
    public long declaredContentLength() {
        return declaredContentLength;
    }

    /**
     * What was wrong with a message that was still worth delivering, or null. Only framing problems
     * that leave start line and headers intact: {@link SipMalformed#BAD_CONTENT_LENGTH} (the body is
     * the rest of the datagram; on a stream it is dropped), {@link SipMalformed#CONTENT_LENGTH_EXCEEDS_DATAGRAM}
     * (the body is what the datagram holds, cut short) and {@link SipMalformed#CONTENT_LENGTH_TOO_LARGE}
     * (a stream message whose body was beyond the limit: the body is dropped and skipped). Such a
     * message is also counted as malformed.
     */
    public SipMalformed problem() {
        return problem;
    }

    /** The Content-Type, or null when missing. */
    public SipContentType contentType() {
        Object c = contentType;
        if (c == null) {
            int i = find(SipHeaderId.CONTENT_TYPE);
            SipContentType v = i < 0 ? null
                    : SipContentType.parse(bytes, headerValueOffset(i), headerValueOffset(i) + headerValueLength(i));
            c = v == null ? ABSENT : v;
            contentType = c;
        }
        return c == ABSENT ? null : (SipContentType) c;
    }

    /** Reason header values (RFC 3326), in order; unreadable ones are left out. */
    public List<SipReason> reasons() {
        int[] r = valueRanges(SipHeaderId.REASON);
        List<SipReason> out = new ArrayList<>(r.length / 2);
        for (int i = 0; i < r.length; i += 2) {
            SipReason reason = SipReason.parse(bytes, r[i], r[i] + r[i + 1]);
            if (reason != null) {
                out.add(reason);
            }
        }
        return List.copyOf(out);
    }

    /** User-Agent, or null. */
    public String userAgent() {
        return header(SipHeaderId.USER_AGENT);
    }

    /** Server, or null. */
    public String server() {
        return header(SipHeaderId.SERVER);
    }

    /** Allow: the method tokens, in order. */
    public List<String> allow() {
        return headerValues(SipHeaderId.ALLOW);
    }

    /** Supported: the option tags, in order. */
    public List<String> supported() {
        return headerValues(SipHeaderId.SUPPORTED);
    }

    private long decimal(SipHeaderId id) {
        int i = find(id);
        return i < 0 ? -1 : SipBytes.parseDecimal(bytes, headerValueOffset(i), headerValueLength(i));
    }

    // ---------------------------------------------------------------- body

    /** Offset of the body in {@link #toByteArray()}. */
    public int bodyOffset() {
        return bodyOffset;
    }

    public int bodyLength() {
        return bytes.length - bodyOffset;
    }

    /** The body with its Content-Type; multipart bodies are split into parts on first call. */
    public SipBody body() {
        SipBody b = body;
        if (b == null) {
            b = SipBody.read(bytes, bodyOffset, bytes.length - bodyOffset, contentType(), limits);
            body = b;
        }
        return b;
    }

    /** The session description: the body if it is SDP, else the first SDP part of a multipart body; null if none. */
    public SdpSession sdp() {
        return bodyLength() == 0 ? null : body().findSdp();
    }

    // ---------------------------------------------------------------- whole message

    /** Size of the message in bytes. */
    public int length() {
        return bytes.length;
    }

    public byte byteAt(int i) {
        return bytes[i];
    }

    /** Whether the message's bytes equal {@code data[from, to)}, its whole length (see {@link SipLookahead}). */
    boolean copiedFrom(byte[] data, int from, int to) {
        int n = bytes.length;
        return to - from >= n && Arrays.equals(bytes, 0, n, data, from, from + n);
    }

    /** A fresh copy of the message's bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Header lines that were skipped because they had no name and colon. */
    public int invalidHeaderLines() {
        return invalidHeaderLines;
    }

    /** False when a datagram ended before the empty line that ends the headers. */
    public boolean headersTerminated() {
        return headersTerminated;
    }

    /** A short summary: the start line. Use {@link #text()} for the whole message. */
    @Override
    public String toString() {
        return startLine();
    }

    /** The whole message decoded as UTF-8. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
