package dev.sipscope.correlator.call;

/**
 * One dialog of a call (RFC 3261 §12), as published. Several dialogs of one call come from forking:
 * each answering branch has its own To tag.
 *
 * @param callerTag       the tag of the party that created it (the From tag of its creating request)
 * @param calleeTag       the To tag of the answering branch
 * @param state           early, confirmed or terminated
 * @param createdNanos    capture time of the message that created it
 * @param confirmedNanos  capture time of its 2xx (or first in-dialog request seen), or {@code Long.MIN_VALUE}
 * @param terminatedNanos capture time it ended (BYE, non-2xx final, NOTIFY terminated), or {@code Long.MIN_VALUE}
 * @param remote          {@code ip:port} the creating response came from (the branch that answered), or null
 * @param requests        in-dialog requests seen (not counting retransmissions)
 */
public record DialogSummary(
        String callerTag,
        String calleeTag,
        DialogState state,
        long createdNanos,
        long confirmedNanos,
        long terminatedNanos,
        String remote,
        int requests) {
}
