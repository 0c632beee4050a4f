package dev.sipscope.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcapReaderTest {

    private static final long T0 = 1_700_000_000L;

    @ParameterizedTest(name = "{0} big-endian={1}")
    @CsvSource({
            "a1b2c3d4, false", "a1b2c3d4, true",
            "a1b23c4d, false", "a1b23c4d, true",
            "a1b2cd34, false", "a1b2cd34, true"})
    void everyMagicInBothByteOrdersGivesTheSameFrames(String magicHex, boolean bigEndian) throws IOException {
        int magic = Integer.parseUnsignedInt(magicHex, 16);
        boolean nanos = magic == PcapReader.MAGIC_NANOS;
        byte[] a = ByteFixture.payload(60, 1);
        byte[] b = ByteFixture.payload(1, 2);
        byte[] c = new byte[0];
        byte[] file = new PcapBuilder(bigEndian, magic, LinkType.ETHERNET, 65535)
                .record(T0, nanos ? 123_456_789 : 123_456, a, 60)
                .record(T0 + 1, 0, b, 1500)
                .record(T0 + 2, nanos ? 999_999_999 : 999_999, c, 0)
                .build();

        try (FrameSource source = CaptureFiles.open(new ByteArrayInputStream(file), "x")) {
            PcapReader reader = (PcapReader) source;
            assertThat(reader.bigEndian()).isEqualTo(bigEndian);
            assertThat(reader.nanosecondResolution()).isEqualTo(nanos);
            assertThat(reader.modifiedFormat()).isEqualTo(magic == PcapReader.MAGIC_MODIFIED);
            assertThat(reader.snapLength()).isEqualTo(65535);
            Reads.Result r = Reads.drain(source);
            assertThat(r.frames()).hasSize(3);
            assertThat(r.truncated()).isFalse();
            assertThat(r.warnings()).isEmpty();
            assertThat(r.interfaces()).containsExactly(new InterfaceInfo(0, LinkType.ETHERNET, 65535, null, null));
            assertThat(r.frame(0).sameAs(new Frame(T0 * 1_000_000_000L + (nanos ? 123_456_789 : 123_456_000),
                    LinkType.ETHERNET, 0, a, 0, 60, 60))).isTrue();
            assertThat(r.frame(1).sameAs(new Frame((T0 + 1) * 1_000_000_000L, 1, 0, b, 0, 1, 1500))).isTrue();
            assertThat(r.frame(2).timestampNanos()).isEqualTo((T0 + 2) * 1_000_000_000L + 999_999_000 + (nanos ? 999 : 0));
            assertThat(r.frame(2).capturedLength()).isZero();
            assertThat(r.position()).isEqualTo(file.length);
        }
    }

    @Test
    void linkTypeFieldLosesItsFcsBits() throws IOException {
        int field = 0x24000000 | LinkType.LINUX_SLL;   // F bit set, FCS length 2 (16-bit words)
        byte[] file = new PcapBuilder(false, PcapReader.MAGIC_MICROS, field, 0)
                .record(T0, 0, new byte[20], 20).build();
        Reads.Result r = Reads.read(file);
        assertThat(r.frame(0).linkType()).isEqualTo(LinkType.LINUX_SLL);
        assertThat(r.interfaces().get(0).linkType()).isEqualTo(LinkType.LINUX_SLL);
    }

    @Test
    void anySnapLengthIsAcceptedAndFramesLongerThanItAreStillDelivered() throws IOException {
        for (int snap : new int[] {0, 1, 96, 65535, 262144, Integer.MAX_VALUE, -1}) {
            byte[] file = new PcapBuilder(true, PcapReader.MAGIC_MICROS, LinkType.RAW, snap)
                    .record(T0, 5, ByteFixture.payload(200, 3), 200).build();
            Reads.Result r = Reads.read(file);
            assertThat(r.frames()).hasSize(1);
            assertThat(r.frame(0).capturedLength()).isEqualTo(200);
            assertThat(r.interfaces().get(0).snapLength()).isEqualTo(snap < 0 ? 0 : snap);
        }
    }

    @Test
    void secondsAreUnsignedSoTimesAfter2038Work() throws IOException {
        long seconds = 0xF000_0000L;   // year 2097
        byte[] file = new PcapBuilder(false, PcapReader.MAGIC_NANOS, 1, 0)
                .record(seconds, 7, new byte[4], 4).build();
        assertThat(Reads.read(file).frame(0).timestampNanos()).isEqualTo(seconds * 1_000_000_000L + 7);
    }

    @Test
    void version22FilesHaveTheirLengthsSwappedBack() throws IOException {
        byte[] data = ByteFixture.payload(40, 9);
        // stored as (len, caplen) by pre-2.3 writers
        byte[] file = new PcapBuilder(false, PcapReader.MAGIC_MICROS, 2, 2, 1, 0)
                .record(T0, 0, 1514, 40, data).build();
        Reads.Result r = Reads.read(file);
        assertThat(r.frame(0).capturedLength()).isEqualTo(40);
        assertThat(r.frame(0).originalLength()).isEqualTo(1514);
    }

    @Test
    void version23FilesSwapOnlyWhenCapturedExceedsOriginal() throws IOException {
        byte[] data = ByteFixture.payload(40, 9);
        byte[] file = new PcapBuilder(false, PcapReader.MAGIC_MICROS, 2, 3, 1, 0)
                .record(T0, 0, 1514, 40, data)
                .record(T0, 1, 40, 1514, data)
                .build();
        Reads.Result r = Reads.read(file);
        assertThat(r.frames()).extracting(Frame::capturedLength).containsExactly(40, 40);
        assertThat(r.frames()).extracting(Frame::originalLength).containsExactly(1514, 1514);
    }

    @Test
    void unsupportedVersionIsRefusedAtOpen() {
        byte[] file = new PcapBuilder(false, PcapReader.MAGIC_MICROS, 1, 0, 1, 0).build();
        assertThatThrownBy(() -> Reads.read(file, "old.pcap"))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("old.pcap: unsupported pcap version 1.0 (expected 2.x)");
    }

    @Test
    void headerOnlyFileHasNoFramesAndIsNotTruncated() throws IOException {
        byte[] file = new PcapBuilder(false, PcapReader.MAGIC_MICROS, 1, 0).build();
        Reads.Result r = Reads.read(file);
        assertThat(r.frames()).isEmpty();
        assertThat(r.truncated()).isFalse();
        assertThat(r.interfaces()).hasSize(1);
    }

    @Test
    void hugeCapturedLengthIsACorruptRecordAfterTheGoodFrames() throws IOException {
        byte[] file = new PcapBuilder(false, PcapReader.MAGIC_MICROS, 1, 0)
                .record(T0, 0, new byte[10], 10)
                .record(T0, 1, new byte[10], 10)
                .record(T0, 2, 0x7fff_ffff, 100, new byte[64])
                .build();
        Reads.Result r = Reads.read(file, "big.pcap");
        assertThat(r.frames()).hasSize(2);
        assertThat(r.truncated()).isTrue();
        assertThat(r.warnings()).containsExactly("big.pcap: corrupt record at byte 76 (captured length 2147483647"
                + " exceeds the 16 MiB limit); the 2 frames before it were read");
    }

    @Test
    void capturedLengthJustOverTheLimitIsCorruptAndAtTheLimitIsRead() throws IOException {
        int max = CaptureFiles.MAX_FRAME_BYTES;
        byte[] big = ByteFixture.payload(max, 5);
        byte[] file = new PcapBuilder(false, PcapReader.MAGIC_MICROS, 1, 0)
                .record(T0, 0, big, max)
                .record(T0, 1, max + 1, max + 1, new byte[0])
                .build();
        Reads.Result r = Reads.read(file);
        assertThat(r.frames()).hasSize(1);
        assertThat(r.frame(0).bytes()).isEqualTo(big);
        assertThat(r.truncated()).isTrue();
        assertThat(r.warnings()).singleElement().asString().contains("exceeds the 16 MiB limit");
    }

    @Test
    void recordsOfEverySizeAcrossManyBufferRefillsComeOutIntact() throws IOException {
        Random random = new Random(42);
        PcapBuilder builder = new PcapBuilder(false, PcapReader.MAGIC_NANOS, 1, 0);
        List<byte[]> expected = new ArrayList<>();
        int total = 0;
        for (int i = 0; total < 5 << 20; i++) {
            int n = i % 50 == 7 ? (1 << 20) + random.nextInt(1 << 20) : random.nextInt(1600);
            byte[] data = ByteFixture.payload(n, i);
            expected.add(data);
            builder.record(T0 + i, i, data, n);
            total += n + 16;
        }
        Reads.Result r = Reads.read(builder.build());
        assertThat(r.truncated()).isFalse();
        assertThat(r.frames()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(r.frame(i).bytes()).isEqualTo(expected.get(i));
            assertThat(r.frame(i).timestampNanos()).isEqualTo((T0 + i) * 1_000_000_000L + i);
        }
    }

    @Test
    void frameIsReusedAndPointsIntoTheBuffer() throws IOException {
        byte[] file = new PcapBuilder(false, PcapReader.MAGIC_MICROS, 1, 0)
                .record(T0, 0, new byte[10], 10)
                .record(T0, 1, new byte[10], 10)
                .build();
        try (FrameSource source = CaptureFiles.open(new ByteArrayInputStream(file), "x")) {
            Frame first = source.next();
            byte[] backing = first.data();
            Frame second = source.next();
            assertThat(second).isSameAs(first);
            assertThat(second.data()).isSameAs(backing);
            assertThat(backing.length).isGreaterThanOrEqualTo(RecordBuffer.INITIAL_CAPACITY);
        }
    }
}
