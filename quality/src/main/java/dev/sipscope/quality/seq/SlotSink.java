package dev.sipscope.quality.seq;

/**
 * Receives the final outcome of every sequence-number slot of a stream, in sequence order (QUALITY.md
 * §3.10): {@link SlotWindow#RECEIVED} or {@link SlotWindow#PLAYED} for R, {@link SlotWindow#DISCARDED}
 * for D, {@link SlotWindow#EMPTY} for L; and a break between segments.
 */
public interface SlotSink {
    void slot(int outcome);

    /** The next slot belongs to a new segment: no transition is counted across. */
    void segmentBreak();
}
