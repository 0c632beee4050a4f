package dev.sipscope.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deterministic corpus of hostile capture files, one kind of damage per test, each with valid
 * frames around the bad record: the file either fails to open with a one-line
 * {@link CaptureFormatException}, or every valid frame before the damage is delivered unchanged
 * and the read ends with one warning saying where, or the bad record is skipped with a warning and
 * the valid frames after it are delivered too (where the format's framing survives the damage).
 * Nothing throws from {@code next()}, nothing hangs (every read runs under a preemptive timeout),
 * and no length field makes a reader allocate more than the 16 MiB frame bound.
 */
class MalformedCaptureTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final long T0 = 1_700_000_000L;
    private static final byte[] A = ByteFixture.payload(60, 1);
    private static final byte[] B = ByteFixture.payload(75, 2);
    private static final byte[] C = ByteFixture.payload(42, 3);

    @TempDir
    Path dir;

    private static Reads.Result read(byte[] file) {
        return assertTimeoutPreemptively(LIMIT, () -> Reads.read(file, "bad"));
    }

    private Reads.Result readFile(byte[] file) throws IOException {
        Path path = dir.resolve("bad.cap");
        Files.write(path, file);
        return assertTimeoutPreemptively(LIMIT, () -> {
            try (FrameSource source = CaptureFiles.open(path)) {
                return Reads.drain(source);
            }
        });
    }

    private static void assertFrames(Reads.Result r, byte[]... expected) {
        assertThat(r.frames()).as("frames delivered").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(r.frame(i).bytes()).as("frame %d", i).isEqualTo(expected[i]);
        }
    }

    /** The read ended at the damage: frames before it delivered, truncated, one warning naming the byte. */
    private static void assertEndedAt(Reads.Result r, String kind, long offset, byte[]... before) {
        assertFrames(r, before);
        assertThat(r.truncated()).isTrue();
        assertThat(r.warnings()).hasSize(1);
        assertThat(r.warnings().get(0)).startsWith("bad: " + kind + " record at byte " + offset).doesNotContain("\n");
    }

    private static void assertOpenFails(byte[] file, String messageStart) {
        Throwable t = assertTimeoutPreemptively(LIMIT, () -> {
            try {
                Reads.read(file, "bad");
                return null;
            } catch (CaptureFormatException e) {
                return e;
            }
        });
        assertThat(t).as("open of %d bytes", file.length).isInstanceOf(CaptureFormatException.class);
        assertThat(t.getMessage()).startsWith("bad: " + messageStart).doesNotContain("\n");
    }

    // ------------------------------------------------------------------ pcap

    private static PcapBuilder pcap() {
        return new PcapBuilder(false, PcapReader.MAGIC_MICROS, LinkType.ETHERNET, 65535);
    }

    @Test
    void pcapFileHeaderCutAtEveryOffsetIsAFormatError() {
        byte[] file = pcap().record(T0, 0, A, A.length).build();
        assertOpenFails(new byte[0], "empty input");
        for (int cut = 1; cut < 4; cut++) {
            assertOpenFails(Arrays.copyOf(file, cut), "too short to be a capture");
        }
        for (int cut = 4; cut < PcapReader.HEADER_BYTES; cut++) {
            assertOpenFails(Arrays.copyOf(file, cut), "too short for a pcap file");
        }
    }

    @Test
    void pcapRecordHeaderCutAtEveryOffsetKeepsTheFramesBefore() {
        byte[] whole = pcap().record(T0, 0, A, A.length).record(T0, 1, B, B.length).build();
        int secondRecord = PcapReader.HEADER_BYTES + 16 + A.length;
        for (int cut = secondRecord + 1; cut < whole.length; cut++) {
            assertEndedAt(read(Arrays.copyOf(whole, cut)), "truncated", secondRecord, A);
        }
    }

    @Test
    void pcapCapturedLengthPastTheEndOfTheFile() {
        byte[] file = pcap().record(T0, 0, A, A.length).record(T0, 1, B, B.length)
                .record(T0, 2, 5000, 5000, C).build();
        int bad = PcapReader.HEADER_BYTES + 32 + A.length + B.length;
        assertEndedAt(read(file), "truncated", bad, A, B);
    }

    @Test
    void pcapHugeCapturedLengthsAreCorruptNotAllocated() {
        for (int huge : new int[] {CaptureFiles.MAX_FRAME_BYTES + 1, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
            byte[] file = pcap().record(T0, 0, A, A.length).record(T0, 1, huge, 100, C)
                    .record(T0, 2, B, B.length).build();
            Reads.Result r = read(file);
            assertEndedAt(r, "corrupt", PcapReader.HEADER_BYTES + 16 + A.length, A);
            assertThat(r.warnings().get(0)).contains("exceeds the 16 MiB limit");
        }
    }

    @Test
    void pcapWithSnapLengthZeroIsReadWhole() {
        byte[] file = new PcapBuilder(false, PcapReader.MAGIC_MICROS, LinkType.ETHERNET, 0)
                .record(T0, 0, A, A.length).record(T0, 1, B, 9000).record(T0, 2, C, C.length).build();
        Reads.Result r = read(file);
        assertFrames(r, A, B, C);
        assertThat(r.truncated()).isFalse();
        assertThat(r.frame(1).originalLength()).isEqualTo(9000);
    }

    @Test
    void pcapOriginalLengthsThatLieAreReportedNotTrusted() {
        byte[] file = pcap().record(T0, 0, A, A.length).record(T0, 1, B.length, 3, B)
                .record(T0, 2, C.length, -5, C).build();
        Reads.Result r = read(file);
        assertFrames(r, A, B, C);
        assertThat(r.frame(1).originalLength()).isEqualTo(3);
        assertThat(r.frame(2).originalLength()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void pcapUnsupportedVersionIsAFormatError() {
        assertOpenFails(new PcapBuilder(false, PcapReader.MAGIC_MICROS, 3, 0, LinkType.ETHERNET, 0)
                .record(T0, 0, A, A.length).build(), "unsupported pcap version 3.0");
    }

    // ------------------------------------------------------------------ pcapng

    private static PcapngBuilder pcapng() {
        return new PcapngBuilder().section(false).idb(LinkType.ETHERNET, 0);
    }

    /** A little-endian block with the given leading and trailing length fields and body. */
    private static byte[] block(int type, int leading, byte[] body, int trailing) {
        return new ByteFixture(false).u32(type).u32(leading).bytes(body).u32(trailing).toArray();
    }

    @Test
    void pcapngSectionHeaderCutAtEveryOffsetIsAFormatError() {
        byte[] shb = new PcapngBuilder().section(false).build();
        assertOpenFails(new byte[0], "empty input");
        for (int cut = 1; cut < 4; cut++) {
            assertOpenFails(Arrays.copyOf(shb, cut), "too short to be a capture");
        }
        for (int cut = 4; cut < shb.length; cut++) {
            assertOpenFails(Arrays.copyOf(shb, cut), "too short for a pcapng file");
        }
    }

    @Test
    void pcapngBlockLengthPointingPastTheEnd() {
        PcapngBuilder b = pcapng().epb(0, 1, A, A.length);
        int bad = b.build().length;
        byte[] file = Bytes.concat(b.build(), block(PcapngReader.EPB_TYPE, 10_000, new byte[40], 10_000));
        assertEndedAt(read(file), "truncated", bad, A);
        // the same for a block type the reader skips without buffering it
        byte[] skipped = Bytes.concat(b.build(), block(0x0000_0BAD, 0x7fff_fff0, new byte[40], 0));
        assertEndedAt(read(skipped), "truncated", bad, A);
    }

    @Test
    void pcapngImpossibleBlockLengthsEndTheReadAsCorrupt() {
        PcapngBuilder b = pcapng().epb(0, 1, A, A.length);
        int bad = b.build().length;
        int[][] cases = {{8, 8}, {30, 30}, {-4, -4}, {CaptureFiles.MAX_BLOCK_BYTES + 4, 0}};
        for (int[] c : cases) {
            byte[] file = Bytes.concat(b.build(), block(PcapngReader.EPB_TYPE, c[0], new byte[40], c[1]),
                    new PcapngBuilder().section(false).idb(LinkType.ETHERNET, 0).epb(0, 2, B, B.length).build());
            assertEndedAt(read(file), "corrupt", bad, A);
        }
        byte[] mismatch = Bytes.concat(b.build(), block(PcapngReader.EPB_TYPE, 52, new byte[40], 56));
        Reads.Result r = read(mismatch);
        assertEndedAt(r, "corrupt", bad, A);
        assertThat(r.warnings().get(0)).contains("disagrees with the leading length");
    }

    @Test
    void pcapngPacketBlocksThatLieInsideAreSkippedAndTheReadGoesOn() {
        byte[] pastBlock = new ByteFixture(false).u32(0).u32(0).u32(1).u32(5000).u32(5000).bytes(new byte[20]).toArray();
        byte[] hugeCaptured = new ByteFixture(false).u32(0).u32(0).u32(1).u32(-1).u32(5000).bytes(new byte[20]).toArray();
        byte[] undeclared = new ByteFixture(false).u32(7).u32(0).u32(1).u32(20).u32(20).bytes(new byte[20]).toArray();
        byte[] tooShort = new byte[8];
        for (byte[] body : List.of(pastBlock, hugeCaptured, undeclared, tooShort)) {
            PcapngBuilder b = pcapng().epb(0, 1, A, A.length).block(PcapngReader.EPB_TYPE, body)
                    .epb(0, 2, B, B.length);
            Reads.Result r = read(b.build());
            assertFrames(r, A, B);
            assertThat(r.truncated()).isFalse();
            assertThat(r.warnings()).singleElement().asString().startsWith("bad: 1 ").contains("skipped");
        }
    }

    @Test
    void pcapngSimplePacketBeforeAnyInterfaceIsSkipped() {
        PcapngBuilder b = new PcapngBuilder().section(false).spb(A.length, A).idb(LinkType.ETHERNET, 0)
                .spb(B.length, B).epb(0, 1, C, C.length);
        Reads.Result r = read(b.build());
        assertFrames(r, B, C);
        assertThat(r.warnings()).singleElement().asString().contains("never declared");
    }

    @Test
    void pcapngInterfaceOptionsRunningPastTheBlockAreIgnoredWithAWarning() {
        byte[] options = new ByteFixture(false).u16(2).u16(400).bytes("eth0".getBytes()).toArray();
        PcapngBuilder b = pcapng().epb(0, 1, A, A.length).idb(LinkType.RAW, 0, options).epb(1, 2, B, B.length);
        Reads.Result r = read(b.build());
        assertFrames(r, A, B);
        assertThat(r.truncated()).isFalse();
        assertThat(r.warnings()).singleElement().asString().contains("run past the block");
        assertThat(r.interfaces()).hasSize(2);
    }

    @Test
    void pcapngSecondSectionWithABadByteOrderMagicEndsTheRead() {
        PcapngBuilder b = pcapng().epb(0, 1, A, A.length);
        int bad = b.build().length;
        byte[] badShb = block(PcapngReader.SHB_TYPE, 28, new ByteFixture(false).u32(0x01020304).u16(1).u16(0)
                .u64(-1).toArray(), 28);
        assertEndedAt(read(Bytes.concat(b.build(), badShb, pcapng().epb(0, 2, B, B.length).build())), "corrupt", bad, A);
    }

    @Test
    void pcapngTooManyInterfacesIsCorrupt() {
        PcapngBuilder b = new PcapngBuilder().section(false);
        for (int i = 0; i <= PcapngReader.MAX_INTERFACES; i++) {
            b.idb(LinkType.ETHERNET, 0);
        }
        Reads.Result r = read(b.epb(0, 1, A, A.length).build());
        assertThat(r.frames()).isEmpty();
        assertThat(r.truncated()).isTrue();
        assertThat(r.warnings()).singleElement().asString().contains("more than " + PcapngReader.MAX_INTERFACES);
    }

    // ------------------------------------------------------------------ NetMon

    private static NetmonBuilder netmon() {
        return new NetmonBuilder(2, 0, 1, 2020, 1, 2, 3, 4, 5, 6).frame(0, A).frame(10, B).frame(20, C);
    }

    @Test
    void netmonHeaderCutAtEveryOffsetIsAFormatError() throws IOException {
        byte[] file = netmon().build();
        for (int cut = 4; cut < NetmonReader.HEADER_BYTES; cut++) {
            Path path = dir.resolve("cut.cap");
            Files.write(path, Arrays.copyOf(file, cut));
            Throwable t = assertTimeoutPreemptively(LIMIT, () -> {
                try (FrameSource source = CaptureFiles.open(path)) {
                    return null;
                } catch (CaptureFormatException e) {
                    return e;
                }
            });
            assertThat(t).as("cut %d", cut).isInstanceOf(CaptureFormatException.class);
            assertThat(t.getMessage()).contains("too short for a Network Monitor file").doesNotContain("\n");
        }
    }

    @Test
    void netmonIndexEntriesOutsideTheFrames() throws IOException {
        NetmonBuilder b = netmon();
        List<Integer> offsets = b.offsets();
        for (int bad : new int[] {0, NetmonReader.HEADER_BYTES - 1, 1 << 30, -1}) {
            List<Integer> index = new ArrayList<>(List.of(offsets.get(0), offsets.get(1), bad, offsets.get(2)));
            Reads.Result r = readFile(b.build(index));
            assertFrames(r, A, B);
            assertThat(r.truncated()).isTrue();
            assertThat(r.warnings()).singleElement().asString().contains("corrupt record").contains("frame 2 is listed");
        }
    }

    @Test
    void netmonIndexLongerThanTheFileListsWhatIsThere() throws IOException {
        byte[] file = netmon().build();
        // announce twice as many index bytes as the file holds
        int announced = RecordBuffer.intLE(file, 28) * 2;
        file[28] = (byte) announced;
        file[29] = (byte) (announced >>> 8);
        Reads.Result r = readFile(file);
        assertFrames(r, A, B, C);
        assertThat(r.truncated()).isTrue();
        assertThat(r.warnings()).singleElement().asString().contains("cut short: 3 of 6 frames are listed");
    }

    @Test
    void netmonFrameLengthPastTheEndOrHuge() throws IOException {
        for (int captured : new int[] {5000, CaptureFiles.MAX_FRAME_BYTES + 1, -1}) {
            NetmonBuilder b = netmon();
            byte[] file = b.build();
            int third = b.offsets().get(2);
            ByteFixture lengths = new ByteFixture(false).u32(C.length).u32(captured);
            System.arraycopy(lengths.toArray(), 0, file, third + 8, 8);
            Reads.Result r = readFile(file);
            assertFrames(r, A, B);
            assertThat(r.truncated()).isTrue();
            assertThat(r.warnings()).singleElement().asString().contains("record at byte " + third);
        }
    }

    @Test
    void netmonFramesOfUnknownMediaAreSkippedBetweenValidOnes() throws IOException {
        NetmonBuilder b = new NetmonBuilder(2, 1, 1, 2020, 1, 2, 3, 4, 5, 6)
                .frame(0, A.length, A, 0, 0).frame(1, B.length, B, 0xE000, 0).frame(2, C.length, C, 1, 0);
        Reads.Result r = readFile(b.build());
        assertFrames(r, A, C);
        assertThat(r.truncated()).isFalse();
        assertThat(r.warnings()).singleElement().asString().contains("1 frame of a media type");
    }

    @Test
    void netmonIndexRepeatingOneFrameIsBoundedByTheIndex() throws IOException {
        NetmonBuilder b = netmon();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            index.add(b.offsets().get(1));
        }
        Reads.Result r = readFile(b.build(index));
        assertThat(r.frames()).hasSize(10_000).allMatch(f -> Arrays.equals(f.bytes(), B));
    }

    /** Concatenation for fixtures. */
    private static final class Bytes {
        static byte[] concat(byte[]... parts) {
            ByteFixture f = new ByteFixture(false);
            for (byte[] p : parts) {
                f.bytes(p);
            }
            return f.toArray();
        }
    }
}
