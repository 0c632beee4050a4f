package dev.sipscope.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteScanTest {

    /** The loop ByteScan replaced, as oracle. */
    private static int oneByOne(byte[] b, int from, int end, byte c) {
        for (int i = from; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void everyRangeOfSmallArraysAnswersAsTheLoop() {
        // Bytes next to the sought one, with and without the high bit, and the bit patterns that can
        // raise false flags above a match (0x01 after 0x00, 0x80, 0xff).
        byte[] alphabet = {'\n', '\r', 0x0b, 0x09, (byte) 0x8a, 0x00, 0x01, (byte) 0x80, (byte) 0xff, 'a', '0'};
        byte[] sought = {'\n', 0x00, (byte) 0x80, (byte) 0xff, 0x01, 'a'};
        everyRange(new Random(31), 4_000, alphabet, (b, from, end) -> {
            for (byte c : sought) {
                assertThat(ByteScan.indexOf(b, from, end, c)).isEqualTo(oneByOne(b, from, end, c));
            }
        });
    }

    private interface RangeCheck {
        void check(byte[] b, int from, int end);
    }

    /**
     * {@code check} on every range of {@code arrays} random arrays of up to 39 bytes, each drawn from
     * the first 1 to all letters of {@code alphabet}.
     */
    private static void everyRange(Random r, int arrays, byte[] alphabet, RangeCheck check) {
        for (int n = 0; n < arrays; n++) {
            byte[] b = new byte[r.nextInt(40)];
            int kinds = 1 + r.nextInt(alphabet.length);
            for (int i = 0; i < b.length; i++) {
                b[i] = alphabet[r.nextInt(kinds)];
            }
            for (int from = 0; from <= b.length; from++) {
                for (int end = from; end <= b.length; end++) {
                    check.check(b, from, end);
                }
            }
        }
    }

    @Test
    void longRandomArraysAnswerAsTheLoop() {
        Random r = new Random(32);
        randomRanges(r, 20_000, 3000, (b, from, end) -> {
            byte c = (byte) r.nextInt(256);
            assertThat(ByteScan.indexOf(b, from, end, c)).isEqualTo(oneByOne(b, from, end, c));
        });
    }

    /** {@code check} on one random range of each of {@code arrays} random arrays shorter than {@code maxLength}. */
    private static void randomRanges(Random r, int arrays, int maxLength, RangeCheck check) {
        for (int n = 0; n < arrays; n++) {
            byte[] b = new byte[r.nextInt(maxLength)];
            r.nextBytes(b);
            int from = b.length == 0 ? 0 : r.nextInt(b.length);
            int end = from + r.nextInt(b.length - from + 1);
            check.check(b, from, end);
        }
    }

    private static int anyOneByOne(byte[] b, int from, int end, byte c1, byte c2, byte c3) {
        for (int i = from; i < end; i++) {
            if (b[i] == c1 || b[i] == c2 || b[i] == c3) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theFirstOfThreeBytesAnswersAsTheLoop() {
        byte[] alphabet = {',', '"', '<', '-', '=', 0x00, 0x01, (byte) 0x80, (byte) 0xff, (byte) 0xac, 'a', ';'};
        byte[][] sought = {{',', '"', '<'}, {0x00, 0x01, (byte) 0xff}, {(byte) 0x80, 'a', 'a'}, {';', ';', ';'}};
        Random r = new Random(33);
        everyRange(r, 3_000, alphabet, (b, from, end) -> {
            for (byte[] c : sought) {
                assertThat(ByteScan.indexOfAny(b, from, end, c[0], c[1], c[2]))
                        .isEqualTo(anyOneByOne(b, from, end, c[0], c[1], c[2]));
            }
        });
        randomRanges(r, 20_000, 600, (b, from, end) -> {
            byte c1 = (byte) r.nextInt(256);
            byte c2 = (byte) r.nextInt(256);
            byte c3 = (byte) r.nextInt(256);
            assertThat(ByteScan.indexOfAny(b, from, end, c1, c2, c3)).isEqualTo(anyOneByOne(b, from, end, c1, c2, c3));
        });
    }

    @Test
    void aMatchIsFoundAtEveryPositionOfAWord() {
        for (int len = 0; len < 64; len++) {
            for (int at = 0; at < len; at++) {
                byte[] b = new byte[len];
                java.util.Arrays.fill(b, (byte) 'x');
                b[at] = '\n';
                if (at + 1 < len) {
                    b[at + 1] = '\n';
                }
                assertThat(ByteScan.indexOf(b, 0, len, (byte) '\n')).isEqualTo(at);
                assertThat(ByteScan.indexOf(b, at + 1, len, (byte) '\n')).isEqualTo(at + 1 < len ? at + 1 : -1);
            }
        }
    }

    @Test
    void sipBytesIndexOfComparesAnIntAsTheLoopDid() {
        // SipBytes.indexOf takes an int: a value no byte equals is never found, -1 finds 0xff.
        byte[] b = {'a', (byte) 0xc8, (byte) 0xff, ':', 'b', 'c', 'd', 'e', 'f', 'g', ':'};
        assertThat(dev.sipscope.decoder.sip.SipBytes.indexOf(b, 0, b.length, 200)).isEqualTo(-1);
        assertThat(dev.sipscope.decoder.sip.SipBytes.indexOf(b, 0, b.length, -56)).isEqualTo(1);
        assertThat(dev.sipscope.decoder.sip.SipBytes.indexOf(b, 0, b.length, -1)).isEqualTo(2);
        assertThat(dev.sipscope.decoder.sip.SipBytes.indexOf(b, 4, b.length, ':')).isEqualTo(10);
        assertThat(dev.sipscope.decoder.sip.SipBytes.indexOf(b, 0, b.length, 256 + ':')).isEqualTo(-1);
    }

    @Test
    void aRangeBeyondTheArrayFailsAsTheLoopWould() {
        byte[] b = new byte[20];
        assertThatThrownBy(() -> ByteScan.indexOf(b, 0, 30, (byte) '\n')).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
