package dev.sipscope.correlator.export;

/**
 * Makes untrusted text (anything that came off the wire or out of a file name) safe to print on a
 * terminal: C0 and C1 control characters, DEL, and Unicode bidirectional overrides and isolates
 * are shown as visible escapes ({@code \x1b}, {@code \u202e}) so that no escape sequence reaches
 * the terminal and no text can reorder what surrounds it.
 */
public final class TerminalText {
    private TerminalText() {
    }

    public static String safe(String s) {
        if (s == null) {
            return "";
        }
        int i = 0;
        while (i < s.length() && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) {
                sb.append(c);
            } else if (c < 0x100) {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c
                || Character.isSurrogate(c) && !Character.isDefined(c);
    }
}
