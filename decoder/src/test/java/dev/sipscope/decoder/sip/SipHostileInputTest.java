package dev.sipscope.decoder.sip;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.sipscope.decoder.sip.SipTexts.bytes;
import static dev.sipscope.decoder.sip.SipTexts.crlf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fixed-seed random mutations of valid messages: parsing, framing and every lazy accessor must
 * never throw, never hang and never buffer beyond the limits.
 */
class SipHostileInputTest {
    private static final byte[] INTERESTING = bytes("\r\n:;,\"<>[]\\@ =/?&%-\t\u0000\u00ff0123456789SIP/2.0 z9hG4bK");

    private static List<byte[]> seeds() {
        List<byte[]> out = new ArrayList<>();
        out.add(bytes(SipTexts.invite()));
        out.add(bytes(crlf(SipTexts.RINGING)));
        out.add(bytes(crlf(SipTexts.BYE)));
        String multipart = "--b\r\nContent-Type: application/sdp\r\n\r\n" + crlf(SipTexts.SDP_OFFER)
                + "\r\n--b\r\nContent-Type: multipart/related;boundary=c\r\n\r\n--c\r\nContent-Type: text/plain\r\n\r\n"
                + "x\r\n--c--\r\n--b--\r\n";
        out.add(bytes("INVITE sip:a@[2001:db8::1]:5060;transport=tcp?h=v SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP [::1]:5060;branch=z9hG4bK1;rport, SIP/2.0/UDP h;received=1.2.3.4\r\n"
                + "From: \"A \\\"q\\\", x\" <tel:+1;phone-context=x>;tag=1\r\nTo: sip:b@c;tag=2\r\n"
                + "Contact: *\r\nContact: <sip:a@b>;expires=5;q=0.5, sip:c@d\r\nReason: Q.850;cause=16;text=\"x\"\r\n"
                + "Subject: folded\r\n  line\r\nContent-Type: multipart/mixed;boundary=b\r\nContent-Length: "
                + bytes(multipart).length + "\r\n\r\n" + multipart));
        return out;
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(10);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 2 -> {
                    int len = 1 + random.nextInt(Math.min(40, b.length - at));
                    byte[] shorter = new byte[b.length - len];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + len, shorter, at, b.length - at - len);
                    b = shorter.length == 0 ? seed.clone() : shorter;
                }
                default -> {
                    int len = 1 + random.nextInt(30);
                    byte[] longer = new byte[b.length + len];
                    System.arraycopy(b, 0, longer, 0, at);
                    for (int i = 0; i < len; i++) {
                        longer[at + i] = INTERESTING[random.nextInt(INTERESTING.length)];
                    }
                    System.arraycopy(b, at, longer, at + len, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }

    /** Calls every accessor, so that lazy parsing meets the mutated bytes too. */
    static void touchEverything(SipMessage m) {
        m.method();
        m.methodName();
        m.requestUri();
        m.requestUriText();
        m.reasonPhrase();
        m.version();
        m.startLine();
        for (int i = 0; i < m.headerCount(); i++) {
            m.headerName(i);
            m.headerValue(i);
            m.headerId(i);
        }
        for (SipHeaderId id : SipHeaderId.values()) {
            m.headerValues(id);
            m.address(id);
        }
        m.callId();
        m.cseq();
        m.from();
        m.to();
        m.fromTag();
        m.toTag();
        m.contacts();
        m.routes();
        m.recordRoutes();
        for (SipVia v : m.vias()) {
            v.sentBy();
            v.rport();
            v.ttl();
            v.hasRfc3261Branch();
        }
        m.maxForwards();
        m.expiresSeconds();
        m.contentType();
        m.reasons();
        m.allow();
        m.supported();
        SipBody body = m.body();
        walk(body);
        m.sdp();
        m.text();
    }

    private static void walk(SipBody body) {
        body.text();
        body.problem();
        body.findSdp();
        for (SipBodyPart p : body.parts()) {
            p.headerLines();
            walk(p.body());
        }
    }

    @Test
    void mutatedDatagramsNeverThrow() {
        SipDatagramParser parser = new SipDatagramParser();
        Random random = new Random(3261);
        int messages = 0;
        for (byte[] seed : seeds()) {
            for (int run = 0; run < 3000; run++) {
                byte[] b = mutate(seed, random);
                SipMessage m = parser.parse(b, 0, b.length);
                if (m != null) {
                    messages++;
                    touchEverything(m);
                } else {
                    assertThat(parser.lastWasKeepAlive() || parser.lastMalformed() != null).isTrue();
                }
            }
        }
        // Most mutations leave a message that still parses; the accessors above ran on them.
        assertThat(messages).isGreaterThan(3000);
    }

    @Test
    void mutatedStreamsNeverThrowAndStayBounded() {
        Random random = new Random(7118);
        SipLimits limits = SipLimits.DEFAULTS.withMaxMessageBytes(4096).withMaxHeaderLineBytes(1024);
        for (int run = 0; run < 400; run++) {
            java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
            for (int k = 0; k < 6; k++) {
                List<byte[]> seeds = seeds();
                byte[] b = random.nextBoolean() ? mutate(seeds.get(random.nextInt(seeds.size())), random)
                        : seeds.get(random.nextInt(seeds.size()));
                stream.write(b, 0, b.length);
            }
            byte[] all = stream.toByteArray();
            SipStreamFramer f = new SipStreamFramer(new SipDatagramParser(limits), random.nextBoolean(), SipTransport.TCP);
            Recorder r = new Recorder();
            int p = 0;
            while (p < all.length) {
                int n = 1 + random.nextInt(200);
                n = Math.min(n, all.length - p);
                f.feed(all, p, n, r);
                assertThat(f.bufferedBytes()).isLessThanOrEqualTo(limits.maxMessageBytes());
                p += n;
                if (random.nextInt(50) == 0) {
                    f.gap(random.nextInt(100) - 1, r);
                }
            }
            f.close(r);
            for (SipMessage m : r.messages) {
                touchEverything(m);
            }
        }
    }

    @Test
    void framerAndDatagramParserAgreeOnUnmutatedMessages() {
        SipDatagramParser parser = new SipDatagramParser();
        for (byte[] seed : seeds()) {
            SipStreamFramer f = new SipStreamFramer(SipLimits.DEFAULTS);
            Recorder r = new Recorder();
            f.feed(seed, 0, seed.length, r);
            SipMessage fromDatagram = parser.parse(seed, 0, seed.length);
            assertThat(r.messages).hasSize(1);
            SipMessage fromStream = r.messages.get(0);
            assertThat(fromStream.text()).isEqualTo(fromDatagram.text());
            assertThat(fromStream.headerCount()).isEqualTo(fromDatagram.headerCount());
            for (int i = 0; i < fromStream.headerCount(); i++) {
                assertThat(fromStream.headerName(i)).isEqualTo(fromDatagram.headerName(i));
                assertThat(fromStream.headerValue(i)).isEqualTo(fromDatagram.headerValue(i));
                assertThat(fromStream.headerId(i)).isEqualTo(fromDatagram.headerId(i));
            }
            touchEverything(fromStream);
        }
    }
}
