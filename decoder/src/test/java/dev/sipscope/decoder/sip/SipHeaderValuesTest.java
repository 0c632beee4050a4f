package dev.sipscope.decoder.sip;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.sipscope.decoder.sip.SipTexts.bytes;
import static dev.sipscope.decoder.sip.SipTexts.crlf;
import static org.assertj.core.api.Assertions.assertThat;

class SipHeaderValuesTest {
    private final SipDatagramParser parser = new SipDatagramParser();

    private SipMessage parse(String lfText) {
        byte[] b = bytes(crlf(lfText));
        SipMessage m = parser.parse(b, 0, b.length);
        assertThat(m).as("parsed").isNotNull();
        return m;
    }

    @Test
    void multiValueHeadersSplitOutsideQuotesAndAngleBrackets() {
        SipMessage m = parse("""
                REGISTER sip:registrar.example.com SIP/2.0
                Contact: "Doe, John" <sip:john@a.example.com;x=1,2>;expires=10, <sip:john@b.example.com>, sip:john@c.example.com;q=0.1
                Contact: "quote \\" , inside" <sip:d@example.com>
                Route: <sip:p1.example.com;lr>,<sip:p2.example.com;lr>
                Record-Route: <sip:rr1;lr>, <sip:rr2;lr>
                Date: Sat, 13 Nov 2010 23:29:00 GMT
                Via: SIP/2.0/UDP a;branch=z9hG4bK1 , SIP/2.0/UDP b;branch=z9hG4bK2,
                Via: SIP/2.0/UDP c;branch=z9hG4bK3

                """);
        List<SipAddress> contacts = m.contacts();
        assertThat(contacts).hasSize(4);
        assertThat(contacts.get(0).displayName()).isEqualTo("Doe, John");
        assertThat(contacts.get(0).uri().param("x")).isEqualTo("1,2");
        assertThat(contacts.get(0).expiresSeconds()).isEqualTo(10);
        assertThat(contacts.get(1).uri().host()).isEqualTo("b.example.com");
        assertThat(contacts.get(2).uri().host()).isEqualTo("c.example.com");
        assertThat(contacts.get(2).q()).isEqualTo("0.1");
        assertThat(contacts.get(3).displayName()).isEqualTo("quote \" , inside");
        assertThat(m.routes()).extracting(a -> a.uri().host()).containsExactly("p1.example.com", "p2.example.com");
        assertThat(m.recordRoutes()).extracting(a -> a.uri().host()).containsExactly("rr1", "rr2");
        assertThat(m.headerValues(SipHeaderId.DATE)).containsExactly("Sat, 13 Nov 2010 23:29:00 GMT");
        assertThat(m.vias()).extracting(SipVia::host).containsExactly("a", "b", "c");
        assertThat(m.headerValueCount(SipHeaderId.VIA)).isEqualTo(3);
        assertThat(m.topVia().host()).isEqualTo("a");
    }

    @Test
    void contactStarAndEmptyValues() {
        SipMessage m = parse("""
                REGISTER sip:r SIP/2.0
                Contact: *
                Expires: 0
                Allow:
                Supported: ,,timer,

                """);
        assertThat(m.contacts()).hasSize(1);
        assertThat(m.contacts().get(0).isWildcard()).isTrue();
        assertThat(m.expiresSeconds()).isZero();
        assertThat(m.allow()).isEmpty();
        assertThat(m.supported()).containsExactly("timer");
        assertThat(m.has(SipHeaderId.ALLOW)).isTrue();
    }

