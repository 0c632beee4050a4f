package dev.sipscope.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.LinkType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The project's own readers see in the committed files exactly the frames the scenarios produce. */
class CommittedCapturesReadBackTest {

    static List<String> names() {
        return SampleCaptures.names();
    }

    private static void assertSameFrames(FrameSource source, List<Frame> expected) throws Exception {
        int n = 0;
        for (Frame f = source.next(); f != null; f = source.next()) {
            assertThat(n).as("more frames than generated").isLessThan(expected.size());
            assertThat(f.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(f.sameAs(expected.get(n))).as("%s frame %d", source.name(), n + 1).isTrue();
            n++;
        }
        assertThat(n).isEqualTo(expected.size());
        assertThat(source.truncated()).isFalse();
        assertThat(source.warnings()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("names")
    void readersReturnEveryGeneratedFrame(String name) throws Exception {
        Scenario.Generated g = SampleCaptures.scenario(name).generate();
        try (FrameSource source = CaptureFiles.open(SampleCaptures.directory().resolve(name))) {
            assertThat(source.interfaces()).hasSize(1);
            assertSameFrames(source, g.frames());
        }
        assertThat(g.frames()).hasSize((int) g.truth().frames());
    }

    @ParameterizedTest
    @MethodSource("names")
    void pcapngOutputReadsBackTheSame(String name, @TempDir Path tmp) throws Exception {
        Scenario.Generated g = SampleCaptures.scenario(name).generate();
        Path file = tmp.resolve(name + "ng");
        SampleCaptures.scenario(name).writePcapng(file);
        try (FrameSource source = CaptureFiles.open(file)) {
            assertSameFrames(source, g.frames());
        }
    }
}
