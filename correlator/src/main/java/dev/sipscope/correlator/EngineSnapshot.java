package dev.sipscope.correlator;

import dev.sipscope.correlator.call.CallSummary;

import java.util.List;
import java.util.Map;

/**
 * Everything the engine knows, at one moment, as immutable values: made on the engine thread by
 * {@link Engine#snapshot()}, then safe to hand to any thread (reports, the UI).
 *
 * @param nowNanos                 latest capture time seen, or {@code Long.MIN_VALUE}
 * @param sipMessages              SIP messages with a Call-ID (every one tshark counts), retransmissions included
 * @param sipMessagesWithoutCallId SIP messages without Call-ID (RFC 3261 §8.1.1.4 makes it mandatory): not correlated
 * @param sipMalformed             SIP decoding problems (see {@code SipMalformed}) plus messages without Call-ID
 * @param sipMalformedReasons      the same per reason, lower-case names, only non-zero ones
 * @param retransmissions          retransmitted requests and responses
 * @param callsSeen                calls (distinct Call-IDs) created since the start
 * @param callsEvicted             calls dropped to stay within the limit
 * @param mediaEndpoints           announced media endpoints registered now
 * @param mediaLookups             media registry lookups
 * @param mediaBound               lookups that found their call
 * @param calls                    the calls kept, in order of first message
 */
public record EngineSnapshot(
        long nowNanos,
        long sipMessages,
        long sipMessagesWithoutCallId,
        long sipMalformed,
        Map<String, Long> sipMalformedReasons,
        long retransmissions,
        long callsSeen,
        long callsEvicted,
        int mediaEndpoints,
        long mediaLookups,
        long mediaBound,
        List<CallSummary> calls) {
}
