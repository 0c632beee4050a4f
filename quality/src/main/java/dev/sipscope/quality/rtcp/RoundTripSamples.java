package dev.sipscope.quality.rtcp;

/**
 * The last five round-trip samples of one path half (QUALITY.md §9.4 step 6): samples below 0 or above
 * 10 s are discarded; the estimate is their median. Allocation-free.
 */
public final class RoundTripSamples {
    public static final int KEEP = 5;
    public static final double MAX_SECONDS = 10;

    private final double[] ring = new double[KEEP];
    private final double[] scratch = new double[KEEP];
    private int next;
    private int size;
    private long accepted;
    private long rejected;

    /** Adds a sample in seconds; returns false when it was out of range and dropped. */
    public boolean add(double seconds) {
        if (!(seconds >= 0 && seconds <= MAX_SECONDS)) {
            rejected++;
            return false;
        }
        ring[next] = seconds;
        next = (next + 1) % KEEP;
        if (size < KEEP) {
            size++;
        }
        accepted++;
        return true;
    }

    public int size() {
        return size;
    }

    public long accepted() {
        return accepted;
    }

    public long rejected() {
        return rejected;
    }

    /** Median of the kept samples in seconds, NaN when there are none. */
    public double median() {
        if (size == 0) {
            return Double.NaN;
        }
        System.arraycopy(ring, 0, scratch, 0, size);
        for (int i = 1; i < size; i++) {
            double v = scratch[i];
            int j = i - 1;
            while (j >= 0 && scratch[j] > v) {
                scratch[j + 1] = scratch[j];
                j--;
            }
            scratch[j + 1] = v;
        }
        return size % 2 == 1 ? scratch[size / 2] : (scratch[size / 2 - 1] + scratch[size / 2]) / 2;
    }
}
