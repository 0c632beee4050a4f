package dev.sipscope.correlator.export;

/**
 * Makes untrusted text safe as a CSV cell. Control characters and bidirectional overrides are
 * shown as visible escapes, as on a terminal ({@link TerminalText#safe}: RFC 3261 §25.1 allows
 * none of them in header values, and {@code --format csv} may well be printed on a terminal).
 * Then spreadsheet formula injection is neutralised as the OWASP "CSV Injection" guidance
 * recommends: a cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a
 * carriage return gets a leading single quote, so a spreadsheet shows it as text instead of
 * evaluating it. Quoting and separators are left to the CSV printer (RFC 4180); numbers we
 * compute ourselves are never passed through here.
 */
public final class SpreadsheetCell {
    private SpreadsheetCell() {
    }

    /** {@code s} with a leading {@code '} when it could start a formula; null stays null (an empty cell). */
    public static String text(String raw) {
        if (raw == null || raw.isEmpty()) {
            return raw;
        }
        String s = TerminalText.safe(raw);
        char c = s.charAt(0);
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
            return "'" + s;
        }
        return s;
    }
}
