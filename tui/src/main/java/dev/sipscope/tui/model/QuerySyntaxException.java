package dev.sipscope.tui.model;

/** A filter the user typed cannot be understood; the message is one sentence to show in the filter bar. */
public final class QuerySyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public QuerySyntaxException(String message) {
        super(message, null, false, false);
    }
}
