package dev.sipscope.tui.model;

/**
 * One call as the call list shows it: an immutable summary published by a feed.
 *
 * <p>Invariants: {@code key} is unique within a feed and never reused, and calls are numbered in
 * the order they were first seen, so {@code key} is also the index shown to the user. A feed
 * publishes a new {@code CallRow} object only when something in it changed, so caches may use
 * object identity. Text fields come off the wire: they are never null (empty when unknown) but
 * may hold anything, and are made safe only when drawn.
 *
 * @param key            the call's index (1, 2, ...), stable for the life of the feed
 * @param startNanos     time of the first message, ns since the epoch
 * @param method         the method of the first request (INVITE, REGISTER, ...)
 * @param from           the From URI's user@host (or the whole header when it has no URI)
 * @param to             the To URI's user@host
 * @param callId         the Call-ID
 * @param caller         source address of the first message ({@code ip:port}, {@code [v6]:port})
 * @param callee         destination address of the first message
 * @param state          where the call stands
 * @param finalCode      the final response code of the first transaction, 0 while none
 * @param messages       SIP messages in the call, retransmissions included
 * @param durationNanos  from the first to the last message (or to the last media packet), 0 when one instant
 * @param mos            worst MOS of the call's RTP streams, NaN when there is no stream with one
 * @param diagnostics    number of diagnostics raised on the call (0: none)
 */
public record CallRow(long key, long startNanos, String method, String from, String to, String callId,
                      String caller, String callee, CallState state, int finalCode, int messages,
                      long durationNanos, double mos, int diagnostics) {

    public CallRow {
        method = nz(method);
        from = nz(from);
        to = nz(to);
        callId = nz(callId);
        caller = nz(caller);
        callee = nz(callee);
        if (state == null) {
            throw new IllegalArgumentException("state is required");
        }
    }

    /** True when the call has at least one MOS figure. */
    public boolean hasMos() {
        return !Double.isNaN(mos);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
