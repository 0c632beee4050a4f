package dev.sipscope.tui.view;

import com.googlecode.lanterna.TerminalTextUtils;
import dev.sipscope.correlator.export.TerminalText;

/**
 * Makes text from the wire fit for terminal cells, and measures it in cells.
 *
 * <p>{@link #cells(String)} first applies {@link TerminalText#safe(String)} (control characters,
 * DEL, C1 and bidirectional controls become visible escapes such as {@code \x1b}), then replaces
 * what would make a character's width unpredictable: surrogate pairs (emoji and other characters
 * outside the BMP) and lone surrogates become U+FFFD, combining marks and zero-width format
 * characters become visible {@code \\uXXXX} escapes. Afterwards every char takes one cell, or two
 * for East Asian wide characters ({@link TerminalTextUtils#isCharDoubleWidth(char)}).
 */
public final class SafeText {
    private SafeText() {
    }

    /** Text safe to put in cells, one or two cells per char. */
    public static String cells(String s) {
        String t = TerminalText.safe(s);
        int i = 0;
        while (i < t.length() && plain(t.charAt(i))) {
            i++;
        }
        if (i == t.length()) {
            return t;
        }
        StringBuilder b = new StringBuilder(t.length() + 8).append(t, 0, i);
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
            if (plain(c)) {
                b.append(c);
            } else if (Character.isHighSurrogate(c)) {
                b.append('\uFFFD');
                if (i + 1 < t.length() && Character.isLowSurrogate(t.charAt(i + 1))) {
                    i++;
                }
            } else if (Character.isLowSurrogate(c)) {
                b.append('\uFFFD');
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    /** A char that takes its cells on its own. */
    private static boolean plain(char c) {
        if (c < 0x300) {
            return c != 0xad; // the soft hyphen is a format character of no fixed width
        }
        if (Character.isSurrogate(c)) {
            return false;
        }
        int type = Character.getType(c);
        return type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
                && type != Character.COMBINING_SPACING_MARK && type != Character.FORMAT
                && type != Character.UNASSIGNED && c != '\u200b';
    }

    /** Cells taken by already-safe text. */
    public static int width(String safe) {
        int w = 0;
        for (int i = 0; i < safe.length(); i++) {
            w += TerminalTextUtils.isCharDoubleWidth(safe.charAt(i)) ? 2 : 1;
        }
        return w;
    }

    /** The longest prefix of already-safe text that fits in {@code cells}. */
    public static String clip(String safe, int cells) {
        if (cells <= 0) {
            return "";
        }
        int w = 0;
        for (int i = 0; i < safe.length(); i++) {
            int cw = TerminalTextUtils.isCharDoubleWidth(safe.charAt(i)) ? 2 : 1;
            if (w + cw > cells) {
                return safe.substring(0, i);
            }
            w += cw;
        }
        return safe;
    }

    /** Already-safe text, cut or padded with blanks to exactly {@code cells}; right-aligned if asked. */
    public static String pad(String safe, int cells, boolean right) {
        String c = clip(safe, cells);
        int w = width(c);
        if (w == cells) {
            return c;
        }
        String blanks = " ".repeat(cells - w);
        return right ? blanks + c : c + blanks;
    }

    /** Tabs expanded to the next multiple of 8, so a message line keeps its look. */
    public static String expandTabs(String line) {
        if (line.indexOf('\t') < 0) {
            return line;
        }
        StringBuilder b = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                do {
                    b.append(' ');
                } while (b.length() % 8 != 0);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
