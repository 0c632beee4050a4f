package dev.sipscope.decoder.sip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static dev.sipscope.decoder.sip.SipTexts.bytes;
import static dev.sipscope.decoder.sip.SipTexts.crlf;
import static org.assertj.core.api.Assertions.assertThat;

class SipStreamFramerTest {
    private static final String MESSAGE_BODY = "MESSAGE sip:bob@example.com SIP/2.0\r\nCall-ID: m1\r\nCSeq: 1 MESSAGE\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 12\r\n\r\nhello\r\nworld";

    private static SipStreamFramer knownSip() {
        return new SipStreamFramer(SipLimits.DEFAULTS);
    }

    private static SipStreamFramer probing() {
        return new SipStreamFramer(new SipDatagramParser(), false, SipTransport.TCP);
    }

    private static Recorder feedWhole(SipStreamFramer f, String stream) {
        Recorder r = new Recorder();
        byte[] b = bytes(stream);
        f.feed(b, 0, b.length, r);
        return r;
    }

    /** Feeds {@code b} in pieces cut at the given offsets. */
    private static Recorder feedCut(SipStreamFramer f, byte[] b, int... cuts) {
        Recorder r = new Recorder();
        int prev = 0;
        for (int c : cuts) {
            f.feed(b, prev, c - prev, r);
            prev = c;
        }
        f.feed(b, prev, b.length - prev, r);
        return r;
    }

    private static Recorder feedBytewise(SipStreamFramer f, byte[] b) {
        Recorder r = new Recorder();
        for (int i = 0; i < b.length; i++) {
            // A copy per byte: the framer must not keep references to the caller's array.
            byte[] one = {b[i]};
            f.feed(one, 0, 1, r);
        }
        return r;
    }

    @Test
    void severalMessagesInOneSegment() {
        String stream = SipTexts.invite() + crlf(SipTexts.RINGING) + MESSAGE_BODY + crlf(SipTexts.BYE);
        SipStreamFramer f = knownSip();
        Recorder r = feedWhole(f, stream);
        assertThat(r.messageTexts()).containsExactly(SipTexts.invite(), crlf(SipTexts.RINGING), MESSAGE_BODY,
                crlf(SipTexts.BYE));
        assertThat(r.malformed()).isEmpty();
        assertThat(r.messages.get(0).sdp()).isNotNull();
        assertThat(r.messages.get(2).body().text()).isEqualTo("hello\r\nworld");
        assertThat(f.messages()).isEqualTo(4);
        assertThat(f.bufferedBytes()).isZero();
    }

    /** The same stream with CRLF, LF-only and mixed line ends, keep-alives between messages. */
    private static String mixedStream() {
        String lfBye = SipTexts.BYE;
        String mixed = "SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK9\nCall-ID: c9\r\nCSeq: 9 BYE\n"
                + "Content-Length: 4\r\n\nbody";
        return "\r\n\r\n" + SipTexts.invite() + "\r\n\r\n" + lfBye + "\r\n" + mixed + crlf(SipTexts.RINGING) + "\n\n"
                + MESSAGE_BODY;
    }

    @Test
    void crlfLfAndMixedLineEndsWithKeepAlives() {
        Recorder r = feedWhole(knownSip(), mixedStream());
        assertThat(r.messages).hasSize(5);
        assertThat(r.messages).extracting(SipMessage::startLine).containsExactly(
                "INVITE sip:bob@biloxi.example.com SIP/2.0", "BYE sip:alice@pc33.atlanta.example.com SIP/2.0",
                "SIP/2.0 200 OK", "SIP/2.0 180 Ringing", "MESSAGE sip:bob@example.com SIP/2.0");
        assertThat(r.messages.get(1).text()).isEqualTo(SipTexts.BYE);
        assertThat(r.messages.get(2).body().text()).isEqualTo("body");
        assertThat(r.messages.get(2).callIdText()).isEqualTo("c9");
        assertThat(r.events.stream().filter(e -> e.equals("keep-alive")).count()).isEqualTo(4);
        assertThat(r.malformed()).isEmpty();
    }

