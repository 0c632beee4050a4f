package dev.sipscope.quality.seq;

/**
 * The recent sequence-number slots of one segment, one octet each in a ring of {@code size} (a power of
 * two): whether each extended sequence number was received, and what the primary jitter-buffer
 * simulation did with it. It serves both duplicate detection (QUALITY.md §3.6 A3) and the slot outcome
 * array (§3.10), which is streamed: a slot is handed to the {@link SlotSink} once it falls more than
 * {@code size} behind the highest number, when nothing can change it any more (late packets are at
 * most MAX_MISORDER behind, and the ring is larger).
 *
 * <p>Invariant: {@code low <= high + 1} and {@code high - low < size}; slots in {@code [low, high]} are
 * pending, everything below {@code low} has been handed to the sink and its ring entry cleared.
 */
public final class SlotWindow {
    public static final byte EMPTY = 0;
    public static final byte PLAYED = 1;
    public static final byte DISCARDED = 2;
    /** Received, no jitter-buffer verdict (simulation unavailable, or not yet run). */
    public static final byte RECEIVED = 3;

    /** Slot e's outcome at {@code 2·(e & mask)} and its tag right after it: one cache line for both. */
    private final byte[] cells;
    private final int size;
    private byte tag;
    private final int mask;
    private final SlotSink sink;
    private boolean open;
    private long low;
    private long high;

    public SlotWindow(int size, SlotSink sink) {
        if (size < 2 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("window size must be a power of two >= 2, got " + size);
        }
        this.cells = new byte[2 * size];
        this.size = size;
        this.mask = size - 1;
        this.sink = sink;
    }

    public int size() {
        return size;
    }

    /**
     * The tag given to slots from now on: slots the window grows over and slots {@link #set}. The engine
     * uses the low 8 bits of the current report interval, so interval statistics can place each slot.
     */
    public void setTag(int t) {
        tag = (byte) t;
    }

    /** Starts a segment whose lowest slot is {@code base} (nothing pending before). */
    public void open(long base) {
        open = true;
        low = base;
        high = base - 1;
    }

    public boolean isOpen() {
        return open;
    }

    /** Lowest pending slot. */
    public long low() {
        return low;
    }

    /** Highest slot so far ({@code low - 1} when none). */
    public long high() {
        return high;
    }

    /** Extends the window to {@code ext}, handing out slots that fall out of it. */
    public void advanceTo(long ext) {
        if (ext <= high) {
            return;
        }
        long from = Math.max(high + 1, ext - size + 1);
        high = ext;
        long limit = high - size;
        while (low <= limit) {
            emit(low);
            low++;
        }
        for (long e = Math.max(from, low); e <= high; e++) {
            cells[(((int) e & mask) << 1) + 1] = tag;
        }
    }

    /** Lowers the segment start to {@code ext} (QUALITY.md §3.6 A4); only valid while nothing was emitted below. */
    public void lowerTo(long ext) {
        if (ext < low && high - ext < size) {
            for (long e = ext; e < low; e++) {
                cells[(((int) e & mask) << 1) + 1] = tag;
            }
            low = ext;
        }
    }

    /** True when {@code ext} lies in the pending range. */
    public boolean covers(long ext) {
        return ext >= low && ext <= high;
    }

    public byte get(long ext) {
        return covers(ext) ? cells[((int) ext & mask) << 1] : EMPTY;
    }

    public void set(long ext, byte outcome) {
        if (covers(ext)) {
            cells[((int) ext & mask) << 1] = outcome;
            cells[(((int) ext & mask) << 1) + 1] = tag;
        }
    }

    private void emit(long ext) {
        int i = ((int) ext & mask) << 1;
        sink.slot(cells[i], cells[i + 1] & 0xff);
        cells[i] = EMPTY;
    }

    /** Hands out every pending slot, then a segment break; the window is closed until {@link #open}. */
    public void close() {
        if (!open) {
            return;
        }
        while (low <= high) {
            emit(low);
            low++;
        }
        sink.segmentBreak();
        open = false;
    }

    /** Feeds the pending slots to another sink without changing anything (for snapshots). */
    public void peekPending(SlotSink other) {
        if (!open) {
            return;
        }
        for (long e = low; e <= high; e++) {
            other.slot(cells[((int) e & mask) << 1], cells[(((int) e & mask) << 1) + 1] & 0xff);
        }
    }
}
