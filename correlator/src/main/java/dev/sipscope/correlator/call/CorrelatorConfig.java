package dev.sipscope.correlator.call;

import java.util.List;
import java.util.Objects;

/**
 * Bounds and windows of the {@link Correlator}. Immutable; start from {@link #DEFAULTS} and change
 * what you need with the {@code with...} methods. Every value is checked when the record is built.
 *
 * @param maxCalls               calls kept (active and finished); beyond, the oldest finished call is evicted, else
 *                               the oldest call (both counted)
 * @param maxMessagesPerCall     messages kept per call for its ladder; more are counted, not kept (0: keep none, as a
 *                               batch report that only needs counts does)
 * @param maxDialogsPerCall      dialogs kept per call (forks); more are counted, not kept
 * @param maxTransactions        transactions remembered at once (for retransmission matching) across all calls;
 *                               beyond, the oldest is forgotten
 * @param linkHeaders            headers naming the Call-ID of another leg (B2BUA), matched ignoring case
 * @param sdpLinkWindowNanos     two calls announcing the same media endpoint less than this apart are linked as
 *                               B2BUA legs
 * @param transferWindowNanos    an INVITE to a REFER's target (or with its Referred-By) this soon after the REFER is
 *                               linked to the referring call
 * @param transactionTimeoutNanos RFC 3261 64*T1 (timers B, F, H, J): a request with no response at all this long
 *                               times out; a completed transaction is forgotten this long after its last message
 * @param ringTimeoutNanos       an INVITE that got provisional responses and no final one this long after the last
 *                               of them ends as no answer (RFC 3261 §16.6 timer C, greater than 3 minutes)
 * @param mediaReleaseGraceNanos media endpoints stay bound this long after the call ended or moved them (late RTP)
 */
public record CorrelatorConfig(
        int maxCalls,
        int maxMessagesPerCall,
        int maxDialogsPerCall,
        int maxTransactions,
        List<String> linkHeaders,
        long sdpLinkWindowNanos,
        long transferWindowNanos,
        long transactionTimeoutNanos,
        long ringTimeoutNanos,
        long mediaReleaseGraceNanos) {

    private static final long SECOND = 1_000_000_000L;

    /**
     * For a live run: 20,000 calls (as sngrep), 256 messages and 64 dialogs per call, 1,000,000
     * transactions, headers {@code X-Call-ID} and {@code X-CID}, 10 s SDP link window, 60 s transfer
     * window, 32 s transaction timeout (T1 = 500 ms), 181 s ring timeout, 5 s media grace.
     *
     * <p>Memory (measured, see docs/PERFORMANCE.md): about 3 KB per call without its messages, and
     * about 2.7 KB per message kept (the message and what parsing it left cached).
     */
    public static final CorrelatorConfig DEFAULTS = new CorrelatorConfig(20_000, 256, 64, 1_000_000,
            List.of("X-Call-ID", "X-CID"), 10 * SECOND, 60 * SECOND, 32 * SECOND, 181 * SECOND, 5 * SECOND);

    public CorrelatorConfig {
        positive(maxCalls, "maxCalls");
        nonNegative(maxMessagesPerCall, "maxMessagesPerCall");
        positive(maxDialogsPerCall, "maxDialogsPerCall");
        positive(maxTransactions, "maxTransactions");
        linkHeaders = List.copyOf(Objects.requireNonNull(linkHeaders, "linkHeaders"));
        for (String h : linkHeaders) {
            if (h.isEmpty() || !h.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
                throw new IllegalArgumentException("not a header name: '" + h + "'");
            }
        }
        nonNegative(sdpLinkWindowNanos, "sdpLinkWindowNanos");
        nonNegative(transferWindowNanos, "transferWindowNanos");
        positive(transactionTimeoutNanos, "transactionTimeoutNanos");
        positive(ringTimeoutNanos, "ringTimeoutNanos");
        nonNegative(mediaReleaseGraceNanos, "mediaReleaseGraceNanos");
    }

    private static void positive(long v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }

    private static void nonNegative(long v, String name) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + v);
        }
    }

    public CorrelatorConfig withMaxCalls(int n) {
        return new CorrelatorConfig(n, maxMessagesPerCall, maxDialogsPerCall, maxTransactions, linkHeaders,
                sdpLinkWindowNanos, transferWindowNanos, transactionTimeoutNanos, ringTimeoutNanos, mediaReleaseGraceNanos);
    }

    public CorrelatorConfig withMaxMessagesPerCall(int n) {
        return new CorrelatorConfig(maxCalls, n, maxDialogsPerCall, maxTransactions, linkHeaders,
                sdpLinkWindowNanos, transferWindowNanos, transactionTimeoutNanos, ringTimeoutNanos, mediaReleaseGraceNanos);
    }

    public CorrelatorConfig withMaxTransactions(int n) {
        return new CorrelatorConfig(maxCalls, maxMessagesPerCall, maxDialogsPerCall, n, linkHeaders,
                sdpLinkWindowNanos, transferWindowNanos, transactionTimeoutNanos, ringTimeoutNanos, mediaReleaseGraceNanos);
    }

    /** Headers naming another leg's Call-ID (replaces the default list; empty turns header links off). */
    public CorrelatorConfig withLinkHeaders(List<String> names) {
        return new CorrelatorConfig(maxCalls, maxMessagesPerCall, maxDialogsPerCall, maxTransactions, names,
                sdpLinkWindowNanos, transferWindowNanos, transactionTimeoutNanos, ringTimeoutNanos, mediaReleaseGraceNanos);
    }

    /** The SDP link window (0 turns linking by media endpoint off). */
    public CorrelatorConfig withSdpLinkWindowNanos(long nanos) {
        return new CorrelatorConfig(maxCalls, maxMessagesPerCall, maxDialogsPerCall, maxTransactions, linkHeaders,
                nanos, transferWindowNanos, transactionTimeoutNanos, ringTimeoutNanos, mediaReleaseGraceNanos);
    }

    public CorrelatorConfig withTimeouts(long transactionNanos, long ringNanos) {
        return new CorrelatorConfig(maxCalls, maxMessagesPerCall, maxDialogsPerCall, maxTransactions, linkHeaders,
                sdpLinkWindowNanos, transferWindowNanos, transactionNanos, ringNanos, mediaReleaseGraceNanos);
    }

    public CorrelatorConfig withMediaReleaseGraceNanos(long nanos) {
        return new CorrelatorConfig(maxCalls, maxMessagesPerCall, maxDialogsPerCall, maxTransactions, linkHeaders,
                sdpLinkWindowNanos, transferWindowNanos, transactionTimeoutNanos, ringTimeoutNanos, nanos);
    }
}
