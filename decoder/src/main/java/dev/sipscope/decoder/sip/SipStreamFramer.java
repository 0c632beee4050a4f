package dev.sipscope.decoder.sip;

import java.util.Arrays;

/**
 * Frames SIP messages out of one direction of a TCP stream (or of a TLS stream decrypted upstream),
 * RFC 3261 §18.3: the headers end at the first empty line and Content-Length gives the body size
 * (0 when absent). Several messages in one segment and one message over many segments are both
 * fine; keep-alive line ends between messages (RFC 5626 §3.5.1 CRLF and double-CRLF) are skipped
 * and reported through {@link Listener#onKeepAlive}.
 *
 * <h2>WebSocket</h2>
 * When the first message of the direction is an HTTP/1.1 WebSocket handshake ({@code GET ...
 * HTTP/1.1} with {@code Upgrade: websocket}, or {@code HTTP/1.1 101}), the bytes after it are
 * WebSocket frames (RFC 6455), and each text or binary message is parsed as one SIP message
 * (RFC 7118), reported with transport {@link SipTransport#WS}. A negotiated {@code sip}
 * subprotocol ({@code Sec-WebSocket-Protocol: sip}) makes the direction known SIP. A direction not
 * known to carry SIP whose first byte looks like a WebSocket data frame header is taken as a
 * WebSocket connection joined mid-stream; a probed WebSocket direction is ignored after
 * {@value #MAX_PROBE_FAILURES} frames or messages that are not SIP.
 *
 * <h2>Resumable</h2>
 * All state is explicit (a state number, scan positions relative to the message start, a pending
 * buffer); {@link #feed} consumes everything it is given and returns, so any split of the stream,
 * down to one byte at a time, gives exactly the same messages. Each header line is indexed once,
 * when its line end arrives. A message that arrives whole in one {@link #feed} is copied once, into
 * its {@link SipMessage}; only a message split across calls is buffered first.
 *
 * <h2>Lost bytes and garbage</h2>
 * {@link #gap} reports bytes the TCP layer never saw. A gap inside a body of known length drops that
 * message and skips exactly the rest of it; any other gap, and any malformed message, makes the
 * framer resynchronise: it discards bytes up to the next line that is a plausible start line
 * ({@code METHOD sip:|sips:|tel:... SIP/2.0} or {@code SIP/2.0 NNN}) and starts over there. Only
 * the first problem is reported; what resynchronisation skips is counted in {@link #skippedBytes()}.
 * A message with an unreadable Content-Length, or one beyond the size limit, is delivered without
 * its body and flagged ({@link SipMessage#problem()}); a body up to four times the limit is then
 * skipped exactly, anything else by resynchronisation.
 *
 * <h2>Known SIP or probing</h2>
 * On a connection known to carry SIP (a configured SIP port) every malformed message is reported.
 * On any other connection the framer probes: what is not SIP is skipped silently, and when no SIP
 * message has been found in the first {@link SipLimits#maxProbeBytes()} bytes the direction is
 * ignored for good (cost zero from then on). Once a message has been found, the direction counts
 * as known SIP.
 *
 * <h2>Limits</h2>
 * Buffering never exceeds {@link SipLimits#maxMessageBytes()} per direction (plus the same again in
 * the WebSocket deframer), and a buffer larger than 16 KiB is released once it empties. A message
 * beyond a limit is reported ({@link SipMalformed}) and skipped. Nothing throws on any input.
 *
 * <p>Not thread-safe: one framer per stream direction, fed from one thread. The listener must not
 * call back into the framer.
 */
public final class SipStreamFramer {

    /** Receives what the framer finds. Called on the feeding thread, during {@link #feed}, {@link #gap} or {@link #close}. */
    public interface Listener {
        void onMessage(SipMessage message, SipTransport transport);

        void onMalformed(SipMalformed reason, SipTransport transport);

        default void onKeepAlive(SipTransport transport) {
        }
    }

    private static final int MODE_SIP = 0;
    private static final int MODE_WEBSOCKET = 1;
    private static final int MODE_IGNORED = 2;

