package dev.sipscope.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetmonReaderTest {

    /** 2005-07-17T15:39:20.502Z */
    private static final int[] START = {2005, 7, 17, 15, 39, 20, 502};
    private static final long START_NANOS = 1_121_614_760_502_000_000L;

    private static final byte[] A = ByteFixture.payload(60, 1);
    private static final byte[] B = ByteFixture.payload(33, 2);

    @TempDir
    Path dir;

    private Reads.Result read(byte[] file) throws IOException {
        Path p = dir.resolve("netmon-" + System.nanoTime() + ".cap");
        Files.write(p, file);
        try (FrameSource source = CaptureFiles.open(p)) {
            assertThat(source).isInstanceOf(NetmonReader.class);
            return Reads.drain(source);
        }
    }

    @Test
    void version2FramesAreTheStartTimePlusMicroseconds() throws IOException {
        byte[] file = new NetmonBuilder(2, 0, 1, START).frame(0, A).frame(4_621_000, 1514, B, 0, 0).build();
        Reads.Result r = read(file);
        assertThat(r.truncated()).isFalse();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.interfaces()).containsExactly(new InterfaceInfo(0, LinkType.ETHERNET, 0, null, null));
        assertThat(r.frame(0).sameAs(new Frame(START_NANOS, LinkType.ETHERNET, 0, A, 0, 60, 60))).isTrue();
        assertThat(r.frame(1).sameAs(new Frame(START_NANOS + 4_621_000_000L, 1, 0, B, 0, 33, 1514))).isTrue();
    }

    @Test
    void version1FramesCountMillisecondsAndHave16BitLengths() throws IOException {
        byte[] file = new NetmonBuilder(1, 1, 1, START).frame(0, A).frame(1234, 65535, B, 0, 0).build();
        Reads.Result r = read(file);
        assertThat(r.frames()).extracting(Frame::timestampNanos).containsExactly(START_NANOS, START_NANOS + 1_234_000_000L);
        assertThat(r.frame(1).originalLength()).isEqualTo(65535);
        assertThat(r.frame(1).bytes()).isEqualTo(B);
    }

    @Test
    void version21TrailersGiveEachFrameItsMediaAndUnknownMediaAreSkipped() throws IOException {
        byte[] file = new NetmonBuilder(2, 1, 1, START)
                .frame(0, 60, A, 1, 0)
                .frame(1, 33, B, 8, 0)       // raw IP (WWAN)
                .frame(2, 33, B, 6, 0)       // 802.11 with NetMon's radio header: skipped
                .frame(3, 60, A, 0, 0)       // 0: the header's media
                .build();
        Reads.Result r = read(file);
        assertThat(r.frames()).extracting(Frame::linkType).containsExactly(LinkType.ETHERNET, LinkType.RAW, LinkType.ETHERNET);
        assertThat(r.frames()).extracting(Frame::interfaceId).containsExactly(0, 1, 0);
        assertThat(r.interfaces()).extracting(InterfaceInfo::linkType).containsExactly(LinkType.ETHERNET, LinkType.RAW);
        assertThat(r.truncated()).isFalse();
        assertThat(r.warnings()).singleElement().asString().contains("1 frame of a media type this reader does not decode");
    }

    @Test
    void version23TrailerTimesWinWhenPresent() throws IOException {
        long fileTime = 116_444_736_000_000_000L + 17_000_000_000_000_000L + 5;   // 1.7e9 s after 1970, plus 500 ns
        byte[] file = new NetmonBuilder(2, 3, 1, START)
                .frame(10, 60, A, 1, fileTime)
                .frame(20, 33, B, 1, 0)
                .build();
        Reads.Result r = read(file);
        assertThat(r.frames()).extracting(Frame::timestampNanos)
                .containsExactly(1_700_000_000_000_000_500L, START_NANOS + 20_000L);
        assertThat(r.frame(1).bytes()).isEqualTo(B);
    }

    @Test
    void framesAreReadInIndexOrderWhateverTheirPlaceInTheFile() throws IOException {
        NetmonBuilder b = new NetmonBuilder(2, 0, 1, START).frame(1, A).frame(2, B).frame(3, A);
        List<Integer> o = b.offsets();
        Reads.Result r = read(b.build(List.of(o.get(2), o.get(0), o.get(1))));
        assertThat(r.frames()).extracting(Frame::timestampNanos).containsExactly(START_NANOS + 3000, START_NANOS + 1000,
                START_NANOS + 2000);
    }

    @Test
    void anIndexThatJumpsBackwardsThroughALargeFileStillReadsEveryFrame() throws IOException {
        NetmonBuilder b = new NetmonBuilder(2, 0, 1, START);
        int frames = 24;
        for (int i = 0; i < frames; i++) {
            b.frame(i, ByteFixture.payload(i % 2 == 0 ? 200_000 : 100, i));
        }
        List<Integer> reversed = new ArrayList<>(b.offsets());
        Collections.reverse(reversed);
        Reads.Result r = read(b.build(reversed));
        assertThat(r.frames()).hasSize(frames);
        for (int i = 0; i < frames; i++) {
            int original = frames - 1 - i;
            assertThat(r.frame(i).timestampNanos()).isEqualTo(START_NANOS + original * 1000L);
            assertThat(r.frame(i).bytes()).isEqualTo(ByteFixture.payload(original % 2 == 0 ? 200_000 : 100, original));
        }
    }

    @Test
    void framesLargerThanTheWindowAreRead() throws IOException {
        byte[] big = ByteFixture.payload(3 << 20, 5);
        Reads.Result r = read(new NetmonBuilder(2, 0, 1, START).frame(0, A).frame(1, big).frame(2, B).build());
        assertThat(r.frames()).extracting(Frame::capturedLength).containsExactly(60, 3 << 20, 33);
        assertThat(r.frame(1).bytes()).isEqualTo(big);
    }

    @Test
    void indexEntryOutsideTheFileEndsTheRead() throws IOException {
        NetmonBuilder b = new NetmonBuilder(2, 0, 1, START).frame(1, A).frame(2, B);
        Reads.Result r = read(b.build(List.of(b.offsets().get(0), 99_999, b.offsets().get(1))));
        assertThat(r.frames()).hasSize(1);
        assertThat(r.truncated()).isTrue();
        assertThat(r.warnings()).singleElement().asString()
                .contains("corrupt record at byte 99999 (frame 1 is listed at byte 99999, outside the frames")
                .endsWith("the 1 frame before it was read");
    }

    @Test
    void invalidStartDateIsAWarningNotAFailure() throws IOException {
        byte[] file = new NetmonBuilder(2, 0, 1, 2005, 13, 40, 0, 0, 0, 0).frame(7, A).build();
        Reads.Result r = read(file);
        assertThat(r.frame(0).timestampNanos()).isEqualTo(7000);
        assertThat(r.warnings()).singleElement().asString().contains("not a valid date");
    }

    @Test
    void aStreamOfThisFormatIsRefusedWithAReason() {
        byte[] file = new NetmonBuilder(2, 0, 1, START).frame(0, A).build();
        assertThatThrownBy(() -> CaptureFiles.open(new ByteArrayInputStream(file), "trace.cap"))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("trace.cap: a Microsoft Network Monitor capture can only be read from a regular file (its"
                        + " frame index is at the end); decompress it or convert it with editcap -F pcapng");
        assertThatThrownBy(() -> CaptureFiles.open(new ByteArrayInputStream(CaptureFilesTest.gzip(file)), "trace.cap.gz"))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("capture inside gzip can only be read");
    }

    @Test
    void cutAtEveryByte() throws IOException {
        NetmonBuilder b = new NetmonBuilder(2, 1, 1, START).frame(0, 60, A, 1, 0).frame(5, 33, B, 1, 0)
                .frame(9, 0, new byte[0], 1, 0);
        byte[] file = b.build();
        Reads.Result full = read(file);
        assertThat(full.frames()).hasSize(3);
        int indexOffset = file.length - 12;
        for (int cut = 0; cut <= file.length; cut++) {
            byte[] prefix = Arrays.copyOf(file, cut);
            Path p = dir.resolve("cut.cap");
            Files.write(p, prefix);
            if (cut < NetmonReader.HEADER_BYTES) {
                Throwable t = catchThrowable(() -> CaptureFiles.open(p));
                assertThat(t).as("cut %d", cut).isInstanceOf(CaptureFormatException.class);
                assertThat(t.getMessage()).doesNotContain("\n");
                continue;
            }
            Reads.Result r;
            try (FrameSource source = CaptureFiles.open(p)) {
                r = Reads.drain(source);
            }
            int listed = Math.max(0, Math.min(3, (cut - indexOffset) / 4));
            assertThat(r.frames()).as("cut %d", cut).hasSize(listed);
            for (int i = 0; i < listed; i++) {
                assertThat(r.frame(i).sameAs(full.frame(i))).isTrue();
            }
            assertThat(r.truncated()).as("cut %d", cut).isEqualTo(cut != file.length);
        }
    }

    @Test
    void randomDamageNeverEscapesAsAnException() throws IOException {
        Random random = new Random(99);
        byte[] good = new NetmonBuilder(2, 3, 1, START).frame(0, 60, A, 1, 0).frame(5, 33, B, 8, 123)
                .frame(9, 0, new byte[0], 6, 0).build();
        Path p = dir.resolve("fuzz.cap");
        for (int round = 0; round < 400; round++) {
            byte[] file = good.clone();
            for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
                file[random.nextInt(file.length)] = (byte) random.nextInt(256);
            }
            Files.write(p, file);
            try (FrameSource source = CaptureFiles.open(p)) {
                Reads.Result r = Reads.drain(source);
                assertThat(r.frames().size()).isLessThanOrEqualTo(file.length);
            } catch (CaptureFormatException e) {
                assertThat(e.getMessage()).doesNotContain("\n");
            }
        }
    }

    @Test
    void fileTimesConvertAndSaturate() {
        assertThat(NetmonReader.fileTimeToNanos(116_444_736_000_000_000L)).isZero();
        // 1601 is further from 1970 than a long of nanoseconds reaches
        assertThat(NetmonReader.fileTimeToNanos(0)).isEqualTo(Long.MIN_VALUE);
        assertThat(NetmonReader.fileTimeToNanos(-1L)).isEqualTo(Long.MAX_VALUE);
        assertThat(NetmonReader.fileTimeToNanos(116_444_736_000_000_000L + 10)).isEqualTo(1000);
    }
}
