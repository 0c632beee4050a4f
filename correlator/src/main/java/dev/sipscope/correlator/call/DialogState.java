package dev.sipscope.correlator.call;

import java.util.Locale;

/** RFC 3261 §12: a dialog is early (created by a 1xx with a To tag), confirmed (2xx), or over. */
public enum DialogState {
    EARLY, CONFIRMED, TERMINATED;

    /** Made once: reports ask for it for every call, dialog and media line. */
    private final String lowerCaseName = name().toLowerCase(Locale.ROOT);

    public String jsonName() {
        return lowerCaseName;
    }
}
