package dev.sipscope.capture.live;

import dev.sipscope.capture.Frame;

/**
 * A bounded single-producer single-consumer queue of frames that never blocks the producer.
 *
 * <p>Memory is fixed at construction: {@code slots} metadata entries and one byte arena of
 * {@code arenaBytes}. Each offered frame is copied into the arena contiguously (when it would not
 * fit before the arena's end, the tail is skipped and the frame starts at 0), so a consumer gets a
 * {@link Frame} view straight over the arena with no further copy. A frame is dropped, and counted,
 * when all slots are taken or the arena has no room; the producer never waits.
 *
 * <p>The frame handed out by {@link #poll(Frame)} stays intact until the next {@code poll} (or
 * {@link #release()}): only then is its space given back to the producer.
 *
 * <p>Threads: exactly one thread calls {@link #offer(Frame)} and exactly one (possibly another)
 * calls {@link #poll(Frame)}, {@link #release()} and {@link #isEmpty()}. Hand-off is through three
 * volatile counters: the producer publishes {@code publishedHead} after writing a slot; the
 * consumer publishes {@code releasedPos} then {@code releasedSlots} after it is done with one.
 * Positions are monotonic longs, so they never wrap in practice (2^63 bytes).
 */
final class FrameRing {
    private final int slotMask;
    private final byte[] arena;
    private final long[] tsNanos;
    private final int[] linkType;
    private final int[] interfaceId;
    private final int[] start;
    private final int[] capturedLength;
    private final int[] originalLength;
    private final long[] endPos;

    // Producer's own state.
    private long head;
    private long writePos;
    private long cachedReleasedSlots;
    private long cachedReleasedPos;

    // Shared.
    private volatile long publishedHead;
    private volatile long releasedSlots;
    private volatile long releasedPos;
    private volatile long droppedFrames;

    // Consumer's own state.
    private long consumed;
    private boolean holding;

    /**
     * @param slots      the most frames queued at once; a power of two
     * @param arenaBytes the most frame bytes queued at once (plus the skipped tail when wrapping)
     */
    FrameRing(int slots, int arenaBytes) {
        if (slots < 1 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, not " + slots);
        }
        if (arenaBytes < 1) {
            throw new IllegalArgumentException("arenaBytes must be positive, not " + arenaBytes);
        }
        slotMask = slots - 1;
        arena = new byte[arenaBytes];
        tsNanos = new long[slots];
        linkType = new int[slots];
        interfaceId = new int[slots];
        start = new int[slots];
        capturedLength = new int[slots];
        originalLength = new int[slots];
        endPos = new long[slots];
    }

    /** Producer: copies {@code frame} in; false (and one more drop counted) when there is no room. */
    boolean offer(Frame frame) {
        int length = frame.capturedLength();
        int capacity = arena.length;
        if (length > capacity) {
            droppedFrames = droppedFrames + 1;
            return false;
        }
        int slots = slotMask + 1;
        if (head - cachedReleasedSlots >= slots) {
            cachedReleasedSlots = releasedSlots;
            if (head - cachedReleasedSlots >= slots) {
                droppedFrames = droppedFrames + 1;
                return false;
            }
        }
        int physical = (int) (writePos % capacity);
        int skipped = physical + length > capacity ? capacity - physical : 0;
        int at = skipped == 0 ? physical : 0;
        long end = writePos + skipped + length;
        if (end - cachedReleasedPos > capacity) {
            cachedReleasedPos = releasedPos;
            if (end - cachedReleasedPos > capacity) {
                droppedFrames = droppedFrames + 1;
                return false;
            }
        }
        System.arraycopy(frame.data(), frame.offset(), arena, at, length);
        int index = (int) (head & slotMask);
        tsNanos[index] = frame.timestampNanos();
        linkType[index] = frame.linkType();
        interfaceId[index] = frame.interfaceId();
        start[index] = at;
        capturedLength[index] = length;
        originalLength[index] = frame.originalLength();
        endPos[index] = end;
        writePos = end;
        head++;
        publishedHead = head;
        return true;
    }

    /**
     * Consumer: gives back the frame handed out last, then points {@code into} at the oldest
     * queued frame and returns it, or returns null when the queue is empty.
     */
    Frame poll(Frame into) {
        release();
        if (consumed == publishedHead) {
            return null;
        }
        int index = (int) (consumed & slotMask);
        into.set(tsNanos[index], linkType[index], interfaceId[index], arena, start[index], capturedLength[index],
                originalLength[index]);
        holding = true;
        return into;
    }

    /** Consumer: gives back the frame handed out last, if any. */
    void release() {
        if (holding) {
            int index = (int) (consumed & slotMask);
            consumed++;
            holding = false;
            releasedPos = endPos[index];
            releasedSlots = consumed;
        }
    }

    /** Consumer: true when nothing is queued beyond the frame handed out last. */
    boolean isEmpty() {
        return consumed + (holding ? 1 : 0) == publishedHead;
    }

    /** Frames refused because the queue was full; readable from any thread. */
    long droppedFrames() {
        return droppedFrames;
    }

    /** Frames accepted so far; readable from any thread. */
    long offeredFrames() {
        return publishedHead;
    }

    int slots() {
        return slotMask + 1;
    }

    int arenaBytes() {
        return arena.length;
    }
}
