package dev.sipscope.decoder.sip;

import dev.sipscope.decoder.sdp.SdpSession;
import org.junit.jupiter.api.Test;

import static dev.sipscope.decoder.sip.SipTexts.bytes;
import static dev.sipscope.decoder.sip.SipTexts.crlf;
import static org.assertj.core.api.Assertions.assertThat;

class SipBodyTest {
    private static final String SDP = crlf("""
            v=0
            o=- 1 1 IN IP4 198.51.100.1
            s=-
            c=IN IP4 198.51.100.1
            t=0 0
            m=audio 4000 RTP/AVP 8
            """);

    private static SipMessage message(String contentType, String body) {
        return message(SipLimits.DEFAULTS, contentType, body);
    }

    private static SipMessage message(SipLimits limits, String contentType, String body) {
        String text = "INVITE sip:b@example.com SIP/2.0\r\nCall-ID: mp\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + bytes(body).length + "\r\n\r\n" + body;
        byte[] b = bytes(text);
        SipMessage m = new SipDatagramParser(limits).parse(b, 0, b.length);
        assertThat(m).isNotNull();
        return m;
    }

    @Test
    void plainSdpBody() {
        SipMessage m = message("application/sdp", SDP);
        assertThat(m.body().isSdp()).isTrue();
        assertThat(m.body().isMultipart()).isFalse();
        assertThat(m.body().parts()).isEmpty();
        assertThat(m.body().length()).isEqualTo(SDP.length());
        assertThat(m.sdp().media().get(0).port()).isEqualTo(4000);
        assertThat(m.sdp()).isSameAs(m.sdp());
    }

    @Test
    void opaqueBodyKeepsTypeAndLength() {
        SipMessage m = message("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n");
        assertThat(m.body().contentType().mediaType()).isEqualTo("application/dtmf-relay");
        assertThat(m.body().length()).isEqualTo(24);
        assertThat(m.body().isSdp()).isFalse();
        assertThat(m.sdp()).isNull();
        assertThat(m.body().problem()).isNull();
    }

    @Test
    void noBody() {
        SipMessage m = message(null, "");
        assertThat(m.bodyLength()).isZero();
        assertThat(m.body().isEmpty()).isTrue();
        assertThat(m.sdp()).isNull();
    }

    @Test
    void sdpWithoutContentTypeIsRecognisedByItsFirstLine() {
        SipMessage m = message(null, SDP);
        assertThat(m.body().contentType()).isNull();
        assertThat(m.sdp()).isNotNull();
    }

    @Test
    void multipartMixedWithSdpAndIsup() {
        String body = crlf("""
                This is the preamble, to be ignored.
                --unique-boundary-1
                Content-Type: application/sdp
                Content-Disposition: session

                """) + SDP + crlf("""

                --unique-boundary-1
                Content-Type: application/isup; version=itu-t92+
                Content-Disposition: signal; handling=optional

                """) + "\u0001\u0010\u0000binary" + crlf("""

                --unique-boundary-1--
                This is the epilogue.
                """);
        SipMessage m = message("multipart/mixed;boundary=unique-boundary-1", body);
        SipBody b = m.body();
        assertThat(b.isMultipart()).isTrue();
        assertThat(b.problem()).isNull();
        assertThat(b.parts()).hasSize(2);
        SipBodyPart sdpPart = b.parts().get(0);
        assertThat(sdpPart.body().contentType().isSdp()).isTrue();
        assertThat(sdpPart.header(SipHeaderId.CONTENT_DISPOSITION)).isEqualTo("session");
        assertThat(sdpPart.header("content-disposition")).isEqualTo("session");
        assertThat(sdpPart.body().text()).isEqualTo(SDP);
        SipBodyPart isup = b.parts().get(1);
        assertThat(isup.body().contentType().mediaType()).isEqualTo("application/isup");
        assertThat(isup.body().contentType().params().get("version")).isEqualTo("itu-t92+");
        assertThat(isup.body().toByteArray()).isEqualTo(bytes("\u0001\u0010\u0000binary"));
        assertThat(isup.headerLines()).containsExactly("Content-Type: application/isup; version=itu-t92+",
                "Content-Disposition: signal; handling=optional");
        SdpSession sdp = m.sdp();
        assertThat(sdp).isNotNull();
        assertThat(sdp.media().get(0).codecs().get(0).encodingName()).isEqualTo("PCMA");
    }

    @Test
    void multipartAlternativeWithQuotedBoundaryAndLfOnly() {
        String body = "--b1\nContent-Type: text/plain\n\nhello\n--b1\nContent-Type: application/sdp\n\n"
                + SDP.replace("\r\n", "\n") + "\n--b1--\n";
        SipMessage m = message("multipart/alternative; boundary=\"b1\"", body);
        assertThat(m.body().parts()).hasSize(2);
        assertThat(m.body().parts().get(0).body().text()).isEqualTo("hello");
        assertThat(m.body().parts().get(1).body().isSdp()).isTrue();
        assertThat(m.sdp().media().get(0).port()).isEqualTo(4000);
        assertThat(m.body().problem()).isNull();
    }

