package dev.sipscope.decoder.sip;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;

import static dev.sipscope.decoder.sip.SipTexts.bytes;
import static dev.sipscope.decoder.sip.SipTexts.crlf;
import static org.assertj.core.api.Assertions.assertThat;

/** SIP over WebSocket (RFC 7118) on TCP: handshake detection and RFC 6455 deframing. */
class SipWebSocketTest {
    private static final String CLIENT_HANDSHAKE = crlf("""
            GET / HTTP/1.1
            Host: sip-ws.example.com
            Upgrade: websocket
            Connection: Upgrade
            Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==
            Origin: http://www.example.com
            Sec-WebSocket-Protocol: sip
            Sec-WebSocket-Version: 13

            """);
    private static final String SERVER_HANDSHAKE = crlf("""
            HTTP/1.1 101 Switching Protocols
            Upgrade: websocket
            Connection: Upgrade
            Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=
            Sec-WebSocket-Protocol: sip

            """);
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    private static final String REGISTER = crlf("""
            REGISTER sip:proxy.example.com SIP/2.0
            Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKasudf
            From: sip:alice@example.com;tag=65bnmj.34asd
            To: sip:alice@example.com
            Call-ID: aiuy7k9njasd
            CSeq: 1 REGISTER
            Max-Forwards: 70
            Supported: path, outbound, gruu
            Contact: <sip:alice@df7jal23ls0d.invalid;transport=ws>;reg-id=1
            Content-Length: 0

            """);

