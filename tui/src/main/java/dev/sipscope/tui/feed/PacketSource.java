package dev.sipscope.tui.feed;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.InterfaceInfo;
import dev.sipscope.tui.model.SourceKind;

import java.io.IOException;
import java.util.List;

/**
 * Where the engine gets frames: capture files, a live interface, or HEP datagrams, read one
 * frame at a time by the engine thread with a time limit so that it can publish while idle.
 *
 * <p>{@link #poll} returns a reused frame valid until the next call. {@link #stop} may be called
 * from any thread; everything else from the engine thread.
 */
public interface PacketSource extends AutoCloseable {

    /** The next frame, waiting at most {@code timeoutMillis}; null when none came (or at the end). */
    Frame poll(long timeoutMillis) throws IOException;

    /** True once every frame was handed out. */
    boolean finished();

    SourceKind kind();

    /** What the status bar names: file names, the interface, the listening address. */
    String name();

    /** The BPF filter of a live capture, else empty. */
    default String filter() {
        return "";
    }

    /** Frames dropped by the kernel or the interface (live only). */
    default long kernelDrops() {
        return 0;
    }

    /** Frames dropped because the engine fell behind (live only). */
    default long queueDrops() {
        return 0;
    }

    /** Share of the input read, 0..1, or negative when unknown. */
    default double progress() {
        return -1;
    }

    /** A one-sentence failure that ended the source, or null. */
    default String problem() {
        return null;
    }

    /** The interfaces declared so far (for pcapng exports). */
    List<InterfaceInfo> interfaces();

    /**
     * A fresh reader over the same frames from the start, for saving calls with their RTP; null
     * when the frames cannot be read again (live capture, standard input).
     */
    default FrameSource reopen() throws IOException {
        return null;
    }

    /** Ends the source early; safe from any thread. */
    void stop();

    @Override
    void close();
}
