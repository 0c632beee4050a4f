package dev.sipscope.correlator.media;

import dev.sipscope.decoder.IpAddress;

/**
 * Reads IP address literals as SDP writes them (RFC 4566 §5.7: {@code c=IN IP4 192.0.2.1},
 * {@code c=IN IP6 2001:db8::1}) into the two-long form of {@link IpAddress} (IPv4 mapped into
 * {@code ::ffff:0:0/96}). Host names are not resolved: they give false. Never throws.
 */
public final class IpText {
    private IpText() {
    }

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
