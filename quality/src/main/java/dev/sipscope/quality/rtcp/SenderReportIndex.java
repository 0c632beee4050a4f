package dev.sipscope.quality.rtcp;

/**
 * Capture times of recent SRs (and XR Receiver Reference Times), keyed by (sender SSRC, middle 32 bits
 * of the NTP time) — the key a later report block echoes as LSR (or a DLRR as LRR) — for the passive
 * round-trip method of QUALITY.md §9.4. A fixed-size open-addressing cache: when a probe run is full the
 * oldest entry of the run is overwritten, so memory is bounded and old SRs age out. Allocation-free.
 */
public final class SenderReportIndex {
    private static final int PROBES = 8;

    private final long[] keys;
    private final long[] times;
    private final boolean[] used;
    private final int mask;

    /** @param capacity a power of two */
    public SenderReportIndex(int capacity) {
        if (capacity < PROBES || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two >= " + PROBES);
        }
        keys = new long[capacity];
        times = new long[capacity];
        used = new boolean[capacity];
        mask = capacity - 1;
    }

    private static long key(long ssrc, long middle32) {
        return ((ssrc & 0xffff_ffffL) << 32) | (middle32 & 0xffff_ffffL);
    }

    private int home(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }

    public void put(long ssrc, long middle32, long captureNanos) {
        long k = key(ssrc, middle32);
        int i = home(k);
        int oldest = i;
        for (int p = 0; p < PROBES; p++) {
            int s = (i + p) & mask;
            if (!used[s] || keys[s] == k) {
                used[s] = true;
                keys[s] = k;
                times[s] = captureNanos;
                return;
            }
            if (times[s] < times[oldest]) {
                oldest = s;
            }
        }
        keys[oldest] = k;
        times[oldest] = captureNanos;
    }

    /** Capture time of the SR, or {@link Long#MIN_VALUE} when unknown. */
    public long get(long ssrc, long middle32) {
        long k = key(ssrc, middle32);
        int i = home(k);
        for (int p = 0; p < PROBES; p++) {
            int s = (i + p) & mask;
            if (!used[s]) {
                return Long.MIN_VALUE;
            }
            if (keys[s] == k) {
                return times[s];
            }
        }
        return Long.MIN_VALUE;
    }
}
