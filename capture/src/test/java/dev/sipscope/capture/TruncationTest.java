package dev.sipscope.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every file cut at every byte: never an exception from next(), every complete frame delivered. */
class TruncationTest {

    private static final long T0 = 1_700_000_000L;

    @Test
    void pcapCutAtEveryByte() throws IOException {
        PcapBuilder b = new PcapBuilder(true, PcapReader.MAGIC_NANOS, LinkType.RAW, 0)
                .record(T0, 1, ByteFixture.payload(21, 1), 21)
                .record(T0, 2, new byte[0], 0)
                .record(T0, 3, ByteFixture.payload(40, 3), 1500);
        byte[] file = b.build();
        List<Integer> boundaries = new ArrayList<>(List.of(PcapReader.HEADER_BYTES));
        boundaries.addAll(b.recordEnds());
        checkEveryCut(file, boundaries, b.recordEnds(), PcapReader.HEADER_BYTES);
    }

    @Test
    void modifiedPcapCutAtEveryByte() throws IOException {
        PcapBuilder b = new PcapBuilder(false, PcapReader.MAGIC_MODIFIED, LinkType.ETHERNET, 0)
                .record(T0, 1, ByteFixture.payload(14, 1), 14)
                .record(T0, 2, ByteFixture.payload(3, 2), 3);
        byte[] file = b.build();
        List<Integer> boundaries = new ArrayList<>(List.of(PcapReader.HEADER_BYTES));
        boundaries.addAll(b.recordEnds());
        checkEveryCut(file, boundaries, b.recordEnds(), PcapReader.HEADER_BYTES);
    }

    @Test
    void pcapngCutAtEveryByte() throws IOException {
        PcapngBuilder b = new PcapngBuilder().section(false);
        int shbEnd = b.build().length;
        List<Integer> packetEnds = new ArrayList<>();
        b.idb(LinkType.ETHERNET, 0, b.options().string(2, "eth0").u8(9, 9).end());
        b.epb(0, T0 * 1_000_000_000L, ByteFixture.payload(17, 1), 17);
        packetEnds.add(b.build().length);
        b.block(5, new byte[20]);
        b.spb(9, ByteFixture.payload(9, 2));
        packetEnds.add(b.build().length);
        b.section(true).idb(LinkType.RAW, 0);
        b.pb(0, 0, 5, ByteFixture.payload(4, 3), 4);
        packetEnds.add(b.build().length);
        b.epb(0, 6, new byte[0], 0);
        packetEnds.add(b.build().length);
        byte[] file = b.build();
        List<Integer> boundaries = new ArrayList<>(List.of(shbEnd));
        boundaries.addAll(b.blockEnds());
        checkEveryCut(file, boundaries, packetEnds, shbEnd);
    }

    /**
     * For every prefix of {@code file}: shorter than {@code headerBytes} is a format error at open;
     * otherwise every frame whose record ends inside the prefix is delivered, unchanged, and the
     * source is truncated exactly when the cut is not on a record boundary.
     */
    private static void checkEveryCut(byte[] file, List<Integer> boundaries, List<Integer> frameEnds, int headerBytes)
            throws IOException {
        Reads.Result full = Reads.read(file);
        assertThat(full.frames()).hasSize(frameEnds.size());
        assertThat(full.truncated()).isFalse();
        for (int cut = 0; cut <= file.length; cut++) {
            byte[] prefix = Arrays.copyOf(file, cut);
            if (cut < headerBytes) {
                Throwable t = catchThrowable(() -> Reads.read(prefix, "cut"));
                assertThat(t).as("cut at %d", cut).isInstanceOf(CaptureFormatException.class);
                assertThat(t.getMessage()).startsWith("cut: ").doesNotContain("\n");
                continue;
            }
            Reads.Result r = Reads.read(prefix, "cut");
            final int at = cut;
            int expectedFrames = (int) frameEnds.stream().filter(end -> end <= at).count();
            assertThat(r.frames()).as("frames at cut %d", cut).hasSize(expectedFrames);
            for (int i = 0; i < expectedFrames; i++) {
                assertThat(r.frame(i).sameAs(full.frame(i))).as("frame %d at cut %d", i, cut).isTrue();
            }
            boolean onBoundary = boundaries.contains(cut);
            assertThat(r.truncated()).as("truncated at cut %d", cut).isEqualTo(!onBoundary);
            if (onBoundary) {
                assertThat(r.warnings()).isEmpty();
            } else {
                int recordStart = boundaries.stream().filter(end -> end <= at).max(Integer::compare).orElseThrow();
                assertThat(r.warnings()).as("cut %d", cut).containsExactly("cut: truncated record at byte " + recordStart
                        + "; " + (expectedFrames == 0 ? "no frame before it was read" : "the "
                        + (expectedFrames == 1 ? "1 frame before it was" : expectedFrames + " frames before it were")
                        + " read"));
            }
        }
    }

    @Test
    void gzipCutAtEveryByte() throws IOException {
        for (byte[] original : List.of(CaptureFilesTest.smallPcap(), CaptureFilesTest.smallPcapng())) {
            Reads.Result full = Reads.read(original);
            byte[] compressed = CaptureFilesTest.gzip(original);
            for (int cut = 0; cut < compressed.length; cut++) {
                byte[] prefix = Arrays.copyOf(compressed, cut);
                Reads.Result r;
                try {
                    r = Reads.read(prefix, "cut.gz");
                } catch (CaptureFormatException e) {
                    assertThat(e.getMessage()).startsWith("cut.gz: ").doesNotContain("\n");
                    continue;
                }
                assertThat(r.truncated()).as("cut %d", cut).isTrue();
                assertThat(r.warnings()).as("cut %d", cut).hasSize(1);
                assertThat(r.warnings().get(0)).startsWith("cut.gz: ");
                assertThat(r.frames().size()).isLessThanOrEqualTo(full.frames().size());
                for (int i = 0; i < r.frames().size(); i++) {
                    assertThat(r.frame(i).sameAs(full.frame(i))).as("frame %d at cut %d", i, cut).isTrue();
                }
                if (cut >= compressed.length - 8) {
                    // only the CRC and size trailer is missing: every frame was decompressed
                    assertThat(r.frames()).hasSameSizeAs(full.frames());
                }
            }
        }
    }
}
