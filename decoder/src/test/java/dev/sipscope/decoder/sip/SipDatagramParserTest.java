package dev.sipscope.decoder.sip;

import dev.sipscope.decoder.sdp.SdpSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.sipscope.decoder.sip.SipTexts.bytes;
import static dev.sipscope.decoder.sip.SipTexts.crlf;
import static org.assertj.core.api.Assertions.assertThat;

class SipDatagramParserTest {
    private final SipDatagramParser parser = new SipDatagramParser();

    private SipMessage parse(String text) {
        byte[] b = bytes(text);
        return parser.parse(b, 0, b.length);
    }

    private SipMalformed malformed(String text) {
        assertThat(parse(text)).isNull();
        return parser.lastMalformed();
    }

    @Test
    void inviteWithSdpGivesEveryStartLineAndHeaderField() {
        SipMessage m = parse(SipTexts.invite());
        assertThat(m).isNotNull();
        assertThat(m.isRequest()).isTrue();
        assertThat(m.method()).isEqualTo(SipMethod.INVITE);
        assertThat(m.methodName()).isEqualTo("INVITE");
        assertThat(m.requestUriText()).isEqualTo("sip:bob@biloxi.example.com");
        assertThat(m.requestUri().host()).isEqualTo("biloxi.example.com");
        assertThat(m.version()).isEqualTo("SIP/2.0");
        assertThat(m.statusCode()).isZero();
        assertThat(m.reasonPhrase()).isNull();
        assertThat(m.headerCount()).isEqualTo(13);
        assertThat(m.headerName(0)).isEqualTo("Via");
        assertThat(m.headerId(0)).isEqualTo(SipHeaderId.VIA);
        assertThat(m.callIdText()).isEqualTo("a84b4c76e66710@pc33.atlanta.example.com");
        assertThat(m.cseq()).isEqualTo(new SipCSeq(314159, SipMethod.INVITE, "INVITE"));
        assertThat(m.fromTag()).isEqualTo("1928301774");
        assertThat(m.from().displayName()).isEqualTo("Alice \"A\" Liddell");
        assertThat(m.toTag()).isNull();
        assertThat(m.vias()).hasSize(2);
        assertThat(m.topVia().branch()).isEqualTo("z9hG4bK776asdhds");
        assertThat(m.maxForwards()).isEqualTo(70);
        assertThat(m.userAgent()).isEqualTo("sipscope-test/1.0");
        assertThat(m.allow()).containsExactly("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS");
        assertThat(m.supported()).containsExactly("replaces", "timer");
        assertThat(m.contentType().isSdp()).isTrue();
        assertThat(m.declaredContentLength()).isEqualTo(m.bodyLength());
        assertThat(m.body().text()).isEqualTo(crlf(SipTexts.SDP_OFFER));
        SdpSession sdp = m.sdp();
        assertThat(sdp).isNotNull();
        assertThat(sdp.media()).hasSize(1);
        assertThat(sdp.media().get(0).port()).isEqualTo(49172);
        assertThat(m.headersTerminated()).isTrue();
        assertThat(m.invalidHeaderLines()).isZero();
        assertThat(m.text()).isEqualTo(SipTexts.invite());
    }