    /** Between messages: line ends are keep-alives, anything else starts a message. */
    private static final int IDLE = 0;
    /** Collecting the start line and headers of a pending message. */
    private static final int HEADERS = 1;
    /** Headers done, waiting for {@link #need} bytes in all. */
    private static final int BODY = 2;
    /** Discarding exactly {@link #skipRemaining} bytes (the rest of a body damaged by a gap). */
    private static final int SKIP = 3;
    /** Resynchronising: discarding up to the next line end. */
    private static final int RESYNC_SKIP_LINE = 4;
    /** Resynchronising, at a line start: a plausible start line begins a message. */
    private static final int RESYNC_LINE = 5;

    private static final int RELEASE_BYTES = 16 * 1024;
    /** A probed WebSocket direction is ignored after this many messages or frames that are not SIP. */
    private static final int MAX_PROBE_FAILURES = 8;
    /** An over-limit Content-Length up to this many times the message limit is skipped exactly. */
    private static final int SKIP_FACTOR = 4;

    private final SipLimits limits;
    private final SipDatagramParser datagramParser;
    /** Created with the first message, dropped when the direction is ignored. */
    private SipHeaderScanner scanner;
    private final boolean knownSip;
    private final SipTransport transport;

    private int mode = MODE_SIP;
    private int state = IDLE;
    private boolean sipSeen;
    private boolean streamStart = true;
    private long probedBytes;
    private boolean keepAliveRun;

    // The pending message: its bytes are a[ms, ...) in the array being processed, and buf[0, bufLen)
    // between calls. Positions below are relative to the message start.
    private byte[] buf;
    private int bufLen;
    private int scanned;
    private int lineStart;
    private int firstLineEnd = -1;
    private int firstLineCe;
    private int bodyStart;
    private int need;
    private long declaredContentLength;
    /** The pending message began at a resynchronisation candidate: drop it silently unless plausible. */
    private boolean candidate;
    /** The start line was accepted (so later problems are worth reporting). */
    private boolean startLineValid;
    /** The pending block is an HTTP WebSocket handshake. */
    private boolean http;
    private boolean httpRequest;
    private long skipRemaining;

    private WebSocketDeframer ws;
    private Relay relay;
    /** WebSocket messages or frames that were not SIP while probing. */
    private int probeFailures;

    private long messages;
    private long malformed;
    private long keepAlives;
    private long skippedBytes;

    /** A framer for a connection known to carry SIP over plain TCP, with its own parser. */
    public SipStreamFramer(SipLimits limits) {
        this(new SipDatagramParser(limits), true, SipTransport.TCP);
    }

    /**
     * @param datagramParser parses WebSocket messages; may be shared by framers fed from one thread
     * @param knownSip       whether the connection is known to carry SIP (report every problem) or is probed
     * @param transport      {@link SipTransport#TCP} or {@link SipTransport#TLS} (decrypted)
     */
    public SipStreamFramer(SipDatagramParser datagramParser, boolean knownSip, SipTransport transport) {
        this.limits = datagramParser.limits();
        this.datagramParser = datagramParser;
        this.knownSip = knownSip;
        this.transport = transport;
    }

    // ---------------------------------------------------------------- input

    /** In-order bytes {@code in[off, off+len)} of the stream. */
    public void feed(byte[] in, int off, int len, Listener l) {
        int p = off;
        int end = off + len;
        while (p < end) {
            if (mode == MODE_IGNORED) {
                return;
            }
            if (mode == MODE_WEBSOCKET) {
                feedWebSocket(in, p, end - p, l);
                return;
            }
            if (bufLen == 0) {
                p = runInPlace(in, p, end, l);
                continue;
            }
            int room = limits.maxMessageBytes() - bufLen;
            if (room <= 0) {
                // Not reached: step() gives up on a message when it reaches the limit.
                abandon(SipMalformed.TOO_LARGE, bufLen, RESYNC_SKIP_LINE, l);
                bufLen = 0;
                continue;
            }
            int n = Math.min(room, end - p);
            ensureCapacity(bufLen + n);
            System.arraycopy(in, p, buf, bufLen, n);
            bufLen += n;
            p += n;
            int have = bufLen;
            int r = step(buf, 0, have, l);
            if (r < 0) {
                continue;
            }
            // step() always finishes on a byte of the chunk just appended, so what is left over is
            // the unprocessed tail of that chunk: process it from the input again.
            p -= Math.min(n, have - r);
            bufLen = 0;
            if (buf != null && buf.length > RELEASE_BYTES) {
                buf = null;
            }
        }
    }