    @Test
    void everySplitPointGivesTheSameMessages() {
        byte[] b = bytes(mixedStream());
        List<String> expected = feedWhole(knownSip(), mixedStream()).events;
        for (int cut = 0; cut <= b.length; cut++) {
            assertThat(feedCut(knownSip(), b, cut).events).as("cut at %d", cut).isEqualTo(expected);
        }
    }

    @Test
    void everyPairOfSplitPointsOnOneMessageGivesTheSameMessage() {
        byte[] b = bytes(MESSAGE_BODY + "\r\n" + crlf(SipTexts.BYE));
        List<String> expected = feedWhole(knownSip(), new String(b, java.nio.charset.StandardCharsets.UTF_8)).events;
        for (int c1 = 0; c1 <= b.length; c1++) {
            for (int c2 = c1; c2 <= b.length; c2 += 3) {
                assertThat(feedCut(knownSip(), b, c1, c2).events).as("cuts %d %d", c1, c2).isEqualTo(expected);
            }
        }
    }

    @Test
    void oneByteAtATimeGivesTheSameMessages() {
        byte[] b = bytes(mixedStream());
        List<String> expected = feedWhole(knownSip(), mixedStream()).events;
        assertThat(feedBytewise(knownSip(), b).events).isEqualTo(expected);
        assertThat(feedBytewise(probing(), b).events).isEqualTo(expected);
    }

    @Test
    void randomSplitsGiveTheSameMessages() {
        byte[] b = bytes(mixedStream() + mixedStream());
        List<String> expected = feedWhole(knownSip(), mixedStream() + mixedStream()).events;
        Random random = new Random(20240601L);
        for (int run = 0; run < 200; run++) {
            int[] cuts = random.ints(random.nextInt(12), 0, b.length + 1).sorted().toArray();
            assertThat(feedCut(knownSip(), b, cuts).events).as("run %d", run).isEqualTo(expected);
        }
    }

    @Test
    void missingContentLengthMeansNoBodyOnStreams() {
        Recorder r = feedWhole(knownSip(), "OPTIONS sip:a SIP/2.0\r\nCall-ID: 1\r\n\r\nOPTIONS sip:b SIP/2.0\r\n\r\n");
        assertThat(r.messages).hasSize(2);
        assertThat(r.messages.get(0).declaredContentLength()).isEqualTo(-1);
        assertThat(r.messages.get(0).bodyLength()).isZero();
        assertThat(r.messages.get(1).requestUriText()).isEqualTo("sip:b");
    }

    @Test
    void foldedHeadersOnStreams() {
        String text = "INVITE sip:a SIP/2.0\r\nSubject: one\r\n two\r\nVia: SIP/2.0/TCP h1;branch=z9hG4bK1,\r\n"
                + "\tSIP/2.0/TCP h2;branch=z9hG4bK2\r\nContent-Length: 0\r\n\r\n";
        byte[] b = bytes(text);
        Recorder r = feedBytewise(knownSip(), b);
        SipMessage m = r.messages.get(0);
        assertThat(m.header(SipHeaderId.SUBJECT)).isEqualTo("one   two");
        assertThat(m.vias()).extracting(SipVia::host).containsExactly("h1", "h2");
    }

    @Test
    void gapInsideAKnownBodySkipsExactlyTheRest() {
        SipStreamFramer f = knownSip();
        Recorder r = new Recorder();
        byte[] first = bytes(MESSAGE_BODY);
        int headerLen = MESSAGE_BODY.indexOf("hello");
        f.feed(first, 0, headerLen + 3, r);
        f.gap(4, r);
        byte[] rest = bytes(MESSAGE_BODY.substring(headerLen + 7) + crlf(SipTexts.BYE));
        f.feed(rest, 0, rest.length, r);
        assertThat(r.malformed()).containsExactly("STREAM_GAP");
        assertThat(r.messageTexts()).containsExactly(crlf(SipTexts.BYE));
    }

