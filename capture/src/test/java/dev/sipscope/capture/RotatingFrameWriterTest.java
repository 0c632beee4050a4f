package dev.sipscope.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RotatingFrameWriterTest {

    private static Frame frame(int i) {
        byte[] b = new byte[1000];
        b[0] = (byte) i;
        b[1] = (byte) (i >> 8);
        return new Frame(1_000_000_000L * i, LinkType.ETHERNET, 0, b, 0, b.length, b.length);
    }

    private static List<Frame> readAll(Path p) throws IOException {
        List<Frame> out = new ArrayList<>();
        try (FrameSource in = CaptureFiles.open(p)) {
            Frame f;
            while ((f = in.next()) != null) {
                out.add(f.copy());
            }
            assertThat(in.truncated()).isFalse();
        }
        return out;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void filesStayUnderTheBoundAndTogetherHoldEveryFrameInOrder(@TempDir Path dir) throws IOException {
        try (RotatingFrameWriter w = new RotatingFrameWriter(dir.resolve("calls.pcap"), 10_000, 0,
                out -> new PcapWriter(out, LinkType.ETHERNET, 65535, true))) {
            for (int i = 0; i < 50; i++) {
                w.write(frame(i));
            }
        }
        List<Path> files = files(dir);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .startsWith("calls-00001.pcap", "calls-00002.pcap");
        List<Frame> all = new ArrayList<>();
        for (Path f : files) {
            assertThat(Files.size(f)).isLessThanOrEqualTo(10_000);
            all.addAll(readAll(f));
        }
        assertThat(all).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(all.get(i).sameAs(frame(i))).isTrue();
        }
    }

    @Test
    void aRingKeepsOnlyTheNewestFiles(@TempDir Path dir) throws IOException {
        try (RotatingFrameWriter w = new RotatingFrameWriter(dir.resolve("ring.pcapng"), 5_000, 3, out -> {
            PcapngWriter p = new PcapngWriter(out);
            p.declareInterface(new InterfaceInfo(0, LinkType.ETHERNET, 65535, "eth0", null));
            return p;
        })) {
            for (int i = 0; i < 40; i++) {
                w.write(frame(i));
            }
            assertThat(w.filesStarted()).isGreaterThan(3);
        }
        List<Path> files = files(dir);
        assertThat(files).hasSize(3);
        List<Frame> last = readAll(files.get(2));
        assertThat(last.get(last.size() - 1).sameAs(frame(39))).isTrue();
    }

    @Test
    void aFrameLargerThanTheBoundStillGetsAFile(@TempDir Path dir) throws IOException {
        try (RotatingFrameWriter w = new RotatingFrameWriter(dir.resolve("big.pcap"), 100, 0,
                out -> new PcapWriter(out, LinkType.ETHERNET, 65535, true))) {
            w.write(frame(1));
            w.write(frame(2));
        }
        assertThat(files(dir)).hasSize(2);
    }
    @Test
    void filesAreWrittenAsPartAndRenamedWhenTheNextStartsOrTheWriterCloses(@TempDir Path dir) throws IOException {
        try (RotatingFrameWriter w = new RotatingFrameWriter(dir.resolve("calls.pcap"), 5_000, 0,
                out -> new PcapWriter(out, LinkType.ETHERNET, 65535, true))) {
            for (int i = 0; i < 12; i++) {
                w.write(frame(i));
            }
            assertThat(files(dir)).extracting(p -> p.getFileName().toString())
                    .containsExactly("calls-00001.pcap", "calls-00002.pcap", "calls-00003.pcap.part");
        }
        assertThat(files(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("calls-00001.pcap", "calls-00002.pcap", "calls-00003.pcap");
    }

    @Test
    void aWriteFailingMidFileLeavesTheFinishedFilesCompleteAndTheCurrentOneAsPart(@TempDir Path dir)
            throws IOException {
        long[] left = {12_000};
        RotatingFrameWriter w = new RotatingFrameWriter(dir.resolve("calls.pcap"), 5_000, 0,
                out -> new PcapWriter(new java.io.FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        if (len > left[0]) {
                            throw new IOException("No space left on device");
                        }
                        left[0] -= len;
                        out.write(b, off, len);
                    }
                }, LinkType.ETHERNET, 65535, true));
        int written = 0;
        try {
            for (int i = 0; i < 50; i++) {
                w.write(frame(i));
                w.flush();
                written++;
            }
        } catch (IOException expected) {
            assertThat(expected).hasMessageContaining("No space left");
        }
        assertThat(written).isBetween(5, 49);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.write(frame(99))).isInstanceOf(IOException.class);
        try {
            w.close();
        } catch (IOException ignored) {
            // the buffered rest cannot be written either
        }
        List<Path> files = files(dir);
        assertThat(files.get(files.size() - 1).getFileName().toString()).endsWith(".part");
        for (Path f : files.subList(0, files.size() - 1)) {
            assertThat(f.getFileName().toString()).endsWith(".pcap");
            assertThat(readAll(f)).isNotEmpty();
        }
    }
}
