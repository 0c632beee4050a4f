package dev.sipscope.samples.net;

import java.io.IOException;

/**
 * A lazy, time-ordered producer of frames. Each call to {@link #emitNext} emits exactly one frame
 * whose time is the value {@link #nextNanos()} returned just before; successive times never
 * decrease. Generators keep only what they need to stay in order (a few packets of look-ahead),
 * so any number of them can be merged into a large capture in bounded memory.
 */
public interface FrameGenerator {
    /** Returned by {@link #nextNanos()} once the generator has nothing more to emit. */
    long DONE = Long.MAX_VALUE;

    /** Capture time of the next frame, or {@link #DONE}. */
    long nextNanos();

    /** Emits the next frame. Must not be called once {@link #nextNanos()} returned {@link #DONE}. */
    void emitNext(FrameEmitter out) throws IOException;

    /** Called once after the last frame was emitted (to publish ground truth); the default does nothing. */
    default void finish() {
    }
}
