package dev.sipscope.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcapngReaderTest {

    private static final long T0_MICROS = 1_700_000_000_000_000L;
    private static final long T0_NANOS = T0_MICROS * 1000;

    private static final byte[] A = ByteFixture.payload(60, 1);
    private static final byte[] B = ByteFixture.payload(31, 2);
    private static final byte[] C = ByteFixture.payload(1, 3);

    @ParameterizedTest(name = "big-endian={0}")
    @ValueSource(booleans = {false, true})
    void oneSectionInEitherByteOrder(boolean bigEndian) throws IOException {
        PcapngBuilder b = new PcapngBuilder().section(bigEndian);
        b.idb(LinkType.ETHERNET, 262144, b.options().string(2, "eth0").string(3, "uplink").end())
                .epb(0, T0_MICROS, A, 60)
                .epb(0, T0_MICROS + 1, B, 1514)
                .epb(0, T0_MICROS + 2, C, 1);
        byte[] file = b.build();
        try (FrameSource source = CaptureFiles.open(new ByteArrayInputStream(file), "x.pcapng")) {
            PcapngReader reader = (PcapngReader) source;
            Reads.Result r = Reads.drain(source);
            assertThat(reader.bigEndian()).isEqualTo(bigEndian);
            assertThat(reader.sectionCount()).isEqualTo(1);
            assertThat(reader.timestampResolution(0)).isEqualTo("10^-6 s");
            assertThat(r.truncated()).isFalse();
            assertThat(r.warnings()).isEmpty();
            assertThat(r.interfaces()).containsExactly(new InterfaceInfo(0, LinkType.ETHERNET, 262144, "eth0", "uplink"));
            assertThat(r.frames()).hasSize(3);
            assertThat(r.frame(0).sameAs(new Frame(T0_NANOS, 1, 0, A, 0, 60, 60))).isTrue();
            assertThat(r.frame(1).sameAs(new Frame(T0_NANOS + 1000, 1, 0, B, 0, 31, 1514))).isTrue();
            assertThat(r.frame(2).sameAs(new Frame(T0_NANOS + 2000, 1, 0, C, 0, 1, 1))).isTrue();
            assertThat(r.position()).isEqualTo(file.length);
        }
    }

    @Test
    void sectionsOfMixedByteOrderNumberInterfacesAcrossTheFile() throws IOException {
        PcapngBuilder b = new PcapngBuilder().section(false);
        b.idb(LinkType.ETHERNET, 0, b.options().string(2, "le-eth").end())
                .idb(LinkType.RAW, 0, b.options().string(2, "le-raw").end())
                .epb(1, T0_MICROS, A, 60)
                .epb(0, T0_MICROS + 1, B, 31)
                .section(true);
        b.idb(LinkType.LINUX_SLL, 128, b.options().string(2, "be-sll").end())
                .idb(LinkType.IPV4, 0, b.options().string(2, "be-ipv4").u8(9, 9).end())
                .epb(1, T0_NANOS + 5, C, 1)
                .epb(0, T0_MICROS + 3, A, 60)
                .section(false)
                .idb(LinkType.LINUX_SLL2, 0)
                .epb(0, T0_MICROS + 4, B, 31);
        try (FrameSource source = CaptureFiles.open(new ByteArrayInputStream(b.build()), "multi")) {
            PcapngReader reader = (PcapngReader) source;
            Reads.Result r = Reads.drain(source);
            assertThat(reader.sectionCount()).isEqualTo(3);
            assertThat(reader.bigEndian()).isFalse();
            assertThat(r.truncated()).isFalse();
            assertThat(r.interfaces()).containsExactly(
                    new InterfaceInfo(0, LinkType.ETHERNET, 0, "le-eth", null),
                    new InterfaceInfo(1, LinkType.RAW, 0, "le-raw", null),
                    new InterfaceInfo(2, LinkType.LINUX_SLL, 128, "be-sll", null),
                    new InterfaceInfo(3, LinkType.IPV4, 0, "be-ipv4", null),
                    new InterfaceInfo(4, LinkType.LINUX_SLL2, 0, null, null));
            assertThat(r.frames()).extracting(Frame::interfaceId).containsExactly(1, 0, 3, 2, 4);
            assertThat(r.frames()).extracting(Frame::linkType).containsExactly(
                    LinkType.RAW, LinkType.ETHERNET, LinkType.IPV4, LinkType.LINUX_SLL, LinkType.LINUX_SLL2);
            assertThat(r.frames()).extracting(Frame::timestampNanos).containsExactly(
                    T0_NANOS, T0_NANOS + 1000, T0_NANOS + 5, T0_NANOS + 3000, T0_NANOS + 4000);
            assertThat(r.frame(2).bytes()).isEqualTo(C);
            assertThat(r.frame(3).bytes()).isEqualTo(A);
        }
    }

    @Test
    void decimalAndBinaryResolutionsAndOffsetsAreApplied() throws IOException {
        long seconds = 1_700_000_000L;
        PcapngBuilder b = new PcapngBuilder().section(true);
        b.idb(1, 0, b.options().u8(9, 3).end())                      // milliseconds
                .idb(1, 0, b.options().u8(9, 0x80 | 20).end())          // 2^-20 s
                .idb(1, 0, b.options().u8(9, 0x80 | 63).end())          // 2^-63 s
                .idb(1, 0, b.options().u8(9, 9).i64(14, 3600).end())    // ns, one hour later
                .idb(1, 0, b.options().i64(14, -seconds).end())         // µs, offset back to the epoch
                .idb(1, 0, b.options().u8(9, 12).end())                 // picoseconds
                .epb(0, seconds * 1000 + 250, C, 1)
                .epb(1, (seconds << 20) | (1 << 19), C, 1)
                .epb(2, Long.MIN_VALUE | (1L << 62), C, 1)
                .epb(3, 17, C, 1)
                .epb(4, seconds * 1_000_000 + 42, C, 1)
                .epb(5, 1_000_123_456_789_012L, C, 1);
        try (FrameSource source = CaptureFiles.open(new ByteArrayInputStream(b.build()), "res")) {
            PcapngReader reader = (PcapngReader) source;
            Reads.Result r = Reads.drain(source);
            assertThat(r.frames()).extracting(Frame::timestampNanos).containsExactly(
                    seconds * 1_000_000_000L + 250_000_000L,
                    seconds * 1_000_000_000L + 500_000_000L,
                    1_500_000_000L,
                    3600_000_000_000L + 17,
                    42_000L,
                    1_000_123_456_789L);
            assertThat(reader.timestampResolution(1)).isEqualTo("2^-20 s");
            assertThat(reader.timestampResolution(4)).isEqualTo("10^-6 s");
        }
    }

    @Test
    void simplePacketBlocksUseTheSectionsFirstInterfaceAndItsSnapLength() throws IOException {
        byte[] hundred = ByteFixture.payload(100, 4);
        byte[] ten = ByteFixture.payload(10, 5);
        PcapngBuilder b = new PcapngBuilder()
                .section(false).idb(LinkType.ETHERNET, 0)
                .section(true).idb(LinkType.RAW, 64).idb(LinkType.ETHERNET, 0)
                .spb(100, hundred)                  // captured: snap length 64
                .epb(1, T0_MICROS, A, 60)
                .spb(10, ten)                       // captured: the original length, block is padded to 12
                .spb(5000, hundred);                // captured: what the block holds (100), snap 64 wins
        Reads.Result r = Reads.read(b.build());
        assertThat(r.truncated()).isFalse();
        assertThat(r.frames()).extracting(Frame::interfaceId).containsExactly(1, 2, 1, 1);
        assertThat(r.frames()).extracting(Frame::linkType).containsExactly(LinkType.RAW, 1, LinkType.RAW, LinkType.RAW);
        assertThat(r.frames()).extracting(Frame::capturedLength).containsExactly(64, 60, 10, 64);
        assertThat(r.frames()).extracting(Frame::originalLength).containsExactly(100, 60, 10, 5000);
        // no timestamp of their own: the previous frame's, 0 before any
        assertThat(r.frames()).extracting(Frame::timestampNanos).containsExactly(0L, T0_NANOS, T0_NANOS, T0_NANOS);
        assertThat(r.frame(0).bytes()).isEqualTo(Arrays.copyOf(hundred, 64));
        assertThat(r.frame(2).bytes()).isEqualTo(ten);
    }

    @Test
    void obsoletePacketBlocksAreRead() throws IOException {
        PcapngBuilder b = new PcapngBuilder().section(true)
                .idb(LinkType.ETHERNET, 0).idb(LinkType.PPP, 0)
                .pb(1, 7, T0_MICROS, B, 40)
                .pb(0, 0, T0_MICROS + 9, A, 60);
        Reads.Result r = Reads.read(b.build());
        assertThat(r.frames()).hasSize(2);
        assertThat(r.frame(0).sameAs(new Frame(T0_NANOS, LinkType.PPP, 1, B, 0, 31, 40))).isTrue();
        assertThat(r.frame(1).sameAs(new Frame(T0_NANOS + 9000, LinkType.ETHERNET, 0, A, 0, 60, 60))).isTrue();
    }

    @Test
    void blocksOfOtherTypesAreSkippedWhateverTheirSize() throws IOException {
        PcapngBuilder b = new PcapngBuilder().section(false);
        b.block(4, new byte[] {1, 0, 8, 0, 10, 0, 0, 1, 'h', 'o', 's', 't', 0, 0, 0, 0})   // name resolution
                .idb(1, 0)
                .epb(0, T0_MICROS, A, 60)
                .block(5, new ByteFixture(false).u32(0).u32(0).u32(0).toArray())           // interface statistics
                .block(0x0BAD, ByteFixture.payload(3 << 20, 6))                             // custom, larger than the buffer
                .block(0x0000000A, ByteFixture.payload(40, 7))                              // decryption secrets
                .epb(0, T0_MICROS + 1, B, 31)
                .block(0x7fff_0001, new byte[0]);
        try (FrameSource source = CaptureFiles.open(new ByteArrayInputStream(b.build()), "skip")) {
            Reads.Result r = Reads.drain(source);
            assertThat(r.frames()).hasSize(2);
            assertThat(r.frame(1).bytes()).isEqualTo(B);
            assertThat(r.truncated()).isFalse();
            assertThat(r.warnings()).isEmpty();
            assertThat(((PcapngReader) source).otherBlocks()).isEqualTo(5);
        }
    }

    @Test
    void packetsNamingUndeclaredInterfacesAreSkippedAndCounted() throws IOException {
        PcapngBuilder b = new PcapngBuilder()
                .section(false)
                .epb(0, T0_MICROS, A, 60)           // no interface yet
                .idb(1, 0).idb(1, 0)
                .epb(1, T0_MICROS, A, 60)
                .section(true).idb(LinkType.RAW, 0)
                .epb(1, T0_MICROS, A, 60)           // global id 1 exists, but not in this section
                .spb(60, A)
                .epb(0, T0_MICROS + 1, B, 31);
        try (FrameSource source = CaptureFiles.open(new ByteArrayInputStream(b.build()), "undeclared")) {
            Reads.Result r = Reads.drain(source);
            assertThat(r.frames()).extracting(Frame::interfaceId).containsExactly(1, 2, 2);
            assertThat(r.truncated()).isFalse();
            assertThat(((PcapngReader) source).skippedBlocks()).isEqualTo(2);
            assertThat(r.warnings()).containsExactly("undeclared: 2 packet blocks name an interface their section"
                    + " never declared; they were skipped");
        }
    }

    @Test
    void aSimplePacketBlockBeforeAnyInterfaceIsSkipped() throws IOException {
        Reads.Result r = Reads.read(new PcapngBuilder().section(false).spb(4, new byte[4]).build(), "s");
        assertThat(r.frames()).isEmpty();
        assertThat(r.warnings()).containsExactly("s: 1 packet block names an interface its section never declared;"
                + " it was skipped");
    }

    @Test
    void packetsInconsistentInsideAWellFramedBlockAreSkipped() throws IOException {
        PcapngBuilder b = new PcapngBuilder().section(false).idb(1, 0)
                .epbRaw(0, T0_MICROS, 100, 100, new byte[8])     // captured length past the block
                .block(PcapngReader.EPB_TYPE, new byte[8])       // shorter than an EPB's fields
                .block(PcapngReader.SPB_TYPE, new byte[0])       // shorter than an SPB's fields
                .epbRaw(0, T0_MICROS, 8, 8, new byte[8])         // fine, with an option after the data
                .epb(0, T0_MICROS + 1, B, 31);
        Reads.Result r = Reads.read(b.build(), "m");
        assertThat(r.frames()).extracting(Frame::capturedLength).containsExactly(8, 31);
        assertThat(r.truncated()).isFalse();
        assertThat(r.warnings()).containsExactly("m: 3 malformed packet blocks were skipped");
    }

    @Test
    void blockLengthBelowTwelveIsCorrupt() throws IOException {
        PcapngBuilder b = new PcapngBuilder().section(false).idb(1, 0).epb(0, T0_MICROS, A, 60);
        int at = b.build().length;
        b.raw(new ByteFixture(false).u32(PcapngReader.EPB_TYPE).u32(8).toArray());
        Reads.Result r = Reads.read(b.build(), "short.pcapng");
        assertThat(r.frames()).hasSize(1);
        assertThat(r.truncated()).isTrue();
        assertThat(r.warnings()).containsExactly("short.pcapng: corrupt record at byte " + at
                + " (block length 8 is below the 12-byte minimum); the 1 frame before it was read");
    }

    @Test
    void blockLengthNotAMultipleOfFourIsCorrupt() throws IOException {
        PcapngBuilder b = new PcapngBuilder().section(false).idb(1, 0).epb(0, T0_MICROS, A, 60)
                .raw(new ByteFixture(false).u32(0x0BAD).u32(33).zeros(40).toArray());
        Reads.Result r = Reads.read(b.build(), "odd");
        assertThat(r.frames()).hasSize(1);
        assertThat(r.truncated()).isTrue();
        assertThat(r.warnings()).singleElement().asString().contains("block length 33 is not a multiple of 4");
    }

    @Test
    void trailingLengthThatDisagreesIsCorruptForReadAndSkippedBlocks() throws IOException {
        byte[] good = new PcapngBuilder().section(true).idb(1, 0).epb(0, T0_MICROS, A, 60).epb(0, T0_MICROS, B, 31)
                .block(0x0BAD, new byte[16]).build();
        for (int lastByteOfBlock : new int[] {good.length - 1 - 28, good.length - 1}) {
            byte[] bad = good.clone();
            bad[lastByteOfBlock] ^= 0x10;
            Reads.Result r = Reads.read(bad, "trailer");
            assertThat(r.truncated()).isTrue();
            assertThat(r.warnings()).singleElement().asString()
                    .contains("trailing block length").contains("disagrees with the leading length");
        }
    }

    @Test
    void packetBlockLongerThanTheLimitIsCorruptWithoutAllocatingIt() throws IOException {
        PcapngBuilder b = new PcapngBuilder().section(false).idb(1, 0).epb(0, T0_MICROS, A, 60)
                .raw(new ByteFixture(false).u32(PcapngReader.EPB_TYPE).u32(0x7fff_fff0).zeros(64).toArray());
        Reads.Result r = Reads.read(b.build(), "huge");
        assertThat(r.frames()).hasSize(1);
        assertThat(r.truncated()).isTrue();
        assertThat(r.warnings()).singleElement().asString().contains("block length 2147483632 exceeds the");
    }

    @Test
    void unknownBlockClaimingGigabytesEndsAsTruncatedAtTheEndOfInput() throws IOException {
        PcapngBuilder b = new PcapngBuilder().section(false).idb(1, 0).epb(0, T0_MICROS, A, 60);
        int at = b.build().length;
        b.raw(new ByteFixture(false).u32(0x0BAD).u32(0xffff_fff0).zeros(100).toArray());
        Reads.Result r = Reads.read(b.build(), "g");
        assertThat(r.frames()).hasSize(1);
        assertThat(r.truncated()).isTrue();
        assertThat(r.warnings()).containsExactly("g: truncated record at byte " + at
                + "; the 1 frame before it was read");
    }

    @Test
    void framesLargerThanTheInitialBufferAreRead() throws IOException {
        byte[] big = ByteFixture.payload(5 << 20, 8);
        Reads.Result r = Reads.read(new PcapngBuilder().section(true).idb(1, 0)
                .epb(0, T0_MICROS, A, 60).epb(0, T0_MICROS, big, big.length).epb(0, T0_MICROS, B, 31).build());
        assertThat(r.frames()).extracting(Frame::capturedLength).containsExactly(60, 5 << 20, 31);
        assertThat(r.frame(1).bytes()).isEqualTo(big);
    }

    @Test
    void sectionLengthAndHeaderOptionsDoNotMatter() throws IOException {
        PcapngBuilder b = new PcapngBuilder();
        byte[] shbOptions = b.options().string(2, "hw").string(3, "os").string(4, "app").end();
        b.section(false, 1, 0, 1234, shbOptions).idb(1, 0).epb(0, T0_MICROS, A, 60)
                .section(true, 1, 2, 0, new byte[0]).idb(1, 0).epb(0, T0_MICROS, A, 60);
        assertThat(Reads.read(b.build()).frames()).hasSize(2);
    }

    @Test
    void interfaceNamesLoseTrailingNulsAndOverrunningOptionsAreIgnoredWithAWarning() throws IOException {
        PcapngBuilder b = new PcapngBuilder().section(false);
        byte[] options = new ByteFixture(false)
                .u16(2).u16(5).ascii("eth1").u8(0).pad4()      // if_name with its NUL
                .u16(3).u16(200).ascii("cut").pad4()           // if_description claiming 200 bytes
                .toArray();
        b.idb(1, 0, options).epb(0, T0_MICROS, A, 60);
        Reads.Result r = Reads.read(b.build(), "opts");
        assertThat(r.interfaces()).containsExactly(new InterfaceInfo(0, 1, 0, "eth1", null));
        assertThat(r.frames()).hasSize(1);
        assertThat(r.truncated()).isFalse();
        assertThat(r.warnings()).containsExactly("opts: options of the interface description block at byte 28 run past"
                + " the block; the rest of them were ignored");
    }

    @Test
    void unreadableFirstSectionHeaderIsAFormatError() {
        byte[] version2 = new PcapngBuilder().section(false, 2, 0, -1, new byte[0]).build();
        assertThatThrownBy(() -> Reads.read(version2, "v2.pcapng"))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("v2.pcapng: not a readable pcapng file (unsupported pcapng version 2.0)");
        byte[] badMagic = new ByteFixture(false).u32(PcapngReader.SHB_TYPE).u32(28).u32(0x11223344).zeros(16).toArray();
        assertThatThrownBy(() -> Reads.read(badMagic, "bom.pcapng"))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("bom.pcapng: not a readable pcapng file (section header with bad byte-order magic, bytes 44 33 22 11)");
    }

    @Test
    void laterSectionWithBadByteOrderMagicEndsTheRead() throws IOException {
        PcapngBuilder b = new PcapngBuilder().section(false).idb(1, 0).epb(0, T0_MICROS, A, 60);
        int at = b.build().length;
        b.raw(new ByteFixture(false).u32(PcapngReader.SHB_TYPE).u32(28).u32(0x11223344).zeros(16).toArray());
        Reads.Result r = Reads.read(b.build(), "bom2");
        assertThat(r.frames()).hasSize(1);
        assertThat(r.truncated()).isTrue();
        assertThat(r.warnings()).containsExactly("bom2: corrupt record at byte " + at
                + " (section header with bad byte-order magic, bytes 44 33 22 11); the 1 frame before it was read");
    }

    @Test
    void tooManyInterfacesIsCorrupt() throws IOException {
        PcapngBuilder b = new PcapngBuilder().section(false);
        for (int i = 0; i <= PcapngReader.MAX_INTERFACES; i++) {
            b.idb(1, 0);
        }
        Reads.Result r = Reads.read(b.build(), "many");
        assertThat(r.interfaces()).hasSize(PcapngReader.MAX_INTERFACES);
        assertThat(r.truncated()).isTrue();
        assertThat(r.warnings()).singleElement().asString().contains("more than 65536 interfaces");
    }
}
