package dev.sipscope.tui.cli;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameWriter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A capture file written as {@code NAME.part} and moved onto {@code NAME} when it is closed
 * without a write having failed; Ctrl-C closes it too (the capture command's shutdown path), so it
 * ends complete under its name. After a failed write (disk full) the file stays {@code NAME.part}:
 * a live capture cannot be taken again, so what was written is kept, under a name that does not
 * look complete (its last record may be cut).
 */
final class PartFileWriter implements FrameWriter {
    /** Opens the writer over the part file. */
    @FunctionalInterface
    interface Opener {
        FrameWriter open(Path part) throws IOException;
    }

    private final Path target;
    private final Path part;
    private final FrameWriter inner;
    private boolean failed;

    PartFileWriter(Path target, Opener opener) throws IOException {
        this.target = target;
        this.part = OutputFiles.partOf(target);
        FrameWriter w;
        try {
            w = opener.open(part);
        } catch (IOException | RuntimeException e) {
            OutputFiles.discard(part);
            throw e;
        }
        this.inner = w;
    }

    /** The file written until {@link #close()}. */
    Path part() {
        return part;
    }

    boolean failed() {
        return failed;
    }

    @Override
    public void write(Frame frame) throws IOException {
        try {
            inner.write(frame);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            inner.flush();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            inner.close();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
        if (!failed) {
            OutputFiles.commit(part, target);
        }
    }
}
