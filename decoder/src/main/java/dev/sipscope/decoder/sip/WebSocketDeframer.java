package dev.sipscope.decoder.sip;

/**
 * Undoes RFC 6455 §5 framing on one direction of a WebSocket connection and hands each complete
 * text or binary message to the SIP datagram parser (RFC 7118 §5: one SIP message per WebSocket
 * message).
 *
 * <p>Handles masked and unmasked frames, 7-, 16- and 64-bit payload lengths, fragmented messages
 * (continuation frames, with control frames allowed in between, §5.4), and skips ping, pong and
 * close frames. Compressed messages (RSV1, permessage-deflate) are skipped as
 * {@link SipMalformed#WEBSOCKET_COMPRESSED}. Resumable: the header is collected byte by byte into
 * a 14-byte array and the payload is copied, unmasked, into a message buffer that never grows past
 * {@link SipLimits#maxMessageBytes()}; feeding any split of the stream gives the same messages.
 *
 * <p>After bytes are lost (a gap not confined to the current payload) framing is lost: the deframer
 * scans for a plausible frame header (FIN/opcode text or binary, sane length) whose first payload
 * bytes, unmasked, start like a SIP start line, keeping at most {@link #WINDOW} bytes of look-ahead.
 */
final class WebSocketDeframer {
    /** Look-ahead kept while looking for a frame start: the largest header plus 4 payload bytes. */
    static final int WINDOW = 14 + 4;

    private static final int HEADER = 0;
    private static final int PAYLOAD = 1;
    private static final int LOST = 2;

    private static final int OP_CONTINUATION = 0;
    private static final int OP_TEXT = 1;
    private static final int OP_BINARY = 2;
    private static final int OP_CLOSE = 8;
    private static final int OP_PING = 9;
    private static final int OP_PONG = 10;

    private final SipLimits limits;
    private final SipDatagramParser parser;
    private final SipTransport transport;

    private int state = HEADER;
    private final byte[] header = new byte[14];
    private int headerLen;
    private final byte[] mask = new byte[4];
    private boolean masked;
    private int maskPos;
    private long remaining;
    /** The current frame's payload belongs to the message being collected. */
    private boolean collecting;
    /** The current frame is a data or continuation frame. */
    private boolean dataFrame;
    private boolean fin;

    /** A text/binary message has started and its final frame has not come yet. */
    private boolean inMessage;
    /** The message in progress is being dropped (too large, compressed, damaged by a gap). */
    private boolean dropping;
    private byte[] message;
    private int messageLen;

    private final byte[] window = new byte[WINDOW];
    private final byte[] probe = new byte[4];
    private int windowLen;
    /** Bytes skipped while looking for a frame start. */
    private long lostBytes;

    private long frames;
    private long controlFrames;

    WebSocketDeframer(SipLimits limits, SipDatagramParser parser, SipTransport transport, boolean startLost) {
        this.limits = limits;
        this.parser = parser;
        this.transport = transport;
        this.state = startLost ? LOST : HEADER;
    }

    long frames() {
        return frames;
    }

    long controlFrames() {
        return controlFrames;
    }

    /** Bytes skipped while framing was lost (after a gap, or when joining a connection mid-stream). */
    long lostBytes() {
        return lostBytes;
    }

    boolean isLost() {
        return state == LOST;
    }

    void feed(byte[] a, int p, int len, SipStreamFramer.Listener l) {
        int end = p + len;
        while (p < end) {
            switch (state) {
                case HEADER: {
                    header[headerLen++] = a[p++];
                    if (headerLen >= 2 && headerLen == headerSize(header)) {
                        frameStart(l);
                    }
                    break;
                }
                case PAYLOAD: {
                    int n = (int) Math.min(remaining, end - p);
                    if (collecting) {
                        copyUnmasked(a, p, n);
                    } else if (masked) {
                        maskPos = (maskPos + n) & 3;
                    }
                    p += n;
                    remaining -= n;
                    if (remaining == 0) {
                        frameEnd(l);
                    }
                    break;
                }
                default: {
                    window[windowLen++] = a[p++];
                    resync(l);
                    break;
                }
            }
        }
    }

