package dev.sipscope.correlator.export;

/**
 * Neutralises spreadsheet formula injection in CSV cells that carry untrusted text, as the OWASP
 * "CSV Injection" guidance recommends: a cell starting with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return gets a leading single quote, so a spreadsheet shows it
 * as text instead of evaluating it. Quoting and separators are left to the CSV printer
 * (RFC 4180); numbers we compute ourselves are never passed through here.
 */
public final class SpreadsheetCell {
    private SpreadsheetCell() {
    }

    /** {@code s} with a leading {@code '} when it could start a formula; null stays null (an empty cell). */
    public static String text(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        char c = s.charAt(0);
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
            return "'" + s;
        }
        return s;
    }
}
