package dev.sipscope.capture;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipException;

/**
 * Opens capture files: the entry point for reading.
 *
 * <p>The format is recognised from the first bytes, never from the file name: classic pcap
 * ({@link PcapReader}), pcapng ({@link PcapngReader}), and either of them inside gzip (decompressed
 * on the fly; {@link FrameSource#position()} then counts compressed bytes). Microsoft Network
 * Monitor files ({@link NetmonReader}) are read too, from regular files only. Reading streams
 * through one reused 1 MiB buffer, grown only for a larger record and never past
 * {@link #MAX_BLOCK_BYTES}; files are never mapped whole, so memory does not grow with the file.
 *
 * <p>Anything that stops a file from being opened (missing, a directory, unreadable, empty,
 * shorter than its header, not a capture) is a {@link CaptureFormatException} whose message is
 * one line naming the file, fit to show a user as is.
 */
public final class CaptureFiles {
    /** A record that claims more captured bytes than this is corrupt. */
    public static final int MAX_FRAME_BYTES = 16 << 20;
    /** Largest pcapng block read whole: a maximal frame plus room for block fields and options. */
    public static final int MAX_BLOCK_BYTES = MAX_FRAME_BYTES + (64 << 10);
    /** The name standing for standard input in {@link #open(String)}. */
    public static final String STDIN = "-";

    private static final int MAGIC_BYTES = 4;

    private CaptureFiles() {
    }

    /** Opens a file, or standard input when {@code pathOrDash} is {@code "-"}. */
    public static FrameSource open(String pathOrDash) throws IOException {
        return open(pathOrDash, false);
    }

    /**
     * As {@link #open(String)}, with a gzip'ed capture decompressed on a thread of its own
     * ({@code capture-read}), a few MiB ahead of the caller ({@link ReadAhead}), so that inflating
     * leaves the thread that decodes the frames (11 % less wall time on a 1 GB capture, gzip -1).
     * Uncompressed input is read by the caller as {@link #open(String)} reads it: handed over from
     * another thread, its bytes reach the decoding core from the other core's cache, which cost more
     * than the read itself (2.6 s against 2.4 s on the 2 GB bench capture; docs/PERFORMANCE.md, "Fifth
     * round"). For one source read from start to end; not worth a thread per file when many are open
     * at once (as when merging). Closing the source stops the thread.
     */
    public static FrameSource openReadingAhead(String pathOrDash) throws IOException {
        return open(pathOrDash, true);
    }

    private static FrameSource open(String pathOrDash, boolean readAhead) throws IOException {
        if (STDIN.equals(pathOrDash)) {
            ByteInput input = ByteInput.of(new FilterInputStream(System.in) {
                @Override
                public void close() {
                    // standard input belongs to the process, not to this source
                }
            }, true);
            return openInput(input, STDIN, readAhead);
        }
        Path path;
        try {
            path = Path.of(pathOrDash);
        } catch (InvalidPathException e) {
            throw new CaptureFormatException(pathOrDash + ": not a valid file name (" + e.getReason() + ")");
        }
        return open(path, readAhead);
    }

    /** Opens a capture file (pcap, pcapng, or either gzipped). */
    public static FrameSource open(Path path) throws IOException {
        return open(path, false);
    }

