package dev.sipscope.tui.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The thread that filters and sorts the call list, so that the UI thread never walks all calls.
 *
 * <p>The UI thread posts the {@link ViewSpec} it wants ({@link #request}) and reads the newest
 * {@link UiSnapshot} ({@link #latest}); both are single volatile references, so neither side
 * ever waits for the other. The worker recomputes when the feed published a new snapshot or the
 * spec changed, at most every {@link #PERIOD_MILLIS} ms unless woken by a new spec.
 *
 * <p>Cost per recomputation: O(n) to filter (a filter that reads messages is cached per call
 * row, by identity, while the filter stays the same: unchanged calls are not searched again) and
 * O(n log n) to sort, on this thread only. The identity view (no filter, index order) is a copy.
 */
public final class ViewWorker implements AutoCloseable {
    /** Longest wait between two looks at the feed. */
    public static final long PERIOD_MILLIS = 100;
    public static final String THREAD_NAME = "view";

    private final Supplier<FeedSnapshot> feed;
    private volatile ViewSpec wanted;
    private volatile UiSnapshot latest;
    private volatile boolean closed;
    private volatile Thread thread;
    /** False until the first computation: {@link #latest} is then an empty placeholder. */
    private volatile boolean computed;

    /** Confined to the computing thread (the worker, or the caller of {@link #computeNow}). */
    private CallQuery cachedQuery = CallQuery.ALL;
    private Map<CallRow, Boolean> matchCache = new IdentityHashMap<>();
    private long sequence;

    public ViewWorker(Supplier<FeedSnapshot> feed, ViewSpec initial) {
        this.feed = feed;
        this.wanted = initial == null ? ViewSpec.DEFAULT : initial;
        this.latest = new UiSnapshot(feed.get(), ViewSpec.DEFAULT, new CallRow[0], 0);
        this.computed = false;
    }

    /** Starts the worker thread (a daemon). */
    public synchronized ViewWorker start() {
        if (thread == null) {
            Thread t = new Thread(this::loop, THREAD_NAME);
            t.setDaemon(true);
            thread = t;
            t.start();
        }
        return this;
    }

    /** The newest view; never null. */
    public UiSnapshot latest() {
        return latest;
    }

    /** The spec most recently asked for. */
    public ViewSpec wanted() {
        return wanted;
    }

    /**
     * Asks for a new view; returns at once. Before {@link #start} (tests, batch use) the view is
     * computed on the calling thread instead.
     */
    public void request(ViewSpec spec) {
        wanted = spec;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        } else {
            computeNow();
        }
    }

    /**
     * Computes and publishes the view now, on the calling thread. Only for use when no worker
     * thread runs (tests, or one computation before {@link #start}).
     */
    public synchronized UiSnapshot computeNow() {
        if (thread != null) {
            throw new IllegalStateException("the worker thread is running");
        }
        FeedSnapshot f = feed.get();
        ViewSpec spec = wanted;
        UiSnapshot s = compute(f, spec);
        latest = s;
        computed = true;
        return s;
    }

    /** Without a worker thread: recomputes when the feed has published since the last computation. */
    public synchronized UiSnapshot refreshIfStale() {
        if (thread == null && (!computed || latest.feed() != feed.get() || !latest.spec().equals(wanted))) {
            return computeNow();
        }
        return latest;
    }

    private void loop() {
        FeedSnapshot lastFeed = null;
        ViewSpec lastSpec = null;
        while (!closed) {
            FeedSnapshot f = feed.get();
            ViewSpec spec = wanted;
            if (f != lastFeed || !spec.equals(lastSpec)) {
                UiSnapshot s = compute(f, spec);
                if (s != null) {
                    latest = s;
                    computed = true;
                    lastFeed = f;
                    lastSpec = spec;
                }
            }
            if (spec == wanted) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
            }
        }
    }

    /** The view of {@code f} through {@code spec}; null when abandoned for a newer request (worker thread only). */
    private UiSnapshot compute(FeedSnapshot f, ViewSpec spec) {
        List<CallRow> calls = f.calls();
        CallRow[] rows;
        if (spec.query().isEmpty()) {
            rows = calls.toArray(new CallRow[0]);
            matchCache = new IdentityHashMap<>();
        } else {
            if (!spec.query().equals(cachedQuery)) {
                cachedQuery = spec.query();
                matchCache = new IdentityHashMap<>();
            }
            boolean cache = spec.query().needsDetail();
            Map<CallRow, Boolean> next = cache ? new IdentityHashMap<>(Math.max(16, matchCache.size())) : matchCache;
            CallRow[] out = new CallRow[calls.size()];
            int n = 0;
            int seen = 0;
            for (CallRow r : calls) {
                // a newer request makes this one pointless: drop it (the cache keeps what was found)
                if ((++seen & 255) == 0 && thread != null && wanted != spec) {
                    if (cache) {
                        next.putAll(matchCache);
                        matchCache = next;
                    }
                    return null;
                }
                boolean match;
                if (cache) {
                    Boolean known = matchCache.get(r);
                    match = known != null ? known : spec.query().matches(r, () -> f.detail(r.key()));
                    next.put(r, match);
                } else {
                    match = spec.query().matches(r, () -> f.detail(r.key()));
                }
                if (match) {
                    out[n++] = r;
                }
            }
            matchCache = next;
            rows = Arrays.copyOf(out, n);
        }
        if (spec.sort() != Column.INDEX || spec.descending()) {
            Comparator<CallRow> c = spec.sort().comparator();
            Arrays.sort(rows, spec.descending() ? c.reversed() : c);
        }
        return new UiSnapshot(f, spec, rows, ++sequence);
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
