package dev.sipscope.correlator.diag;

/** How much a diagnostic matters; JSON uses the lower-case name. */
public enum Severity {
    /** Worth knowing, not a fault (e.g. retransmissions that recovered). */
    INFO,
    /** Degraded or suspicious: the call worked but something is off. */
    WARNING,
    /** The call failed or the audio was broken. */
    ERROR;

    /** Made once: reports ask for it for every call, dialog and media line. */
    private final String lowerCaseName = name().toLowerCase(java.util.Locale.ROOT);

    public String jsonName() {
        return lowerCaseName;
    }
}
