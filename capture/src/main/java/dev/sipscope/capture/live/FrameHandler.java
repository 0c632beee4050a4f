package dev.sipscope.capture.live;

import dev.sipscope.capture.Frame;

/**
 * Receives each captured frame on the capture thread.
 *
 * <p>The frame and its bytes are valid only during the call: copy what must outlive it. The
 * handler runs inside libpcap's loop, so it must be quick and must not block; an exception it
 * throws stops the capture and is rethrown by {@link LiveCapture#run(FrameHandler)}.
 */
@FunctionalInterface
public interface FrameHandler {

    void onFrame(Frame frame);
}