    @Test
    void gapThatSwallowsTheRestOfABodyStartsAtTheNextMessage() {
        SipStreamFramer f = knownSip();
        Recorder r = new Recorder();
        int headerLen = MESSAGE_BODY.indexOf("hello");
        byte[] first = bytes(MESSAGE_BODY);
        f.feed(first, 0, headerLen, r);
        f.gap(12, r);
        byte[] next = bytes(crlf(SipTexts.BYE));
        f.feed(next, 0, next.length, r);
        assertThat(r.malformed()).containsExactly("STREAM_GAP");
        assertThat(r.messageTexts()).containsExactly(crlf(SipTexts.BYE));
    }

    @Test
    void gapOfUnknownSizeResynchronisesOnTheNextStartLine() {
        SipStreamFramer f = knownSip();
        Recorder r = new Recorder();
        byte[] invite = bytes(SipTexts.invite());
        f.feed(invite, 0, 100, r);
        f.gap(-1, r);
        // Resume in the middle of the SDP of some other message, then a whole BYE.
        byte[] rest = bytes("IP4 192.0.2.101\r\nt=0 0\r\nm=audio 49172 RTP/AVP 0\r\n" + crlf(SipTexts.BYE)
                + crlf(SipTexts.RINGING));
        f.feed(rest, 0, rest.length, r);
        assertThat(r.malformed()).containsExactly("STREAM_GAP");
        assertThat(r.messageTexts()).containsExactly(crlf(SipTexts.BYE), crlf(SipTexts.RINGING));
    }

    @Test
    void gapBetweenMessagesLosesNothingElse() {
        SipStreamFramer f = knownSip();
        Recorder r = new Recorder();
        byte[] bye = bytes(crlf(SipTexts.BYE));
        f.feed(bye, 0, bye.length, r);
        f.gap(500, r);
        byte[] ringing = bytes(crlf(SipTexts.RINGING));
        f.feed(ringing, 0, ringing.length, r);
        assertThat(r.malformed()).isEmpty();
        assertThat(r.messages).hasSize(2);
    }

    @Test
    void resyncIgnoresLinesThatOnlyLookLikeStartLines() {
        SipStreamFramer f = knownSip();
        Recorder r = new Recorder();
        f.gap(-1, r);
        byte[] rest = bytes("a=sendrecv\r\nNOTIFY but not a request line\r\nSIP/2.0 OK\r\nINVITE urn:x SIP/2.0\r\n"
                + "FOO sip:x SIP/1.0\r\n" + crlf(SipTexts.BYE));
        f.feed(rest, 0, rest.length, r);
        assertThat(r.malformed()).isEmpty();
        assertThat(r.messageTexts()).containsExactly(crlf(SipTexts.BYE));
    }

    @Test
    void garbageOnAKnownSipStreamIsReportedOnceThenSkipped() {
        Recorder r = feedWhole(knownSip(), "\u0000\u0001binary junk\r\nmore junk\r\n" + crlf(SipTexts.BYE)
                + "not sip at all\r\n\r\n" + crlf(SipTexts.RINGING));
        assertThat(r.malformed()).containsExactly("NOT_SIP", "NOT_SIP");
        assertThat(r.messages).hasSize(2);
    }

    @Test
    void badContentLengthDeliversTheHeadersFlaggedAndFindsTheNextMessage() {
        SipStreamFramer f = knownSip();
        Recorder r = feedWhole(f, "INVITE sip:a SIP/2.0\r\nCall-ID: bad\r\nContent-Length: -4\r\n\r\nv=0\r\n"
                + crlf(SipTexts.BYE));
        assertThat(r.malformed()).isEmpty();
        assertThat(r.messages).hasSize(2);
        SipMessage flagged = r.messages.get(0);
        assertThat(flagged.problem()).isEqualTo(SipMalformed.BAD_CONTENT_LENGTH);
        assertThat(flagged.callIdText()).isEqualTo("bad");
        assertThat(flagged.bodyLength()).isZero();
        assertThat(r.messages.get(1).text()).isEqualTo(crlf(SipTexts.BYE));
        assertThat(f.malformed()).isEqualTo(1);
    }

