package dev.sipscope.samples.net;

import dev.sipscope.capture.Frame;
import java.io.IOException;

/** Where generators put their frames, one at a time, in capture-time order. */
public interface FrameEmitter {
    /**
     * Takes one frame (its bytes may be reused by the caller once this returns).
     *
     * @return the frame's 1-based number in the capture, as Wireshark counts them
     */
    long emit(Frame frame) throws IOException;
}
