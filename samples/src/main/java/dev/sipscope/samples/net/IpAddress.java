package dev.sipscope.samples.net;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 address, parsed from a literal (never resolved through DNS).
 * {@link #toString()} gives the RFC 5952 text form for IPv6 (lowercase, longest zero run as
 * {@code ::}) and dotted quad for IPv4. Immutable; equality is by address bytes.
 */
public final class IpAddress {
    private final byte[] bytes;
    private final String text;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
        this.text = bytes.length == 4 ? formatV4(bytes) : formatV6(bytes);
    }

    /** Parses {@code 10.0.0.1} or {@code 2001:db8::1}; anything else is an IllegalArgumentException. */
    public static IpAddress parse(String literal) {
        byte[] b = literal.indexOf(':') >= 0 ? parseV6(literal) : parseV4(literal);
        if (b == null) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 literal: \"" + literal + "\"");
        }
        return new IpAddress(b);
    }

    /** From 4 or 16 raw bytes (copied). */
    public static IpAddress of(byte[] raw) {
        if (raw.length != 4 && raw.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, got " + raw.length);
        }
        return new IpAddress(raw.clone());
    }

    /** The IPv4 address {@code a.b.c.d} for the given 32-bit value. */
    public static IpAddress v4(int value) {
        return new IpAddress(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    public boolean isV6() {
        return bytes.length == 16;
    }

    public int length() {
        return bytes.length;
    }

    /** Copies the address bytes into {@code dst} at {@code off}. */
    public void copyTo(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, bytes.length);
    }

    public byte byteAt(int i) {
        return bytes[i];
    }

    /** Host part for a SIP URI or Via sent-by: IPv6 in brackets (RFC 3261 section 25.1). */
    public String uriHost() {
        return isV6() ? "[" + text + "]" : text;
    }

    /** "IP4" or "IP6", the SDP address type (RFC 4566 section 5.7). */
    public String sdpAddressType() {
        return isV6() ? "IP6" : "IP4";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress && Arrays.equals(bytes, ((IpAddress) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return text;
    }

    private static byte[] parseV4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseV6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        int[] head = new int[8];
        int[] tail = new int[8];
        int headCount;
        int tailCount = 0;
        if (dbl < 0) {
            headCount = parseGroups(s, head);
            if (headCount != 8) {
                return null;
            }
        } else {
            headCount = dbl == 0 ? 0 : parseGroups(s.substring(0, dbl), head);
            String rest = s.substring(dbl + 2);
            tailCount = rest.isEmpty() ? 0 : parseGroups(rest, tail);
            if (headCount < 0 || tailCount < 0 || headCount + tailCount > 7) {
                return null;
            }
        }
        if (headCount < 0) {
            return null;
        }
        int[] groups = new int[8];
        System.arraycopy(head, 0, groups, 0, headCount);
        System.arraycopy(tail, 0, groups, 8 - tailCount, tailCount);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (groups[i] >>> 8);
            out[2 * i + 1] = (byte) groups[i];
        }
        return out;
    }

    /** Parses colon-separated hex groups (a trailing dotted quad counts as two); -1 when invalid. */
    private static int parseGroups(String s, int[] out) {
        String[] parts = s.split(":", -1);
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                byte[] v4 = parseV4(p);
                if (v4 == null || n + 2 > 8) {
                    return -1;
                }
                out[n++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                out[n++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || n >= 8) {
                return -1;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0) {
                    return -1;
                }
                v = v * 16 + d;
            }
            out[n++] = v;
        }
        return n;
    }

    private static String formatV4(byte[] b) {
        return (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF);
    }

    private static String formatV6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1; // RFC 5952 4.2.2: a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
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
}
