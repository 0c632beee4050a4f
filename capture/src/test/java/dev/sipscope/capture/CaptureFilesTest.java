package dev.sipscope.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFilesTest {

    private static final long T0 = 1_700_000_000L;

    @TempDir
    Path dir;

    static byte[] smallPcap() {
        return new PcapBuilder(false, PcapReader.MAGIC_MICROS, LinkType.ETHERNET, 65535)
                .record(T0, 1, ByteFixture.payload(60, 1), 60)
                .record(T0, 2, ByteFixture.payload(70, 2), 70)
                .record(T0, 3, ByteFixture.payload(80, 3), 80)
                .build();
    }

    static byte[] smallPcapng() {
        PcapngBuilder b = new PcapngBuilder().section(false);
        return b.idb(LinkType.ETHERNET, 0, b.options().string(2, "eth0").end())
                .epb(0, T0 * 1_000_000, ByteFixture.payload(60, 1), 60)
                .block(5, new byte[12])
                .epb(0, T0 * 1_000_000 + 5, ByteFixture.payload(61, 2), 61)
                .build();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static Reads.Result readPath(Path p) throws IOException {
        try (FrameSource source = CaptureFiles.open(p)) {
            return Reads.drain(source);
        }
    }

    @Test
    void formatComesFromTheBytesNotTheFileName() throws IOException {
        try (FrameSource s = CaptureFiles.open(file("really-pcap.pcapng", smallPcap()))) {
            assertThat(s).isInstanceOf(PcapReader.class);
        }
        try (FrameSource s = CaptureFiles.open(file("really-pcapng.pcap", smallPcapng()))) {
            assertThat(s).isInstanceOf(PcapngReader.class);
        }
        try (FrameSource s = CaptureFiles.open(file("no-extension", gzip(smallPcapng())))) {
            assertThat(s).isInstanceOf(PcapngReader.class);
            assertThat(Reads.drain(s).frames()).hasSize(2);
        }
    }

    @Test
    void aTextFileIsNotACapture() throws IOException {
        Path notes = file("notes.txt", "Hello, world\n".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> CaptureFiles.open(notes))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage(notes + ": not a capture file (expected pcap or pcapng, found bytes 48 65 6c 6c)");
        assertThatThrownBy(() -> CaptureFiles.open(notes.toString()))
                .hasMessage(notes + ": not a capture file (expected pcap or pcapng, found bytes 48 65 6c 6c)");
    }

    @Test
    void compressedFormatsWeDoNotDecompressGetAHint() throws IOException {
        Path zstd = file("trace.pcap.zst", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0});
        assertThatThrownBy(() -> CaptureFiles.open(zstd)).hasMessage(zstd + ": not a capture file (expected pcap or"
                + " pcapng, found bytes 28 b5 2f fd); this looks zstd-compressed: decompress it first");
        Path bzip2 = file("trace.pcap.bz2", "BZh91AY".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> CaptureFiles.open(bzip2)).hasMessageEndingWith("; this looks bzip2-compressed:"
                + " decompress it first");
    }

    @Test
    void missingFileDirectoryAndEmptyFileEachGetOneLine() throws IOException {
        Path missing = dir.resolve("missing.pcap");
        assertThatThrownBy(() -> CaptureFiles.open(missing))
                .isInstanceOf(CaptureFormatException.class).hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> CaptureFiles.open(dir))
                .isInstanceOf(CaptureFormatException.class).hasMessage(dir + ": is a directory, not a capture file");
        assertThatThrownBy(() -> CaptureFiles.open("bad\u0000name"))
                .isInstanceOf(CaptureFormatException.class).hasMessageStartingWith("bad\u0000name: not a valid file name (");
        Path empty = file("empty.pcap", new byte[0]);
        assertThatThrownBy(() -> CaptureFiles.open(empty))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage(empty + ": empty file (expected a pcap or pcapng capture)");
    }

    @Test
    void filesShorterThanTheirHeader() throws IOException {
        Path pcap = file("short.pcap", Arrays.copyOf(smallPcap(), 10));
        assertThatThrownBy(() -> CaptureFiles.open(pcap)).isInstanceOf(CaptureFormatException.class)
                .hasMessage(pcap + ": too short for a pcap file (10 bytes; the file header alone takes 24)");
        Path pcapng = file("short.pcapng", Arrays.copyOf(smallPcapng(), 20));
        assertThatThrownBy(() -> CaptureFiles.open(pcapng)).isInstanceOf(CaptureFormatException.class)
                .hasMessage(pcapng + ": too short for a pcapng file (20 bytes; the section header block is longer)");
        Path twoBytes = file("two.pcap", new byte[] {(byte) 0xd4, (byte) 0xc3});
        assertThatThrownBy(() -> CaptureFiles.open(twoBytes)).isInstanceOf(CaptureFormatException.class)
                .hasMessage(twoBytes + ": too short to be a capture (2 bytes: d4 c3)");
        Path twoOtherBytes = file("ab", new byte[] {'A', 'B'});
        assertThatThrownBy(() -> CaptureFiles.open(twoOtherBytes)).isInstanceOf(CaptureFormatException.class)
                .hasMessage(twoOtherBytes + ": not a capture file (expected pcap or pcapng, found bytes 41 42)");
    }

    @Test
    void unreadableFileSaysPermissionDenied() throws IOException {
        Path locked = file("locked.pcap", smallPcap());
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(locked)).as("running as root: permissions do not stop reading").isFalse();
        assertThatThrownBy(() -> CaptureFiles.open(locked))
                .isInstanceOf(CaptureFormatException.class).hasMessage(locked + ": permission denied");
    }

    @Test
    void openFailuresBecomeOneLineMessages() {
        assertThat(CaptureFiles.openFailure("a.pcap", new AccessDeniedException("/x/a.pcap")))
                .hasMessage("a.pcap: permission denied");
        assertThat(CaptureFiles.openFailure("-", new IOException("Input/output error\n\tat somewhere")))
                .hasMessage("standard input: cannot be read (Input/output error)");
    }

    @Test
    void gzippedCapturesReadLikeTheOriginalAndReportCompressedProgress() throws IOException {
        for (byte[] original : List.of(smallPcap(), smallPcapng())) {
            byte[] compressed = gzip(original);
            Reads.Result plain = Reads.read(original);
            Path p = file("capture.gz", compressed);
            try (FrameSource source = CaptureFiles.open(p)) {
                assertThat(source.size()).isEqualTo(compressed.length);
                Reads.Result unzipped = Reads.drain(source);
                assertThat(unzipped.frames()).hasSameSizeAs(plain.frames());
                for (int i = 0; i < plain.frames().size(); i++) {
                    assertThat(unzipped.frame(i).sameAs(plain.frame(i))).isTrue();
                }
                assertThat(unzipped.truncated()).isFalse();
                assertThat(source.position()).isEqualTo(compressed.length);
            }
        }
    }

    @Test
    void concatenatedGzipMembersAreOneStream() throws IOException {
        byte[] pcap = smallPcap();
        int cut = 24 + 16 + 60 + 5;
        byte[] first = gzip(Arrays.copyOf(pcap, cut));
        byte[] second = gzip(Arrays.copyOfRange(pcap, cut, pcap.length));
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        Reads.Result r = Reads.read(both);
        assertThat(r.frames()).hasSize(3);
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void gzipThatIsNotACaptureInsideOrIsBroken() throws IOException {
        Path text = file("notes.gz", gzip("Hello, world".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> CaptureFiles.open(text)).isInstanceOf(CaptureFormatException.class)
                .hasMessage(text + ": not a capture file inside gzip (expected pcap or pcapng, found bytes 48 65 6c 6c)");
        Path nothing = file("nothing.gz", gzip(new byte[0]));
        assertThatThrownBy(() -> CaptureFiles.open(nothing)).isInstanceOf(CaptureFormatException.class)
                .hasMessage(nothing + ": gzip file holds no capture (it decompresses to nothing)");
        Path cutHeader = file("cut.gz", new byte[] {0x1f, (byte) 0x8b, 8});
        assertThatThrownBy(() -> CaptureFiles.open(cutHeader)).isInstanceOf(CaptureFormatException.class)
                .hasMessage(cutHeader + ": gzip file cut short inside its header");
        byte[] badMethod = gzip(smallPcap());
        badMethod[2] = 9;
        Path method = file("method.gz", badMethod);
        assertThatThrownBy(() -> CaptureFiles.open(method)).isInstanceOf(CaptureFormatException.class)
                .hasMessage(method + ": unreadable gzip header (Unsupported compression method)");
    }

    @Test
    void corruptCompressedDataEndsTheReadWithAWarningNotAnException() throws IOException {
        byte[] pcap = new PcapBuilder(false, PcapReader.MAGIC_MICROS, 1, 0)
                .record(T0, 0, ByteFixture.payload(3000, 1), 3000)
                .record(T0, 1, ByteFixture.payload(3000, 2), 3000)
                .build();
        byte[] compressed = gzip(pcap);
        byte[] damaged = compressed.clone();
        for (int i = compressed.length / 2; i < compressed.length / 2 + 8; i++) {
            damaged[i] ^= (byte) 0xa5;
        }
        Reads.Result r = Reads.read(damaged, "damaged.pcap.gz");
        assertThat(r.truncated()).isTrue();
        assertThat(r.warnings()).singleElement().asString().startsWith("damaged.pcap.gz: the compressed data ");
    }

    @Test
    void streamsThatDeliverOneByteAtATimeReadTheSame() throws IOException {
        for (byte[] file : List.of(smallPcap(), smallPcapng(), gzip(smallPcapng()))) {
            Reads.Result whole = Reads.read(file);
            InputStream trickle = new ByteArrayInputStream(file) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    return super.read(b, off, Math.min(len, 1));
                }
            };
            try (FrameSource source = CaptureFiles.open(trickle, "pipe")) {
                assertThat(source.size()).isEqualTo(-1);
                Reads.Result r = Reads.drain(source);
                assertThat(r.frames()).hasSameSizeAs(whole.frames());
                for (int i = 0; i < r.frames().size(); i++) {
                    assertThat(r.frame(i).sameAs(whole.frame(i))).isTrue();
                }
            }
        }
    }

    @Test
    void dashReadsStandardInput() throws IOException {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(gzip(smallPcap())));
            try (FrameSource source = CaptureFiles.open("-")) {
                assertThat(source.name()).isEqualTo("-");
                assertThat(Reads.drain(source).frames()).hasSize(3);
            }
            System.setIn(new ByteArrayInputStream(new byte[0]));
            assertThatThrownBy(() -> CaptureFiles.open("-")).isInstanceOf(CaptureFormatException.class)
                    .hasMessage("standard input: empty input (expected a pcap or pcapng capture)");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void positionAndSizeOfAPlainFile() throws IOException {
        byte[] pcap = smallPcap();
        Path p = file("p.pcap", pcap);
        try (FrameSource source = CaptureFiles.open(p)) {
            assertThat(source.size()).isEqualTo(pcap.length);
            assertThat(source.position()).isEqualTo(24);
            source.next();
            assertThat(source.position()).isEqualTo(24 + 16 + 60);
            Reads.drain(source);
            assertThat(source.position()).isEqualTo(pcap.length);
        }
    }

    @Test
    void openAllMergesSeveralFilesAndRefusesBadOnesCleanly() throws IOException {
        Path a = file("a.pcap", smallPcap());
        Path b = file("b.pcapng", smallPcapng());
        try (FrameSource merged = CaptureFiles.openAll(List.of(a, b))) {
            Reads.Result r = Reads.drain(merged);
            assertThat(r.frames()).hasSize(5);
            assertThat(r.interfaces()).hasSize(2);
            assertThat(merged.name()).isEqualTo(a + ", " + b);
        }
        Path bad = file("bad.txt", "nope".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> CaptureFiles.openAll(List.of(a, bad))).isInstanceOf(CaptureFormatException.class)
                .hasMessageStartingWith(bad + ": not a capture file");
    }
}