    /**
     * {@code missingBytes} bytes of the stream were lost before the next {@link #feed} (-1: unknown).
     */
    public void gap(long missingBytes, Listener l) {
        if (mode == MODE_IGNORED) {
            return;
        }
        streamStart = false;
        if (mode == MODE_WEBSOCKET) {
            ws.gap(missingBytes, relay(l));
            return;
        }
        switch (state) {
            case BODY: {
                long rest = need - bufLen;
                report(SipMalformed.STREAM_GAP, l);
                if (missingBytes >= 0 && missingBytes < rest) {
                    skipRemaining = rest - missingBytes;
                    state = SKIP;
                } else {
                    state = missingBytes == rest ? IDLE : RESYNC_LINE;
                }
                resetMessage();
                bufLen = 0;
                break;
            }
            case HEADERS:
                if (reportable()) {
                    report(SipMalformed.STREAM_GAP, l);
                }
                resetMessage();
                bufLen = 0;
                state = RESYNC_LINE;
                break;
            case SKIP:
                if (missingBytes >= 0 && missingBytes < skipRemaining) {
                    skipRemaining -= missingBytes;
                } else {
                    state = missingBytes == skipRemaining ? IDLE : RESYNC_LINE;
                }
                break;
            default:
                state = RESYNC_LINE;
                break;
        }
    }

    /** The stream ended: a message left incomplete is reported; the framer then ignores any input. */
    public void close(Listener l) {
        if (mode == MODE_WEBSOCKET) {
            ws.close(relay(l));
        } else if (mode == MODE_SIP && (state == HEADERS || state == BODY) && reportable()) {
            report(SipMalformed.STREAM_UNTERMINATED, l);
        }
        mode = MODE_IGNORED;
        resetMessage();
        buf = null;
        bufLen = 0;
        ws = null;
        scanner = null;
    }

    // ---------------------------------------------------------------- state

    /** Messages delivered. */
    public long messages() {
        return messages;
    }

    /** Malformed messages and frames reported, flagged deliveries included. */
    public long malformed() {
        return malformed;
    }

    /** Keep-alive runs (CRLF or double CRLF) seen between messages. */
    public long keepAlives() {
        return keepAlives;
    }

    /** Bytes discarded while resynchronising or probing. */
    public long skippedBytes() {
        return skippedBytes + (ws == null ? 0 : ws.lostBytes());
    }

    /** Whether the direction was found not to carry SIP (or was closed) and is ignored. */
    public boolean isIgnored() {
        return mode == MODE_IGNORED;
    }

    /** Whether the direction switched to WebSocket framing. */
    public boolean isWebSocket() {
        return mode == MODE_WEBSOCKET;
    }

    /** Bytes currently held for an incomplete message (not counting the WebSocket deframer). */
    public int bufferedBytes() {
        return bufLen;
    }

    // ---------------------------------------------------------------- framing

    /** Processes {@code a[p, end)} with nothing pending; returns where it stopped (end, or a mode change). */
    private int runInPlace(byte[] a, int p, int end, Listener l) {
        while (p < end && mode == MODE_SIP) {
            switch (state) {
                case IDLE: {
                    byte c = a[p];
                    if (c == '\r' || c == '\n') {
                        if (!keepAliveRun) {
                            keepAliveRun = true;
                            keepAlives++;
                            l.onKeepAlive(transport);
                        }
                        p++;
                        break;
                    }
                    keepAliveRun = false;
                    if (streamStart && !knownSip && looksLikeWebSocketFrame(c)) {
                        streamStart = false;
                        startWebSocket(true);
                        return p;
                    }
                    if (!SipBytes.isAlpha(c)) {
                        candidate = false;
                        abandon(SipMalformed.NOT_SIP, 0, RESYNC_SKIP_LINE, l);
                        break;
                    }
                    p = startMessage(a, p, end, false, l);
                    break;
                }
                case RESYNC_LINE: {
                    byte c = a[p];
                    if (c == '\r' || c == '\n') {
                        skipped(1);
                        p++;
                    } else if (SipBytes.isAlpha(c)) {
                        p = startMessage(a, p, end, true, l);
                    } else {
                        state = RESYNC_SKIP_LINE;
                    }
                    break;
                }
                case RESYNC_SKIP_LINE: {
                    int lf = SipHeaderScanner.findLf(a, p, end);
                    int stop = lf < 0 ? end : lf + 1;
                    skipped(stop - p);
                    p = stop;
                    if (lf >= 0) {
                        state = RESYNC_LINE;
                    }
                    break;
                }
                case SKIP: {
                    int n = (int) Math.min(skipRemaining, end - p);
                    p += n;
                    skipRemaining -= n;
                    if (skipRemaining == 0) {
                        state = IDLE;
                    }
                    break;
                }
                default:
                    // HEADERS/BODY always have pending bytes, which live in buf; not reached.
                    state = IDLE;
                    break;
            }
        }
        return mode == MODE_IGNORED ? end : p;
    }