    @Test
    void overLimitHeadersAreReportedWithBoundedBuffering() {
        SipLimits limits = SipLimits.DEFAULTS.withMaxMessageBytes(1024).withMaxHeaderLineBytes(256).withMaxHeaders(8);
        SipStreamFramer f = new SipStreamFramer(limits);
        Recorder r = new Recorder();
        StringBuilder many = new StringBuilder("OPTIONS sip:a SIP/2.0\r\n");
        for (int i = 0; i < 9; i++) {
            many.append("X-").append(i).append(": v\r\n");
        }
        byte[] a = bytes(many + "\r\n" + "OPTIONS sip:" + "x".repeat(300) + " SIP/2.0\r\n\r\n"
                + "OPTIONS sip:a SIP/2.0\r\nSubject: " + "y".repeat(300) + "\r\n\r\n");
        for (byte x : a) {
            f.feed(new byte[] {x}, 0, 1, r);
            assertThat(f.bufferedBytes()).isLessThanOrEqualTo(1024);
        }
        // A header block that never ends: given up at the message limit, buffer never larger.
        byte[] endless = bytes("OPTIONS sip:a SIP/2.0\r\n" + "X: y\r\n".repeat(6) + "Z".repeat(200) + "\r\n"
                + "Q".repeat(5000));
        for (byte x : endless) {
            f.feed(new byte[] {x}, 0, 1, r);
            assertThat(f.bufferedBytes()).isLessThanOrEqualTo(1024);
        }
        byte[] bye = bytes("\r\n" + crlf(SipTexts.BYE));
        f.feed(bye, 0, bye.length, r);
        // The over-long start line comes while resynchronising after the first problem: skipped silently.
        assertThat(r.malformed()).containsExactly("TOO_MANY_HEADERS", "HEADER_LINE_TOO_LONG", "HEADER_LINE_TOO_LONG");
        assertThat(r.messages).hasSize(1);
    }

    @Test
    void overLongContinuationLineWithNothingToContinueIsTooLongWholeOrBytewise() {
        // Found by fuzzing: before any header, a folded line over the limit was an invalid line when
        // its line end was in view and too long when it was not, so the verdict hung on the pieces.
        SipLimits limits = SipLimits.DEFAULTS.withMaxHeaderLineBytes(128);
        byte[] b = bytes("SIP/2.0 180 Ringing\r\n " + "z".repeat(200) + "\r\nVia: x\r\n\r\n" + crlf(SipTexts.BYE));
        Recorder whole = feedCut(new SipStreamFramer(limits), b);
        Recorder bytewise = feedBytewise(new SipStreamFramer(limits), b);
        assertThat(whole.malformed()).containsExactly("HEADER_LINE_TOO_LONG");
        assertThat(bytewise.malformed()).isEqualTo(whole.malformed());
        assertThat(bytewise.messages).hasSameSizeAs(whole.messages).hasSize(1);
    }

    @Test
    void messageLargerThanTheLimitIsTooLarge() {
        SipLimits limits = SipLimits.DEFAULTS.withMaxMessageBytes(512).withMaxHeaderLineBytes(128);
        StringBuilder big = new StringBuilder("OPTIONS sip:a SIP/2.0\r\n");
        for (int i = 0; i < 20; i++) {
            big.append("X-Header-").append(i).append(": some value\r\n");
        }
        Recorder r = feedWhole(new SipStreamFramer(limits), big + "\r\n" + crlf(SipTexts.BYE));
        assertThat(r.malformed()).containsExactly("TOO_LARGE");
        assertThat(r.messageTexts()).containsExactly(crlf(SipTexts.BYE));
        // Bodies beyond the limit: the headers are delivered, flagged, and the body skipped.
        String head = "MESSAGE sip:a SIP/2.0\r\nContent-Length: 600\r\n\r\n";
        Recorder body = feedWhole(new SipStreamFramer(limits), head + "b".repeat(600) + crlf(SipTexts.BYE));
        assertThat(body.malformed()).isEmpty();
        assertThat(body.messageTexts()).containsExactly(head, crlf(SipTexts.BYE));
        assertThat(body.messages.get(0).problem()).isEqualTo(SipMalformed.CONTENT_LENGTH_TOO_LARGE);
        assertThat(body.messages.get(0).declaredContentLength()).isEqualTo(600);
        Recorder absurd = feedWhole(new SipStreamFramer(limits),
                "MESSAGE sip:a SIP/2.0\r\nContent-Length: 100000\r\n\r\nshort\r\n" + crlf(SipTexts.BYE));
        assertThat(absurd.messages).hasSize(2);
        assertThat(absurd.messages.get(0).problem()).isEqualTo(SipMalformed.CONTENT_LENGTH_TOO_LARGE);
        assertThat(absurd.messages.get(1).text()).isEqualTo(crlf(SipTexts.BYE));
    }

