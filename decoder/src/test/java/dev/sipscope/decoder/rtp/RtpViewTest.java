package dev.sipscope.decoder.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtpViewTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    @Test
    void plainPcmuPacketReadsEveryHeaderField() {
        byte[] b = hex("80 80 1234 0000a0b0 11223344 ffffffff");
        RtpView v = new RtpView();
        assertThat(v.wrap(b, 0, b.length)).isEqualTo(RtpView.VALID);
        assertThat(v.version()).isEqualTo(2);
        assertThat(v.marker()).isTrue();
        assertThat(v.payloadType()).isZero();
        assertThat(v.sequence()).isEqualTo(0x1234);
        assertThat(v.timestamp()).isEqualTo(0xa0b0);
        assertThat(v.ssrc()).isEqualTo(0x11223344L);
        assertThat(v.headerLength()).isEqualTo(12);
        assertThat(v.payloadLength()).isEqualTo(4);
        assertThat(v.payloadOffset()).isEqualTo(12);
        assertThat(v.extensionProfile()).isEqualTo(-1);
    }

    @Test
    void csrcsExtensionAndPaddingAreSkipped() {
        // CC=2, X, P; extension 0xBEDE with 1 word; payload 3 octets; padding 4 (last octet = 4).
        byte[] b = hex("b2 08 0001 00000001 fffffffe 00000aaa 00000bbb bede0001 10ff0000 616263 000000 04");
        RtpView v = new RtpView();
        assertThat(v.wrap(b, 0, b.length)).isEqualTo(RtpView.VALID);
        assertThat(v.csrcCount()).isEqualTo(2);
        assertThat(v.csrc(0)).isEqualTo(0xaaa);
        assertThat(v.csrc(1)).isEqualTo(0xbbb);
        assertThat(v.ssrc()).isEqualTo(0xfffffffeL);
        assertThat(v.extensionProfile()).isEqualTo(0xbede);
        assertThat(v.extensionDataLength()).isEqualTo(4);
        assertThat(v.extensionDataOffset()).isEqualTo(24);
        assertThat(v.headerLength()).isEqualTo(28);
        assertThat(v.paddingLength()).isEqualTo(4);
        assertThat(v.payloadLength()).isEqualTo(3);
        assertThat(new String(b, v.payloadOffset(), v.payloadLength())).isEqualTo("abc");
        assertThatThrownBy(() -> v.csrc(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void validityRulesOfRfc3550A1() {
        RtpView v = new RtpView();
        assertThat(v.wrap(hex("80 00 0001 00000001 00000001"), 0, 11)).isEqualTo(RtpView.TOO_SHORT);
        assertThat(v.wrap(hex("40 00 0001 00000001 00000001"), 0, 12)).isEqualTo(RtpView.BAD_VERSION);
        for (int pt = 72; pt <= 76; pt++) {
            byte[] b = hex("80 00 0001 00000001 00000001");
            b[1] = (byte) (0x80 | pt);
            assertThat(v.wrap(b, 0, b.length)).as("PT %d", pt).isEqualTo(RtpView.RTCP_PAYLOAD_TYPE);
        }
        assertThat(v.wrap(hex("81 00 0001 00000001 00000001"), 0, 12)).isEqualTo(RtpView.HEADER_OVERRUN);
        assertThat(v.wrap(hex("90 00 0001 00000001 00000001 bede"), 0, 14)).isEqualTo(RtpView.HEADER_OVERRUN);
        assertThat(v.wrap(hex("90 00 0001 00000001 00000001 bede0002 00000000"), 0, 20)).isEqualTo(RtpView.HEADER_OVERRUN);
        assertThat(v.wrap(hex("a0 00 0001 00000001 00000001 ff00"), 0, 14)).isEqualTo(RtpView.BAD_PADDING);
        assertThat(v.wrap(hex("a0 00 0001 00000001 00000001 ff03"), 0, 14)).isEqualTo(RtpView.BAD_PADDING);
        assertThat(v.wrap(hex("a0 00 0001 00000001 00000001 ff02"), 0, 14)).isEqualTo(RtpView.VALID);
        assertThat(v.payloadLength()).isZero();
        assertThat(v.wrap(null, 0, 12)).isEqualTo(RtpView.TOO_SHORT);
        assertThat(v.wrap(new byte[20], 10, 12)).isEqualTo(RtpView.TOO_SHORT);
        assertThat(RtpView.describe(RtpView.BAD_PADDING)).contains("padding");
    }

    @Test
    void viewReadsAtAnOffsetInsideALargerArray() {
        byte[] inner = hex("80 08 ffff ffffffff 01020304 aabb");
        byte[] outer = new byte[inner.length + 7];
        System.arraycopy(inner, 0, outer, 5, inner.length);
        RtpView v = new RtpView();
        assertThat(v.wrap(outer, 5, inner.length)).isEqualTo(RtpView.VALID);
        assertThat(v.payloadType()).isEqualTo(8);
        assertThat(v.sequence()).isEqualTo(65535);
        assertThat(v.timestamp()).isEqualTo(0xffffffffL);
        assertThat(v.payloadOffset()).isEqualTo(17);
        assertThat(v.payloadLength()).isEqualTo(2);
    }

    @Test
    void randomBytesNeverThrowAndValidPacketsStayInBounds() {
        Random r = new Random(4733);
        RtpView v = new RtpView();
        for (int i = 0; i < 100_000; i++) {
            byte[] b = new byte[r.nextInt(64)];
            r.nextBytes(b);
            if (b.length > 0 && r.nextBoolean()) {
                b[0] = (byte) (0x80 | (b[0] & 0x3f));
            }
            int off = b.length == 0 ? 0 : r.nextInt(b.length);
            int len = b.length - off;
            if (v.wrap(b, off, len) == RtpView.VALID) {
                assertThat(v.payloadOffset() + v.payloadLength() + v.paddingLength()).isEqualTo(off + len);
                assertThat(v.payloadLength()).isNotNegative();
                for (int c = 0; c < v.csrcCount(); c++) {
                    v.csrc(c);
                }
                v.extensionProfile();
            }
        }
    }

    @Test
    void demuxSeparatesRtcpFromRtpByTheSecondOctet() {
        assertThat(RtpDemux.classify(hex("80 c8 0006 11223344"), 0, 8)).isEqualTo(RtpDemux.RTCP);
        assertThat(RtpDemux.classify(hex("81 c9 0007 11223344"), 0, 8)).isEqualTo(RtpDemux.RTCP);
        assertThat(RtpDemux.classify(hex("80 60 0001 00000000 11223344"), 0, 12)).isEqualTo(RtpDemux.RTP);
        assertThat(RtpDemux.classify(hex("80 e0 0001 00000000 11223344"), 0, 12)).isEqualTo(RtpDemux.RTP);
        assertThat(RtpDemux.classify(hex("00 01 0001 00000000 11223344"), 0, 12)).isEqualTo(RtpDemux.NEITHER);
        assertThat(RtpDemux.classify(hex("80 60 0001 00000000"), 0, 8)).isEqualTo(RtpDemux.NEITHER);
    }

    @Test
    void telephoneEventPayloadFields() {
        int w = TelephoneEventView.word(hex("0b8a0320"), 0);
        assertThat(TelephoneEventView.event(w)).isEqualTo(11);
        assertThat(TelephoneEventView.dtmfChar(11)).isEqualTo('#');
        assertThat(TelephoneEventView.end(w)).isTrue();
        assertThat(TelephoneEventView.volume(w)).isEqualTo(10);
        assertThat(TelephoneEventView.duration(w)).isEqualTo(800);
        assertThat(TelephoneEventView.dtmfChar(7)).isEqualTo('7');
        assertThat(TelephoneEventView.dtmfChar(10)).isEqualTo('*');
        assertThat(TelephoneEventView.dtmfChar(14)).isEqualTo('C');
        assertThat(TelephoneEventView.dtmfChar(16)).isEqualTo('F');
        assertThat(TelephoneEventView.dtmfChar(200)).isEqualTo('?');
    }
}
