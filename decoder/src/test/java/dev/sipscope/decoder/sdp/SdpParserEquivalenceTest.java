package dev.sipscope.decoder.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte scanner {@link SdpParser} reads every input exactly as the regular-expression reader it
 * replaced ({@link LegacySdpParser}) did: same session, same media, same Strings, same malformed
 * count, over generated descriptions full of the awkward cases (tabs and runs of blanks, control
 * characters at the ends of values, multi-byte and non-ASCII-whitespace characters, malformed UTF-8,
 * slashes in the wrong places, huge numbers, missing fields) and over random byte mutations of a
 * real offer. Fixed seeds.
 */
class SdpParserEquivalenceTest {

    private static final String OFFER = "v=0\r\n"
            + "o=alice 2890844526 2890844526 IN IP4 192.0.2.101\r\n"
            + "s=-\r\n"
            + "c=IN IP4 192.0.2.101\r\n"
            + "b=AS:64\r\n"
            + "t=0 0\r\n"
            + "a=group:BUNDLE a v\r\n"
            + "m=audio 49172 RTP/AVP 0 8 18 101\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:18 G729/8000\r\n"
            + "a=fmtp:18 annexb=no\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-16\r\n"
            + "a=ptime:20\r\n"
            + "a=rtcp:49173 IN IP4 192.0.2.102\r\n"
            + "a=sendrecv\r\n"
            + "m=video 51372/2 RTP/SAVPF 96 97\r\n"
            + "c=IN IP6 FF15::101/3\r\n"
            + "a=rtpmap:96 H264/90000\r\n"
            + "a=rtpmap:97 opus/48000/2\r\n"
            + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR\r\n"
            + "a=fingerprint:sha-256 4A:AD:B9:B1\r\n"
            + "a=setup:ActPass\r\n"
            + "a=ice-ufrag:F7gI\r\n"
            + "a=rtcp-mux\r\n"
            + "a=recvonly\r\n";

    private static final String[] TYPES = {"v", "o", "s", "c", "b", "t", "m", "a", "i", "u", "k", "z", "V", "", "é", "1"};
    private static final String[] TOKENS = {
        "0", "8", "101", "127", "128", "-1", "00", "007", "2890844526", "99999999999999999999", "4294967296",
        "IN", "in", "IP4", "IP6", "ip6", "ıP6", "192.0.2.1", "0.0.0.0", "::", "FF15::101", "224.2.1.1/127/3",
        "224.2.1.1/127", "a/1/2/3", "/5", "x//", "host/", "RTP/AVP", "RTP/SAVPF", "udptl", "audio", "video",
        "49170", "49170/2", "65536", "65535/0", "1/x", "PCMU/8000", "PCMU/8000/1", "opus/48000/2", "PCMU/",
        "/8000", "PCMU/8000/", "PCMU/0", "G729/8000/2/1", "telephone-event/8000", "rtpmap:0", "rtpmap:96",
        "RTPMAP:8", " rtpmap :8", "ptime:20", "ptime:20.5", "ptime: 30 ", "maxptime:abc", "ptime:", "rtcp:5000",
        "rtcp:70000", "rtcp:5001 IN IP4 10.0.0.1", "rtcp:5001 IN IP4", "rtcp", "rtcp-mux", "sendonly", "SENDONLY",
        "recvonly", "inactive", "sendrecv:x", "fingerprint:sha-1 AB:CD", "fingerprint:x", "setup:active",
        "setup: ", "setup:\u3000", "ice-ufrag:", "ice-ufrag:abc", "ice-ufrag:\u2028", "fmtp:101 0-15", "fmtp:x",
        "crypto:1 AES", "crypto:", ":", "::", "a:b:c", "AS:64", "AS:", ":64", "CT: 1000 ", "x:-5", "é", "ü:ü",
        "\u00e9t\u00e9", "\u4e2d\u6587", "\ud83d\ude00", "",
    };
    private static final String[] BLANKS = {" ", "  ", "\t", " \t ", "\f", "\u000b", "\u0000", "\u001f", "\r", "\u3000",
        "\u2028", "\u00a0"};

    @Test
    void generatedDescriptionsParseAsTheRegularExpressionReaderDid() {
        Random r = new Random(0x5dbL);
        for (int n = 0; n < 20_000; n++) {
            byte[] input = generated(r);
            assertSame(input);
        }
    }

