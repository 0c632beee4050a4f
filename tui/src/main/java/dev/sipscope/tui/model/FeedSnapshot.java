package dev.sipscope.tui.model;

import java.util.List;
import java.util.function.LongFunction;

/**
 * What a feed publishes a few times a second: every call it knows, in the order they were first
 * seen, the status counters, and a way to each call's detail.
 *
 * <p>Immutable: {@code calls} is never changed after publication and {@code details} reads only
 * immutable data (it must not reach into the engine's mutable state), so the UI and the view
 * worker can use a snapshot from any thread without locks. {@code version} grows with every
 * publication that changed anything.
 *
 * @param version  increases whenever a newer snapshot differs
 * @param status   counters for the status bar
 * @param calls    calls in creation order (keys increasing)
 * @param details  call key to detail; returns null for an unknown key
 */
public record FeedSnapshot(long version, StatusCounters status, List<CallRow> calls,
                           LongFunction<CallDetail> details) {

    public FeedSnapshot {
        calls = calls == null ? List.of() : calls;
        if (details == null) {
            details = k -> null;
        }
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
    }

    /** The detail of call {@code key}, or an empty one when the feed has none. */
    public CallDetail detail(long key) {
        CallDetail d = details.apply(key);
        return d == null ? CallDetail.empty(key) : d;
    }
}
