package dev.sipscope.samples;

/**
 * What a run wrote.
 *
 * @param frames          frames written
 * @param frameBytes      captured bytes of those frames (without file headers)
 * @param firstFrameNanos time of the first frame, or -1
 * @param lastFrameNanos  time of the last frame, or -1
 * @param items           scenario items opened
 * @param maxActiveItems  most items generating at the same time (a measure of memory use)
 */
public record RunStats(long frames, long frameBytes, long firstFrameNanos, long lastFrameNanos, long items,
                       int maxActiveItems) {
}
