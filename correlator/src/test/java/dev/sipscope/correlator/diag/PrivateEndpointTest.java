package dev.sipscope.correlator.diag;

import dev.sipscope.decoder.IpAddress;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Diagnostics#isPrivateEndpoint} reads the endpoint text in place; it must answer as taking
 * the host out and testing it did (the oracle below, the code it replaced) for every endpoint
 * sipscope writes: IPv4 and IPv6, with and without port.
 */
class PrivateEndpointTest {

    /** The replaced code: the host part of {@code ip:port} or {@code [v6]:port}. */
    private static String host(String endpoint) {
        if (endpoint == null) {
            return "";
        }
        if (endpoint.startsWith("[")) {
            int close = endpoint.indexOf(']');
            return close > 0 ? endpoint.substring(1, close) : endpoint;
        }
        int colon = endpoint.lastIndexOf(':');
        return colon > 0 && endpoint.indexOf(':') == colon ? endpoint.substring(0, colon) : endpoint;
    }

    /** The replaced code: RFC 1918, RFC 6598 and RFC 4193 addresses. */
    private static boolean isPrivate(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("fc") || h.startsWith("fd")) {
            return h.indexOf(':') > 0;
        }
        String[] p = h.split("\\.");
        if (p.length != 4) {
            return false;
        }
        try {
            int a = Integer.parseInt(p[0]);
            int b = Integer.parseInt(p[1]);
            return a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) || (a == 100 && b >= 64 && b <= 127);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void same(String endpoint) {
        assertEquals(isPrivate(host(endpoint)), Diagnostics.isPrivateEndpoint(endpoint), endpoint);
    }

    @Test
    void examples() {
        assertTrue(Diagnostics.isPrivateEndpoint("10.0.0.1:5060"));
        assertTrue(Diagnostics.isPrivateEndpoint("172.31.255.255:1"));
        assertFalse(Diagnostics.isPrivateEndpoint("172.32.0.1:1"));
        assertTrue(Diagnostics.isPrivateEndpoint("192.168.1.1"));
        assertTrue(Diagnostics.isPrivateEndpoint("100.64.0.1:4000"));
        assertFalse(Diagnostics.isPrivateEndpoint("100.128.0.1:4000"));
        assertTrue(Diagnostics.isPrivateEndpoint("[fd00::1]:5060"));
        assertTrue(Diagnostics.isPrivateEndpoint("[FC12::1]:5060"));
        assertFalse(Diagnostics.isPrivateEndpoint("[fe80::1]:5060"));
        assertFalse(Diagnostics.isPrivateEndpoint("8.8.8.8:53"));
        assertFalse(Diagnostics.isPrivateEndpoint(null));
        for (String s : new String[] {null, "", ":", "[", "[]", "[fd]", "fd", "fd:", "fc00::1", "10.1.2", "10.1.2.3.4",
                "10..2.3", "10.1.2.", "a.b.c.d", "10.1.2.3:", "[10.1.2.3]:5", "1000.1.2.3", "0172.16.1.1:2", "4294967306.1.2.3"}) {
            same(s);
        }
    }

    @Test
    void agreesWithTheReplacedCodeOnEveryEndpointForm() {
        SplittableRandom r = new SplittableRandom(11);
        int[] firsts = {10, 100, 172, 192, 9, 11, 99, 101, 171, 173, 191, 193, 0, 127, 255};
        for (int i = 0; i < 200_000; i++) {
            long hi;
            long lo;
            if (r.nextBoolean()) {
                int a = r.nextInt(4) == 0 ? r.nextInt(256) : firsts[r.nextInt(firsts.length)];
                int b = r.nextInt(3) == 0 ? r.nextInt(256) : 60 + r.nextInt(115);
                int v4 = (a << 24) | (b << 16) | r.nextInt(1 << 16);
                hi = 0;
                lo = IpAddress.v4Lo(v4);
            } else {
                long top = new long[] {0xfc00L, 0xfd00L, 0xfe80L, 0x2001L, 0xfbffL, 0xff02L, 0L}[r.nextInt(7)];
                hi = (top << 48) | (r.nextLong() >>> 16 & (r.nextBoolean() ? 0 : -1L));
                lo = r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(16);
            }
            int port = r.nextInt(65536);
            same(IpAddress.format(hi, lo, port));
            same(IpAddress.format(hi, lo));
        }
    }
}
