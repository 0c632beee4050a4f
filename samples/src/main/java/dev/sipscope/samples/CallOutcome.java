package dev.sipscope.samples;

/** How a generated call ends. */
public enum CallOutcome {
    /** 200 OK, ACK, media, BYE, 200 OK. */
    ANSWERED,
    /** A final error response (4xx/5xx/6xx) to the INVITE, then ACK. */
    REJECTED,
    /** The caller sends CANCEL while ringing: 200 OK (CANCEL), 487, ACK. */
    CANCELLED,
    /** No response at all: the INVITE is retransmitted until timer B (32 s, RFC 3261 17.1.1.2). */
    TIMEOUT,
    /** Still ringing when the capture ends: provisional responses but no final one. */
    UNANSWERED
}
