package dev.sipscope.tui.model;

/**
 * The full text of one SIP message, produced on demand: a feed may keep the message's bytes (or
 * only where it lives in a capture file) rather than a decoded String.
 *
 * <p>Implementations must be safe to call from any thread and must not touch mutable engine state;
 * they return the text as received, which may contain anything (sanitised only when drawn). An
 * implementation that cannot produce the text (the file went away) returns a one-line explanation.
 */
@FunctionalInterface
public interface MessageText {

    String load();

    /**
     * True when the text contains {@code needle} without regard to case. Implementations over
     * bytes override this to search without building the String.
     */
    default boolean containsIgnoreCase(String needle) {
        String t = load();
        return t != null && CallQuery.containsIgnoreCase(t, needle);
    }

    /** Text already in hand. */
    static MessageText of(String text) {
        String t = text == null ? "" : text;
        return () -> t;
    }
}
