package dev.sipscope.decoder.sip;

import java.nio.charset.StandardCharsets;

/** Hand-written messages shared by the SIP tests. Text blocks use LF; {@link #crlf} turns them into wire form. */
final class SipTexts {
    private SipTexts() {
    }

    static final String SDP_OFFER = """
            v=0
            o=alice 2890844526 2890844526 IN IP4 atlanta.example.com
            s=-
            c=IN IP4 192.0.2.101
            t=0 0
            m=audio 49172 RTP/AVP 0 8 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:20
            """;

    static final String INVITE_HEADERS = """
            INVITE sip:bob@biloxi.example.com SIP/2.0
            Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport
            Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK-1;received=192.0.2.1
            Max-Forwards: 70
            To: Bob <sip:bob@biloxi.example.com>
            From: "Alice \\"A\\" Liddell" <sip:alice@atlanta.example.com>;tag=1928301774
            Call-ID: a84b4c76e66710@pc33.atlanta.example.com
            CSeq: 314159 INVITE
            Contact: <sip:alice@pc33.atlanta.example.com;transport=tcp>;expires=3600;q=0.7
            Allow: INVITE, ACK, CANCEL, BYE, OPTIONS
            Supported: replaces, timer
            User-Agent: sipscope-test/1.0
            Content-Type: application/sdp
            """;

    /** The INVITE with its SDP body and a correct Content-Length, CRLF line ends. */
    static String invite() {
        String body = crlf(SDP_OFFER);
        return crlf(INVITE_HEADERS) + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    static final String RINGING = """
            SIP/2.0 180 Ringing
            Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;received=192.0.2.101
            To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf
            From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
            Call-ID: a84b4c76e66710@pc33.atlanta.example.com
            CSeq: 314159 INVITE
            Contact: <sip:bob@192.0.2.4>
            Content-Length: 0

            """;

    static final String BYE = """
            BYE sip:alice@pc33.atlanta.example.com SIP/2.0
            Via: SIP/2.0/TCP 192.0.2.4;branch=z9hG4bKnashds10
            Max-Forwards: 70
            From: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf
            To: Alice <sip:alice@atlanta.example.com>;tag=1928301774
            Call-ID: a84b4c76e66710@pc33.atlanta.example.com
            CSeq: 231 BYE
            Content-Length: 0

            """;

    static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
