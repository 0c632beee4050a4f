package dev.sipscope.tui.model;

/**
 * Where a call (or a non-INVITE dialog) stands, named as sngrep users know them.
 *
 * <p>INVITE dialogs (RFC 3261 §13): {@link #CALL_SETUP} until a final response, {@link #RINGING}
 * after a 18x, {@link #IN_CALL} after a 2xx, {@link #COMPLETED} after a BYE; {@link #CANCELLED}
 * (487 after a CANCEL), {@link #REJECTED} (4xx, 5xx, 6xx other than busy and no answer, as sngrep
 * shows them), {@link #BUSY} (486, 600), {@link #NO_ANSWER} (408, 480, a 487 nobody cancelled, or
 * ringing that timed out: not in sngrep, which folds these into its other states), {@link #DIVERTED}
 * (3xx), {@link #FAILED} (no final response at all). Other requests: {@link #PENDING} then
 * {@link #OK} or {@link #FAILED}.
 */
public enum CallState {
    CALL_SETUP("CALL SETUP"),
    RINGING("RINGING"),
    IN_CALL("IN CALL"),
    COMPLETED("COMPLETED"),
    CANCELLED("CANCELLED"),
    REJECTED("REJECTED"),
    BUSY("BUSY"),
    NO_ANSWER("NO ANSWER"),
    DIVERTED("DIVERTED"),
    FAILED("FAILED"),
    PENDING("PENDING"),
    OK("OK");

    private final String label;

    CallState(String label) {
        this.label = label;
    }

    /** The text shown in the State column. */
    public String label() {
        return label;
    }

    /** True once nothing more is expected (the call ended, or the transaction got its final answer). */
    public boolean isFinal() {
        return this != CALL_SETUP && this != RINGING && this != IN_CALL && this != PENDING;
    }

    /** The state whose label or name (any case, {@code _} or space) is {@code text}, or null. */
    public static CallState parse(String text) {
        String t = text.trim().replace('-', '_').replace(' ', '_');
        for (CallState s : values()) {
            if (s.name().equalsIgnoreCase(t) || s.label.replace(' ', '_').equalsIgnoreCase(t)) {
                return s;
            }
        }
        if (t.equalsIgnoreCase("setup")) {
            return CALL_SETUP;
        }
        if (t.equalsIgnoreCase("incall") || t.equalsIgnoreCase("answered")) {
            return IN_CALL;
        }
        if (t.equalsIgnoreCase("noanswer") || t.equalsIgnoreCase("unanswered")) {
            return NO_ANSWER;
        }
        if (t.equalsIgnoreCase("canceled")) {
            return CANCELLED;
        }
        return null;
    }
}
