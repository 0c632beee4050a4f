package dev.sipscope.samples;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A minimal streaming JSON writer (RFC 8259) with stable formatting: two-space indentation, one
 * member per line, and "compact" arrays written on a single line (for per-packet rows).
 * Doubles are written with six decimals; non-finite doubles become null.
 */
final class JsonWriter {
    private static final class Level {
        final boolean object;
        final boolean compact;
        int count;

        Level(boolean object, boolean compact) {
            this.object = object;
            this.compact = compact;
        }
    }

    private final StringBuilder out;
    private final Deque<Level> stack = new ArrayDeque<>();
    private boolean afterName;

    JsonWriter(StringBuilder out) {
        this.out = out;
    }

    JsonWriter beginObject() {
        return open('{', true, false);
    }

    /** An object written on one line, with everything inside it. */
    JsonWriter beginCompactObject() {
        return open('{', true, true);
    }

    JsonWriter endObject() {
        return close('}');
    }

    JsonWriter beginArray() {
        return open('[', false, false);
    }

    /** An array written on one line (its elements must be values, not objects). */
    JsonWriter beginCompactArray() {
        return open('[', false, true);
    }

    JsonWriter endArray() {
        return close(']');
    }

    JsonWriter name(String name) {
        Level top = stack.peek();
        if (top == null || !top.object || afterName) {
            throw new IllegalStateException("a name belongs directly inside an object");
        }
        separator(top);
        string(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String s) {
        beforeValue();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        return this;
    }

    JsonWriter value(long v) {
        beforeValue();
        out.append(v);
        return this;
    }

    JsonWriter value(double v) {
        beforeValue();
        if (Double.isFinite(v)) {
            out.append(String.format(Locale.ROOT, "%.6f", v));
        } else {
            out.append("null");
        }
        return this;
    }

    JsonWriter value(boolean v) {
        beforeValue();
        out.append(v);
        return this;
    }

    JsonWriter field(String name, String v) {
        return name(name).value(v);
    }

    JsonWriter field(String name, long v) {
        return name(name).value(v);
    }

    JsonWriter field(String name, double v) {
        return name(name).value(v);
    }

    JsonWriter field(String name, boolean v) {
        return name(name).value(v);
    }

    private JsonWriter open(char c, boolean object, boolean compact) {
        beforeValue();
        out.append(c);
        stack.push(new Level(object, compact || (stack.peek() != null && stack.peek().compact)));
        return this;
    }

    private JsonWriter close(char c) {
        Level top = stack.pop();
        if (top.count > 0 && !top.compact) {
            newline();
        }
        out.append(c);
        if (stack.isEmpty()) {
            out.append('\n');
        }
        return this;
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        Level top = stack.peek();
        if (top == null) {
            return;
        }
        if (top.object) {
            throw new IllegalStateException("a value inside an object needs a name first");
        }
        separator(top);
    }

    private void separator(Level top) {
        if (top.count++ > 0) {
            out.append(top.compact ? ", " : ",");
        }
        if (!top.compact) {
            newline();
        }
    }

    private void newline() {
        out.append('\n');
        for (int i = 0; i < stack.size(); i++) {
            out.append("  ");
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
