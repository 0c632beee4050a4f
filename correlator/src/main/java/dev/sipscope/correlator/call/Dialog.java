package dev.sipscope.correlator.call;

import java.util.Objects;

/**
 * One dialog of a call (RFC 3261 §12): identified within its call by the tag of the party that
 * created it and the To tag of the branch that answered, whichever way a request travels. Engine
 * thread only.
 */
final class Dialog {
    final String callerTag;
    final String calleeTag;
    final long createdNanos;
    final String remote;
    DialogState state;
    long confirmedNanos = Long.MIN_VALUE;
    long terminatedNanos = Long.MIN_VALUE;
    int requests;

    Dialog(String callerTag, String calleeTag, DialogState state, long createdNanos, String remote) {
        this.callerTag = callerTag;
        this.calleeTag = calleeTag;
        this.state = state;
        this.createdNanos = createdNanos;
        this.remote = remote;
        if (state == DialogState.CONFIRMED) {
            confirmedNanos = createdNanos;
        }
    }

    /** Whether a message with these From and To tags belongs here (in either direction). */
    boolean matches(String fromTag, String toTag) {
        return Objects.equals(callerTag, fromTag) && Objects.equals(calleeTag, toTag)
                || Objects.equals(callerTag, toTag) && Objects.equals(calleeTag, fromTag);
    }

    void confirm(long nanos) {
        if (state == DialogState.EARLY) {
            state = DialogState.CONFIRMED;
            confirmedNanos = nanos;
        }
    }

    void terminate(long nanos) {
        if (state != DialogState.TERMINATED) {
            state = DialogState.TERMINATED;
            terminatedNanos = nanos;
        }
    }

    DialogSummary summary() {
        return new DialogSummary(callerTag, calleeTag, state, createdNanos, confirmedNanos, terminatedNanos, remote,
                requests);
    }
}
