package dev.sipscope.quality.seq;

/**
 * Extends 32-bit RTP timestamps (QUALITY.md §2.5): each timestamp is unwrapped against the previous one
 * of the same stream in arrival order, taking the signed 32-bit difference, so a reordered packet gets
 * a slightly smaller value and a wrap past 2^32 keeps counting up.
 */
public final class TimestampUnwrapper {
    private boolean started;
    private long last32;
    private long extended;

    /** The extended timestamp of the next packet (its 32-bit timestamp, 0..2^32-1). */
    public long next(long ts32) {
        ts32 &= 0xffff_ffffL;
        if (!started) {
            started = true;
            extended = ts32;
        } else {
            extended += (int) (ts32 - last32);
        }
        last32 = ts32;
        return extended;
    }

    /** The extended timestamp returned last. */
    public long last() {
        return extended;
    }

    public void reset() {
        started = false;
        last32 = 0;
        extended = 0;
    }
}