    @Test
    void nestedMultipartRelated() {
        String inner = crlf("""
                --inner
                Content-Type: application/sdp

                """) + SDP + crlf("""

                --inner
                Content-Type: application/resource-lists+xml
                Content-ID: <list@example.com>

                <resource-lists/>
                --inner--""");
        String outer = crlf("""
                --outer
                Content-Type: text/plain

                first
                --outer
                Content-Type: multipart/related; type="application/sdp"; boundary=inner

                """) + inner + crlf("""

                --outer--
                """);
        SipMessage m = message("multipart/mixed; boundary=outer", outer);
        SipBody b = m.body();
        assertThat(b.parts()).hasSize(2);
        SipBody nested = b.parts().get(1).body();
        assertThat(nested.contentType().subtype()).isEqualTo("related");
        assertThat(nested.parts()).hasSize(2);
        assertThat(nested.parts().get(1).header(SipHeaderId.CONTENT_ID)).isEqualTo("<list@example.com>");
        assertThat(nested.parts().get(1).body().text()).isEqualTo("<resource-lists/>");
        assertThat(m.sdp()).isNotNull();
        assertThat(b.problem()).isNull();
    }

    @Test
    void boundaryPrefixInsideContentIsNotADelimiter() {
        String body = crlf("""
                --abc
                Content-Type: text/plain

                --abcdef is not a delimiter
                 --abc neither (not at a line start)
                --abc--
                """);
        SipMessage m = message("multipart/mixed; boundary=abc", body);
        assertThat(m.body().parts()).hasSize(1);
        assertThat(m.body().parts().get(0).body().text())
                .isEqualTo("--abcdef is not a delimiter\r\n --abc neither (not at a line start)");
    }

    @Test
    void partWithoutHeadersAndEmptyPart() {
        String body = "--x\r\n\r\nno headers here\r\n--x\r\n--x\r\nv=0\r\no=- 1 1 IN IP4 1.2.3.4\r\n--x--";
        SipMessage m = message("multipart/mixed; boundary=x", body);
        assertThat(m.body().parts()).hasSize(3);
        assertThat(m.body().parts().get(0).headerCount()).isZero();
        assertThat(m.body().parts().get(0).body().text()).isEqualTo("no headers here");
        assertThat(m.body().parts().get(1).body().length()).isZero();
        assertThat(m.body().parts().get(2).headerCount()).isZero();
        assertThat(m.body().parts().get(2).body().isSdp()).isTrue();
    }

    @Test
    void transportPaddingAfterDelimiterIsTolerated() {
        String body = "--x  \t\r\nContent-Type: text/plain\r\n\r\nok\r\n--x-- \r\n";
        SipMessage m = message("multipart/mixed; boundary=x", body);
        assertThat(m.body().parts()).hasSize(1);
        assertThat(m.body().parts().get(0).body().text()).isEqualTo("ok");
    }

    @Test
    void missingBoundaryParameterOrDelimiter() {
        SipMessage noParam = message("multipart/mixed", "--x\r\n\r\na\r\n--x--");
        assertThat(noParam.body().problem()).isEqualTo(SipMalformed.MULTIPART_NO_BOUNDARY);
        assertThat(noParam.body().parts()).isEmpty();
        assertThat(noParam.body().length()).isEqualTo(15);
        SipMessage noDelimiter = message("multipart/mixed; boundary=zzz", "--x\r\n\r\na\r\n--x--");
        assertThat(noDelimiter.body().problem()).isEqualTo(SipMalformed.MULTIPART_NO_BOUNDARY);
    }

    @Test
    void unterminatedMultipartKeepsWhatItRead() {
        SipMessage m = message("multipart/mixed; boundary=x", "--x\r\nContent-Type: application/sdp\r\n\r\n" + SDP);
        assertThat(m.body().problem()).isEqualTo(SipMalformed.MULTIPART_UNTERMINATED);
        assertThat(m.body().parts()).hasSize(1);
        assertThat(m.sdp()).isNotNull();
    }

    @Test
    void depthLimitKeepsDeepPartsOpaque() {
        String body = nest(6);
        SipMessage m = message("multipart/mixed; boundary=b0", body);
        assertThat(m.body().problem()).isEqualTo(SipMalformed.MULTIPART_TOO_DEEP);
        int depth = 0;
        SipBody b = m.body();
        while (!b.parts().isEmpty()) {
            b = b.parts().get(0).body();
            depth++;
        }
        assertThat(depth).isEqualTo(4);
        assertThat(b.problem()).isEqualTo(SipMalformed.MULTIPART_TOO_DEEP);
        SipMessage shallow = message(SipLimits.DEFAULTS.withMaxMultipartDepth(0), "multipart/mixed; boundary=b0", body);
        assertThat(shallow.body().parts()).isEmpty();
        assertThat(shallow.body().problem()).isEqualTo(SipMalformed.MULTIPART_TOO_DEEP);
    }

    /** A multipart body nested {@code levels} deep, boundaries b0, b1, ... */
    private static String nest(int levels) {
        String content = "Content-Type: text/plain\r\n\r\nleaf";
        for (int i = levels - 1; i >= 0; i--) {
            String b = "b" + i;
            String part = "--" + b + "\r\n" + content + "\r\n--" + b + "--";
            content = i == 0 ? part : "Content-Type: multipart/mixed; boundary=" + b + "\r\n\r\n" + part;
        }
        return content;
    }

    @Test
    void partsLimitStopsReading() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append("--p\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
        }
        sb.append("--p--");
        SipMessage m = message("multipart/mixed; boundary=p", sb.toString());
        assertThat(m.body().parts()).hasSize(32);
        assertThat(m.body().problem()).isEqualTo(SipMalformed.MULTIPART_TOO_MANY_PARTS);
        assertThat(m.body().parts().get(31).body().text()).isEqualTo("part 31");
    }
}
