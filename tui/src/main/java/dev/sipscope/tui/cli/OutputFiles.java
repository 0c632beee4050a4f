package dev.sipscope.tui.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Every file a batch command writes goes through here: it is written as {@code NAME.part} beside
 * the target and moved onto {@code NAME} only once complete (flushed and closed), so a failure
 * (disk full, quota, I/O error, a crash) never leaves a partial file under the final name; on a
 * failure the {@code .part} file is deleted. Errors become one sentence naming the file
 * ({@link CaptureCommand#cannotWrite}) and exit code {@link ExitCodes#INPUT} (2).
 */
final class OutputFiles {
    /** Opens the stream a file is written through; tests replace it to fail after some bytes. */
    @FunctionalInterface
    interface Opener {
        OutputStream open(Path path) throws IOException;
    }

    /** What writes the content; it must not close the stream. */
    @FunctionalInterface
    interface Body {
        void write(OutputStream out) throws IOException;
    }

    static volatile Opener opener = Files::newOutputStream;

    private OutputFiles() {
    }

    /** The temporary name {@code target} is written under. */
    static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /** Opens {@code path} for writing through the current {@link #opener}. */
    static OutputStream open(Path path) throws IOException {
        return opener.open(path);
    }

    /** Writes {@code target} through {@code body}, all or nothing (see the class comment). */
    static void write(Path target, Body body) throws IOException {
        Path part = partOf(target);
        try {
            try (OutputStream out = open(part)) {
                body.write(out);
                out.flush();
            }
            commit(part, target);
        } catch (IOException | RuntimeException e) {
            discard(part);
            throw e;
        }
    }

    /** Moves a complete {@code part} onto {@code target} (atomically where the file system can). */
    static void commit(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a partial file, quietly: the error that made it partial is the one reported. */
    static void discard(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException | RuntimeException ignored) {
            // reported through the first error
        }
    }

    /**
     * After a command wrote its report to standard output: false, and one sentence on {@code err},
     * when a write failed (a closed pipe, /dev/full, a full disk behind a redirection).
     */
    static boolean stdoutOk(PrintWriter out, PrintWriter err) {
        out.flush();
        if (!out.checkError()) {
            return true;
        }
        err.println("sipscope: cannot write to standard output (closed pipe or disk full); the report is incomplete");
        err.flush();
        return false;
    }
}