    /** One WebSocket frame; {@code lengthBits} 7, 16 or 64 forces the length encoding. */
    static byte[] frame(boolean fin, int opcode, boolean masked, byte[] payload, int lengthBits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        int maskBit = masked ? 0x80 : 0;
        int n = payload.length;
        if (lengthBits == 7) {
            out.write(maskBit | n);
        } else if (lengthBits == 16) {
            out.write(maskBit | 126);
            out.write(n >>> 8);
            out.write(n & 0xff);
        } else {
            out.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (((long) n >>> (8 * i)) & 0xff));
            }
        }
        if (masked) {
            out.write(MASK, 0, 4);
            for (int i = 0; i < n; i++) {
                out.write(payload[i] ^ MASK[i & 3]);
            }
        } else {
            out.write(payload, 0, n);
        }
        return out.toByteArray();
    }

    static byte[] frame(boolean fin, int opcode, boolean masked, byte[] payload) {
        int bits = payload.length < 126 ? 7 : payload.length <= 0xffff ? 16 : 64;
        return frame(fin, opcode, masked, payload, bits);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    private static SipStreamFramer framer() {
        return new SipStreamFramer(new SipDatagramParser(), false, SipTransport.TCP);
    }

    private static Recorder feed(SipStreamFramer f, byte[] b) {
        Recorder r = new Recorder();
        f.feed(b, 0, b.length, r);
        return r;
    }

    /** A client stream: handshake, masked frames of every length encoding, fragments with control frames between. */
    private static byte[] clientStream() {
        byte[] register = bytes(REGISTER);
        byte[] invite = bytes(SipTexts.invite());
        byte[] bye = bytes(crlf(SipTexts.BYE));
        int third = invite.length / 3;
        return concat(bytes(CLIENT_HANDSHAKE),
                frame(true, 1, true, register),
                frame(false, 1, true, java.util.Arrays.copyOfRange(invite, 0, third)),
                frame(true, 9, true, bytes("ping")),
                frame(false, 0, true, java.util.Arrays.copyOfRange(invite, third, 2 * third), 16),
                frame(true, 10, true, new byte[0]),
                frame(true, 0, true, java.util.Arrays.copyOfRange(invite, 2 * third, invite.length), 64),
                frame(true, 2, true, bye, 64),
                frame(true, 8, true, new byte[] {0x03, (byte) 0xe8}));
    }

    @Test
    void clientDirectionWithMaskedFragmentedAndControlFrames() {
        SipStreamFramer f = framer();
        Recorder r = feed(f, clientStream());
        assertThat(f.isWebSocket()).isTrue();
        assertThat(r.malformed()).isEmpty();
        assertThat(r.messageTexts()).containsExactly(REGISTER, SipTexts.invite(), crlf(SipTexts.BYE));
        assertThat(r.events.get(0)).startsWith("WS REGISTER");
        assertThat(r.messages.get(0).topVia().transport()).isEqualTo("WSS");
        assertThat(r.messages.get(1).sdp()).isNotNull();
    }

    @Test
    void serverDirectionWithUnmaskedFrames() {
        byte[] ok = bytes(crlf(SipTexts.RINGING));
        byte[] stream = concat(bytes(SERVER_HANDSHAKE), frame(true, 1, false, ok), frame(true, 1, false, ok, 16));
        Recorder r = feed(framer(), stream);
        assertThat(r.messageTexts()).containsExactly(crlf(SipTexts.RINGING), crlf(SipTexts.RINGING));
    }

    @Test
    void everySplitAndOneByteAtATimeGiveTheSameMessages() {
        byte[] b = clientStream();
        List<String> expected = feed(framer(), b).events;
        assertThat(expected).hasSize(3);
        for (int cut = 0; cut <= b.length; cut++) {
            SipStreamFramer f = framer();
            Recorder r = new Recorder();
            f.feed(b, 0, cut, r);
            f.feed(b, cut, b.length - cut, r);
            assertThat(r.events).as("cut %d", cut).isEqualTo(expected);
        }
        SipStreamFramer f = framer();
        Recorder r = new Recorder();
        for (byte x : b) {
            f.feed(new byte[] {x}, 0, 1, r);
        }
        assertThat(r.events).isEqualTo(expected);
    }

    @Test
    void largeMessageWith64BitLengthUnderARaisedLimit() {
        SipLimits limits = SipLimits.DEFAULTS.withMaxMessageBytes(128 * 1024);
        String body = "x".repeat(70_000);
        byte[] msg = bytes("MESSAGE sip:a SIP/2.0\r\nContent-Type: text/plain\r\nContent-Length: 70000\r\n\r\n" + body);
        byte[] stream = concat(bytes(CLIENT_HANDSHAKE), frame(true, 1, true, msg));
        SipStreamFramer f = new SipStreamFramer(new SipDatagramParser(limits), false, SipTransport.TCP);
        Recorder r = feed(f, stream);
        assertThat(r.messages).hasSize(1);
        assertThat(r.messages.get(0).bodyLength()).isEqualTo(70_000);
        Recorder tooLarge = feed(framer(), stream);
        assertThat(tooLarge.malformed()).containsExactly("TOO_LARGE");
        assertThat(tooLarge.messages).isEmpty();
    }

    @Test
    void compressedReservedAndStrayFramesAreReportedAndSkipped() {
        byte[] bye = bytes(crlf(SipTexts.BYE));
        byte[] compressed = frame(true, 1, true, bytes("compressed?"));
        compressed[0] |= 0x40;
        byte[] stream = concat(bytes(CLIENT_HANDSHAKE), frame(true, 1, true, bye), compressed,
                frame(true, 3, true, bytes("reserved")),
                frame(true, 0, true, bytes("stray continuation")),
                frame(false, 9, true, bytes("fragmented ping")),
                frame(true, 1, true, bytes("not sip at all")),
                frame(true, 1, true, bye));
        Recorder r = feed(framer(), stream);
        assertThat(r.malformed()).containsExactly("WEBSOCKET_COMPRESSED", "WEBSOCKET_FRAME", "WEBSOCKET_FRAME",
                "WEBSOCKET_FRAME", "NOT_SIP");
        assertThat(r.messages).hasSize(2);
    }

    @Test
    void newMessageInsideAnUnfinishedFragmentedOneDropsTheFirst() {
        byte[] bye = bytes(crlf(SipTexts.BYE));
        byte[] stream = concat(bytes(CLIENT_HANDSHAKE), frame(false, 1, true, bytes("INVITE sip:a SIP/2.0\r\n")),
                frame(true, 1, true, bye));
        Recorder r = feed(framer(), stream);
        assertThat(r.malformed()).containsExactly("WEBSOCKET_FRAME");
        assertThat(r.messageTexts()).containsExactly(crlf(SipTexts.BYE));
    }

    @Test
    void gapInsideAPayloadDropsThatMessageOnly() {
        byte[] bye = bytes(crlf(SipTexts.BYE));
        byte[] first = frame(true, 1, true, bytes(REGISTER));
        byte[] stream = concat(bytes(CLIENT_HANDSHAKE), first, frame(true, 1, true, bye));
        int cut = CLIENT_HANDSHAKE.length() + 40;
        SipStreamFramer f = framer();
        Recorder r = new Recorder();
        f.feed(stream, 0, cut, r);
        f.gap(20, r);
        f.feed(stream, cut + 20, stream.length - cut - 20, r);
        assertThat(r.malformed()).containsExactly("STREAM_GAP");
        assertThat(r.messageTexts()).containsExactly(crlf(SipTexts.BYE));
    }

    @Test
    void gapOfUnknownSizeFindsTheNextFrame() {
        byte[] bye = bytes(crlf(SipTexts.BYE));
        byte[] stream = concat(bytes(CLIENT_HANDSHAKE), frame(true, 1, true, bytes(REGISTER)),
                frame(true, 1, true, bye), frame(true, 1, false, bytes(crlf(SipTexts.RINGING))));
        int cut = CLIENT_HANDSHAKE.length() + 40;
        SipStreamFramer f = framer();
        Recorder r = new Recorder();
        f.feed(stream, 0, cut, r);
        f.gap(-1, r);
        // Resume inside the REGISTER payload: its masked bytes must not be taken for a frame.
        f.feed(stream, cut + 100, stream.length - cut - 100, r);
        assertThat(r.malformed()).containsExactly("STREAM_GAP");
        assertThat(r.messageTexts()).containsExactly(crlf(SipTexts.BYE), crlf(SipTexts.RINGING));
    }

    @Test
    void joiningAWebSocketConnectionMidStream() {
        byte[] stream = concat(frame(true, 1, true, bytes(REGISTER)), frame(true, 1, true, bytes(crlf(SipTexts.BYE))));
        Recorder r = feed(framer(), stream);
        assertThat(r.messageTexts()).containsExactly(REGISTER, crlf(SipTexts.BYE));
        Recorder bytewise = new Recorder();
        SipStreamFramer f = framer();
        for (byte x : stream) {
            f.feed(new byte[] {x}, 0, 1, bytewise);
        }
        assertThat(bytewise.events).isEqualTo(r.events);
    }

    @Test
    void httpWithoutUpgradeIsNotSip() {
        SipStreamFramer f = framer();
        Recorder r = feed(f, bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n" + crlf(SipTexts.BYE)));
        assertThat(f.isWebSocket()).isFalse();
        assertThat(r.malformed()).isEmpty();
        assertThat(r.messages).hasSize(1);
    }

    @Test
    void closeInsideAFragmentedMessageIsUnterminated() {
        SipStreamFramer f = framer();
        Recorder r = feed(f, concat(bytes(CLIENT_HANDSHAKE), frame(true, 1, true, bytes(REGISTER)),
                frame(false, 1, true, bytes("INVITE sip:a SIP/2.0\r\n"))));
        f.close(r);
        assertThat(r.malformed()).containsExactly("STREAM_UNTERMINATED");
    }

    @Test
    void randomFrameNoiseNeverThrowsAndStaysBounded() {
        Random random = new Random(99);
        for (int run = 0; run < 50; run++) {
            byte[] noise = new byte[20_000];
            random.nextBytes(noise);
            SipStreamFramer f = framer();
            Recorder r = new Recorder();
            byte[] hs = bytes(CLIENT_HANDSHAKE);
            f.feed(hs, 0, hs.length, r);
            for (int i = 0; i < noise.length; i += 97) {
                f.feed(noise, i, Math.min(97, noise.length - i), r);
                if (run % 2 == 0 && i % 970 == 0) {
                    f.gap(random.nextInt(3) - 1, r);
                }
            }
            f.close(r);
        }
    }
}
