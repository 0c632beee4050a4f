package dev.sipscope.tui.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The standard output as a UTF-8 {@link PrintWriter} that also hands out the byte stream under it,
 * so that a report encoded to UTF-8 bytes by itself (the JSON of {@code analyze}) skips the
 * writer's char-to-byte encoding. Callers flush this writer before writing bytes to
 * {@link #bytes()}, so that the two never interleave out of order.
 */
public final class ByteStreamWriter extends PrintWriter {
    private final OutputStream bytes;

    public ByteStreamWriter(OutputStream bytes, boolean autoFlush) {
        super(bytes, autoFlush, StandardCharsets.UTF_8);
        this.bytes = bytes;
    }

    /** The stream this writer encodes into. */
    public OutputStream bytes() {
        return bytes;
    }
}
