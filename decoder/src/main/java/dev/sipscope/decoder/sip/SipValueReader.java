package dev.sipscope.decoder.sip;

import dev.sipscope.decoder.ByteScan;

/**
 * Shared pieces of the header value grammar (RFC 3261 §25.1): comma-separated lists, quoted
 * strings with quoted-pairs, angle-bracketed URIs. Pure functions over byte ranges; never throw on
 * any input. {@link #nextListComma} is public for code that rewrites header values in place (the
 * correlator's masking).
 */
public final class SipValueReader {
    private SipValueReader() {
    }

    /**
     * The offset of the next comma in {@code b[p, end)} that separates list elements: not inside
     * a quoted string (where a backslash escapes the next byte) nor inside {@code <...>}; {@code end}
     * when there is none.
     */
    public static int nextListComma(byte[] b, int p, int end) {
        // Most values (Via, Supported, Allow) have neither quotes nor angle brackets: look for a comma
        // and for the two bytes that open a quoted or bracketed span (eight bytes at a time); only
        // from the first of those on does the byte-by-byte state below apply ('>' and backslashes
        // mean nothing before it).
        int first = ByteScan.indexOfAny(b, p, end, (byte) ',', (byte) '"', (byte) '<');
        if (first < 0) {
            return end;
        }
        if (b[first] == ',') {
            return first;
        }
        p = first;
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

    /** The offset just after the quoted string starting with the quote at {@code p}, or {@code end} if unclosed. */
    static int quotedEnd(byte[] b, int p, int end) {
        for (int q = p + 1; q < end; q++) {
            if (b[q] == '\\' && q + 1 < end) {
                q++;
            } else if (b[q] == '"') {
                return q + 1;
            }
        }
        return end;
    }

    /** The content of the quoted string {@code b[p, qEnd)} (quotes included in the range), quoted-pairs undone. */
    static String unquote(byte[] b, int p, int qEnd) {
        int s = p + 1;
        int e = qEnd > s && b[qEnd - 1] == '"' ? qEnd - 1 : qEnd;
        boolean escapes = false;
        for (int i = s; i < e; i++) {
            if (b[i] == '\\') {
                escapes = true;
                break;
            }
        }
        if (!escapes) {
            return SipBytes.text(b, s, e - s);
        }
        byte[] out = new byte[e - s];
        int n = 0;
        for (int i = s; i < e; i++) {
            if (b[i] == '\\' && i + 1 < e) {
                i++;
            }
            out[n++] = b[i];
        }
        return SipBytes.text(out, 0, n);
    }

    /** First index of {@code c} in {@code b[p, end)} outside quoted strings, or -1. */
    static int indexOfUnquoted(byte[] b, int p, int end, int c) {
        for (int i = p; i < end; i++) {
            if (b[i] == '"') {
                i = quotedEnd(b, i, end) - 1;
            } else if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Text of {@code b[p, end)} with surrounding white space trimmed and inner runs folded to one space. */
    static String collapsedText(byte[] b, int p, int end) {
        p = SipBytes.skipLws(b, p, end);
        end = SipBytes.trimEnd(b, p, end);
        boolean runs = false;
        for (int i = p; i < end; i++) {
            if (SipBytes.isLws(b[i]) && (b[i] != ' ' || (i + 1 < end && SipBytes.isLws(b[i + 1])))) {
                runs = true;
                break;
            }
        }
        if (!runs) {
            return SipBytes.text(b, p, end - p);
        }
        byte[] out = new byte[end - p];
        int n = 0;
        for (int i = p; i < end; i++) {
            if (SipBytes.isLws(b[i])) {
                if (n > 0 && out[n - 1] != ' ') {
                    out[n++] = ' ';
                }
            } else {
                out[n++] = b[i];
            }
        }
        return SipBytes.text(out, 0, n);
    }
}
