package dev.sipscope.samples;

/**
 * The state a call list shows for a call once the capture has been read to its end.
 */
public enum CallState {
    /** INVITE sent, no final response by the end of the capture (trying or ringing). */
    SETUP,
    /** Answered and not hung up by the end of the capture. */
    IN_CALL,
    /** Answered, then hung up with a BYE (see {@link CallTruth#hangupBy()}). */
    COMPLETED,
    /** The caller cancelled: CANCEL, then 487 Request Terminated. */
    CANCELLED,
    /** Busy: 486 Busy Here or 600 Busy Everywhere. */
    BUSY,
    /** Any other final 3xx-6xx response (404, 408, 480, 503, 603 ...). */
    REJECTED,
    /** No response at all: the INVITE was retransmitted until timer B expired (RFC 3261 17.1.1.2). */
    NO_RESPONSE
}
