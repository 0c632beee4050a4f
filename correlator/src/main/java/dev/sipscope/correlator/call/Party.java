package dev.sipscope.correlator.call;

import dev.sipscope.correlator.media.MediaSide;

import java.util.Locale;

/** The two parties of a call, relative to its initial request. */
public enum Party {
    /** Sent the initial request (its From tag is the call's caller tag). */
    CALLER,
    /** Received it. */
    CALLEE;

    public Party other() {
        return this == CALLER ? CALLEE : CALLER;
    }

    public MediaSide mediaSide() {
        return this == CALLER ? MediaSide.CALLER : MediaSide.CALLEE;
    }

    /** Made once: reports ask for it for every call, dialog and media line. */
    private final String lowerCaseName = name().toLowerCase(Locale.ROOT);

    public String jsonName() {
        return lowerCaseName;
    }
}