    private static FrameSource open(Path path, boolean readAhead) throws IOException {
        String name = path.toString();
        BasicFileAttributes attributes;
        FileChannel channel;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw new CaptureFormatException(name + ": is a directory, not a capture file");
            }
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (CaptureFormatException e) {
            throw e;
        } catch (IOException e) {
            throw openFailure(name, e);
        }
        long size = attributes.isRegularFile() ? attributes.size() : -1;
        try {
            return open(ByteInput.of(channel), name, size, readAhead);
        } catch (CaptureFormatException e) {
            closeQuietly(channel, e);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw openFailure(name, e);
        } catch (RuntimeException | Error e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    /**
     * Reads a capture from a stream (standard input, a pipe, a socket); {@code name} is used in
     * messages. Closing the source closes the stream. {@link FrameSource#size()} is -1.
     */
    public static FrameSource open(InputStream stream, String name) throws IOException {
        return openInput(ByteInput.of(stream, true), name, false);
    }

    private static FrameSource openInput(ByteInput input, String name, boolean readAhead) throws IOException {
        try {
            return open(input, name, -1, readAhead);
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(input, e);
            throw e;
        }
    }

    /**
     * Opens several captures (for instance the files of a rotated capture) and merges them in
     * timestamp order; see {@link MergingFrameSource}. With one path this is {@link #open(Path)}.
     */
    public static FrameSource openAll(List<Path> paths) throws IOException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no capture files given");
        }
        if (paths.size() == 1) {
            return open(paths.get(0));
        }
        List<FrameSource> sources = new ArrayList<>(paths.size());
        try {
            for (Path path : paths) {
                sources.add(open(path));
            }
        } catch (IOException | RuntimeException e) {
            for (FrameSource source : sources) {
                closeQuietly(source, e);
            }
            throw e;
        }
        return new MergingFrameSource(sources);
    }

    /**
     * Copies every frame of {@code source} to {@code writer} and returns how many were copied.
     * A {@link PcapngWriter} is told about each interface of the source (name, snap length...) as
     * the source declares it, so interface ids and their descriptions survive the copy. Neither
     * side is closed; the writer is flushed.
     */
    public static long copy(FrameSource source, FrameWriter writer) throws IOException {
        PcapngWriter pcapng = writer instanceof PcapngWriter ? (PcapngWriter) writer : null;
        int declared = 0;
        long count = 0;
        Frame frame;
        while ((frame = source.next()) != null) {
            if (pcapng != null) {
                List<InterfaceInfo> interfaces = source.interfaces();
                for (; declared < interfaces.size(); declared++) {
                    pcapng.declareInterface(interfaces.get(declared));
                }
            }
            writer.write(frame);
            count++;
        }
        writer.flush();
        return count;
    }

    /** Recognises the format from the first bytes of {@code input} and builds its reader. */
    private static FrameSource open(ByteInput input, String name, long size, boolean readAhead) throws IOException {
        String shown = displayName(name);
        byte[] head = new byte[MAGIC_BYTES];
        int n = input.readUpTo(head, MAGIC_BYTES);
        if (n == 0) {
            throw new CaptureFormatException(shown + ": empty " + (size >= 0 ? "file" : "input")
                    + " (expected a pcap or pcapng capture)");
        }
        if (n >= 2 && head[0] == (byte) 0x1f && head[1] == (byte) 0x8b) {
            ByteInput gzip;
            try {
                gzip = new ByteInput.GzipInput(input, head, n);
            } catch (EOFException e) {
                throw new CaptureFormatException(shown + ": gzip file cut short inside its header");
            } catch (ZipException e) {
                throw new CaptureFormatException(shown + ": unreadable gzip header (" + e.getMessage() + ")");
            }
            n = gzip.readUpTo(head, MAGIC_BYTES);
            if (n == 0) {
                String damage = gzip.damage();
                throw new CaptureFormatException(shown + ": gzip file holds no capture"
                        + (damage != null ? " (" + damage + ")" : " (it decompresses to nothing)"));
            }
            return openDecoded(gzip, head, n, shown, name, size, " inside gzip", readAhead);
        }
        return openDecoded(input, head, n, shown, name, size, "", false);
    }

    private static FrameSource openDecoded(ByteInput input, byte[] head, int n, String shown, String name, long size,
                                           String where, boolean readAhead) throws IOException {
        if (n == MAGIC_BYTES) {
            int magic = RecordBuffer.intLE(head, 0);
            boolean pcap = PcapReader.isMagic(magic) || PcapReader.isMagic(Integer.reverseBytes(magic));
            if (pcap || magic == PcapngReader.SHB_TYPE) {
                RecordBuffer in = readAhead ? RecordBuffer.readingAhead(input, head, n)
                        : new RecordBuffer(input, head, n, RecordBuffer.INITIAL_CAPACITY);
                try {
                    return pcap ? new PcapReader(name, input, in, size) : new PcapngReader(name, input, in, size);
                } catch (IOException | RuntimeException | Error e) {
                    in.stop();
                    throw e;
                }
            }
            if (magic == NetmonReader.MAGIC_1X || magic == NetmonReader.MAGIC_2X) {
                FileChannel file = input.fileChannel();
                if (file == null || size < 0) {
                    throw new CaptureFormatException(shown + ": a Microsoft Network Monitor capture" + where
                            + " can only be read from a regular file (its frame index is at the end); decompress it"
                            + " or convert it with editcap -F pcapng");
                }
                return new NetmonReader(name, file, size);
            }
        }
        String found = hex(head, 0, n);
        if (n < MAGIC_BYTES && isPrefixOfMagic(head, n)) {
            throw new CaptureFormatException(shown + ": too short to be a capture" + where + " (" + n + " byte"
                    + (n == 1 ? "" : "s") + ": " + found + ")");
        }
        String hint = otherFormatHint(head, n);
        throw new CaptureFormatException(shown + ": not a capture file" + where + " (expected pcap or pcapng, found bytes "
                + found + ")" + (hint != null ? "; " + hint : ""));
    }

    private static boolean isPrefixOfMagic(byte[] head, int n) {
        int[] magics = {PcapReader.MAGIC_MICROS, PcapReader.MAGIC_NANOS, PcapReader.MAGIC_MODIFIED};
        for (int magic : magics) {
            if (startsWith(head, n, magic) || startsWith(head, n, Integer.reverseBytes(magic))) {
                return true;
            }
        }
        return startsWith(head, n, Integer.reverseBytes(PcapngReader.SHB_TYPE));
    }

    /** True when {@code head[0, n)} are the first bytes of {@code value} written big-endian. */
    private static boolean startsWith(byte[] head, int n, int value) {
        for (int i = 0; i < n; i++) {
            if (head[i] != (byte) (value >>> (24 - 8 * i))) {
                return false;
            }
        }
        return true;
    }

    /** Names a few formats people mistake for pcap, so the message can say what to do. */
    private static String otherFormatHint(byte[] head, int n) {
        if (n < 4) {
            return null;
        }
        int be = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        switch (be) {
            case 0x736e6f6f: // "snoop"
                return "this looks like a snoop file: convert it with editcap -F pcapng";
            case 0x28b52ffd:
                return "this looks zstd-compressed: decompress it first";
            case 0xfd377a58:
                return "this looks xz-compressed: decompress it first";
            case 0x04224d18:
                return "this looks lz4-compressed: decompress it first";
            default:
                break;
        }
        if (head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
            return "this looks bzip2-compressed: decompress it first";
        }
        if (head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return "this looks like a zip archive: extract it first";
        }
        return null;
    }

    /** {@code b[from, from+n)} as space-separated hex pairs, e.g. {@code 48 65 6c 6c}. */
    static String hex(byte[] b, int from, int n) {
        StringBuilder s = new StringBuilder(n * 3);
        for (int i = from; i < from + n; i++) {
            if (i > from) {
                s.append(' ');
            }
            s.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return s.toString();
    }

    /** The one-line message for an I/O failure while opening {@code name}. */
    static CaptureFormatException openFailure(String name, IOException e) {
        String shown = displayName(name);
        if (e instanceof NoSuchFileException) {
            return new CaptureFormatException(shown + ": no such file");
        }
        if (e instanceof AccessDeniedException) {
            return new CaptureFormatException(shown + ": permission denied");
        }
        String reason = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
        if (reason != null && reason.toLowerCase(Locale.ROOT).contains("is a directory")) {
            return new CaptureFormatException(shown + ": is a directory, not a capture file");
        }
        CaptureFormatException failure = new CaptureFormatException(shown + ": cannot be read ("
                + (reason == null ? e.getClass().getSimpleName() : firstLine(reason)) + ")");
        failure.initCause(e);
        return failure;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** How messages name a source: {@code standard input} for {@code -}, else the name itself. */
    static String displayName(String name) {
        return STDIN.equals(name) ? "standard input" : name;
    }

    private static void closeQuietly(Closeable closeable, Throwable primary) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }
}
