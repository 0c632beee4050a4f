package dev.sipscope.correlator.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The JSON writer as it was before it encoded into a byte buffer (String per value, BigDecimal for
 * doubles), kept as the oracle of {@code JsonWriterEquivalenceTest}.
 *
 * A small streaming JSON writer. Output is always valid JSON whatever the strings hold: quotes,
 * backslashes, every control character, U+2028/U+2029 and unpaired surrogates are escaped.
 * Indents with two spaces when {@code pretty}. Commas are managed for the caller.
 */
final class ReferenceJsonWriter {
    private final Writer out;
    private final boolean pretty;
    /** Per nesting level: true once the level has its first element. */
    private final boolean[] hasElement = new boolean[64];
    private int depth;
    private boolean afterName;

    ReferenceJsonWriter(Writer out, boolean pretty) {
        this.out = out;
        this.pretty = pretty;
    }

    public ReferenceJsonWriter beginObject() {
        return open('{');
    }

    public ReferenceJsonWriter endObject() {
        return close('}');
    }

    public ReferenceJsonWriter beginArray() {
        return open('[');
    }

    public ReferenceJsonWriter endArray() {
        return close(']');
    }

    /** Writes an object member name; the next call writes its value. */
    public ReferenceJsonWriter name(String name) {
        separate();
        writeString(name);
        write(pretty ? ": " : ":");
        afterName = true;
        return this;
    }

    public ReferenceJsonWriter value(String s) {
        if (s == null) {
            return nullValue();
        }
        separate();
        writeString(s);
        return this;
    }

    public ReferenceJsonWriter value(long v) {
        separate();
        write(Long.toString(v));
        return this;
    }

    public ReferenceJsonWriter value(boolean v) {
        separate();
        write(v ? "true" : "false");
        return this;
    }

    /** A finite double with up to {@code decimals} fraction digits; NaN and infinities become null. */
    public ReferenceJsonWriter value(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return nullValue();
        }
        separate();
        write(java.math.BigDecimal.valueOf(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString());
        return this;
    }

    public ReferenceJsonWriter nullValue() {
        separate();
        write("null");
        return this;
    }

    public ReferenceJsonWriter field(String name, String v) {
        return name(name).value(v);
    }

    public ReferenceJsonWriter field(String name, long v) {
        return name(name).value(v);
    }

    public ReferenceJsonWriter field(String name, boolean v) {
        return name(name).value(v);
    }

    public ReferenceJsonWriter field(String name, double v, int decimals) {
        return name(name).value(v, decimals);
    }

    /** Ends the document with a newline and flushes. */
    public void finish() {
        write("\n");
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ReferenceJsonWriter open(char c) {
        separate();
        write(String.valueOf(c));
        if (depth + 1 >= hasElement.length) {
            throw new IllegalStateException("JSON nested too deeply");
        }
        hasElement[++depth] = false;
        return this;
    }

    private ReferenceJsonWriter close(char c) {
        boolean had = hasElement[depth];
        depth--;
        if (pretty && had) {
            newline();
        }
        write(String.valueOf(c));
        return this;
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (hasElement[depth]) {
                write(",");
            }
            hasElement[depth] = true;
            if (pretty) {
                newline();
            }
        }
    }

    private void newline() {
        write("\n");
        for (int i = 0; i < depth; i++) {
            write("  ");
        }
    }

    private void writeString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                        hex(sb, c);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            sb.append(c).append(s.charAt(++i));
                        } else {
                            hex(sb, c);
                        }
                    } else if (Character.isLowSurrogate(c)) {
                        hex(sb, c);
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
        write(sb.toString());
    }

    private static void hex(StringBuilder sb, char c) {
        sb.append("\\u");
        String h = Integer.toHexString(c);
        for (int k = h.length(); k < 4; k++) {
            sb.append('0');
        }
        sb.append(h);
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
