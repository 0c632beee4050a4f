package dev.sipscope.correlator.export;

import dev.sipscope.correlator.diag.Decimals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A small streaming JSON writer. Output is always valid JSON whatever the strings hold: quotes,
 * backslashes, every control character, U+2028/U+2029 and unpaired surrogates are escaped.
 * Indents with two spaces when {@code pretty}. Commas are managed for the caller.
 *
 * <p>Everything is encoded as UTF-8 into one reused byte buffer (64 KiB) and handed to the sink
 * when the buffer fills (a stream sink: once 8 KiB are buffered), when a top-level value is
 * complete and on {@link #finish()}: no String,
 * StringBuilder or boxed number is made per value. With an {@link OutputStream} sink the bytes go
 * out as they are; with a {@link Writer} sink each handed-over chunk is decoded once (the buffer
 * only ever holds whole UTF-8 sequences, so the decoding is exact). Numbers are written from their
 * digits: longs directly, doubles as {@code BigDecimal.valueOf(v).setScale(decimals, HALF_EVEN)
 * .stripTrailingZeros().toPlainString()} would print them (same digits, without the BigDecimal).
 *
 * <p>Not thread-safe. Until the top-level value is complete or {@link #finish()} runs, written
 * JSON may still sit in the buffer, so callers must not write to the same sink in between.
 */
public final class JsonWriter {
    private static final int BUFFER_BYTES = 64 * 1024;
    /**
     * A stream sink gets the bytes in chunks of about this size: a reader that goes away early (a
     * closed pipe) is noticed by the next write instead of the whole report landing in the pipe's
     * buffer with one write. 64 KiB (a Linux pipe's buffer) rather than the 8 KiB a PrintWriter
     * writes: writing a 259 MB report to a file took 0.29 s of system time in 8 KiB writes and
     * 0.10 s in 64 KiB ones (docs/PERFORMANCE.md, "Eighth round").
     */
    private static final int STREAM_CHUNK_BYTES = 64 * 1024;
    /** Chars of a string copied out and encoded at a time (6 bytes each at most: well under the buffer). */
    private static final int CHUNK_CHARS = 2048;
    private static final int NAME_SLOTS = 1024;
    private static final int MAX_CACHED_NAME_CHARS = 64;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final Writer writer;
    private final OutputStream stream;
    private final boolean pretty;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int len;
    /** Buffered bytes at which the next write hands them to the sink first. */
    private final int drainAtBytes;
    /** Per nesting level: true once the level has its first element. */
    private final boolean[] hasElement = new boolean[64];
    private int depth;
    private boolean afterName;
    /** Digits of a number being written (a long has at most 20 characters with its sign). */
    private final byte[] digits = new byte[32];
    /** The chars of the string being written, one chunk at a time. */
    private final char[] chars = new char[CHUNK_CHARS];
    /** Member names seen lately (by identity) and their encoded bytes: see {@link #encodedName}. */
    private final String[] nameKeys = new String[NAME_SLOTS];
    private final byte[][] nameBytes = new byte[NAME_SLOTS][];

    public JsonWriter(Writer out, boolean pretty) {
        this.writer = out;
        this.stream = null;
        this.pretty = pretty;
        this.drainAtBytes = BUFFER_BYTES;
    }

    /** Writes UTF-8 bytes straight to {@code out} (not closed by this writer). */
    public JsonWriter(OutputStream out, boolean pretty) {
        this.writer = null;
        this.stream = out;
        this.pretty = pretty;
        this.drainAtBytes = STREAM_CHUNK_BYTES;
    }

    public JsonWriter beginObject() {
        return open((byte) '{');
    }

    public JsonWriter endObject() {
        return close((byte) '}');
    }

    public JsonWriter beginArray() {
        return open((byte) '[');
    }

    public JsonWriter endArray() {
        return close((byte) ']');
    }

    /** Writes an object member name; the next call writes its value. */
    public JsonWriter name(String name) {
        separate();
        byte[] encoded = encodedName(name);
        if (encoded != null) {
            ensure(encoded.length);
            System.arraycopy(encoded, 0, buf, len, encoded.length);
            len += encoded.length;
            afterName = true;
            return this;
        }
        writeString(name);
        if (pretty) {
            ensure(2);
            buf[len++] = ':';
            buf[len++] = ' ';
        } else {
            ensure(1);
            buf[len++] = ':';
        }
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        if (s == null) {
            return nullValue();
        }
        separate();
        writeString(s);
        return this;
    }

    public JsonWriter value(long v) {
        separate();
        writeLong(v);
        return this;
    }

    public JsonWriter value(boolean v) {
        separate();
        ascii(v ? "true" : "false");
        return this;
    }

    /** A finite double with up to {@code decimals} fraction digits; NaN and infinities become null. */
    public JsonWriter value(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return nullValue();
        }
        separate();
        writeDecimal(Double.toString(v), decimals);
        return this;
    }

    /**
     * A time as the JSON string {@code Instant.toString()} gives (ISO-8601 UTC, fraction digits in
     * groups of three as needed), or null for {@code Long.MIN_VALUE}; same text as
     * {@code value(SummaryJson.isoTime(nanos))} without making it.
     */
    public JsonWriter timeValue(long epochNanos) {
        if (epochNanos == Long.MIN_VALUE) {
            return nullValue();
        }
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
        long days = Math.floorDiv(seconds, 86_400L);
        // Years 0000 to 9999 print as four digits; Instant uses other forms outside that range.
        if (days < MIN_DAY_4DIGIT || days > MAX_DAY_4DIGIT) {
            return value(Instant.ofEpochSecond(seconds, nanos).toString());
        }
        separate();
        ensure(40);
        int secOfDay = (int) Math.floorMod(seconds, 86_400L);
        // Civil date from days since 1970-01-01 (proleptic Gregorian, eras of 400 years).
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        buf[len++] = '"';
        fixed(year, 4);
        buf[len++] = '-';
        fixed(month, 2);
        buf[len++] = '-';
        fixed(day, 2);
        buf[len++] = 'T';
        fixed(secOfDay / 3600, 2);
        buf[len++] = ':';
        fixed(secOfDay / 60 % 60, 2);
        buf[len++] = ':';
        fixed(secOfDay % 60, 2);
        if (nanos != 0) {
            buf[len++] = '.';
            if (nanos % 1_000_000 == 0) {
                fixed(nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                fixed(nanos / 1000, 6);
            } else {
                fixed(nanos, 9);
            }
        }
        buf[len++] = 'Z';
        buf[len++] = '"';
        return this;
    }

    /** Days from 1970-01-01 to 0000-01-01 and to 9999-12-31. */
    private static final long MIN_DAY_4DIGIT = -719_528L;
    private static final long MAX_DAY_4DIGIT = 2_932_896L;

    public JsonWriter nullValue() {
        separate();
        ascii("null");
        return this;
    }

    public JsonWriter field(String name, String v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, long v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, boolean v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, double v, int decimals) {
        return name(name).value(v, decimals);
    }

    /** {@link #name} then {@link #timeValue}. */
    public JsonWriter timeField(String name, long epochNanos) {
        return name(name).timeValue(epochNanos);
    }

    /**
     * A writer of further elements of the array this writer is in now, into {@code out}: each
     * element it writes starts with the comma and indentation it would have here, so that its bytes,
     * given to {@link #raw} of this writer after at least one element, continue the array. For
     * rendering elements on another thread; call {@link #flushElements} when done.
     */
    public JsonWriter elementsWriter(OutputStream out) {
        JsonWriter w = new JsonWriter(out, pretty);
        w.depth = depth;
        w.hasElement[depth] = true;
        return w;
    }

    /** Hands everything written so far to the sink (for a writer from {@link #elementsWriter}). */
    public void flushElements() {
        drain();
    }

    /**
     * Appends elements rendered by a writer from {@link #elementsWriter} (UTF-8 bytes) to the array
     * this writer is in, which already has at least one element.
     */
    public JsonWriter raw(byte[] bytes, int offset, int length) {
        if (depth == 0 || !hasElement[depth] || afterName) {
            throw new IllegalStateException("raw elements belong after an element of an array");
        }
        drain();
        try {
            if (stream != null) {
                stream.write(bytes, offset, length);
            } else {
                writer.write(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Ends the document with a newline and flushes. */
    public void finish() {
        ensure(1);
        buf[len++] = '\n';
        drain();
        try {
            if (stream != null) {
                stream.flush();
            } else {
                writer.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonWriter open(byte c) {
        separate();
        ensure(1);
        buf[len++] = c;
        if (depth + 1 >= hasElement.length) {
            throw new IllegalStateException("JSON nested too deeply");
        }
        hasElement[++depth] = false;
        return this;
    }

    private JsonWriter close(byte c) {
        boolean had = hasElement[depth];
        depth--;
        if (pretty && had) {
            newline();
        }
        ensure(1);
        buf[len++] = c;
        if (depth == 0) {
            drain();
        }
        return this;
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (hasElement[depth]) {
                ensure(1);
                buf[len++] = ',';
            }
            hasElement[depth] = true;
            if (pretty) {
                newline();
            }
        }
    }

    private void newline() {
        int n = 1 + 2 * depth;
        ensure(n);
        System.arraycopy(NEWLINE_INDENT, 0, buf, len, n);
        len += n;
    }

    /** A line end and the indentation of the deepest nesting {@link #hasElement} allows. */
    private static final byte[] NEWLINE_INDENT = ("\n" + " ".repeat(2 * 64)).getBytes(StandardCharsets.US_ASCII);

    private void writeString(String s) {
        int n = s.length();
        int start = 0;
        if (n <= CHUNK_CHARS) {
            // Most strings are short printable ASCII without quote or backslash: copy them straight,
            // char by char, without going through the char buffer; the rest from the first other char.
            ensure(n + 2);
            byte[] b = buf;
            int w = len;
            b[w++] = '"';
            while (start < n) {
                char c = s.charAt(start);
                if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                    break;
                }
                b[w++] = (byte) c;
                start++;
            }
            if (start == n) {
                b[w++] = '"';
                len = w;
                return;
            }
            len = w;
        } else {
            ensure(1);
            buf[len++] = '"';
        }
        char[] cs = chars;
        for (int from = start; from < n; from += CHUNK_CHARS) {
            int to = Math.min(n, from + CHUNK_CHARS);
            s.getChars(from, to, cs, 0);
            // Each char becomes at most 6 bytes; a surrogate pair (two chars) 4.
            ensure(6 * (to - from));
            int count = to - from;
            // Most text is printable ASCII without quotes or backslashes: copy the run of such chars
            // in a tight loop, then take the rest (if any) char by char.
            byte[] b = buf;
            int w = len;
            int plain = 0;
            while (plain < count) {
                char c = cs[plain];
                if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                    break;
                }
                b[w++] = (byte) c;
                plain++;
            }
            len = w;
            for (int k = plain; k < count; k++) {
                char c = cs[k];
                if (c >= 0x20 && c < 0x7f) {
                    if (c == '"' || c == '\\') {
                        buf[len++] = '\\';
                    }
                    buf[len++] = (byte) c;
                    continue;
                }
                switch (c) {
                    case '\n': escape('n'); break;
                    case '\r': escape('r'); break;
                    case '\t': escape('t'); break;
                    case '\b': escape('b'); break;
                    case '\f': escape('f'); break;
                    default:
                        if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                            hex(c);
                        } else if (c < 0x800) {
                            buf[len++] = (byte) (0xc0 | (c >> 6));
                            buf[len++] = (byte) (0x80 | (c & 0x3f));
                        } else if (Character.isHighSurrogate(c)) {
                            int next = from + k + 1;
                            if (next < n && Character.isLowSurrogate(s.charAt(next))) {
                                int cp = Character.toCodePoint(c, s.charAt(next));
                                buf[len++] = (byte) (0xf0 | (cp >> 18));
                                buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                                buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                                buf[len++] = (byte) (0x80 | (cp & 0x3f));
                                if (k + 1 < count) {
                                    k++;
                                } else {
                                    // The low surrogate opens the next chunk: start that chunk after it.
                                    from++;
                                }
                            } else {
                                hex(c);
                            }
                        } else if (Character.isLowSurrogate(c)) {
                            hex(c);
                        } else {
                            buf[len++] = (byte) (0xe0 | (c >> 12));
                            buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                            buf[len++] = (byte) (0x80 | (c & 0x3f));
                        }
                }
            }
        }
        ensure(1);
        buf[len++] = '"';
    }

    /**
     * {@code "name":} (with a space when pretty) as bytes, for a name of printable ASCII without
     * quote or backslash, else null. Names are nearly always the same few constants, so the bytes are
     * kept per String instance in a small direct-mapped table: a report writes each member name with
     * one copy instead of encoding it char by char again for every object. The first name to reach a
     * slot keeps it (two names sharing a slot never evict each other: the later one is encoded as
     * before), so the table costs at most one small array per distinct name.
     */
    private byte[] encodedName(String name) {
        int slot = System.identityHashCode(name) & (NAME_SLOTS - 1);
        String kept = nameKeys[slot];
        if (kept == name) {
            return nameBytes[slot];
        }
        int n = name.length();
        if (kept != null || n > MAX_CACHED_NAME_CHARS) {
            return null;
        }
        byte[] b = new byte[n + (pretty ? 4 : 3)];
        b[0] = '"';
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return null;
            }
            b[i + 1] = (byte) c;
        }
        b[n + 1] = '"';
        b[n + 2] = ':';
        if (pretty) {
            b[n + 3] = ' ';
        }
        nameKeys[slot] = name;
        nameBytes[slot] = b;
        return b;
    }

    private void escape(char c) {
        buf[len++] = '\\';
        buf[len++] = (byte) c;
    }

    /** {@code \}{@code u} and four lower-case hex digits, as {@code Integer.toHexString} padded with zeros. */
    private void hex(char c) {
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[(c >> 12) & 0xf];
        buf[len++] = HEX[(c >> 8) & 0xf];
        buf[len++] = HEX[(c >> 4) & 0xf];
        buf[len++] = HEX[c & 0xf];
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void writeLong(long v) {
        ensure(20);
        if (v == Long.MIN_VALUE) {
            ascii("-9223372036854775808");
            return;
        }
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int d = digits.length;
        do {
            digits[--d] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        int count = digits.length - d;
        System.arraycopy(digits, d, buf, len, count);
        len += count;
    }

    /** {@code v} as exactly {@code width} decimal digits (0 <= v < 10^width). */
    private void fixed(int v, int width) {
        for (int i = width - 1; i >= 0; i--) {
            buf[len + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += width;
    }

    /**
     * Writes the decimal {@code text} ({@code Double.toString} of a finite double: {@code [-]D.D} or
     * {@code [-]D.DE[-]N}) rounded half-even to {@code decimals} fraction digits, trailing fraction
     * zeros removed, zero without a sign: what BigDecimal's {@code setScale}, {@code
     * stripTrailingZeros} and {@code toPlainString} make of it.
     */
    private void writeDecimal(String text, int decimals) {
        int n = text.length();
        boolean negative = text.charAt(0) == '-';
        // The value is 0.d[0]d[1]...d[count-1] times 10^point.
        byte[] d = decimalDigits;
        int count = 0;
        int point = -1;
        int exponent = 0;
        for (int i = negative ? 1 : 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                point = count;
            } else if (c == 'E') {
                exponent = Integer.parseInt(text, i + 1, n, 10);
                break;
            } else if (c >= '0' && c <= '9' && count < d.length) {
                if (c == '0' && count == 0 && point < 0) {
                    continue;
                }
                d[count++] = (byte) (c - '0');
            } else {
                ascii(new java.math.BigDecimal(text).setScale(decimals, java.math.RoundingMode.HALF_EVEN)
                        .stripTrailingZeros().toPlainString());
                return;
            }
        }
        if (point < 0) {
            point = count;
        }
        point += exponent;
        int lead = 0;
        while (lead < count && d[lead] == 0) {
            lead++;
        }
        if (lead > 0) {
            System.arraycopy(d, lead, d, 0, count - lead);
            count -= lead;
            point -= lead;
        }
        int keep = point + decimals;
        if (keep < count) {
            if (keep < 0) {
                count = 0;
            } else {
                int first = d[keep];
                boolean restNonZero = false;
                for (int k = keep + 1; k < count; k++) {
                    if (d[k] != 0) {
                        restNonZero = true;
                        break;
                    }
                }
                int last = keep > 0 ? d[keep - 1] : 0;
                boolean up = first > 5 || (first == 5 && (restNonZero || (last & 1) == 1));
                count = keep;
                if (up && Decimals.increment(d, count)) {
                    count++;
                    point++;
                }
            }
        }
        while (count > 0 && d[count - 1] == 0) {
            count--;
        }
        if (count == 0) {
            ensure(1);
            buf[len++] = '0';
            return;
        }
        ensure(Math.abs(point) + count + 4);
        if (negative) {
            buf[len++] = '-';
        }
        if (point <= 0) {
            buf[len++] = '0';
            buf[len++] = '.';
            for (int z = point; z < 0; z++) {
                buf[len++] = '0';
            }
            for (int k = 0; k < count; k++) {
                buf[len++] = (byte) ('0' + d[k]);
            }
            return;
        }
        for (int k = 0; k < point; k++) {
            buf[len++] = (byte) ('0' + (k < count ? d[k] : 0));
        }
        if (count > point) {
            buf[len++] = '.';
            for (int k = point; k < count; k++) {
                buf[len++] = (byte) ('0' + d[k]);
            }
        }
    }

    /** Significant digits of one double being written (Double.toString gives at most 17 plus leading zeros). */
    private final byte[] decimalDigits = new byte[40];

    private void ensure(int bytes) {
        if (len > buf.length - bytes || len >= drainAtBytes) {
            drain();
            if (bytes > buf.length) {
                throw new IllegalStateException("JSON token longer than the buffer");
            }
        }
    }

    /** Hands the buffered bytes to the sink. */
    private void drain() {
        if (len == 0) {
            return;
        }
        try {
            if (stream != null) {
                stream.write(buf, 0, len);
            } else {
                writer.write(new String(buf, 0, len, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        len = 0;
    }
}
