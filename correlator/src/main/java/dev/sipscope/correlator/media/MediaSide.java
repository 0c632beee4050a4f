package dev.sipscope.correlator.media;

/** Which party of a call wrote the SDP that announced an endpoint. */
public enum MediaSide {
    /** The party that sent the call's initial INVITE (its From). */
    CALLER,
    /** The party the initial INVITE was sent to (its To); with forking, any of the answering branches. */
    CALLEE;

    public MediaSide other() {
        return this == CALLER ? CALLEE : CALLER;
    }
}
