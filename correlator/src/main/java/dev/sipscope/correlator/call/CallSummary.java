package dev.sipscope.correlator.call;

import dev.sipscope.correlator.media.MediaSummary;

import java.util.List;

/**
 * A call (everything sharing one Call-ID) as published in a snapshot. Immutable; safe to read from
 * any thread. Times are capture times in nanoseconds since the epoch, {@link #NO_TIME} when absent;
 * intervals are nanoseconds, -1 when they cannot be measured.
 *
 * @param number             the engine's number of the call, 1-based, in order of first message
 * @param callId             the Call-ID
 * @param kind               what the Call-ID is used for
 * @param from               URI of the From header of the initial request (else of the first message), or null
 * @param to                 URI of its To header, or null
 * @param caller             {@code ip:port} that sent the initial request (first hop seen), or null
 * @param callee             {@code ip:port} it was sent to, or null
 * @param state              the state as a user reads it
 * @param finalStatus        the final status that decided the state (the 2xx of an answered call, the error of a
 *                           failed one), 0 when none
 * @param reason             Reason header (RFC 3326) of the final response, CANCEL or BYE, else the reason phrase of
 *                           a failure, else what the timer concluded; null when none
 * @param startNanos         first message of the call (its initial request when seen)
 * @param answerNanos        first 2xx to the initial INVITE (or the final response of a non-INVITE kind)
 * @param endNanos           BYE, final non-2xx response, final response of a non-INVITE kind, or timeout
 * @param postDialDelayNanos initial INVITE to the first 180/183
 * @param setupNanos         initial INVITE to the first 2xx
 * @param answerToAckNanos   first 2xx to its ACK
 * @param durationNanos      ACK (or 2xx without ACK) to BYE
 * @param messageCount       messages of the call, retransmissions not included
 * @param retransmissions    retransmitted requests and responses
 * @param messagesNotKept    messages counted but not kept in {@link #messages} (over the per-call limit)
 * @param dialogs            the dialogs, in order of creation (several with forking)
 * @param hangupBy           who sent the BYE, relative to the initial INVITE; null when unknown or no BYE
 * @param links              related calls (B2BUA legs, transfers)
 * @param userAgent          User-Agent of the initial request, or null
 * @param earlyMedia         a provisional response carried SDP (183 Session Progress with media)
 * @param holds              times a party put the other on hold (sendonly, inactive or 0.0.0.0 in a new SDP)
 * @param expiresSeconds     REGISTER: the granted expiry; -1 otherwise
 * @param media              announced RTP endpoints and what was seen of them
 * @param messages           the messages kept (retransmissions included, flagged), in capture order
 * @param lastMessageNanos   capture time of the latest message
 */
public record CallSummary(
        long number,
        String callId,
        CallKind kind,
        String from,
        String to,
        String caller,
        String callee,
        CallState state,
        int finalStatus,
        String reason,
        long startNanos,
        long answerNanos,
        long endNanos,
        long postDialDelayNanos,
        long setupNanos,
        long answerToAckNanos,
        long durationNanos,
        int messageCount,
        int retransmissions,
        int messagesNotKept,
        List<DialogSummary> dialogs,
        Party hangupBy,
        List<CallLink> links,
        String userAgent,
        boolean earlyMedia,
        int holds,
        long expiresSeconds,
        List<MediaSummary> media,
        List<CallMessage> messages,
        long lastMessageNanos) {

    /** An absent time. */
    public static final long NO_TIME = Long.MIN_VALUE;
}
