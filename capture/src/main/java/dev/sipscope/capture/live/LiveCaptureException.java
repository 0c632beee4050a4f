package dev.sipscope.capture.live;

import java.io.IOException;

/**
 * Live capture cannot start or had to stop. The message is one sentence a user can act on; it
 * never carries a native stack trace (no cause is attached).
 */
public final class LiveCaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that choose an exit code or a hint. */
    public enum Reason {
        /** libpcap is not installed (or could not be loaded). */
        LIBPCAP_MISSING,
        /** The process lacks root or CAP_NET_RAW/CAP_NET_ADMIN. */
        PERMISSION_DENIED,
        /** No interface has the requested name. */
        NO_SUCH_INTERFACE,
        /** The interface exists but is down. */
        INTERFACE_DOWN,
        /** libpcap could not compile the BPF filter expression. */
        BAD_FILTER,
        /** Any other failure reported by libpcap or the native layer. */
        FAILED
    }

    private final Reason reason;

    public LiveCaptureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
