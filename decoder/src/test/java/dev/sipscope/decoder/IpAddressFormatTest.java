package dev.sipscope.decoder;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** IPv4 texts written byte by byte must read exactly as the concatenation they replaced. */
class IpAddressFormatTest {

    private static String oracle(int v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    private static void check(int v, int port) {
        long lo = IpAddress.v4Lo(v);
        assertEquals(oracle(v), IpAddress.format(0, lo));
        assertEquals(oracle(v) + ":" + port, IpAddress.format(0, lo, port));
    }

    @Test
    void edges() {
        int[] octets = {0, 1, 9, 10, 11, 99, 100, 101, 199, 200, 249, 250, 255};
        int[] ports = {0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 65535, 65536, Integer.MAX_VALUE, -1, -10,
                Integer.MIN_VALUE};
        for (int a : octets) {
            for (int b : octets) {
                for (int port : ports) {
                    check((a << 24) | (b << 16) | (b << 8) | a, port);
                }
            }
        }
    }

    @Test
    void random() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            check(r.nextInt(), r.nextInt(3) == 0 ? r.nextInt() : r.nextInt(65536));
        }
    }
}
