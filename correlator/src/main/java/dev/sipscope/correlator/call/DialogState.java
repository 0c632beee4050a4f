package dev.sipscope.correlator.call;

import java.util.Locale;

/** RFC 3261 §12: a dialog is early (created by a 1xx with a To tag), confirmed (2xx), or over. */
public enum DialogState {
    EARLY, CONFIRMED, TERMINATED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
