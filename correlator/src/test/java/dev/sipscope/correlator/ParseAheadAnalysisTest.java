package dev.sipscope.correlator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.correlator.media.QualityMediaSink;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.quality.QualityConfig;
import dev.sipscope.quality.QualityEngine;
import dev.sipscope.samples.SampleCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link CaptureAnalysis#parseAhead}: with SIP parsed ahead on a second thread the calls, counters
 * and streams are exactly those of an analysis without, for every sample capture and every capture of
 * the shared corpus (when present); on the SIP samples the engine did take messages from it.
 */
class ParseAheadAnalysisTest {

    private record Result(String calls, String summary, String streams, long parsedAhead) {
    }

    private static Result analyze(Path file, boolean ahead) throws IOException {
        QualityEngine quality = new QualityEngine(QualityConfig.DEFAULTS);
        Engine engine = new Engine(EngineConfig.DEFAULTS,
                r -> QualityMediaSink.batched(r, quality, QualityMediaSink.Mode.THREAD));
        CaptureSummary summary;
        CaptureAnalysis analysis = new CaptureAnalysis(DecoderConfig.DEFAULTS, engine);
        try (FrameSource in = CaptureFiles.open(file)) {
            if (ahead) {
                analysis.parseAhead(CaptureFiles.open(file));
            }
            summary = analysis.run(in, List.of(file.toString()));
        }
        return new Result(Analysis.callsJson(engine.snapshot()), summary.toString(),
                quality.summaries().toString() + quality.counters(), analysis.parsedAhead());
    }

    private static List<Path> captures(Path dir, long maxBytes) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(pcap|pcapng|cap)$"))
                    .filter(p -> {
                        try {
                            return Files.size(p) <= maxBytes;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .sorted().toList();
        }
    }

    @TestFactory
    List<DynamicTest> theSamplesGiveTheSameWithAndWithout() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        long[] taken = new long[1];
        for (Path file : captures(SampleCaptures.directory(), Long.MAX_VALUE)) {
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                Result without = analyze(file, false);
                // Small files may be read by the engine before the lookahead thread gets going:
                // a few runs, to see both that the output never changes and that messages do come ahead.
                for (int i = 0; i < 3; i++) {
                    Result with = analyze(file, true);
                    assertThat(with.calls()).isEqualTo(without.calls());
                    assertThat(with.summary()).isEqualTo(without.summary());
                    assertThat(with.streams()).isEqualTo(without.streams());
                    taken[0] += with.parsedAhead();
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("messages were parsed ahead", () ->
                assertThat(taken[0]).as("messages the engine took from the lookahead").isPositive()));
        return tests;
    }

    @TestFactory
    List<DynamicTest> theSharedCorpusGivesTheSameWithAndWithout() throws IOException {
        Path dir = CorpusCallsTest.corpus();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : captures(dir, 20L << 20)) {
            tests.add(DynamicTest.dynamicTest(dir.relativize(file).toString(), () -> {
                Result without = analyze(file, false);
                Result with = analyze(file, true);
                assertThat(with.calls()).isEqualTo(without.calls());
                assertThat(with.summary()).isEqualTo(without.summary());
                assertThat(with.streams()).isEqualTo(without.streams());
            }));
        }
        return tests;
    }
}
