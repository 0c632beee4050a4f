package dev.sipscope.tui.view;

/** What a piece of text is, for the theme to colour: screens name roles, never colours. */
public enum Style {
    NORMAL,
    /** The title line of a screen. */
    TITLE,
    /** Column headings. */
    HEADER,
    /** The line under the cursor. */
    CURSOR,
    /** A call or message the user marked. */
    MARKED,
    /** The status bar. */
    STATUS,
    /** A key name in the footer. */
    KEY,
    /** What a footer key does. */
    KEY_LABEL,
    /** Secondary text: deltas, hints. */
    DIM,
    /** Errors, failed calls, heavy loss. */
    BAD,
    /** Warnings, mediocre quality. */
    WARN,
    /** Answered calls, good quality. */
    GOOD,
    /** A request arrow. */
    REQUEST,
    /** A provisional (1xx) response. */
    PROVISIONAL,
    /** A 2xx response. */
    SUCCESS,
    /** A 3xx-6xx response. */
    FAILURE,
    /** An RTP stream band. */
    RTP,
    /** A retransmitted message. */
    RETRANSMISSION,
    /** The start line of a message. */
    START_LINE,
    /** A header name. */
    HEADER_NAME,
    /** SDP lines. */
    SDP,
    /** A diff: line only on the right. */
    DIFF_ADDED,
    /** A diff: line only on the left. */
    DIFF_REMOVED,
    /** A diff: line changed on both sides. */
    DIFF_CHANGED,
    /** An input field being edited. */
    INPUT,
    /** A dialog box. */
    DIALOG
}