    @Test
    void mutatedOffersParseAsTheRegularExpressionReaderDid() {
        Random r = new Random(42);
        byte[] offer = OFFER.getBytes(StandardCharsets.UTF_8);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = offer.clone();
            int edits = 1 + r.nextInt(8);
            for (int k = 0; k < edits; k++) {
                int at = r.nextInt(b.length);
                switch (r.nextInt(4)) {
                    case 0 -> b[at] = (byte) r.nextInt(256);
                    case 1 -> b[at] = (byte) " \t/:=\r\n".charAt(r.nextInt(7));
                    case 2 -> b[at] = (byte) (0x80 | r.nextInt(0x80));
                    default -> b = java.util.Arrays.copyOf(b, at);
                }
                if (b.length == 0) {
                    break;
                }
            }
            assertSame(b);
        }
    }

    @Test
    void randomBytesParseAsTheRegularExpressionReaderDid() {
        Random r = new Random(7);
        for (int n = 0; n < 5_000; n++) {
            byte[] b = new byte[r.nextInt(300)];
            for (int i = 0; i < b.length; i++) {
                int k = r.nextInt(10);
                b[i] = (byte) (k < 3 ? "vomca=\r\n \t:/".charAt(r.nextInt(12)) : k < 6 ? 'a' + r.nextInt(26) : r.nextInt(256));
            }
            assertSame(b);
        }
    }

    @Test
    void hugeAndHostileLinesAreReadWithoutThrowing() {
        StringBuilder formats = new StringBuilder("m=audio 49170 RTP/AVP");
        for (int i = 0; i < 50_000; i++) {
            formats.append(' ').append(i % 128);
        }
        String text = "v=0\r\n" + formats + "\r\n" + " \t".repeat(100_000) + "\r\n"
                + "c=IN IP4 " + "/".repeat(65_536) + "\r\n" + "a=rtpmap:" + "9".repeat(40) + " X/8000\r\n";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        SdpSession s = SdpParser.parse(b, 0, b.length);
        assertThat(s.media()).hasSize(1);
        assertThat(s.media().get(0).formats()).hasSize(50_000);
        assertThat(s.malformedLines()).isEqualTo(2);
        assertSame(b);

        byte[] high = new byte[4096];
        for (int i = 0; i < high.length; i++) {
            high[i] = (byte) (0x80 + i % 128);
        }
        assertThat(SdpParser.parse(high, 0, high.length).media()).isEmpty();
        assertSame(high);
    }

    @Test
    void aStringParsesAsItsUtf8Bytes() {
        String text = OFFER.replace("s=-", "s=\u00e9t\u00e9 \u4e2d\t");
        assertThat(describe(SdpParser.parse(text))).isEqualTo(describe(LegacySdpParser.parse(text)));
    }

    private static void assertSame(byte[] input) {
        SdpSession expected = LegacySdpParser.parse(input, 0, input.length);
        byte[] padded = new byte[input.length + 6];
        System.arraycopy(input, 0, padded, 3, input.length);
        padded[0] = 'a';
        padded[1] = '=';
        padded[2] = '\n';
        padded[padded.length - 3] = 'x';
        SdpSession actual = SdpParser.parse(padded, 3, input.length);
        String want = describe(expected);
        String got = describe(actual);
        if (!got.equals(want)) {
            int i = 0;
            while (i < Math.min(got.length(), want.length()) && got.charAt(i) == want.charAt(i)) {
                i++;
            }
            assertThat(got.substring(i).replace("\n", "\\n") + " @" + i + " " + got.substring(Math.max(0, i - 60), i).replace("\n", "\\n"))
                    .as("input %s", java.util.Arrays.toString(input))
                    .isEqualTo(want.substring(i).replace("\n", "\\n"));
        }
    }

    private static byte[] generated(Random r) {
        StringBuilder sb = new StringBuilder();
        int lines = r.nextInt(14);
        for (int l = 0; l < lines; l++) {
            if (r.nextInt(12) == 0) {
                sb.append(BLANKS[r.nextInt(BLANKS.length)]);
            } else {
                sb.append(TYPES[r.nextInt(TYPES.length)]);
                sb.append(r.nextInt(15) == 0 ? ":" : "=");
                if (r.nextBoolean()) {
                    sb.append(BLANKS[r.nextInt(BLANKS.length)]);
                }
                int fields = r.nextInt(8);
                for (int f = 0; f < fields; f++) {
                    if (f > 0) {
                        sb.append(r.nextInt(4) == 0 ? BLANKS[r.nextInt(BLANKS.length)] : " ");
                    }
                    sb.append(TOKENS[r.nextInt(TOKENS.length)]);
                }
                if (r.nextInt(4) == 0) {
                    sb.append(BLANKS[r.nextInt(BLANKS.length)]);
                }
            }
            int end = r.nextInt(10);
            sb.append(end < 6 ? "\r\n" : end < 9 ? "\n" : "\r\r\n");
        }
        if (r.nextInt(5) == 0 && sb.length() > 0) {
            sb.setLength(r.nextInt(sb.length()));
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(10) == 0 && b.length > 0) {
            b[r.nextInt(b.length)] = (byte) (0x80 | r.nextInt(0x80));
        }
        return b;
    }

    static String describe(SdpSession s) {
        StringBuilder sb = new StringBuilder(SdpParserFuzzTest.exercise(s));
        for (SdpMedia m : s.media()) {
            sb.append('\n').append(m.effectiveDirection()).append('|').append(m.fingerprint()).append('|')
                    .append(m.setup()).append('|').append(m.hasIceUfrag()).append('|').append(m.isValid()).append('|')
                    .append(m.hasCrypto()).append('|').append(m.cryptoSuites()).append('|').append(m.isSrtp())
                    .append('|').append(m.isDtlsSrtp()).append('|').append(m.formats().size());
        }
        return sb.toString();
    }
}