    @Test
    void closeInTheMiddleOfAMessageIsUnterminated() {
        SipStreamFramer f = knownSip();
        Recorder r = new Recorder();
        byte[] invite = bytes(SipTexts.invite());
        f.feed(invite, 0, invite.length - 10, r);
        f.close(r);
        assertThat(r.malformed()).containsExactly("STREAM_UNTERMINATED");
        f.feed(invite, 0, invite.length, r);
        assertThat(r.messages).isEmpty();
        assertThat(f.isIgnored()).isTrue();
        SipStreamFramer clean = knownSip();
        Recorder r2 = new Recorder();
        clean.feed(invite, 0, invite.length, r2);
        clean.close(r2);
        assertThat(r2.malformed()).isEmpty();
    }

    @Test
    void probingFindsSipOnAnUnknownPortFromTheStart() {
        SipStreamFramer f = probing();
        Recorder r = feedWhole(f, crlf(SipTexts.BYE) + "junk line\r\n" + crlf(SipTexts.RINGING));
        assertThat(r.messages).hasSize(2);
        // Once SIP was found, problems are reported.
        assertThat(r.malformed()).containsExactly("NOT_SIP");
    }

    @Test
    void probingJoinsAStreamInTheMiddleOfAMessageSilently() {
        String invite = SipTexts.invite();
        String tail = invite.substring(invite.indexOf("Max-Forwards"));
        Recorder r = feedWhole(probing(), tail + crlf(SipTexts.RINGING) + crlf(SipTexts.BYE));
        assertThat(r.malformed()).isEmpty();
        assertThat(r.messageTexts()).containsExactly(crlf(SipTexts.RINGING), crlf(SipTexts.BYE));
    }

    @Test
    void probingGivesUpOnOtherProtocols() {
        SipStreamFramer f = probing();
        Recorder r = new Recorder();
        byte[] http = bytes("GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n");
        f.feed(http, 0, http.length, r);
        byte[] noise = new byte[70_000];
        new Random(7).nextBytes(noise);
        f.feed(noise, 0, noise.length, r);
        assertThat(f.isIgnored()).isTrue();
        assertThat(r.events).isEmpty();
        byte[] bye = bytes(crlf(SipTexts.BYE));
        f.feed(bye, 0, bye.length, r);
        assertThat(r.events).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 1000})
    void binaryNoiseOnAKnownPortIsBoundedAndNeverThrows(int chunk) {
        SipStreamFramer f = knownSip();
        Recorder r = new Recorder();
        byte[] noise = new byte[200_000];
        new Random(11).nextBytes(noise);
        for (int i = 0; i < noise.length; i += chunk) {
            f.feed(noise, i, Math.min(chunk, noise.length - i), r);
            assertThat(f.bufferedBytes()).isLessThanOrEqualTo(SipLimits.DEFAULTS.maxMessageBytes());
        }
        assertThat(r.messages).isEmpty();
        assertThat(r.malformed()).startsWith("NOT_SIP");
        byte[] bye = bytes("\r\n" + crlf(SipTexts.BYE));
        f.feed(bye, 0, bye.length, r);
        assertThat(r.messages).hasSize(1);
    }
}
