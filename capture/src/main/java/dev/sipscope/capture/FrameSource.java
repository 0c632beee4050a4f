package dev.sipscope.capture;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A stream of frames read with bounded memory, whatever the size of the input.
 *
 * <p>{@link #next()} returns a reused {@link Frame}; its bytes live in the source's buffer and are
 * valid only until the following call. A source never throws for damage at the end of its input:
 * a truncated last record or a corrupt block length ends the stream, sets {@link #truncated()} and
 * adds a warning, and every frame before it has been delivered.
 */
public interface FrameSource extends Closeable {

    /** The next frame, or {@code null} at the end of input. */
    Frame next() throws IOException;

    /** A name for messages: the file path, {@code "-"} for standard input, or the interface. */
    String name();

    /** The interfaces declared so far (classic pcap: exactly one, id 0). */
    List<InterfaceInfo> interfaces();

    /** True when the input ended inside a record or at a corrupt length (see {@link #warnings()}). */
    boolean truncated();

    /** Human-readable warnings gathered while reading (one sentence each, naming the source). */
    List<String> warnings();

    /** Bytes consumed from the underlying input so far (compressed bytes for .gz files), for progress. */
    long position();

    /** Size of the underlying input in bytes when known (a regular file), else -1. */
    long size();

    /** True when the frames are decompressed on the fly (a .gz file), so that reading costs more than I/O. */
    default boolean compressed() {
        return false;
    }
}
