package dev.sipscope.decoder.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SipValueReader#nextListComma}: the same answer as the plain byte-by-byte reading (quoted
 * strings with backslash escapes, angle brackets) for hand-picked values and for random ones made of
 * the bytes that matter.
 */
class SipValueReaderListCommaTest {

    /** The rule spelled out byte by byte, as the method read before its fast path. */
    private static int reference(byte[] b, int p, int end) {
        boolean quoted = false;
        boolean angle = false;
        for (; p < end; p++) {
            byte c = b[p];
            if (quoted) {
                if (c == '\\' && p + 1 < end) {
                    p++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (c == ',' && !angle) {
                return p;
            }
        }
        return end;
    }

    @Test
    void handPickedValues() {
        String[][] cases = {
                {"SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b", "29"},
                {"SIP/2.0/UDP a;branch=z9hG4bK1", "29"},
                {"\"Doe, John\" <sip:j@x>, <sip:k@y>", "21"},
                {"<sip:a@b;x=1,2>, c", "15"},
                {"\"a\\\", b\", c", "8"},
                {"> , x", "2"},
                {"\\, x", "1"},
                {"", "0"},
        };
        for (String[] c : cases) {
            byte[] b = c[0].getBytes(StandardCharsets.US_ASCII);
            assertThat(SipValueReader.nextListComma(b, 0, b.length)).as(c[0]).isEqualTo(Integer.parseInt(c[1]))
                    .isEqualTo(reference(b, 0, b.length));
        }
    }

    @Test
    void randomValuesOfTheBytesThatMatter() {
        byte[] alphabet = {'a', ',', '"', '\\', '<', '>', ' ', ';'};
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 200_000; n++) {
            byte[] b = new byte[random.nextInt(1, 24)];
            for (int i = 0; i < b.length; i++) {
                b[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int from = random.nextInt(b.length);
            int to = random.nextInt(from, b.length + 1);
            assertThat(SipValueReader.nextListComma(b, from, to))
                    .as("%s [%d, %d)", new String(b, StandardCharsets.US_ASCII), from, to)
                    .isEqualTo(reference(b, from, to));
        }
    }
}
