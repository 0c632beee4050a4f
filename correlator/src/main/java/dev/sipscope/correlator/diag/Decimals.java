package dev.sipscope.correlator.diag;

import java.util.Locale;

/**
 * Fixed-point text of a double exactly as {@code String.format(Locale.ROOT, "%.Nf", v)} writes it:
 * the shortest decimal digits that identify the double ({@link Double#toString}), rounded half up to
 * N fraction digits, zeros kept. {@link java.util.Formatter} costs several microseconds a call until
 * the JIT has compiled it (1,855 diagnostic texts took 55-63 ms with it, 2 ms this way), and
 * diagnostics, CSV cells and text tables are written once per call or stream, cold, at the end of a
 * run. {@code DecimalsTest} checks the equality over millions of values.
 */
public final class Decimals {
    private Decimals() {
    }

    /** {@code String.format(Locale.ROOT, "%." + decimals + "f", v)}, for 0 <= decimals <= 9. */
    public static String fixed(double v, int decimals) {
        return appendFixed(new StringBuilder(24), v, decimals).toString();
    }

    /** Appends {@link #fixed}{@code (v, decimals)} to {@code sb}; returns {@code sb}. */
    public static StringBuilder appendFixed(StringBuilder sb, double v, int decimals) {
        if (!Double.isFinite(v) || decimals < 0 || decimals > 9) {
            return sb.append(String.format(Locale.ROOT, "%." + decimals + "f", v));
        }
        if (Double.doubleToRawLongBits(v) < 0) {
            sb.append('-');
            v = -v;
        }
        String text = Double.toString(v);
        // The value is 0.d[0]d[1]...d[count-1] times 10^point.
        byte[] d = new byte[24 + decimals];
        int count = 0;
        int point = 0;
        boolean fraction = false;
        int exponent = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                fraction = true;
            } else if (c == 'E') {
                exponent = Integer.parseInt(text, i + 1, n, 10);
                break;
            } else if (c != '0' || count > 0) {
                d[count++] = (byte) (c - '0');
                if (!fraction) {
                    point++;
                }
            } else if (fraction) {
                point--; // a zero between the point and the first significant digit
            }
        }
        if (count == 0) {
            point = 0;
        }
        point += exponent;
        int keep = point + decimals;
        if (keep < count) {
            boolean up = keep >= 0 && d[keep] >= 5;
            count = Math.max(keep, 0);
            if (up && increment(d, count)) {
                count++;
                point++;
            }
        }
        if (point <= 0) {
            sb.append('0');
        } else {
            for (int k = 0; k < point; k++) {
                sb.append((char) ('0' + (k < count ? d[k] : 0)));
            }
        }
        if (decimals > 0) {
            sb.append('.');
            for (int k = point; k < point + decimals; k++) {
                sb.append((char) ('0' + (k >= 0 && k < count ? d[k] : 0)));
            }
        }
        return sb;
    }

    /**
     * Adds one unit in the last place to the decimal digits {@code d[0, count)}. Returns true when they
     * were all nines (or none): then {@code d[0, count + 1)} is 1 followed by zeros, one digit more,
     * which the caller counts. Shared with {@code JsonWriter}'s half-even rounding.
     */
    public static boolean increment(byte[] d, int count) {
        int k = count - 1;
        while (k >= 0 && d[k] == 9) {
            d[k] = 0;
            k--;
        }
        if (k >= 0) {
            d[k]++;
            return false;
        }
        System.arraycopy(d, 0, d, 1, count);
        d[0] = 1;
        return true;
    }
}
