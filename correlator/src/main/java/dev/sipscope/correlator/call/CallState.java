package dev.sipscope.correlator.call;

import java.util.Locale;

/**
 * A call's state as a user reads it. INVITE calls move forward through {@link #CALLING},
 * {@link #PROCEEDING}, {@link #RINGING} and {@link #IN_CALL} and end in one of the terminal states;
 * non-INVITE kinds (OPTIONS, MESSAGE, SUBSCRIBE...) use {@link #CALLING}, {@link #PROCEEDING} and
 * then {@link #COMPLETED}, {@link #REJECTED}, {@link #REDIRECTED} or {@link #FAILED}; a REGISTER
 * ends {@link #REGISTERED} or {@link #UNREGISTERED} when it succeeds.
 */
public enum CallState {
    /** The request is out, nothing came back yet. */
    CALLING(0, false),
    /** A provisional response other than ringing (100 Trying, 181, 182...). */
    PROCEEDING(1, false),
    /** 180 Ringing or 183 Session Progress (early media when it carries SDP). */
    RINGING(2, false),
    /** A 2xx answered the INVITE. */
    IN_CALL(3, false),
    /** Ended normally: BYE after the answer; for non-INVITE kinds, a 2xx final response. */
    COMPLETED(4, true),
    /** The caller gave up: CANCEL answered by 487 (or a BYE before any answer). */
    CANCELLED(4, true),
    /** A 4xx/5xx/6xx final response other than those below. */
    REJECTED(4, true),
    /** 486 Busy Here or 600 Busy Everywhere. */
    BUSY(4, true),
    /** Nobody answered: 408, 480, a 487 nobody asked for, or ringing that never ended (timer C). */
    NO_ANSWER(4, true),
    /** A 3xx final response. */
    REDIRECTED(4, true),
    /** No final response before the transaction timed out (timer B or F, RFC 3261 §17.1). */
    FAILED(4, true),
    /** REGISTER accepted with a non-zero expiry. */
    REGISTERED(4, true),
    /** REGISTER accepted removing every binding (expires 0). */
    UNREGISTERED(4, true);

    private final int progress;
    private final boolean terminal;

    CallState(int progress, boolean terminal) {
        this.progress = progress;
        this.terminal = terminal;
    }

    /** Order of the non-terminal states (0..3); 4 for every terminal one. */
    public int progress() {
        return progress;
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** Lower-case name used in JSON and text: {@code in_call}, {@code no_answer}... */
    /** Made once: reports ask for it for every call, dialog and media line. */
    private final String lowerCaseName = name().toLowerCase(Locale.ROOT);

    public String jsonName() {
        return lowerCaseName;
    }
}
