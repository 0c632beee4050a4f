package dev.sipscope.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.decoder.sip.SipDatagramParser;
import dev.sipscope.decoder.sip.SipMessage;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The load generator's traffic is what sipscope must see: well-formed SIP with SDP, and RTP. */
class UdpBlastTest {
    private final UdpBlast blast = new UdpBlast(InetAddress.getLoopbackAddress(), 1000, 1, 4, 1, 40_000, 5070, 10);

    private static SipMessage parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        SipMessage m = new SipDatagramParser().parse(bytes, 0, bytes.length);
        assertThat(m).as(text).isNotNull();
        assertThat(m.problem()).as(text).isNull();
        return m;
    }

    @Test
    void inviteCarriesAnSdpOfferForLegAOfItsSlot() {
        SipMessage invite = parse(blast.request("INVITE", "blast-3-1@127.0.0.1", 1, blast.sdp(40_006, 1), 3, 1, false));

        assertThat(invite.isRequest()).isTrue();
        assertThat(invite.methodName()).isEqualTo("INVITE");
        assertThat(invite.callIdText()).isEqualTo("blast-3-1@127.0.0.1");
        assertThat(invite.cseq().number()).isEqualTo(1);
        assertThat(invite.declaredContentLength()).isEqualTo(invite.bodyLength());
        assertThat(invite.sdp()).isNotNull();
        assertThat(invite.sdp().media()).singleElement().satisfies(m -> {
            assertThat(m.port()).isEqualTo(40_006);
            assertThat(m.isRtp()).isTrue();
        });
    }

    @Test
    void responsesAndByeBelongToTheSameDialog() {
        SipMessage ok = parse(blast.response(200, "OK", "INVITE", "blast-3-1@127.0.0.1", 1, blast.sdp(40_007, 1), 3, 1, true));
        SipMessage bye = parse(blast.request("BYE", "blast-3-1@127.0.0.1", 2, null, 3, 1, true));

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.sdp().media().get(0).port()).isEqualTo(40_007);
        assertThat(ok.cseq().methodName()).isEqualTo("INVITE");
        assertThat(bye.callIdText()).isEqualTo(ok.callIdText());
        assertThat(bye.bodyLength()).isZero();
    }

    @Test
    void rtpPacketsAreVersion2Pcmu172BytesWithSequenceAndTimestampAdvancing() {
        blast.allocateState();
        ByteBuffer first = blast.fillRtp(5);
        assertThat(first.remaining()).isEqualTo(172);
        int b0 = first.get(0) & 0xff;
        int seq1 = first.getShort(2) & 0xffff;
        long ts1 = first.getInt(4) & 0xffffffffL;
        assertThat(b0 >> 6).isEqualTo(2);
        assertThat(first.get(1) & 0x7f).isZero(); // payload type 0, PCMU

        ByteBuffer second = blast.fillRtp(5);
        assertThat(second.getShort(2) & 0xffff).isEqualTo((seq1 + 1) & 0xffff);
        assertThat(second.getInt(4) & 0xffffffffL).isEqualTo((ts1 + 160) & 0xffffffffL);
    }
}
