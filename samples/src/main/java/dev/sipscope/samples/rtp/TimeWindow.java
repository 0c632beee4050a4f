package dev.sipscope.samples.rtp;

/** A half-open interval of time {@code [fromNanos, toNanos)}, nanoseconds since the epoch. */
public record TimeWindow(long fromNanos, long toNanos) {
    public TimeWindow {
        if (toNanos < fromNanos) {
            throw new IllegalArgumentException("time window ends before it starts");
        }
    }

    public boolean contains(long tNanos) {
        return tNanos >= fromNanos && tNanos < toNanos;
    }
}
