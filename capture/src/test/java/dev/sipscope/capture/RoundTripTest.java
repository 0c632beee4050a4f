package dev.sipscope.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** read -> write -> read gives the same frames. */
class RoundTripTest {

    private static final long T0_NANOS = 1_700_000_000_123_456_789L;

    @TempDir
    Path dir;

    static void assertSameFrames(List<Frame> actual, List<Frame> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).sameAs(expected.get(i))).as("frame %d: %s vs %s", i, actual.get(i), expected.get(i))
                    .isTrue();
        }
    }

    private static byte[] toPcapng(FrameSource source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(out)) {
            CaptureFiles.copy(source, writer);
        }
        return out.toByteArray();
    }

    @Test
    void microsecondPcapThroughPcapWriterKeepsEveryFrame() throws IOException {
        byte[] original = new PcapBuilder(true, PcapReader.MAGIC_MICROS, LinkType.LINUX_SLL, 128)
                .record(1_700_000_000L, 999_999, ByteFixture.payload(100, 1), 1500)
                .record(1_700_000_001L, 0, new byte[0], 0)
                .record(1_700_000_002L, 5, ByteFixture.payload(128, 2), 128)
                .build();
        Reads.Result first = Reads.read(original);
        for (boolean nanos : new boolean[] {false, true}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (FrameSource source = CaptureFiles.open(new ByteArrayInputStream(original), "in");
                 PcapWriter writer = new PcapWriter(out, LinkType.LINUX_SLL, 128, nanos)) {
                assertThat(CaptureFiles.copy(source, writer)).isEqualTo(3);
            }
            Reads.Result second = Reads.read(out.toByteArray());
            assertSameFrames(second.frames(), first.frames());
            assertThat(second.interfaces()).isEqualTo(first.interfaces());
        }
    }

    @Test
    void multiSectionPcapngThroughPcapngWriterKeepsFramesInterfacesAndNames() throws IOException {
        PcapngBuilder b = new PcapngBuilder().section(true);
        b.idb(LinkType.ETHERNET, 1514, b.options().string(2, "eth0").string(3, "first").end())
                .idb(LinkType.RAW, 0, b.options().u8(9, 0x80 | 24).end())
                .epb(0, 1_700_000_000_000_001L, ByteFixture.payload(60, 1), 60)
                .epb(1, 1_700_000_000L << 24 | 12345, ByteFixture.payload(21, 2), 21)
                .spb(33, ByteFixture.payload(33, 3))
                .section(false);
        b.idb(LinkType.LINUX_SLL2, 0, b.options().string(2, "any").u8(9, 9).end())
                .epb(0, T0_NANOS, ByteFixture.payload(90, 4), 200)
                .pb(0, 3, T0_NANOS + 1, ByteFixture.payload(7, 5), 7);
        Reads.Result first = Reads.read(b.build());
        byte[] written;
        try (FrameSource source = CaptureFiles.open(new ByteArrayInputStream(b.build()), "in")) {
            written = toPcapng(source);
        }
        Reads.Result second = Reads.read(written);
        assertSameFrames(second.frames(), first.frames());
        assertThat(second.interfaces()).isEqualTo(first.interfaces());
        assertThat(second.truncated()).isFalse();
    }

    @Test
    void framesWithoutDeclaredInterfacesKeepTheirIdsThroughOnDemandDeclaration() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] data = ByteFixture.payload(20, 1);
        List<Frame> frames = List.of(
                new Frame(T0_NANOS, LinkType.RAW, 2, data, 0, 20, 20),
                new Frame(T0_NANOS + 1, LinkType.RAW, 0, data, 1, 5, 19),
                new Frame(T0_NANOS + 2, LinkType.RAW, 4, data, 2, 0, 18));
        try (PcapngWriter writer = new PcapngWriter(out)) {
            for (Frame f : frames) {
                writer.write(f);
            }
            assertThat(writer.interfaceCount()).isEqualTo(5);
        }
        Reads.Result r = Reads.read(out.toByteArray());
        assertSameFrames(r.frames(), frames);
        assertThat(r.interfaces()).extracting(InterfaceInfo::id).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aFrameWhoseLinkTypeDisagreesWithItsInterfaceGoesToAnExtraInterface() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] data = ByteFixture.payload(20, 1);
        try (PcapngWriter writer = new PcapngWriter(out)) {
            writer.declareInterfaces(List.of(new InterfaceInfo(0, LinkType.ETHERNET, 0, "eth0", null)));
            assertThat(writer.declareInterface(new InterfaceInfo(0, LinkType.RAW, 0, "again", null))).isFalse();
            writer.write(new Frame(1, LinkType.ETHERNET, 0, data, 0, 20, 20));
            writer.write(new Frame(2, LinkType.RAW, 0, data, 0, 20, 20));
            writer.write(new Frame(3, LinkType.RAW, 0, data, 0, 20, 20));
            writer.write(new Frame(4, LinkType.LOOP, -7, data, 0, 20, 20));
        }
        Reads.Result r = Reads.read(out.toByteArray());
        assertThat(r.frames()).extracting(Frame::interfaceId).containsExactly(0, 1, 1, 2);
        assertThat(r.frames()).extracting(Frame::linkType)
                .containsExactly(LinkType.ETHERNET, LinkType.RAW, LinkType.RAW, LinkType.LOOP);
        assertThat(r.interfaces().get(0).name()).isEqualTo("eth0");
    }

    @Test
    void pcapWriterRefusesASecondLinkType() throws IOException {
        try (PcapWriter writer = new PcapWriter(new ByteArrayOutputStream(), LinkType.ETHERNET, 0, true)) {
            assertThatThrownBy(() -> writer.write(new Frame(0, LinkType.RAW, 0, new byte[1], 0, 1, 1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void writingToAFileAndReadingItBack() throws IOException {
        Path path = dir.resolve("out.pcapng");
        byte[] data = ByteFixture.payload(1000, 9);
        try (PcapngWriter writer = PcapngWriter.create(path)) {
            writer.write(new Frame(T0_NANOS, LinkType.ETHERNET, 0, data, 0, 1000, 1000));
            writer.write(new Frame(T0_NANOS + 5, LinkType.ETHERNET, 0, data, 3, 997, 1400));
        }
        try (FrameSource source = CaptureFiles.open(path)) {
            Reads.Result r = Reads.drain(source);
            assertThat(r.frames()).hasSize(2);
            assertThat(r.frame(0).sameAs(new Frame(T0_NANOS, LinkType.ETHERNET, 0, data, 0, 1000, 1000))).isTrue();
            assertThat(r.frame(1).sameAs(new Frame(T0_NANOS + 5, LinkType.ETHERNET, 0, data, 3, 997, 1400))).isTrue();
            assertThat(r.interfaces().get(0).linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(source.position()).isEqualTo(source.size());
        }
    }
}
