package dev.sipscope.correlator.media;

/** Which party of a call wrote the SDP that announced an endpoint. */
public enum MediaSide {
    /** The party that sent the call's initial INVITE (its From). */
    CALLER,
    /** The party the initial INVITE was sent to (its To); with forking, any of the answering branches. */
    CALLEE;

    private final String lowerCaseName = name().toLowerCase(java.util.Locale.ROOT);

    /** The lower-case name reports use ({@code caller}, {@code callee}), made once. */
    public String jsonName() {
        return lowerCaseName;
    }

    public MediaSide other() {
        return this == CALLER ? CALLEE : CALLER;
    }
}