    /** Starts a message at {@code a[ms]}; returns where processing continues. */
    private int startMessage(byte[] a, int ms, int end, boolean resyncCandidate, Listener l) {
        if (scanner == null) {
            scanner = new SipHeaderScanner(limits);
        }
        resetMessage();
        candidate = resyncCandidate;
        state = HEADERS;
        int r = step(a, ms, end, l);
        if (r >= 0) {
            return ms + r;
        }
        int n = end - ms;
        ensureCapacity(n);
        System.arraycopy(a, ms, buf, 0, n);
        bufLen = n;
        return end;
    }

    /**
     * Advances the pending message, whose available bytes are {@code a[ms, end)}. Returns the number
     * of bytes it used when the message is finished (delivered or given up), else -1 after examining
     * every available byte.
     */
    private int step(byte[] a, int ms, int end, Listener l) {
        if (state == BODY) {
            return end - ms < need ? -1 : deliver(a, ms, null, l);
        }
        scanner.base = ms;
        int maxLine = limits.maxHeaderLineBytes();
        int limit = Math.min(end, ms + limits.maxMessageBytes());
        int i = ms + scanned;
        while (i < limit) {
            if (a[i] != '\n') {
                i++;
                continue;
            }
            int ls = ms + lineStart;
            int ce = i > ls && a[i - 1] == '\r' ? i - 1 : i;
            int used = i + 1 - ms;
            if (firstLineEnd < 0) {
                if (ce - ls > maxLine) {
                    return abandon(SipMalformed.HEADER_LINE_TOO_LONG, used, RESYNC_LINE, l);
                }
                int r = firstLine(a, ms, ce, used, l);
                if (r >= 0) {
                    return r;
                }
                firstLineEnd = i - ms;
                firstLineCe = ce - ms;
                scanner.beginHeaders(ms);
            } else if (ce == ls) {
                bodyStart = used;
                return headersDone(a, ms, end, l);
            } else if (!scanner.addLine(a, ls, ce)) {
                return abandon(scanner.error, used, RESYNC_LINE, l);
            }
            lineStart = used;
            i++;
        }
        scanned = i - ms;
        if (scanned - lineStart > maxLine + 1) {
            return abandon(SipMalformed.HEADER_LINE_TOO_LONG, scanned, RESYNC_SKIP_LINE, l);
        }
        if (scanned >= limits.maxMessageBytes()) {
            return abandon(SipMalformed.TOO_LARGE, scanned, a[i - 1] == '\n' ? RESYNC_LINE : RESYNC_SKIP_LINE, l);
        }
        return -1;
    }

    /** Judges the first line {@code a[ms, ce)}: -1 when accepted, else the bytes used by giving up. */
    private int firstLine(byte[] a, int ms, int ce, int used, Listener l) {
        if (candidate) {
            if (scanner.plausibleStartLine(a, ms, ce)) {
                startLineValid = true;
                return -1;
            }
            return abandon(SipMalformed.NOT_SIP, used, RESYNC_LINE, l);
        }
        if (scanner.parseStartLine(a, ms, ce) == SipHeaderScanner.START_OK) {
            startLineValid = true;
            return -1;
        }
        SipMalformed why = scanner.error;
        if (streamStart && webSocketHandshakeLine(a, ms, ce)) {
            http = true;
            return -1;
        }
        return abandon(why, used, RESYNC_LINE, l);
    }

