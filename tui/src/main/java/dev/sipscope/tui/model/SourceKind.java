package dev.sipscope.tui.model;

/** Where the packets come from. */
public enum SourceKind {
    /** Capture files: read once, as fast as possible. */
    FILE,
    /** A live network interface. */
    LIVE,
    /** HEP/EEP packets received from capture agents. */
    HEP
}
