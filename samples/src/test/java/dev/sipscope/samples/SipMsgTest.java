package dev.sipscope.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipscope.samples.net.Endpoint;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipMsgTest {

    private static SipMsg invite() {
        return SipMsg.request("INVITE", "sip:bob@10.0.0.2")
                .add("Via", "SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bKproxy")
                .add("Via", "SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bKcaller")
                .add("Max-Forwards", 69)
                .add("From", "<sip:alice@a.test>;tag=abc")
                .add("To", "<sip:bob@b.test>")
                .add("Call-ID", "x@1")
                .add("CSeq", "7 INVITE")
                .add("Record-Route", "<sip:10.0.0.9;lr>")
                .body("application/sdp", "v=0\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void responseCopiesViasFromToCallIdAndCseq() {
        SipMsg r = SipMsg.response(180, invite(), "t1");
        String text = new String(r.bytes(), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("SIP/2.0 180 Ringing\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bKproxy\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bKcaller\r\n"
                + "From: <sip:alice@a.test>;tag=abc\r\n"
                + "To: <sip:bob@b.test>;tag=t1\r\n"
                + "Call-ID: x@1\r\n"
                + "CSeq: 7 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n");
        assertThat(r.method()).isEqualTo("INVITE");
        assertThat(r.cseq()).isEqualTo(7);
        assertThat(SipMsg.response(200, SipMsg.request("BYE", "sip:x").add("Via", "v").add("From", "f;tag=1")
                .add("To", "<sip:y>;tag=2").add("Call-ID", "c").add("CSeq", "2 BYE"), "other").get("To"))
                .isEqualTo("<sip:y>;tag=2");
        assertThatThrownBy(() -> SipMsg.response(200, r, null)).hasMessageContaining("answers a request");
    }

    @Test
    void proxyOperationsPushAndPopTheTopVia() {
        SipMsg m = invite().popVia();
        assertThat(m.all("Via")).containsExactly("SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bKcaller");
        m.pushVia("SIP/2.0/UDP 10.0.0.8:5060;branch=z9hG4bKnew");
        assertThat(m.get("Via")).isEqualTo("SIP/2.0/UDP 10.0.0.8:5060;branch=z9hG4bKnew");
        assertThat(m.set("Max-Forwards", 68).get("Max-Forwards")).isEqualTo("68");
        assertThat(m.withRequestUri("sip:bob@10.0.0.3").requestUri()).isEqualTo("sip:bob@10.0.0.3");
        assertThat(m.remove("Record-Route").get("Record-Route")).isNull();
        assertThatThrownBy(() -> m.popRoute()).hasMessageContaining("no Route");
    }

    @Test
    void receivedFillsRportAndAddsReceivedWhereTheRfcsAskForIt() {
        Endpoint nat = Endpoint.of("203.0.113.5", 40001);
        assertThat(SipMsg.received("SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bKa", nat))
                .isEqualTo("SIP/2.0/UDP 10.0.0.1:5060;rport=40001;received=203.0.113.5;branch=z9hG4bKa");
        // no rport and the sent-by is the source: nothing to add (RFC 3261 18.2.1)
        assertThat(SipMsg.received("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa", Endpoint.of("10.0.0.1", 5060)))
                .isEqualTo("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa");
        // a host name in sent-by always gets received
        assertThat(SipMsg.received("SIP/2.0/WS abc.invalid;branch=z9hG4bKa", Endpoint.of("10.0.0.1", 4000)))
                .isEqualTo("SIP/2.0/WS abc.invalid;received=10.0.0.1;branch=z9hG4bKa");
        assertThat(SipMsg.received("SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bKa", Endpoint.of("2001:db8::1", 5060)))
                .isEqualTo("SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bKa");
    }

    @Test
    void contentLengthCountsTheBody() {
        String text = new String(invite().bytes(), StandardCharsets.UTF_8);
        assertThat(text).endsWith("Content-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=0\r\n");
        assertThat(SipMsg.tagOf("<sip:a@b>;tag=xy;foo=1")).isEqualTo("xy");
        assertThat(SipMsg.tagOf("<sip:a@b>")).isNull();
    }
}
