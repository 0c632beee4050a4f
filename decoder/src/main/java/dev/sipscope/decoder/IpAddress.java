package dev.sipscope.decoder;

/**
 * 128-bit IP addresses held in two longs, without allocation.
 *
 * <p>IPv4 addresses use the IPv4-mapped form {@code ::ffff:a.b.c.d}: {@code hi == 0} and
 * {@code lo == 0x0000_ffff_0000_0000L | (ipv4 & 0xffff_ffffL)}.
 */
public final class IpAddress {
    private static final long V4_MAPPED_PREFIX = 0x0000_ffff_0000_0000L;

    private IpAddress() {
    }

    /** The low half for an IPv4 address given as a big-endian int. */
    public static long v4Lo(int ipv4) {
        return V4_MAPPED_PREFIX | (ipv4 & 0xffff_ffffL);
    }

    public static boolean isV4(long hi, long lo) {
        return hi == 0 && (lo & 0xffff_ffff_0000_0000L) == V4_MAPPED_PREFIX;
    }

    /** Reads 8 bytes big-endian. */
    public static long readLong(byte[] b, int off) {
        return ((long) (b[off] & 0xff) << 56) | ((long) (b[off + 1] & 0xff) << 48)
                | ((long) (b[off + 2] & 0xff) << 40) | ((long) (b[off + 3] & 0xff) << 32)
                | ((long) (b[off + 4] & 0xff) << 24) | ((b[off + 5] & 0xff) << 16)
                | ((b[off + 6] & 0xff) << 8) | (b[off + 7] & 0xff);
    }

    /** Reads 4 bytes big-endian. */
    public static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    /** Dotted quad for IPv4, RFC 5952 text for IPv6. */
    public static String format(long hi, long lo) {
        if (isV4(hi, lo)) {
            return v4Text((int) lo, -1);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        // RFC 5952: compress the longest run (length >= 2) of zero groups, the first one on ties.
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** {@code a.b.c.d:port} or {@code [v6]:port}. */
    public static String format(long hi, long lo, int port) {
        if (isV4(hi, lo) && port >= 0) {
            return v4Text((int) lo, port);
        }
        String a = format(hi, lo);
        return isV4(hi, lo) ? a + ":" + port : "[" + a + "]:" + port;
    }

    /**
     * {@code a.b.c.d}, and {@code :port} when {@code port >= 0}, written as Latin-1 bytes into one
     * array: one small allocation besides the string, where concatenation made a builder and grew it
     * (reports and the engine's shared texts format an address for every call and media line).
     */
    private static String v4Text(int v, int port) {
        byte[] b = new byte[26];
        int n = decimal(b, 0, (v >>> 24) & 0xff);
        b[n++] = '.';
        n = decimal(b, n, (v >>> 16) & 0xff);
        b[n++] = '.';
        n = decimal(b, n, (v >>> 8) & 0xff);
        b[n++] = '.';
        n = decimal(b, n, v & 0xff);
        if (port >= 0) {
            b[n++] = ':';
            n = decimal(b, n, port);
        }
        return new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The decimal digits of {@code x >= 0} at {@code b[at]}; returns the index after them. */
    private static int decimal(byte[] b, int at, int x) {
        int digits = 1;
        for (int t = x; t >= 10; t /= 10) {
            digits++;
        }
        int end = at + digits;
        for (int i = end - 1; i >= at; i--) {
            b[i] = (byte) ('0' + x % 10);
            x /= 10;
        }
        return end;
    }

    // ---------------------------------------------------------------- parsing text
    // Literals as SDP and HEP configuration write them (RFC 4566 §5.7: c=IN IP4 192.0.2.1,
    // c=IN IP6 2001:db8::1). Host names are not resolved: they give false. Never throws.

    /**
     * Parses {@code text} into {@code out[0]} (high 64 bits) and {@code out[1]} (low 64 bits).
     * Returns false, leaving {@code out} unspecified, when it is not a dotted-quad IPv4 address or an
     * RFC 4291 §2.2 IPv6 address (with {@code ::} and an optional trailing dotted quad).
     */
    public static boolean parse(String text, long[] out) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return false;
        }
        if (text.indexOf(':') < 0) {
            long v4 = parseV4(text, 0, text.length());
            if (v4 < 0) {
                return false;
            }
            out[0] = 0;
            out[1] = IpAddress.v4Lo((int) v4);
            return true;
        }
        return parseV6(text, out);
    }

    /** The IPv4 value of {@code s[from, to)} as an unsigned 32-bit number, or -1. */
    private static long parseV4(String s, int from, int to) {
        long value = 0;
        int parts = 0;
        int p = from;
        while (parts < 4) {
            int start = p;
            int octet = 0;
            while (p < to && s.charAt(p) >= '0' && s.charAt(p) <= '9' && p - start < 3) {
                octet = octet * 10 + (s.charAt(p) - '0');
                p++;
            }
            if (p == start || octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
            parts++;
            if (parts < 4) {
                if (p >= to || s.charAt(p) != '.') {
                    return -1;
                }
                p++;
            }
        }
        return p == to ? value : -1;
    }

    private static boolean parseV6(String s, long[] out) {
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;
        int p = 0;
        int len = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            p = 2;
            if (p == len) {
                out[0] = 0;
                out[1] = 0;
                return true;
            }
        } else if (s.charAt(0) == ':') {
            return false;
        }
        while (p < len) {
            int start = p;
            int v = 0;
            while (p < len && p - start < 4 && hex(s.charAt(p)) >= 0) {
                v = (v << 4) | hex(s.charAt(p));
                p++;
            }
            if (p < len && s.charAt(p) == '.') {
                // A trailing dotted quad fills the last two groups (RFC 4291 §2.2 form 3).
                long v4 = parseV4(s, start, len);
                if (v4 < 0 || n > 6) {
                    return false;
                }
                groups[n++] = (int) (v4 >>> 16);
                groups[n++] = (int) (v4 & 0xffff);
                p = len;
                break;
            }
            if (p == start || n == 8) {
                return false;
            }
            groups[n++] = v;
            if (p == len) {
                break;
            }
            if (s.charAt(p) != ':') {
                return false;
            }
            p++;
            if (p < len && s.charAt(p) == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = n;
                p++;
            } else if (p == len) {
                return false;
            }
        }
        if (gap < 0 ? n != 8 : n > 7) {
            return false;
        }
        int[] full = new int[8];
        if (gap < 0) {
            System.arraycopy(groups, 0, full, 0, 8);
        } else {
            System.arraycopy(groups, 0, full, 0, gap);
            int tail = n - gap;
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | full[i];
            lo = (lo << 16) | full[i + 4];
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
