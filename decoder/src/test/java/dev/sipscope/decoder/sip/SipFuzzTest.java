package dev.sipscope.decoder.sip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz targets (Jazzer) for the SIP layer: the datagram parser and the TCP stream
 * framer (with its WebSocket deframer), under small limits (4 KiB messages, 32 headers, 512-byte
 * header lines, multipart depth 2 and 4 parts, 4 KiB probe).
 *
 * <p>{@code datagram}: the input is one UDP payload. Oracle: {@link SipDatagramParser#parse} does
 * not throw, a parsed message answers every lazy accessor (start line, every header, Via, From,
 * To, Contact, routes, CSeq, Content-Type, body, multipart parts, SDP and its media) without
 * throwing, its views lie inside the message, and parsing the same bytes placed at an offset
 * inside a larger array gives the same message (the parser reads nothing outside its slice).
 *
 * <pre>
 *   stream input := control:u8  seed:u8  bytes...
 *   control      := bit 0 known SIP (else probing), bit 1 a gap after the first piece,
 *                   bits 2-4 the largest piece (1, 2, 4 ... 128 bytes)
 * </pre>
 *
 * <p>{@code stream}: the bytes are one direction of a TCP stream. Oracle: feeding them in one call
 * and in pieces (sizes drawn from the seed, bounded by the control byte) reports exactly the same
 * events (messages with their text and transport, malformed reasons, keep-alives), as the class
 * contract promises; the framer's counters agree with the events (a delivered message flagged with a
 * problem counts as malformed too); its buffer never exceeds twice
 * the message limit; every delivered message answers every accessor.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SipFuzzTest {
    static final SipLimits LIMITS = new SipLimits(4096, 32, 512, 2, 4, 4096);

    @FuzzTest(maxDuration = "30s")
    void datagram(byte[] input) {
        SipDatagramParser parser = new SipDatagramParser(LIMITS);
        SipMessage m = parser.parse(input, 0, input.length);
        String seen = m == null ? "null " + parser.lastMalformed() + " " + parser.lastWasKeepAlive() : exercise(m);
        byte[] embedded = new byte[input.length + 7];
        java.util.Arrays.fill(embedded, (byte) '\n');
        System.arraycopy(input, 0, embedded, 3, input.length);
        SipMessage again = parser.parse(embedded, 3, input.length);
        String seenAgain = again == null ? "null " + parser.lastMalformed() + " " + parser.lastWasKeepAlive() : exercise(again);
        if (!seen.equals(seenAgain)) {
            throw new AssertionError("the same datagram inside a larger array parsed differently:\n" + seen + "\n---\n" + seenAgain);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void stream(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int control = input[0] & 0xff;
        boolean known = (control & 1) != 0;
        boolean gap = (control & 2) != 0;
        int maxPiece = 1 << ((control >> 2) & 7);
        Random random = new Random(input[1]);
        int start = 2;
        int len = input.length - start;

        SipStreamFramer whole = framer(known);
        Checking a = new Checking(whole);
        int firstPiece = Math.min(len, 1 + random.nextInt(maxPiece));
        whole.feed(input, start, firstPiece, a);
        if (gap) {
            whole.gap(100, a);
        }
        whole.feed(input, start + firstPiece, len - firstPiece, a);
        a.checkBounds();
        whole.close(a);

        SipStreamFramer split = framer(known);
        Checking b = new Checking(split);
        split.feed(input, start, firstPiece, b);
        if (gap) {
            split.gap(100, b);
        }
        for (int at = start + firstPiece; at < input.length; ) {
            int piece = Math.min(input.length - at, 1 + random.nextInt(maxPiece));
            // A fresh copy per piece: the framer must keep nothing of the caller's array.
            byte[] copy = java.util.Arrays.copyOfRange(input, at, at + piece);
            split.feed(copy, 0, piece, b);
            b.checkBounds();
            at += piece;
        }
        split.close(b);

        if (!a.events.equals(b.events)) {
            throw new AssertionError("one feed and split feeds disagree:\n" + a.events + "\n---\n" + b.events);
        }
        for (Checking c : List.of(a, b)) {
            if (c.framer.messages() != c.messages || c.framer.keepAlives() != c.keepAlives
                    || c.framer.malformed() != c.malformed) {
                throw new AssertionError("counters " + c.framer.messages() + "/" + c.framer.keepAlives() + "/"
                        + c.framer.malformed() + " but events " + c.messages + "/" + c.keepAlives + "/" + c.malformed);
            }
        }
    }

    private static SipStreamFramer framer(boolean known) {
        return known ? new SipStreamFramer(LIMITS) : new SipStreamFramer(new SipDatagramParser(LIMITS), false, SipTransport.TCP);
    }

    /** Records events as text (after exercising each message) and checks the framer's bounds. */
    private static final class Checking implements SipStreamFramer.Listener {
        final SipStreamFramer framer;
        final java.util.ArrayList<String> events = new java.util.ArrayList<>();
        long messages;
        long keepAlives;
        long malformed;

        Checking(SipStreamFramer framer) {
            this.framer = framer;
        }

        @Override
        public void onMessage(SipMessage message, SipTransport transport) {
            messages++;
            if (message.problem() != null) {
                malformed++; // the framer counts a flagged delivery as malformed too
            }
            events.add(transport + " " + exercise(message));
        }

        @Override
        public void onMalformed(SipMalformed reason, SipTransport transport) {
            malformed++;
            events.add("malformed " + reason + " " + transport);
        }

        @Override
        public void onKeepAlive(SipTransport transport) {
            keepAlives++;
            events.add("keep-alive " + transport);
        }

        void checkBounds() {
            if (framer.bufferedBytes() < 0 || framer.bufferedBytes() > 2 * LIMITS.maxMessageBytes()) {
                throw new AssertionError("framer buffers " + framer.bufferedBytes() + " bytes, limit "
                        + LIMITS.maxMessageBytes() + " per message");
            }
        }
    }

    /** Calls every accessor of {@code m}, checks its views, and returns a description to compare. */
    static String exercise(SipMessage m) {
        StringBuilder sb = new StringBuilder();
        int length = m.length();
        if (length < 0 || m.toByteArray().length != length) {
            throw new AssertionError("message length " + length + " but " + m.toByteArray().length + " bytes");
        }
        sb.append(m.text()).append('|').append(m.isRequest()).append(m.isResponse()).append(m.method())
                .append(m.methodName()).append(m.requestUriText()).append(m.statusCode()).append(m.reasonPhrase())
                .append(m.version()).append(m.startLine()).append(m.problem()).append(m.invalidHeaderLines())
                .append(m.headersTerminated()).append(m.toString());
        if (m.isRequest()) {
            uri(sb, m.requestUri());
        }
        int headers = m.headerCount();
        if (headers < 0 || headers > LIMITS.maxHeaders()) {
            throw new AssertionError(headers + " headers, limit " + LIMITS.maxHeaders());
        }
        for (int i = 0; i < headers; i++) {
            int vo = m.headerValueOffset(i);
            int vl = m.headerValueLength(i);
            int no = m.headerNameOffset(i);
            int nl = m.headerNameLength(i);
            if (vo < 0 || vl < 0 || vo + vl > length || no < 0 || nl <= 0 || no + nl > length) {
                throw new AssertionError("header " + i + " outside the message: name " + no + "+" + nl + ", value "
                        + vo + "+" + vl + ", length " + length);
            }
            sb.append(m.headerId(i)).append(m.headerName(i)).append(':').append(m.headerValue(i));
            m.headerValueEquals(i, new byte[] {'x'}, 0, 1);
        }
        for (SipHeaderId id : SipHeaderId.values()) {
            sb.append(m.find(id)).append(m.has(id)).append(m.header(id)).append(m.headerValues(id))
                    .append(m.headerValueCount(id)).append(m.findNext(id, 0));
            address(sb, m.address(id));
            for (SipAddress a : m.addresses(id)) {
                address(sb, a);
            }
        }
        sb.append(m.find("v")).append(m.header("X-Unknown"));
        sb.append(m.callId()).append(m.callIdText()).append(m.cseq()).append(m.fromTag()).append(m.toTag())
                .append(m.maxForwards()).append(m.expiresSeconds()).append(m.declaredContentLength())
                .append(m.contentType()).append(m.reasons()).append(m.userAgent()).append(m.server())
                .append(m.allow()).append(m.supported());
        if (m.callId() != null) {
            sb.append(m.callIdEquals(m.callId()));
        }
        address(sb, m.from());
        address(sb, m.to());
        for (SipAddress a : m.contacts()) {
            address(sb, a);
        }
        for (SipAddress a : m.routes()) {
            address(sb, a);
        }
        for (SipAddress a : m.recordRoutes()) {
            address(sb, a);
        }
        for (SipVia v : m.vias()) {
            via(sb, v);
        }
        via(sb, m.topVia());
        int bo = m.bodyOffset();
        int bl = m.bodyLength();
        if (bo < 0 || bl < 0 || bo + bl > length) {
            throw new AssertionError("body " + bo + "+" + bl + " outside the message of " + length);
        }
        if (bl > 0) {
            sb.append(m.byteAt(bo));
        }
        body(sb, m.body(), 0);
        sb.append(dev.sipscope.decoder.sdp.SdpParserFuzzTest.exercise(m.sdp()));
        return sb.toString();
    }

    private static void body(StringBuilder sb, SipBody body, int depth) {
        if (body == null) {
            return;
        }
        if (depth > LIMITS.maxMultipartDepth() + 1) {
            throw new AssertionError("multipart nesting " + depth + " beyond the limit " + LIMITS.maxMultipartDepth());
        }
        sb.append(body.contentType()).append(body.length()).append(body.isEmpty()).append(body.offset())
                .append(body.text()).append(body.isSdp()).append(body.isMultipart()).append(body.problem())
                .append(body.toString());
        if (body.toByteArray().length != body.length()) {
            throw new AssertionError("body length " + body.length() + " but " + body.toByteArray().length + " bytes");
        }
        if (body.length() > 0) {
            sb.append(body.byteAt(0)).append(body.byteAt(body.length() - 1));
        }
        List<SipBodyPart> parts = body.parts();
        if (parts.size() > LIMITS.maxMultipartParts()) {
            throw new AssertionError(parts.size() + " parts, limit " + LIMITS.maxMultipartParts());
        }
        for (SipBodyPart p : parts) {
            for (int i = 0; i < p.headerCount(); i++) {
                sb.append(p.headerId(i)).append(p.headerName(i)).append(p.headerValue(i));
            }
            sb.append(p.header(SipHeaderId.CONTENT_TYPE)).append(p.header("Content-ID")).append(p.headerLines())
                    .append(p.toString());
            body(sb, p.body(), depth + 1);
        }
        sb.append(dev.sipscope.decoder.sdp.SdpParserFuzzTest.exercise(body.sdp()));
        sb.append(dev.sipscope.decoder.sdp.SdpParserFuzzTest.exercise(body.findSdp()));
    }

    private static void address(StringBuilder sb, SipAddress a) {
        if (a == null) {
            return;
        }
        sb.append(a.text()).append(a.displayName()).append(a.params()).append(a.tag()).append(a.expiresSeconds())
                .append(a.q()).append(a.isWildcard()).append(a.hasAngleBrackets()).append(a.toString());
        uri(sb, a.uri());
    }

    private static void uri(StringBuilder sb, SipUri u) {
        if (u == null) {
            return;
        }
        sb.append(u.text()).append(u.scheme()).append(u.schemeName()).append(u.user()).append(u.hasPassword())
                .append(u.host()).append(u.isIpv6()).append(u.port()).append(u.hostPort()).append(u.params())
                .append(u.param("transport")).append(u.headers()).append(u.isValid()).append(u.isSip()).append(u);
    }

    private static void via(StringBuilder sb, SipVia v) {
        if (v == null) {
            return;
        }
        sb.append(v.text()).append(v.protocolName()).append(v.protocolVersion()).append(v.transport()).append(v.host())
                .append(v.isIpv6()).append(v.port()).append(v.sentBy()).append(v.params()).append(v.branch())
                .append(v.hasRfc3261Branch()).append(v.received()).append(v.hasRport()).append(v.rport())
                .append(v.maddr()).append(v.ttl()).append(v.isValid()).append(v);
    }
}
