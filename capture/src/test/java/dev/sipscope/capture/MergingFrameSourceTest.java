package dev.sipscope.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergingFrameSourceTest {

    /** A source over given frames; interfaces are declared as frames first use them, like a pcapng reader. */
    static final class ListSource implements FrameSource {
        private final String name;
        private final List<Frame> frames;
        private final List<InterfaceInfo> declared = new ArrayList<>();
        private final Frame reused = new Frame();
        private final boolean truncated;
        private final List<String> warnings;
        private final long size;
        private int next;
        boolean closed;

        ListSource(String name, List<Frame> frames, boolean truncated, List<String> warnings, long size) {
            this.name = name;
            this.frames = frames;
            this.truncated = truncated;
            this.warnings = warnings;
            this.size = size;
        }

        ListSource(String name, Frame... frames) {
            this(name, Arrays.asList(frames), false, List.of(), 100);
        }

        @Override
        public Frame next() {
            if (next == frames.size()) {
                return null;
            }
            Frame f = frames.get(next++);
            while (declared.size() <= f.interfaceId()) {
                declared.add(new InterfaceInfo(declared.size(), f.linkType(), 0, name + "#" + declared.size(), null));
            }
            // hand out a reused frame, as real sources do
            return reused.set(f.timestampNanos(), f.linkType(), f.interfaceId(), f.data(), f.offset(),
                    f.capturedLength(), f.originalLength());
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<InterfaceInfo> interfaces() {
            return declared;
        }

        @Override
        public boolean truncated() {
            return truncated;
        }

        @Override
        public List<String> warnings() {
            return warnings;
        }

        @Override
        public long position() {
            return next * 10L;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static Frame frame(long ts, int interfaceId, int tag) {
        return new Frame(ts, LinkType.ETHERNET, interfaceId, new byte[] {(byte) tag}, 0, 1, 1);
    }

    private static List<Integer> tags(List<Frame> frames) {
        List<Integer> tags = new ArrayList<>();
        for (Frame f : frames) {
            tags.add((int) f.data()[f.offset()]);
        }
        return tags;
    }

    @Test
    void framesComeOutInTimestampOrderWithTiesGoingToTheEarlierInput() throws IOException {
        ListSource a = new ListSource("a", frame(10, 0, 1), frame(30, 0, 2), frame(30, 0, 3), frame(50, 0, 4));
        ListSource b = new ListSource("b", frame(5, 0, 11), frame(30, 0, 12), frame(60, 0, 13));
        ListSource c = new ListSource("c", frame(30, 0, 21), frame(31, 0, 22));
        try (MergingFrameSource merged = new MergingFrameSource(List.of(a, b, c))) {
            Reads.Result r = Reads.drain(merged);
            assertThat(tags(r.frames())).containsExactly(11, 1, 2, 3, 12, 21, 22, 4, 13);
            assertThat(r.frames()).extracting(Frame::timestampNanos).isSorted();
            assertThat(merged.name()).isEqualTo("a, b, c");
        }
        assertThat(a.closed && b.closed && c.closed).isTrue();
    }

    @Test
    void anInputWhoseClockGoesBackwardsKeepsItsOwnOrder() throws IOException {
        ListSource a = new ListSource("a", frame(50, 0, 1), frame(10, 0, 2), frame(60, 0, 3));
        ListSource b = new ListSource("b", frame(20, 0, 11), frame(55, 0, 12));
        try (MergingFrameSource merged = new MergingFrameSource(List.of(a, b))) {
            assertThat(tags(Reads.drain(merged).frames())).containsExactly(11, 1, 2, 12, 3);
        }
    }

    @Test
    void interfaceIdsAreMadeUniqueAcrossInputsInTheOrderTheyAreSeen() throws IOException {
        ListSource a = new ListSource("a", frame(1, 0, 1), frame(2, 1, 2), frame(9, 1, 3));
        ListSource b = new ListSource("b", frame(3, 0, 11), frame(4, 2, 12));
        try (MergingFrameSource merged = new MergingFrameSource(List.of(a, b))) {
            Reads.Result r = Reads.drain(merged);
            // seen at the start: a#0, b#0; then a#1, then b#1 and b#2 declared together
            assertThat(r.frames()).extracting(Frame::interfaceId).containsExactly(0, 2, 1, 4, 2);
            assertThat(r.interfaces()).extracting(InterfaceInfo::name).containsExactly("a#0", "b#0", "a#1", "b#1", "b#2");
            assertThat(r.interfaces()).extracting(InterfaceInfo::id).containsExactly(0, 1, 2, 3, 4);
        }
    }

    @Test
    void truncationWarningsPositionAndSizeAreAggregated() throws IOException {
        ListSource a = new ListSource("a", List.of(frame(1, 0, 1)), true, List.of("a: truncated record at byte 9"), 100);
        ListSource b = new ListSource("b", List.of(frame(2, 0, 2), frame(3, 0, 3)), false, List.of("b: note"), 200);
        try (MergingFrameSource merged = new MergingFrameSource(List.of(a, b))) {
            assertThat(merged.size()).isEqualTo(300);
            Reads.drain(merged);
            assertThat(merged.truncated()).isTrue();
            assertThat(merged.warnings()).containsExactly("a: truncated record at byte 9", "b: note");
            assertThat(merged.position()).isEqualTo(10 + 20);
        }
        ListSource unknownSize = new ListSource("c", List.of(), false, List.of(), -1);
        try (MergingFrameSource merged = new MergingFrameSource(List.of(new ListSource("d"), unknownSize))) {
            assertThat(merged.size()).isEqualTo(-1);
            assertThat(merged.truncated()).isFalse();
            assertThat(merged.next()).isNull();
        }
    }

    @Test
    void aCaptureSplitByRotationMergesBackIntoTheOriginalStream() throws IOException {
        List<Frame> original = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            original.add(new Frame(1_700_000_000_000_000_000L + i * 20_000_000L + (i % 7), LinkType.LINUX_SLL, 0,
                    ByteFixture.payload(40 + i % 50, i), 0, 40 + i % 50, 100 + i));
        }
        // three files, each written by its own writer, listed out of order
        List<byte[]> files = new ArrayList<>();
        for (int part : new int[] {2, 0, 1}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PcapngWriter writer = new PcapngWriter(out)) {
                for (Frame f : original.subList(part * 100, part * 100 + 100)) {
                    writer.write(f);
                }
            }
            files.add(out.toByteArray());
        }
        List<FrameSource> sources = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            sources.add(CaptureFiles.open(new ByteArrayInputStream(files.get(i)), "part" + i));
        }
        try (MergingFrameSource merged = new MergingFrameSource(sources)) {
            Reads.Result r = Reads.drain(merged);
            assertThat(r.frames()).hasSameSizeAs(original);
            for (int i = 0; i < original.size(); i++) {
                Frame o = original.get(i);
                int fileOfFrame = i / 100 == 2 ? 0 : i / 100 + 1;
                Frame expected = new Frame(o.timestampNanos(), o.linkType(), fileOfFrame, o.data(), 0,
                        o.capturedLength(), o.originalLength());
                assertThat(r.frame(i).sameAs(expected)).as("frame %d", i).isTrue();
            }
            assertThat(merged.position()).isEqualTo(files.stream().mapToLong(f -> f.length).sum());
        }
    }
}
