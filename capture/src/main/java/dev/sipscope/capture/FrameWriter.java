package dev.sipscope.capture;

import java.io.Closeable;
import java.io.IOException;

/** Writes frames to a capture file. Not thread-safe. */
public interface FrameWriter extends Closeable {

    /** Appends one frame (its bytes are copied out before this returns). */
    void write(Frame frame) throws IOException;

    /** Pushes buffered bytes to the underlying stream. */
    void flush() throws IOException;
}
