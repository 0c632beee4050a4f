package dev.sipscope.correlator.query;

/**
 * A filter expression cannot be understood. The message is one sentence naming what is wrong and
 * where: {@code unknown state 'sleeping' at position 7 (known: ...)}.
 */
public final class FilterSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int position;

    /**
     * @param reason   what is wrong, without the position
     * @param position 1-based character position in the expression where the problem starts
     * @param hint     a parenthesised addition (the known values), or null
     */
    public FilterSyntaxException(String reason, int position, String hint) {
        super(reason + " at position " + position + (hint == null ? "" : " (" + hint + ")"), null, false, false);
        this.reason = reason;
        this.position = position;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    /** 1-based character position in the expression. */
    public int position() {
        return position;
    }
}
