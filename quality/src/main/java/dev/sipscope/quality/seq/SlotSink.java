package dev.sipscope.quality.seq;

/**
 * Receives the final outcome of every sequence-number slot of a stream, in sequence order (QUALITY.md
 * §3.10): {@link SlotWindow#RECEIVED} or {@link SlotWindow#PLAYED} for R, {@link SlotWindow#DISCARDED}
 * for D, {@link SlotWindow#EMPTY} for L; and a break between segments.
 */
public interface SlotSink {
    void slot(int outcome);

    /**
     * A slot with the tag the window kept for it (the low 8 bits of the report interval in which it was
     * filled or found missing, see {@link SlotWindow#setTag}). Sinks that do not need it ignore it.
     */
    default void slot(int outcome, int tag) {
        slot(outcome);
    }

    /** The next slot belongs to a new segment: no transition is counted across. */
    void segmentBreak();
}
