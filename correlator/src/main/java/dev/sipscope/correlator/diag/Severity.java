package dev.sipscope.correlator.diag;

/** How much a diagnostic matters; JSON uses the lower-case name. */
public enum Severity {
    /** Worth knowing, not a fault (e.g. retransmissions that recovered). */
    INFO,
    /** Degraded or suspicious: the call worked but something is off. */
    WARNING,
    /** The call failed or the audio was broken. */
    ERROR;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
