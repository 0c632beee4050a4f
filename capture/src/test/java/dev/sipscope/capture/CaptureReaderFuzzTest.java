package dev.sipscope.capture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz targets (Jazzer) for the capture readers: the input is a whole capture file,
 * opened with {@link CaptureFiles} and read to the end.
 *
 * <p>Under {@code mvn verify} each target replays its committed inputs (the seed corpus and every
 * named crash input in {@code src/test/resources/dev/sipscope/capture/CaptureReaderFuzzTestInputs/<target>/});
 * with {@code JAZZER_FUZZ=1} one target at a time is fuzzed (see docs/TESTING.md and {@code fuzz/run}).
 *
 * <p>The three targets run the same code and differ in their corpus; they are kept apart so that
 * each format gets the fuzzer's whole attention. An input is a finding when:
 * <ul>
 *   <li>opening throws anything but a {@link CaptureFormatException}, or its message is not one
 *       line naming the input;</li>
 *   <li>{@link FrameSource#next()} throws, or returns a frame after it has returned null;</li>
 *   <li>a frame's bytes lie outside its array or exceed {@link CaptureFiles#MAX_FRAME_BYTES};</li>
 *   <li>more frames come out than the input could hold (each record takes at least 4 bytes of an
 *       uncompressed file), or {@link FrameSource#position()} goes past the input, or backwards
 *       (except in NetMon files, read in the order of their frame index);</li>
 *   <li>a warning is not one line naming the input, or the source ends damaged without saying so;</li>
 *   <li>an uncompressed pcap or pcapng file reads differently (other frames, other warnings) when
 *       its reader works through a read buffer of a few hundred bytes fed a few bytes at a time,
 *       instead of a 1 MiB buffer filled at once: records then straddle every refill, compaction,
 *       growth and skip of the buffer; or (for one input in four) when the same file compressed with
 *       gzip reads differently;</li>
 *   <li>the read takes longer than the timeout or more memory than the fuzzer allows.</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CaptureReaderFuzzTest {
    private static final String NAME = "fuzz-input";
    /** The smallest record any reader accepts: a NetMon index entry (pcap: 16, pcapng: 12). */
    private static final int MIN_BYTES_PER_FRAME = 4;

    private static Path netmonFile;

    @com.code_intelligence.jazzer.junit.FuzzTest(maxDuration = "30s")
    void pcap(byte[] input) throws IOException {
        readStream(input);
    }

    @com.code_intelligence.jazzer.junit.FuzzTest(maxDuration = "30s")
    void pcapng(byte[] input) throws IOException {
        readStream(input);
    }

    /** NetMon files are read from regular files only (their frame index is at the end). */
    @com.code_intelligence.jazzer.junit.FuzzTest(maxDuration = "30s")
    void netmon(byte[] input) throws IOException {
        Path file = netmonFile();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(input);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
        FrameSource source;
        try {
            source = CaptureFiles.open(file);
        } catch (CaptureFormatException e) {
            checkMessage(e.getMessage(), file.toString());
            return;
        }
        try (source) {
            drain(source, input, file.toString());
        }
    }

    @AfterAll
    static void deleteNetmonFile() throws IOException {
        if (netmonFile != null) {
            Files.deleteIfExists(netmonFile);
            netmonFile = null;
        }
    }

    private static Path netmonFile() {
        if (netmonFile == null) {
            try {
                // Memory-backed when the system has it: the target writes one file per input.
                Path shm = Path.of("/dev/shm");
                netmonFile = Files.isDirectory(shm) && Files.isWritable(shm)
                        ? Files.createTempFile(shm, "sipscope-fuzz-", ".cap")
                        : Files.createTempFile("sipscope-fuzz-", ".cap");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return netmonFile;
    }

    private static void readStream(byte[] input) throws IOException {
        FrameSource source;
        try {
            source = CaptureFiles.open(new ByteArrayInputStream(input), NAME);
        } catch (CaptureFormatException e) {
            checkMessage(e.getMessage(), NAME);
            return;
        }
        List<String> normal;
        try (source) {
            normal = drain(source, input, NAME);
        }
        List<String> small = readThroughSmallBuffer(input);
        if (small != null && !small.equals(normal)) {
            throw new AssertionError("a small read buffer fed a few bytes at a time reads differently:\n  normal: "
                    + normal + "\n  small:  " + small);
        }
        // One input in four (by its hash) is also read through gzip: compressing costs more
        // than reading, and the gzip path differs little from one input to the next.
        if (small != null && (java.util.Arrays.hashCode(input) & 3) == 0) {
            List<String> gzipped = readGzipped(input);
            if (!gzipped.equals(normal)) {
                throw new AssertionError("the same file read through gzip reads differently:\n  plain: " + normal
                        + "\n  gzip:  " + gzipped);
            }
        }
    }

    /** Reads {@code input} compressed with gzip; apart from progress, nothing may change. */
    private static List<String> readGzipped(byte[] input) throws IOException {
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(compressed)) {
            gzip.write(input);
        }
        try (FrameSource source = CaptureFiles.open(new ByteArrayInputStream(compressed.toByteArray()), NAME)) {
            return drain(source, compressed.toByteArray(), NAME);
        } catch (CaptureFormatException e) {
            throw new AssertionError("opens plain but not through gzip: " + e.getMessage());
        }
    }

    /**
     * Reads {@code input} again with the reader built over a read buffer of 16 to 271 bytes instead
     * of 1 MiB, from a stream that hands out 1 to 8 bytes per call, so that records straddle buffer
     * refills, compactions, growth and skips; returns what {@link #drain} saw, or null when the
     * input is not a plain (uncompressed) pcap or pcapng file.
     */
    private static List<String> readThroughSmallBuffer(byte[] input) throws IOException {
        if (input.length < 4) {
            return null;
        }
        int magic = RecordBuffer.intLE(input, 0);
        boolean pcap = PcapReader.isMagic(magic) || PcapReader.isMagic(Integer.reverseBytes(magic));
        if (!pcap && magic != PcapngReader.SHB_TYPE) {
            return null;
        }
        int capacity = 16 + (input[input.length - 1] & 0xff);
        int maxChunk = 1 + (input[input.length / 2] & 7);
        ByteInput in = ByteInput.of(new TrickleStream(input, maxChunk), true);
        byte[] head = new byte[4];
        int n = in.readUpTo(head, 4);
        RecordBuffer buffer = new RecordBuffer(in, head, n, capacity);
        FrameSource source;
        try {
            source = pcap ? new PcapReader(NAME, in, buffer, -1) : new PcapngReader(NAME, in, buffer, -1);
        } catch (CaptureFormatException e) {
            checkMessage(e.getMessage(), NAME);
            throw new AssertionError("opens from a 1 MiB buffer but not from a small one: " + e.getMessage());
        }
        try (source) {
            return drain(source, input, NAME);
        }
    }

    /** A stream that returns at most {@code maxChunk} bytes per read. */
    private static final class TrickleStream extends ByteArrayInputStream {
        private final int maxChunk;

        TrickleStream(byte[] bytes, int maxChunk) {
            super(bytes);
            this.maxChunk = maxChunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, maxChunk));
        }
    }

    /**
     * Reads {@code source} to its end, checking every frame and what the source says about itself;
     * returns a summary (each frame's fields and a hash of its bytes, then the warnings) to compare reads.
     */
    static List<String> drain(FrameSource source, byte[] input, String name) throws IOException {
        List<String> summary = new java.util.ArrayList<>();
        boolean gzip = input.length >= 2 && input[0] == (byte) 0x1f && input[1] == (byte) 0x8b;
        long maxFrames = gzip ? Long.MAX_VALUE : input.length / MIN_BYTES_PER_FRAME;
        long frames = 0;
        long lastPosition = source.position();
        Frame frame;
        while ((frame = source.next()) != null) {
            frames++;
            if (frames > maxFrames) {
                throw new AssertionError(frames + " frames out of " + input.length + " bytes");
            }
            byte[] data = frame.data();
            int offset = frame.offset();
            int captured = frame.capturedLength();
            if (data == null || offset < 0 || captured < 0 || captured > CaptureFiles.MAX_FRAME_BYTES
                    || (long) offset + captured > data.length) {
                throw new AssertionError("frame view out of bounds: offset " + offset + ", captured " + captured
                        + ", array " + (data == null ? "null" : data.length));
            }
            if (frame.originalLength() < 0) {
                throw new AssertionError("negative original length " + frame.originalLength());
            }
            List<InterfaceInfo> interfaces = source.interfaces();
            if (frame.interfaceId() < 0 || frame.interfaceId() >= interfaces.size()) {
                throw new AssertionError("frame of interface " + frame.interfaceId() + " but " + interfaces.size()
                        + " interfaces are declared");
            }
            long position = source.position();
            // NetMon frames are read in the order of their index, which may jump backwards.
            boolean forwardOnly = !(source instanceof NetmonReader);
            if ((forwardOnly && position < lastPosition) || (!gzip && position > input.length)) {
                throw new AssertionError("position " + position + " after " + lastPosition + " in "
                        + input.length + " bytes");
            }
            lastPosition = position;
            summary.add(frame.timestampNanos() + "/" + frame.linkType() + "/" + frame.interfaceId() + "/" + captured
                    + "/" + frame.originalLength() + "/" + java.util.Arrays.hashCode(
                    java.util.Arrays.copyOfRange(data, offset, offset + captured)));
        }
        if (source.next() != null) {
            throw new AssertionError("a frame after the end");
        }
        List<String> warnings = source.warnings();
        for (String warning : warnings) {
            checkMessage(warning, name);
        }
        if (source.truncated() && warnings.isEmpty()) {
            throw new AssertionError("truncated without a warning saying where");
        }
        summary.add("truncated=" + source.truncated());
        summary.addAll(warnings);
        return summary;
    }

    private static void checkMessage(String message, String name) {
        String shown = CaptureFiles.displayName(name);
        if (message == null || !message.startsWith(shown + ": ") || message.indexOf('\n') >= 0
                || message.indexOf('\r') >= 0) {
            throw new AssertionError("message is not one line naming the input: " + message);
        }
    }
}