    /** {@code missing} bytes (or an unknown number, -1) of the stream were lost. */
    void gap(long missing, SipStreamFramer.Listener l) {
        if (state == PAYLOAD && missing >= 0 && missing <= remaining) {
            // The hole lies inside this frame's payload: framing survives, the message does not.
            if (collecting) {
                l.onMalformed(SipMalformed.STREAM_GAP, transport);
                dropping = true;
                collecting = false;
            }
            remaining -= missing;
            maskPos = (int) ((maskPos + missing) & 3);
            if (remaining == 0) {
                frameEnd(l);
            }
            return;
        }
        if (inMessage && !dropping) {
            l.onMalformed(SipMalformed.STREAM_GAP, transport);
        }
        resetMessage();
        state = LOST;
        headerLen = 0;
        windowLen = 0;
    }

    /** End of the stream: a message left incomplete is reported. */
    void close(SipStreamFramer.Listener l) {
        if ((inMessage && !dropping) || (state == HEADER && headerLen > 0)) {
            l.onMalformed(SipMalformed.STREAM_UNTERMINATED, transport);
        }
        resetMessage();
        message = null;
        state = LOST;
        windowLen = 0;
    }

    /** Header size in bytes once the first two are known: 2, plus 2 or 8 of extended length, plus 4 of mask key. */
    private static int headerSize(byte[] h) {
        int len7 = h[1] & 0x7f;
        return 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((h[1] & 0x80) != 0 ? 4 : 0);
    }