    /** {@code GET <target> HTTP/1.1} or {@code HTTP/1.1 101 ...} (RFC 6455 §4.1, §4.2.2). */
    private boolean webSocketHandshakeLine(byte[] a, int p, int ce) {
        if (SipBytes.startsWith(a, p, ce, "GET ")) {
            httpRequest = true;
            return ce - p > 13 && SipBytes.startsWith(a, ce - 9, ce, " HTTP/1.1");
        }
        httpRequest = false;
        return SipBytes.startsWith(a, p, ce, "HTTP/1.1 101") || SipBytes.startsWith(a, p, ce, "HTTP/1.0 101");
    }

    /** The empty line after the headers arrived (the block is {@code a[ms, ms + bodyStart)}). */
    private int headersDone(byte[] a, int ms, int end, Listener l) {
        scanner.terminated = true;
        if (http) {
            boolean upgrade = !httpRequest || hasUpgradeWebSocket(a, ms);
            if (!upgrade) {
                return abandon(SipMalformed.NOT_SIP, bodyStart, RESYNC_LINE, l);
            }
            int used = bodyStart;
            if (hasHeaderToken(a, ms, "Sec-WebSocket-Protocol", "sip")) {
                // RFC 7118 §4: the "sip" subprotocol was negotiated, so this is SIP for sure.
                sipSeen = true;
            }
            resetMessage();
            streamStart = false;
            state = IDLE;
            startWebSocket(false);
            return used;
        }
        long cl = scanner.contentLength(a, ms);
        declaredContentLength = cl;
        if (cl == -2) {
            // Start line and headers are fine but the body length is unknown: deliver the headers
            // (flagged) and resynchronise on the next start line, which skips the body.
            need = bodyStart;
            int used = deliver(a, ms, SipMalformed.BAD_CONTENT_LENGTH, l);
            state = RESYNC_LINE;
            return used;
        }
        long total = bodyStart + Math.max(cl, 0);
        if (total > limits.maxMessageBytes()) {
            // Deliver the headers (flagged) without the body. A believable length is skipped exactly
            // (the next message follows the body, maybe mid-line); an absurd one is not trusted and
            // the framer resynchronises instead.
            need = bodyStart;
            int used = deliver(a, ms, SipMalformed.CONTENT_LENGTH_TOO_LARGE, l);
            if (cl <= SKIP_FACTOR * (long) limits.maxMessageBytes()) {
                skipRemaining = cl;
                state = SKIP;
            } else {
                state = RESYNC_LINE;
            }
            return used;
        }
        need = (int) total;
        state = BODY;
        return end - ms < need ? -1 : deliver(a, ms, null, l);
    }

    private boolean hasUpgradeWebSocket(byte[] a, int ms) {
        return hasHeaderToken(a, ms, "Upgrade", "websocket");
    }

    /** Whether a header named {@code name} of the scanned block has {@code token} among its comma-separated values. */
    private boolean hasHeaderToken(byte[] a, int ms, String name, String token) {
        for (int i = 0; i < scanner.count; i++) {
            int at = i * SipHeaderScanner.STRIDE;
            if (!SipBytes.equalsIgnoreCase(a, ms + scanner.index[at + SipHeaderScanner.NAME_OFF],
                    scanner.index[at + SipHeaderScanner.NAME_LEN], name)) {
                continue;
            }
            int p = ms + scanner.index[at + SipHeaderScanner.VALUE_OFF];
            int ve = p + scanner.index[at + SipHeaderScanner.VALUE_LEN];
            while (p < ve) {
                int e = SipValueReader.nextListComma(a, p, ve);
                int s = SipBytes.skipLws(a, p, e);
                if (SipBytes.equalsIgnoreCase(a, s, SipBytes.trimEnd(a, s, e) - s, token)) {
                    return true;
                }
                p = e + 1;
            }
        }
        return false;
    }

    /** Delivers the pending message {@code a[ms, ms + need)}, flagged with {@code problem} when not null. */
    private int deliver(byte[] a, int ms, SipMalformed problem, Listener l) {
        scanner.parseStartLine(a, ms, ms + firstLineCe);
        SipMessage m = SipMessage.copyOf(scanner, a, ms, ms + bodyStart, ms + need, declaredContentLength, problem);
        int used = need;
        resetMessage();
        state = IDLE;
        sipSeen = true;
        streamStart = false;
        messages++;
        if (problem != null) {
            malformed++;
        }
        l.onMessage(m, transport);
        return used;
    }