    @ParameterizedTest
    @EnumSource(value = SipMethod.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void everyKnownMethodIsRecognised(SipMethod method) {
        SipMessage m = parse(crlf(method.name() + " sip:x@example.com SIP/2.0\nCall-ID: 1\nCSeq: 1 " + method.name()
                + "\n\n"));
        assertThat(m.method()).isEqualTo(method);
        assertThat(m.isRequest(method)).isTrue();
        assertThat(m.cseq().method()).isEqualTo(method);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FOO", "invite", "X-CUSTOM.1"})
    void unknownMethodsKeepTheirName(String name) {
        SipMessage m = parse(crlf(name + " sip:x@example.com SIP/2.0\nCSeq: 7 " + name + "\n\n"));
        assertThat(m.method()).isEqualTo(SipMethod.UNKNOWN);
        assertThat(m.methodName()).isEqualTo(name);
        assertThat(m.cseq().methodName()).isEqualTo(name);
    }

    @Test
    void responseGivesStatusReasonAndMethodFromCSeq() {
        SipMessage m = parse(crlf(SipTexts.RINGING));
        assertThat(m.isResponse()).isTrue();
        assertThat(m.statusCode()).isEqualTo(180);
        assertThat(m.reasonPhrase()).isEqualTo("Ringing");
        assertThat(m.method()).isEqualTo(SipMethod.INVITE);
        assertThat(m.methodName()).isEqualTo("INVITE");
        assertThat(m.requestUri()).isNull();
        assertThat(m.toTag()).isEqualTo("a6c85cf");
        assertThat(m.contacts().get(0).uri().host()).isEqualTo("192.0.2.4");
    }

    @Test
    void reasonPhraseMayHaveSpacesOrBeEmpty() {
        assertThat(parse("SIP/2.0 486 Busy Here Now\r\n\r\n").reasonPhrase()).isEqualTo("Busy Here Now");
        assertThat(parse("SIP/2.0 200\r\n\r\n").reasonPhrase()).isEmpty();
        assertThat(parse("SIP/2.0 200 \r\n\r\n").reasonPhrase()).isEmpty();
    }

    @Test
    void compactFormsMapToTheirHeaders() {
        SipMessage m = parse(crlf("""
                MESSAGE sip:bob@example.com SIP/2.0
                i: call-1
                f: <sip:a@example.com>;tag=f1
                t: <sip:b@example.com>;tag=t1
                v: SIP/2.0/UDP h1;branch=z9hG4bK1, SIP/2.0/UDP h2;branch=z9hG4bK2
                m: <sip:a@10.0.0.1>
                l: 5
                c: text/plain
                k: 100rel
                s: hello
                e: gzip
                o: presence
                u: dialog
                r: <sip:c@example.com>
                b: <sip:d@example.com>
                x: 1800;refresher=uac
                y: abc
                CSEQ: 1 MESSAGE

                hello"""));
        assertThat(m.callIdText()).isEqualTo("call-1");
        assertThat(m.fromTag()).isEqualTo("f1");
        assertThat(m.toTag()).isEqualTo("t1");
        assertThat(m.vias()).extracting(SipVia::branch).containsExactly("z9hG4bK1", "z9hG4bK2");
        assertThat(m.contacts()).hasSize(1);
        assertThat(m.declaredContentLength()).isEqualTo(5);
        assertThat(m.contentType().mediaType()).isEqualTo("text/plain");
        assertThat(m.supported()).containsExactly("100rel");
        assertThat(m.header(SipHeaderId.SUBJECT)).isEqualTo("hello");
        assertThat(m.header(SipHeaderId.CONTENT_ENCODING)).isEqualTo("gzip");
        assertThat(m.header(SipHeaderId.EVENT)).isEqualTo("presence");
        assertThat(m.header(SipHeaderId.ALLOW_EVENTS)).isEqualTo("dialog");
        assertThat(m.address(SipHeaderId.REFER_TO).uri().user()).isEqualTo("c");
        assertThat(m.address(SipHeaderId.REFERRED_BY).uri().user()).isEqualTo("d");
        assertThat(m.header(SipHeaderId.SESSION_EXPIRES)).isEqualTo("1800;refresher=uac");
        assertThat(m.header(SipHeaderId.IDENTITY)).isEqualTo("abc");
        assertThat(m.cseq().number()).isEqualTo(1);
        assertThat(m.header("Call-ID")).isEqualTo("call-1");
        assertThat(m.header("i")).isEqualTo("call-1");
        assertThat(m.header("CALL-id")).isEqualTo("call-1");
        assertThat(m.body().text()).isEqualTo("hello");
    }

    @Test
    void headerNamesAreCaseInsensitiveAndUnknownOnesFoundByName() {
        SipMessage m = parse(crlf("OPTIONS sip:x SIP/2.0\nvIA : SIP/2.0/UDP h\nX-Custom-Thing:  some value \n\n"));
        assertThat(m.headerId(0)).isEqualTo(SipHeaderId.VIA);
        assertThat(m.topVia().host()).isEqualTo("h");
        assertThat(m.headerId(1)).isEqualTo(SipHeaderId.OTHER);
        assertThat(m.header("x-custom-THING")).isEqualTo("some value");
        assertThat(m.header("X-Absent")).isNull();
    }

    @Test
    void foldedHeaderLinesAreJoined() {
        SipMessage m = parse(crlf("""
                INVITE sip:x SIP/2.0
                Subject: I know you're there,
                   pick up the phone
                \tand talk to me!
                Via: SIP/2.0/UDP h1;branch=z9hG4bK1,
                 SIP/2.0/UDP h2;branch=z9hG4bK2
                Call-ID: abc

                """));
        assertThat(m.headerCount()).isEqualTo(3);
        assertThat(m.header(SipHeaderId.SUBJECT).replaceAll("\\s+", " "))
                .isEqualTo("I know you're there, pick up the phone and talk to me!");
        assertThat(m.header(SipHeaderId.SUBJECT)).doesNotContain("\r").doesNotContain("\n");
        assertThat(m.vias()).extracting(SipVia::host).containsExactly("h1", "h2");
        assertThat(m.callIdText()).isEqualTo("abc");
    }

    @Test
    void lfOnlyAndMixedLineEndsAreTolerated() {
        String lf = "SIP/2.0 200 OK\nCall-ID: x1\r\nCSeq: 2 BYE\nContent-Length: 3\n\nabc";
        SipMessage m = parse(lf);
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.callIdText()).isEqualTo("x1");
        assertThat(m.cseq().method()).isEqualTo(SipMethod.BYE);
        assertThat(m.body().text()).isEqualTo("abc");
    }

    @Test
    void leadingLineEndsAreSkipped() {
        SipMessage m = parse("\r\n\r\n\nBYE sip:a SIP/2.0\r\nCall-ID: 1\r\n\r\n");
        assertThat(m.method()).isEqualTo(SipMethod.BYE);
        assertThat(m.startLine()).isEqualTo("BYE sip:a SIP/2.0");
        assertThat(m.length()).isEqualTo("BYE sip:a SIP/2.0\r\nCall-ID: 1\r\n\r\n".length());
    }

    @Test
    void lineEndsAloneAndStunAreKeepAlivesNotMalformed() {
        assertThat(parse("\r\n\r\n")).isNull();
        assertThat(parser.lastWasKeepAlive()).isTrue();
        assertThat(parser.lastMalformed()).isNull();
        byte[] stun = new byte[20];
        stun[1] = 1;
        stun[4] = 0x21;
        stun[5] = 0x12;
        stun[6] = (byte) 0xa4;
        stun[7] = 0x42;
        assertThat(parser.parse(stun, 0, stun.length)).isNull();
        assertThat(parser.lastWasKeepAlive()).isTrue();
    }

    @Test
    void withoutContentLengthTheBodyIsTheRestOfTheDatagram() {
        SipMessage m = parse("MESSAGE sip:a SIP/2.0\r\nContent-Type: text/plain\r\n\r\nhello world");
        assertThat(m.declaredContentLength()).isEqualTo(-1);
        assertThat(m.body().text()).isEqualTo("hello world");
    }

    @Test
    void shorterContentLengthTrimsTheBody() {
        SipMessage m = parse("MESSAGE sip:a SIP/2.0\r\nContent-Length: 5\r\n\r\nhello world");
        assertThat(m.body().text()).isEqualTo("hello");
        assertThat(m.length()).isEqualTo("MESSAGE sip:a SIP/2.0\r\nContent-Length: 5\r\n\r\nhello".length());
    }

    @Test
    void longerContentLengthIsMalformedButTheMessageIsKept() {
        SipMessage m = parse("MESSAGE sip:a SIP/2.0\r\nCall-ID: 1\r\nContent-Length: 50\r\n\r\nhello");
        assertThat(m.problem()).isEqualTo(SipMalformed.CONTENT_LENGTH_EXCEEDS_DATAGRAM);
        assertThat(m.declaredContentLength()).isEqualTo(50);
        assertThat(m.body().text()).isEqualTo("hello");
        assertThat(m.callIdText()).isEqualTo("1");
        assertThat(parser.lastMalformed()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "abc", "12x", "99999999999999999999999", "1 2", ""})
    void unreadableContentLengthIsMalformedButTheMessageIsKept(String value) {
        SipMessage m = parse("BYE sip:a SIP/2.0\r\nContent-Length: " + value + "\r\n\r\nrest");
        assertThat(m.problem()).isEqualTo(SipMalformed.BAD_CONTENT_LENGTH);
        assertThat(m.declaredContentLength()).isEqualTo(-2);
        assertThat(m.body().text()).isEqualTo("rest");
    }

    @Test
    void disagreeingContentLengthsAreMalformed() {
        assertThat(parse("BYE sip:a SIP/2.0\r\nContent-Length: 0\r\nl: 3\r\n\r\nabc").problem())
                .isEqualTo(SipMalformed.BAD_CONTENT_LENGTH);
        SipMessage agreeing = parse("BYE sip:a SIP/2.0\r\nContent-Length: 3\r\nl: 3\r\n\r\nabc");
        assertThat(agreeing.problem()).isNull();
        assertThat(agreeing.body().text()).isEqualTo("abc");
    }

    @Test
    void absurdContentLengthExceedsTheDatagram() {
        assertThat(parse("BYE sip:a SIP/2.0\r\nContent-Length: 999999999999\r\n\r\n").problem())
                .isEqualTo(SipMalformed.CONTENT_LENGTH_EXCEEDS_DATAGRAM);
    }

    @Test
    void wellFramedMessagesHaveNoProblem() {
        assertThat(parse(SipTexts.invite()).problem()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 200 OK\r\n\r\n", "GET / HTTP/1.1\r\n\r\n", "hello\r\n", " INVITE sip:a SIP/2.0\r\n",
        "\u0000\u0001\u0002garbage", "{\"json\": 1}"})
    void otherProtocolsAndGarbageAreNotSip(String text) {
        assertThat(malformed(text)).isEqualTo(SipMalformed.NOT_SIP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIP/2.0 20 OK\r\n\r\n", "SIP/2.0 2000 OK\r\n\r\n", "SIP/2.0 099 Low\r\n\r\n",
        "SIP/2.0 700 High\r\n\r\n", "SIP/2.0\r\n\r\n", "SIP/x.y 200 OK\r\n\r\n", "INVITE sip:a@b\r\n\r\n",
        "INVITE  SIP/2.0\r\n\r\n", "INVITE sip:a SIP/2.0 extra\r\n\r\n", "BYE sip:a SIP/2\r\n\r\n",
        "FOO sip:a SIP/2.0x\r\n\r\n"})
    void brokenStartLinesAreBadStartLines(String text) {
        assertThat(malformed(text)).isEqualTo(SipMalformed.BAD_START_LINE);
    }

    @Test
    void otherSipVersionsAreKept() {
        assertThat(parse("SIP/3.0 200 OK\r\n\r\n").version()).isEqualTo("SIP/3.0");
        assertThat(parse("BYE sip:a sip/2.0\r\n\r\n").version()).isEqualTo("sip/2.0");
    }

    @Test
    void headersWithoutTheirEmptyLineStillGiveAMessage() {
        SipMessage m = parse("OPTIONS sip:a SIP/2.0\r\nCall-ID: 7\r\nCSeq: 1 OPTIONS");
        assertThat(m.headersTerminated()).isFalse();
        assertThat(m.cseq().number()).isEqualTo(1);
        assertThat(m.bodyLength()).isZero();
        SipMessage startOnly = parse("OPTIONS sip:a SIP/2.0");
        assertThat(startOnly.headerCount()).isZero();
    }

    @Test
    void linesWithoutColonAreSkippedAndCounted() {
        SipMessage m = parse("OPTIONS sip:a SIP/2.0\r\nthis is not a header\r\nCall-ID: 1\r\n: empty name\r\n\r\n");
        assertThat(m.headerCount()).isEqualTo(1);
        assertThat(m.invalidHeaderLines()).isEqualTo(2);
        assertThat(m.callIdText()).isEqualTo("1");
    }

    @Test
    void tooManyHeadersIsMalformed() {
        SipDatagramParser small = new SipDatagramParser(SipLimits.DEFAULTS.withMaxHeaders(3));
        byte[] ok = bytes("BYE sip:a SIP/2.0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n");
        assertThat(small.parse(ok, 0, ok.length)).isNotNull();
        byte[] tooMany = bytes("BYE sip:a SIP/2.0\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n");
        assertThat(small.parse(tooMany, 0, tooMany.length)).isNull();
        assertThat(small.lastMalformed()).isEqualTo(SipMalformed.TOO_MANY_HEADERS);
    }

    @Test
    void defaultLimitAllows256HeadersAndNoMore() {
        StringBuilder sb = new StringBuilder("BYE sip:a SIP/2.0\r\n");
        for (int i = 0; i < 256; i++) {
            sb.append("X-H").append(i).append(": v\r\n");
        }
        assertThat(parse(sb + "\r\n")).isNotNull();
        assertThat(malformed(sb + "X-One-More: v\r\n\r\n")).isEqualTo(SipMalformed.TOO_MANY_HEADERS);
    }

    @Test
    void overLongHeaderLineIsMalformed() {
        String longValue = "x".repeat(8 * 1024);
        assertThat(malformed("BYE sip:a SIP/2.0\r\nSubject: " + longValue + "\r\n\r\n"))
                .isEqualTo(SipMalformed.HEADER_LINE_TOO_LONG);
        assertThat(malformed("BYE sip:" + longValue + " SIP/2.0\r\n\r\n")).isEqualTo(SipMalformed.HEADER_LINE_TOO_LONG);
        assertThat(parse("BYE sip:a SIP/2.0\r\nSubject: " + "x".repeat(8000) + "\r\n\r\n")).isNotNull();
    }

    @Test
    void overLongContinuationLineBeforeAnyHeaderIsMalformed() {
        assertThat(malformed("BYE sip:a SIP/2.0\r\n " + "x".repeat(8 * 1024 + 1) + "\r\nCall-ID: 1\r\n\r\n"))
                .isEqualTo(SipMalformed.HEADER_LINE_TOO_LONG);
        assertThat(parse("BYE sip:a SIP/2.0\r\n " + "x".repeat(8 * 1024 - 1) + "\r\nCall-ID: 1\r\n\r\n")).isNotNull();
    }

    @Test
    void overLongFoldedHeaderIsMalformed() {
        String part = "y".repeat(3000);
        assertThat(malformed("BYE sip:a SIP/2.0\r\nSubject: " + part + "\r\n " + part + "\r\n " + part + "\r\n\r\n"))
                .isEqualTo(SipMalformed.HEADER_LINE_TOO_LONG);
    }

    @Test
    void messageOverTheSizeLimitIsMalformed() {
        SipDatagramParser small = new SipDatagramParser(SipLimits.DEFAULTS.withMaxMessageBytes(256));
        byte[] b = bytes("MESSAGE sip:a SIP/2.0\r\n\r\n" + "z".repeat(300));
        assertThat(small.parse(b, 0, b.length)).isNull();
        assertThat(small.lastMalformed()).isEqualTo(SipMalformed.TOO_LARGE);
    }

    @Test
    void parsesWithinALargerArrayAndCopiesOut() {
        byte[] framed = bytes("JUNK" + SipTexts.crlf(SipTexts.BYE) + "TAIL");
        SipMessage m = parser.parse(framed, 4, framed.length - 8);
        assertThat(m.method()).isEqualTo(SipMethod.BYE);
        java.util.Arrays.fill(framed, (byte) 'Q');
        assertThat(m.callIdText()).isEqualTo("a84b4c76e66710@pc33.atlanta.example.com");
        assertThat(m.text()).isEqualTo(SipTexts.crlf(SipTexts.BYE));
    }

    @Test
    void looksLikeSipIsCheapRoutingTest() {
        byte[] rtp = {(byte) 0x80, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(parser.looksLikeSip(rtp, 0, rtp.length)).isFalse();
        byte[] sip = bytes(SipTexts.crlf(SipTexts.BYE));
        assertThat(parser.looksLikeSip(sip, 0, sip.length)).isTrue();
    }
}