    private void frameStart(SipStreamFramer.Listener l) {
        frames++;
        int b0 = header[0] & 0xff;
        int b1 = header[1] & 0xff;
        fin = (b0 & 0x80) != 0;
        boolean rsv1 = (b0 & 0x40) != 0;
        int opcode = b0 & 0x0f;
        masked = (b1 & 0x80) != 0;
        int len7 = b1 & 0x7f;
        int p = 2;
        long length;
        if (len7 == 126) {
            length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            p = 4;
        } else if (len7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xff);
            }
            p = 10;
            if (length < 0) {
                // RFC 6455 §5.2: the most significant bit must be 0. Framing cannot be trusted.
                l.onMalformed(SipMalformed.WEBSOCKET_FRAME, transport);
                if (inMessage && !dropping) {
                    l.onMalformed(SipMalformed.STREAM_GAP, transport);
                }
                resetMessage();
                state = LOST;
                headerLen = 0;
                return;
            }
        } else {
            length = len7;
        }
        if (masked) {
            System.arraycopy(header, p, mask, 0, 4);
        }
        maskPos = 0;
        headerLen = 0;
        remaining = length;
        collecting = false;
        dataFrame = false;
        if (opcode >= 8) {
            controlFrames++;
            if (!fin || length > 125 || (opcode != OP_CLOSE && opcode != OP_PING && opcode != OP_PONG)) {
                l.onMalformed(SipMalformed.WEBSOCKET_FRAME, transport);
            }
        } else if (opcode == OP_TEXT || opcode == OP_BINARY) {
            if (inMessage && !dropping) {
                // A new message while a fragmented one is unfinished (RFC 6455 §5.4 forbids it).
                l.onMalformed(SipMalformed.WEBSOCKET_FRAME, transport);
            }
            resetMessage();
            inMessage = true;
            dataFrame = true;
            if (rsv1) {
                l.onMalformed(SipMalformed.WEBSOCKET_COMPRESSED, transport);
                dropping = true;
            }
            startCollecting(length, l);
        } else if (opcode == OP_CONTINUATION) {
            if (!inMessage) {
                l.onMalformed(SipMalformed.WEBSOCKET_FRAME, transport);
            } else {
                dataFrame = true;
                startCollecting(length, l);
            }
        } else {
            l.onMalformed(SipMalformed.WEBSOCKET_FRAME, transport);
        }
        state = PAYLOAD;
        if (remaining == 0) {
            frameEnd(l);
        }
    }

    private void startCollecting(long length, SipStreamFramer.Listener l) {
        if (dropping) {
            return;
        }
        if (messageLen + length > limits.maxMessageBytes()) {
            l.onMalformed(SipMalformed.TOO_LARGE, transport);
            dropping = true;
            return;
        }
        int needed = (int) (messageLen + length);
        if (message == null || message.length < needed) {
            int cap = message == null ? 1024 : message.length;
            while (cap < needed) {
                cap *= 2;
            }
            byte[] grown = new byte[Math.min(cap, limits.maxMessageBytes())];
            if (message != null) {
                System.arraycopy(message, 0, grown, 0, messageLen);
            }
            message = grown;
        }
        collecting = true;
    }

    private void copyUnmasked(byte[] a, int p, int n) {
        if (masked) {
            for (int i = 0; i < n; i++) {
                message[messageLen++] = (byte) (a[p + i] ^ mask[maskPos]);
                maskPos = (maskPos + 1) & 3;
            }
        } else {
            System.arraycopy(a, p, message, messageLen, n);
            messageLen += n;
        }
    }

    private void frameEnd(SipStreamFramer.Listener l) {
        state = HEADER;
        headerLen = 0;
        if (!dataFrame || !fin) {
            return;
        }
        if (!dropping) {
            SipMessage m = parser.parse(message, 0, messageLen);
            if (m != null) {
                l.onMessage(m, transport);
            } else if (parser.lastWasKeepAlive()) {
                l.onKeepAlive(transport);
            } else {
                l.onMalformed(parser.lastMalformed(), transport);
            }
        }
        resetMessage();
        if (message != null && message.length > 16 * 1024) {
            message = null;
        }
    }

    private void resetMessage() {
        inMessage = false;
        dropping = false;
        collecting = false;
        messageLen = 0;
    }

    // ---------------------------------------------------------------- resynchronisation

    private static final int WAIT = 0;
    private static final int REJECT = 1;
    private static final int ACCEPT = 2;

    /** Looks for a frame start at the front of the window; drops rejected bytes; replays an accepted start. */
    private void resync(SipStreamFramer.Listener l) {
        while (windowLen > 0) {
            int v = candidate();
            if (v == WAIT) {
                return;
            }
            if (v == ACCEPT) {
                byte[] replay = java.util.Arrays.copyOf(window, windowLen);
                windowLen = 0;
                state = HEADER;
                headerLen = 0;
                feed(replay, 0, replay.length, l);
                return;
            }
            System.arraycopy(window, 1, window, 0, windowLen - 1);
            windowLen--;
            lostBytes++;
        }
    }

    /**
     * Whether the window starts with a frame that begins a SIP message: FIN set or not, no RSV bits,
     * opcode text or binary, a length between 4 bytes and the message limit, and a payload whose
     * first four bytes (unmasked) are {@code SIP/} or an upper-case method name.
     */
    private int candidate() {
        int b0 = window[0] & 0xff;
        int opcode = b0 & 0x0f;
        if ((b0 & 0x70) != 0 || (opcode != OP_TEXT && opcode != OP_BINARY)) {
            return REJECT;
        }
        if (windowLen < 2) {
            return WAIT;
        }
        int hs = headerSize(window);
        if (windowLen < hs + 4) {
            return WAIT;
        }
        int len7 = window[1] & 0x7f;
        long length;
        if (len7 == 126) {
            length = ((window[2] & 0xff) << 8) | (window[3] & 0xff);
        } else if (len7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (window[i] & 0xff);
            }
        } else {
            length = len7;
        }
        if (length < 4 || length > limits.maxMessageBytes()) {
            return REJECT;
        }
        boolean isMasked = (window[1] & 0x80) != 0;
        byte[] first = probe;
        for (int i = 0; i < 4; i++) {
            byte m = isMasked ? window[hs - 4 + i] : 0;
            first[i] = (byte) (window[hs + i] ^ m);
        }
        if (first[0] == 'S' && first[1] == 'I' && first[2] == 'P' && first[3] == '/') {
            return ACCEPT;
        }
        for (int i = 0; i < 3; i++) {
            if (first[i] < 'A' || first[i] > 'Z') {
                return REJECT;
            }
        }
        return (first[3] >= 'A' && first[3] <= 'Z') || first[3] == ' ' ? ACCEPT : REJECT;
    }
}
