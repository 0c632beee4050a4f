package dev.sipscope.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Writes a capture as a series of files of bounded size: {@code calls.pcap} becomes
 * {@code calls-00001.pcap}, {@code calls-00002.pcap}, ... A new file starts before a frame that
 * would take the current one past {@code maxFileBytes} (a file always holds at least one frame).
 * With {@code maxFiles > 0} it is a ring: opening file n deletes file n - maxFiles.
 *
 * <p>Each file is complete on its own (its own header, and for pcapng its interfaces, which the
 * {@link Opener} declares). A file is written as {@code NAME.part} and renamed to {@code NAME} when
 * the next one starts or the writer is closed; after a failed write (disk full) the current file
 * keeps its {@code .part} name, so no cut file looks complete.
 */
public final class RotatingFrameWriter implements FrameWriter {

    /** Starts a capture file on {@code out} (writes its header). */
    @FunctionalInterface
    public interface Opener {
        FrameWriter open(OutputStream out) throws IOException;
    }

    private final Path directory;
    private final String stem;
    private final String extension;
    private final long maxFileBytes;
    private final int maxFiles;
    private final Opener opener;
    private final Deque<Path> kept = new ArrayDeque<>();

    private FrameWriter current;
    private CountingStream counter;
    private long headerBytes;
    private int fileNumber;
    private boolean failed;

    public RotatingFrameWriter(Path base, long maxFileBytes, int maxFiles, Opener opener) throws IOException {
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("file size bound must be positive, not " + maxFileBytes);
        }
        if (maxFiles < 0) {
            throw new IllegalArgumentException("file count must be 0 (unbounded) or more, not " + maxFiles);
        }
        Path abs = base.toAbsolutePath();
        this.directory = abs.getParent();
        String name = abs.getFileName().toString();
        int dot = name.lastIndexOf('.');
        this.stem = dot > 0 ? name.substring(0, dot) : name;
        this.extension = dot > 0 ? name.substring(dot) : "";
        this.maxFileBytes = maxFileBytes;
        this.maxFiles = maxFiles;
        this.opener = opener;
        startFile();
    }

    /** The file being written now. */
    public Path currentFile() {
        return fileName(fileNumber);
    }

    /** How many files were started so far. */
    public int filesStarted() {
        return fileNumber;
    }

    /** The name of the first file a rotation over {@code base} writes ({@code calls-00001.pcap}). */
    public static String firstFileName(Path base) {
        String name = base.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "-00001" + name.substring(dot) : name + "-00001";
    }

    Path fileName(int n) {
        return directory.resolve(String.format(Locale.ROOT, "%s-%05d%s", stem, n, extension));
    }

    /** The file being written now under its temporary name ({@code NAME.part}). */
    public Path currentPart() {
        return partOf(fileName(fileNumber));
    }

    private static Path partOf(Path path) {
        return path.resolveSibling(path.getFileName() + ".part");
    }

    private void startFile() throws IOException {
        fileNumber++;
        Path path = fileName(fileNumber);
        counter = new CountingStream(Files.newOutputStream(partOf(path)));
        current = opener.open(counter);
        headerBytes = counter.count;
        kept.addLast(path);
        while (maxFiles > 0 && kept.size() > maxFiles) {
            Files.deleteIfExists(kept.removeFirst());
        }
    }

    /** Closes the current file and gives it its final name. */
    private void finishFile() throws IOException {
        current.close();
        Path path = fileName(fileNumber);
        Files.move(partOf(path), path, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void write(Frame frame) throws IOException {
        if (failed) {
            throw new IOException("an earlier write to " + currentPart() + " failed");
        }
        try {
            long recordBytes = 32L + frame.capturedLength();
            if (counter.count > headerBytes && counter.count + recordBytes > maxFileBytes) {
                finishFile();
                startFile();
            }
            current.write(frame);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            current.flush();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (failed) {
            current.close();
            return;
        }
        finishFile();
    }

    /**
     * A buffered stream that counts what it is given. Being a BufferedOutputStream, the writers use
     * it as is (no second buffer), so the count is exact without flushing.
     */
    private static final class CountingStream extends BufferedOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out, 1 << 16);
        }

        @Override
        public synchronized void write(int b) throws IOException {
            super.write(b);
            count++;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            super.write(b, off, len);
            count += len;
        }
    }
}
