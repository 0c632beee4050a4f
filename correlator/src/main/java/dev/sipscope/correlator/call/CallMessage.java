package dev.sipscope.correlator.call;

import dev.sipscope.decoder.sip.SipMessage;

/**
 * One SIP message of a call, as kept for the call's ladder. Immutable (the {@link SipMessage} is an
 * independent copy, safe to read from any thread).
 *
 * @param timeNanos         capture time
 * @param hop               where it was seen
 * @param hopIndex          index of {@code hop} among the call's distinct hops (0 for the first), -1 past the limit
 * @param message           the message itself
 * @param retransmission    a copy of an earlier message on the same hop (same transaction, same request or same
 *                          response), counted, not a new step of the call
 * @param forwarded         a request whose second Via is the top Via of a request seen earlier: the same request
 *                          forwarded by a proxy onto another hop
 * @param transactionNumber the call's number of the transaction the message belongs to (1-based)
 * @param dialogIndex       index of the dialog it belongs to in the call's dialogs, or -1
 */
public record CallMessage(
        long timeNanos,
        Hop hop,
        int hopIndex,
        SipMessage message,
        boolean retransmission,
        boolean forwarded,
        int transactionNumber,
        int dialogIndex) {
}
