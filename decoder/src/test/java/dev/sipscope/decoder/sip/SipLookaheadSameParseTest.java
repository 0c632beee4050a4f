package dev.sipscope.decoder.sip;

import static dev.sipscope.decoder.sip.SipTexts.bytes;
import static dev.sipscope.decoder.sip.SipTexts.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link SipLookahead#sameParse}: a message parsed ahead stands for a datagram only when parsing that
 * datagram would give the same message.
 */
class SipLookaheadSameParseTest {
    private final SipDatagramParser parser = new SipDatagramParser();

    private static long shape(int length, int lead) {
        return ((long) length << 32) | lead;
    }

    @Test
    void theSameBytesMatch() {
        byte[] wire = bytes(SipTexts.invite());
        SipMessage m = parser.parse(wire, 0, wire.length);
        assertThat(SipLookahead.sameParse(m, shape(wire.length, 0), wire, 0, wire.length)).isTrue();
        byte[] inside = new byte[wire.length + 20];
        System.arraycopy(wire, 0, inside, 7, wire.length);
        assertThat(SipLookahead.sameParse(m, shape(wire.length, 0), inside, 7, wire.length))
                .as("at an offset in a bigger buffer").isTrue();
    }

    @Test
    void anyChangedByteOfTheMessageDoesNotMatch() {
        byte[] wire = bytes(SipTexts.invite());
        SipMessage m = parser.parse(wire, 0, wire.length);
        for (int i = 0; i < wire.length; i += 7) {
            byte[] other = wire.clone();
            other[i] ^= 0x01;
            assertThat(SipLookahead.sameParse(m, shape(wire.length, 0), other, 0, other.length))
                    .as("byte %d changed", i).isFalse();
        }
    }

    @Test
    void anotherLengthOrOtherLineEndsInFrontDoNotMatch() {
        byte[] wire = bytes(SipTexts.invite());
        SipMessage m = parser.parse(wire, 0, wire.length);
        byte[] longer = Arrays.copyOf(wire, wire.length + 1);
        assertThat(SipLookahead.sameParse(m, shape(wire.length, 0), longer, 0, longer.length)).isFalse();
        byte[] led = bytes("\r\n" + SipTexts.invite());
        SipMessage ml = parser.parse(led, 0, led.length);
        assertThat(SipLookahead.sameParse(ml, shape(led.length, 2), led, 0, led.length)).isTrue();
        assertThat(SipLookahead.sameParse(m, shape(led.length, 0), led, 0, led.length)).isFalse();
        byte[] otherLead = bytes("x\n" + SipTexts.invite());
        assertThat(SipLookahead.sameParse(ml, shape(otherLead.length, 2), otherLead, 0, otherLead.length))
                .as("what stands before the start line must be line ends").isFalse();
    }

    @Test
    void bytesAfterTheDeclaredBodyAreNotReadByTheParseAndDoNotMatter() {
        String text = crlf(SipTexts.RINGING);
        byte[] a = bytes(text + "garbage");
        byte[] b = bytes(text + "GARBAGE");
        SipMessage ma = parser.parse(a, 0, a.length);
        SipMessage mb = parser.parse(b, 0, b.length);
        assertThat(ma.text()).isEqualTo(mb.text());
        assertThat(SipLookahead.sameParse(ma, shape(a.length, 0), b, 0, b.length)).isTrue();
    }

    @Test
    void foldedHeadersAreRewrittenInTheCopySoTheEngineParsesThemItself() {
        byte[] wire = bytes(crlf("""
                OPTIONS sip:a@b SIP/2.0
                Via: SIP/2.0/UDP h;branch=z9hG4bK1
                Subject: first
                 second
                Call-ID: x
                CSeq: 1 OPTIONS
                Content-Length: 0

                """));
        SipMessage m = parser.parse(wire, 0, wire.length);
        assertThat(m).isNotNull();
        assertThat(SipLookahead.sameParse(m, shape(wire.length, 0), wire, 0, wire.length)).isFalse();
    }
}
