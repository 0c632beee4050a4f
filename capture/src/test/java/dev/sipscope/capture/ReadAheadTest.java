package dev.sipscope.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link CaptureFiles#openReadingAhead}: a gzip'ed capture decompressed on a thread of its own reads
 * exactly as {@link CaptureFiles#open(String)} reads it: the same frames, warnings, truncation and
 * end position, across chunk boundaries, with records longer than a chunk's head room and blocks
 * skipped over several chunks; failures reach the reader; closing stops the thread.
 */
class ReadAheadTest {

    @TempDir
    Path dir;

    @Test
    void everySampleAndCorpusCaptureGzippedReadsAsWithoutReadAhead() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("user.dir"), "..", "samples", "captures"))) {
            s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).forEach(files::add);
        }
        String shared = System.getProperty("sipscope.shared");
        if (shared != null && Files.isDirectory(Path.of(shared, "captures"))) {
            try (Stream<Path> s = Files.walk(Path.of(shared, "captures"))) {
                s.filter(Files::isRegularFile)
                        .filter(p -> p.toString().matches(".*\\.(pcap|pcapng|cap)(\\.gz)?$"))
                        .filter(p -> p.toFile().length() < 8 << 20)
                        .forEach(files::add);
            }
        }
        assumeTrue(!files.isEmpty(), "no samples found from " + System.getProperty("user.dir"));
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            Path gz = gzipped(bytes, file.getFileName() + ".gz");
            assertSameRead(gz);
            // The plain file opens as before: read by the caller, no thread.
            assertSameRead(file);
        }
    }

    @Test
    void recordsLongerThanTheHeadRoomAndBlocksSkippedAcrossChunks() throws IOException {
        Random random = new Random(3);
        PcapBuilder pcap = new PcapBuilder(false, PcapReader.MAGIC_MICROS, 1, 16 << 20);
        int[] sizes = {60, 70_000, 200, ReadAhead.HEAD + 1, 1400, ReadAhead.CHUNK + 5, 90, 3 * ReadAhead.CHUNK, 60,
            ReadAhead.HEAD - 16, 500_000, 61};
        for (int i = 0; i < 400; i++) {
            int size = i < sizes.length ? sizes[i] : 40 + random.nextInt(1500);
            pcap.record(i, 0, randomBytes(random, size), size);
        }
        // Ends with a record whose length cannot be: the warning names its byte offset.
        pcap.record(400, 0, 0x7fff_fff0, 60, randomBytes(random, 60));
        Reads.Result r = assertSameRead(gzipped(pcap.build(), "big-records.pcap.gz"));
        assertThat(r.warnings()).anyMatch(w -> w.contains("corrupt record at byte"));

        PcapngBuilder ng = new PcapngBuilder().section(false).idb(1, 65535);
        for (int i = 0; i < 300; i++) {
            if (i % 50 == 7) {
                // An unknown block of several chunks: skipped, not read whole.
                ng.block(0x0BAD0001, randomBytes(random, 2 * ReadAhead.CHUNK + 4 * random.nextInt(1000)));
            }
            int size = 40 + random.nextInt(1500);
            ng.epb(0, i * 1000L, randomBytes(random, size), size);
        }
        byte[] blocks = ng.build();
        // Then a block header with a length that is not a multiple of 4, after the last skipped block.
        byte[] bad = java.util.Arrays.copyOf(blocks, blocks.length + 8);
        bad[blocks.length] = 6; // enhanced packet block, little-endian
        bad[blocks.length + 4] = 13;
        Reads.Result n = assertSameRead(gzipped(bad, "skips.pcapng.gz"));
        assertThat(n.warnings()).anyMatch(w -> w.contains("corrupt record at byte " + blocks.length));
    }

    @Test
    void truncatedAndCorruptGzipReportTheSameDamage() throws IOException {
        PcapBuilder pcap = new PcapBuilder(false, PcapReader.MAGIC_NANOS, 1, 65535);
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            int size = 60 + random.nextInt(1400);
            pcap.record(i, 0, randomBytes(random, size), size);
        }
        byte[] gz = gzip(pcap.build());
        Path cut = dir.resolve("cut.pcap.gz");
        Files.write(cut, java.util.Arrays.copyOf(gz, gz.length / 2));
        Reads.Result r = assertSameRead(cut);
        assertThat(r.truncated()).isTrue();
        assertThat(r.warnings()).anyMatch(w -> w.contains("compressed data ends early"));

        byte[] corrupt = gz.clone();
        for (int i = corrupt.length / 3; i < corrupt.length / 3 + 64; i++) {
            corrupt[i] ^= 0x5a;
        }
        Path bad = dir.resolve("corrupt.pcap.gz");
        Files.write(bad, corrupt);
        assertThat(assertSameRead(bad).truncated()).isTrue();
    }

    @Test
    void aFailedReadIsRethrownToTheReader() {
        byte[] head = new PcapBuilder(false, PcapReader.MAGIC_MICROS, 1, 65535).build();
        ByteInput failing = new ByteInput() {
            private int calls;

            @Override
            int read(byte[] b, int off, int len) throws IOException {
                if (calls++ == 0) {
                    int n = Math.min(len, head.length - 4);
                    System.arraycopy(head, 4, b, off, n);
                    return n;
                }
                throw new IOException("device went away");
            }

            @Override
            long deviceBytesRead() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
        RecordBuffer in = RecordBuffer.readingAhead(failing, head, 4);
        assertThatThrownBy(() -> {
            while (in.require(in.available() + 1)) {
                in.pos = in.limit;
            }
        }).isInstanceOf(IOException.class).hasMessage("device went away");
    }

    @Test
    void closingStopsTheReadingThread() throws Exception {
        PcapBuilder pcap = new PcapBuilder(false, PcapReader.MAGIC_MICROS, 1, 65535);
        Random random = new Random(9);
        for (int i = 0; i < 8_000; i++) { // 9.6 MB: more than the chunks read ahead, so the thread waits
            pcap.record(i, 0, randomBytes(random, 1200), 1200);
        }
        Path gz = gzipped(pcap.build(), "long.pcap.gz");
        try (FrameSource s = CaptureFiles.openReadingAhead(gz.toString())) {
            assertThat(s.next()).isNotNull();
            assertThat(readers()).isNotEmpty();
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!readers().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(readers()).as("capture-read threads still running after close").isEmpty();
    }

    private static List<Thread> readers() {
        List<Thread> found = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("capture-read") && t.isAlive()) {
                found.add(t);
            }
        }
        return found;
    }

    /** Reads {@code file} both ways; asserts the same outcome and returns it (null: it does not open). */
    private static Reads.Result assertSameRead(Path file) throws IOException {
        Reads.Result plain;
        try (FrameSource s = CaptureFiles.open(file.toString())) {
            plain = Reads.drain(s);
        } catch (CaptureFormatException e) {
            assertThatThrownBy(() -> CaptureFiles.openReadingAhead(file.toString()).close())
                    .isInstanceOf(CaptureFormatException.class).hasMessage(e.getMessage());
            return null;
        }
        Reads.Result ahead;
        try (FrameSource s = CaptureFiles.openReadingAhead(file.toString())) {
            ahead = Reads.drain(s);
        }
        assertThat(ahead.frames()).as("%s: frames", file).hasSameSizeAs(plain.frames());
        for (int i = 0; i < plain.frames().size(); i++) {
            assertThat(ahead.frame(i).sameAs(plain.frame(i))).as("%s: frame %d", file, i).isTrue();
        }
        assertThat(ahead.truncated()).as("%s: truncated", file).isEqualTo(plain.truncated());
        assertThat(ahead.warnings()).as("%s: warnings", file).isEqualTo(plain.warnings());
        assertThat(ahead.interfaces()).as("%s: interfaces", file).isEqualTo(plain.interfaces());
        assertThat(ahead.position()).as("%s: position", file).isEqualTo(plain.position());
        return plain;
    }

    private Path gzipped(byte[] bytes, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, gzip(bytes));
        return p;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out, 1 << 16)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