    /**
     * Gives up the pending message (or the byte at hand): reports {@code why} when worth it, then
     * continues in {@code next} state. Returns {@code used}.
     */
    private int abandon(SipMalformed why, int used, int next, Listener l) {
        if (reportable()) {
            report(why, l);
        } else {
            skipped(used);
        }
        resetMessage();
        streamStart = false;
        state = next;
        return used;
    }

    private boolean reportable() {
        return startLineValid || (!candidate && (knownSip || sipSeen));
    }

    private void report(SipMalformed why, Listener l) {
        malformed++;
        l.onMalformed(why, transport);
    }

    /** Counts bytes thrown away; while probing, too many of them end the probe. */
    private void skipped(long n) {
        skippedBytes += n;
        if (!sipSeen && !knownSip) {
            probedBytes += n;
            if (probedBytes > limits.maxProbeBytes()) {
                mode = MODE_IGNORED;
                buf = null;
                scanner = null;
            }
        }
    }

    private void resetMessage() {
        scanned = 0;
        lineStart = 0;
        firstLineEnd = -1;
        firstLineCe = 0;
        bodyStart = 0;
        need = 0;
        declaredContentLength = -1;
        candidate = false;
        startLineValid = false;
        http = false;
    }

    private void ensureCapacity(int n) {
        if (buf == null || buf.length < n) {
            int cap = buf == null ? 2048 : buf.length;
            while (cap < n) {
                cap *= 2;
            }
            byte[] grown = new byte[Math.min(cap, Math.max(n, limits.maxMessageBytes()))];
            if (buf != null && bufLen > 0) {
                System.arraycopy(buf, 0, grown, 0, bufLen);
            }
            buf = grown;
        }
    }

    // ---------------------------------------------------------------- WebSocket

    /** Byte 0 of a text or binary frame, final or not, without RSV bits (RFC 6455 §5.2). */
    private static boolean looksLikeWebSocketFrame(byte c) {
        int b = c & 0xff;
        return b == 0x81 || b == 0x82 || b == 0x01 || b == 0x02;
    }

    private void startWebSocket(boolean joinedMidStream) {
        mode = MODE_WEBSOCKET;
        ws = new WebSocketDeframer(limits, datagramParser, transport.webSocket(), joinedMidStream);
    }

    private void feedWebSocket(byte[] a, int p, int len, Listener l) {
        WebSocketDeframer deframer = ws;
        deframer.feed(a, p, len, relay(l));
        if (mode == MODE_WEBSOCKET && !sipSeen && !knownSip && deframer.lostBytes() > limits.maxProbeBytes()) {
            mode = MODE_IGNORED;
            ws = null;
            scanner = null;
        }
    }

    private Relay relay(Listener l) {
        if (relay == null) {
            relay = new Relay();
        }
        relay.target = l;
        return relay;
    }

    /** Counts what the WebSocket deframer delivers on its way to the caller's listener. */
    private final class Relay implements Listener {
        Listener target;

        @Override
        public void onMessage(SipMessage message, SipTransport t) {
            if (mode == MODE_IGNORED) {
                return;
            }
            messages++;
            if (message.problem() != null) {
                malformed++;
            }
            sipSeen = true;
            target.onMessage(message, t);
        }

        @Override
        public void onMalformed(SipMalformed reason, SipTransport t) {
            if (mode == MODE_IGNORED) {
                return;
            }
            if (!sipSeen && !knownSip) {
                // Still probing (joined mid-stream, or no "sip" subprotocol): not known to be SIP.
                if (++probeFailures >= MAX_PROBE_FAILURES) {
                    mode = MODE_IGNORED;
                    ws = null;
                    scanner = null;
                }
                return;
            }
            malformed++;
            target.onMalformed(reason, t);
        }

        @Override
        public void onKeepAlive(SipTransport t) {
            if (mode == MODE_IGNORED) {
                return;
            }
            keepAlives++;
            target.onKeepAlive(t);
        }
    }
}
