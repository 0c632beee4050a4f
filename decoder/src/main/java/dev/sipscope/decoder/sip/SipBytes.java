package dev.sipscope.decoder.sip;

import dev.sipscope.decoder.ByteScan;

import java.nio.charset.StandardCharsets;

/**
 * Byte-level helpers for SIP text: character classes of RFC 3261 §25.1, case-insensitive
 * comparison of ASCII bytes, number parsing. Nothing here allocates unless its name says it
 * returns a String.
 */
public final class SipBytes {
    private static final boolean[] TOKEN = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 32] = true;
        }
        for (char c : "-.!%*_+`'~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private SipBytes() {
    }

    /** RFC 3261 §25.1 {@code token} character: alphanumerics and {@code -.!%*_+`'~}. */
    public static boolean isTokenChar(int b) {
        return TOKEN[b & 0xff];
    }

    public static boolean isAlpha(int b) {
        int c = b | 0x20;
        return c >= 'a' && c <= 'z';
    }

    public static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    /** Space or horizontal tab. */
    public static boolean isWsp(int b) {
        return b == ' ' || b == '\t';
    }

    /** Linear white space inside a header value: space, tab, and the CR/LF of a folded line. */
    public static boolean isLws(int b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    public static int toLower(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b & 0xff;
    }

    public static boolean regionEquals(byte[] a, int aOff, byte[] b, int bOff, int len) {
        for (int i = 0; i < len; i++) {
            if (a[aOff + i] != b[bOff + i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code a[aOff, aOff+len)} equals {@code b[bOff, bOff+len)} ignoring ASCII case. */
    public static boolean regionEqualsIgnoreCase(byte[] a, int aOff, byte[] b, int bOff, int len) {
        for (int i = 0; i < len; i++) {
            byte x = a[aOff + i];
            byte y = b[bOff + i];
            if (x != y && toLower(x) != toLower(y)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[off, off+len)} is exactly the ASCII text {@code ascii}, ignoring case. */
    public static boolean equalsIgnoreCase(byte[] b, int off, int len, String ascii) {
        if (len != ascii.length()) {
            return false;
        }
        return startsWithIgnoreCase(b, off, off + len, ascii);
    }

    /** Whether {@code b[off, end)} starts with the ASCII text {@code ascii}, ignoring case. */
    public static boolean startsWithIgnoreCase(byte[] b, int off, int end, String ascii) {
        int n = ascii.length();
        if (end - off < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int x = b[off + i] & 0xff;
            int y = ascii.charAt(i);
            if (x != y && toLower(x) != toLower(y)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[off, end)} starts with the ASCII text {@code ascii}, case-sensitively. */
    public static boolean startsWith(byte[] b, int off, int end, String ascii) {
        int n = ascii.length();
        if (end - off < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if ((b[off + i] & 0xff) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** First index of {@code c} in {@code b[from, end)}, or -1 (always -1 for a {@code c} no byte equals). */
    public static int indexOf(byte[] b, int from, int end, int c) {
        return c == (byte) c ? ByteScan.indexOf(b, from, end, (byte) c) : -1;
    }

    /** First index at or after {@code from} that is not linear white space, or {@code end}. */
    public static int skipLws(byte[] b, int from, int end) {
        while (from < end && isLws(b[from])) {
            from++;
        }
        return from;
    }

    /** The end of {@code b[from, end)} with trailing linear white space removed. */
    public static int trimEnd(byte[] b, int from, int end) {
        while (end > from && isLws(b[end - 1])) {
            end--;
        }
        return end;
    }

    /**
     * The decimal number in {@code b[off, off+len)} (digits only, at most 18 of them), or -1 when the
     * range is empty, holds anything but digits, or is too long.
     */
    public static long parseDecimal(byte[] b, int off, int len) {
        if (len <= 0 || len > 18) {
            return -1;
        }
        long v = 0;
        for (int i = off; i < off + len; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** {@code b[off, off+len)} decoded as UTF-8 (malformed sequences become U+FFFD). */
    public static String text(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    /**
     * {@code b[off, off+len)} with ASCII letters lowered (other bytes kept as ISO-8859-1): the bytes
     * copied only when there is an upper-case letter to lower, and decoded once.
     */
    static String lowerAscii(byte[] b, int off, int len) {
        byte[] lowered = null;
        for (int i = 0; i < len; i++) {
            byte c = b[off + i];
            if (c >= 'A' && c <= 'Z') {
                if (lowered == null) {
                    lowered = java.util.Arrays.copyOfRange(b, off, off + len);
                }
                lowered[i] = (byte) (c + ('a' - 'A'));
            }
        }
        return lowered == null ? new String(b, off, len, StandardCharsets.ISO_8859_1)
                : new String(lowered, StandardCharsets.ISO_8859_1);
    }
}
