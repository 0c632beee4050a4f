package dev.sipscope.tui.model;

import java.util.List;

/**
 * What the UI thread draws from: one feed snapshot seen through one {@link ViewSpec} (filtered and
 * sorted by the {@link ViewWorker}, never on the UI thread).
 *
 * <p>Immutable and published through a volatile reference. Row lookups are O(1);
 * {@link #indexOf(long)} is a scan of a primitive array, done once per new snapshot to keep the
 * cursor on its call.
 */
public final class UiSnapshot {
    private final FeedSnapshot feed;
    private final ViewSpec spec;
    private final CallRow[] rows;
    private final long[] keys;
    private final long sequence;

    UiSnapshot(FeedSnapshot feed, ViewSpec spec, CallRow[] rows, long sequence) {
        this.feed = feed;
        this.spec = spec;
        this.rows = rows;
        this.sequence = sequence;
        this.keys = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            keys[i] = rows[i].key();
        }
    }

    /** The feed's calls in the feed's order, without a view (for tests and the first frame). */
    public static UiSnapshot unfiltered(FeedSnapshot feed) {
        return new UiSnapshot(feed, ViewSpec.DEFAULT, feed.calls().toArray(new CallRow[0]), 0);
    }

    public FeedSnapshot feed() {
        return feed;
    }

    public ViewSpec spec() {
        return spec;
    }

    /** Increases with every publication of the view worker. */
    public long sequence() {
        return sequence;
    }

    public StatusCounters status() {
        return feed.status();
    }

    /** Calls in the view (after the filter). */
    public int size() {
        return rows.length;
    }

    /** Calls known to the feed (before the filter). */
    public int totalCalls() {
        return feed.calls().size();
    }

    /** Row {@code i} of the view, {@code 0 <= i < size()}. */
    public CallRow row(int i) {
        return rows[i];
    }

    /** Position of call {@code key} in the view, or -1 when the filter hides it (or it is gone). */
    public int indexOf(long key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == key) {
                return i;
            }
        }
        return -1;
    }

    /** The row of call {@code key} whether or not the filter shows it, or null when the feed has none. */
    public CallRow rowByKey(long key) {
        List<CallRow> calls = feed.calls();
        int lo = 0;
        int hi = calls.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long k = calls.get(mid).key();
            if (k < key) {
                lo = mid + 1;
            } else if (k > key) {
                hi = mid - 1;
            } else {
                return calls.get(mid);
            }
        }
        return null;
    }

    /** The detail of call {@code key} (empty when the feed has none). */
    public CallDetail detail(long key) {
        return feed.detail(key);
    }
}
