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
            int v = (int) lo;
            return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
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
        String a = format(hi, lo);
        return isV4(hi, lo) ? a + ":" + port : "[" + a + "]:" + port;
    }
}