    @Test
    void singleValueStructuredHeaders() {
        SipMessage m = parse("""
                BYE sip:a SIP/2.0
                Call-ID: f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com
                CSeq:   4711   BYE
                Max-Forwards: 69
                Expires: 7200
                Reason: SIP ;cause=200 ;text="Call completed elsewhere", Q.850;cause=16;text="Terminated"
                Server: HomeServer v2
                User-Agent: Softphone Beta1.5
                Content-Type: multipart/mixed ; boundary="unique-boundary-1" ; charset=UTF-8

                """);
        assertThat(m.cseq().number()).isEqualTo(4711);
        assertThat(m.cseq().method()).isEqualTo(SipMethod.BYE);
        assertThat(m.maxForwards()).isEqualTo(69);
        assertThat(m.expiresSeconds()).isEqualTo(7200);
        assertThat(m.reasons()).hasSize(2);
        assertThat(m.reasons().get(0)).satisfies(r -> {
            assertThat(r.protocol()).isEqualTo("SIP");
            assertThat(r.cause()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("Call completed elsewhere");
        });
        assertThat(m.reasons().get(1).protocol()).isEqualTo("Q.850");
        assertThat(m.reasons().get(1).cause()).isEqualTo(16);
        assertThat(m.server()).isEqualTo("HomeServer v2");
        assertThat(m.userAgent()).isEqualTo("Softphone Beta1.5");
        SipContentType ct = m.contentType();
        assertThat(ct.type()).isEqualTo("multipart");
        assertThat(ct.subtype()).isEqualTo("mixed");
        assertThat(ct.boundary()).isEqualTo("unique-boundary-1");
        assertThat(ct.params().get("charset")).isEqualTo("UTF-8");
        assertThat(ct.isMultipart()).isTrue();
    }

    @Test
    void malformedStructuredHeadersGiveNullOrMinusOne() {
        SipMessage m = parse("""
                BYE sip:a SIP/2.0
                CSeq: BYE 12
                Max-Forwards: seventy
                Expires: -1
                Content-Type:

                """);
        assertThat(m.cseq()).isNull();
        assertThat(m.method()).isEqualTo(SipMethod.BYE);
        assertThat(m.maxForwards()).isEqualTo(-1);
        assertThat(m.expiresSeconds()).isEqualTo(-1);
        assertThat(m.contentType()).isNull();
        assertThat(m.callId()).isNull();
        assertThat(m.from()).isNull();
        assertThat(m.topVia()).isNull();
        assertThat(m.reasons()).isEmpty();
    }

    @Test
    void responseWithoutCSeqHasUnknownMethod() {
        SipMessage m = parse("SIP/2.0 200 OK\n\n");
        assertThat(m.method()).isEqualTo(SipMethod.UNKNOWN);
        assertThat(m.methodName()).isNull();
    }

    @Test
    void callIdIsAByteKeyUsableInMaps() {
        SipMessage a = parse("BYE sip:a SIP/2.0\nCall-ID: abc@host\n\n");
        SipMessage b = parse("SIP/2.0 200 OK\ni:   abc@host  \n\n");
        SipMessage c = parse("BYE sip:a SIP/2.0\nCall-ID: ABC@host\n\n");
        assertThat(a.callId()).isEqualTo(b.callId());
        assertThat(a.callId().hashCode()).isEqualTo(b.callId().hashCode());
        assertThat(a.callId()).isNotEqualTo(c.callId());
        assertThat(a.callIdEquals(b.callId())).isTrue();
        assertThat(a.callIdEquals(c.callId())).isFalse();
        assertThat(a.callId().toString()).isEqualTo("abc@host");
        java.util.Map<ByteKey, String> map = new java.util.HashMap<>();
        map.put(a.callId(), "call");
        assertThat(map.get(ByteKey.of("abc@host"))).isEqualTo("call");
        int i = a.find(SipHeaderId.CALL_ID);
        byte[] value = bytes("abc@host");
        assertThat(a.headerValueEquals(i, value, 0, value.length)).isTrue();
    }

    @Test
    void headerIndexPositionsPointIntoTheMessageBytes() {
        SipMessage m = parse("OPTIONS sip:a SIP/2.0\nVia: SIP/2.0/UDP h\nl: 0\n\n");
        byte[] all = m.toByteArray();
        int i = m.find(SipHeaderId.CONTENT_LENGTH);
        assertThat(new String(all, m.headerNameOffset(i), m.headerNameLength(i))).isEqualTo("l");
        assertThat(new String(all, m.headerValueOffset(i), m.headerValueLength(i))).isEqualTo("0");
        assertThat(m.findNext(SipHeaderId.VIA, 1)).isEqualTo(-1);
    }
}
