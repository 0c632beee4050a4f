package dev.sipscope.tui.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.samples.Generate;
import dev.sipscope.samples.SampleCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze --format json} alone makes each call's summary as the report writes it (the
 * correlator's {@code summariesOnDemand}); with a calls CSV besides it makes them all first and keeps
 * them. Both print the same bytes: on every sample capture, and on a generated SIP-heavy capture
 * with more calls than the report renders on one thread (2,048).
 */
class AnalyzeOnePassTest {

    private static void assertSameBothWays(Path file, Path csv) {
        AnalyzeCommandTest.Run onePass = AnalyzeCommandTest.run("analyze", "--format", "json", file.toString());
        AnalyzeCommandTest.Run kept = AnalyzeCommandTest.run("analyze", "--format", "json", "--calls-csv", csv.toString(),
                file.toString());
        assertThat(onePass.exitCode()).as(file.toString()).isEqualTo(kept.exitCode());
        assertThat(onePass.err()).as(file.toString()).isEqualTo(kept.err());
        assertThat(onePass.out()).as(file.toString()).isEqualTo(kept.out());
    }

    @Test
    void sampleCapturesPrintTheSameBothWays(@TempDir Path tmp) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(SampleCaptures.directory())) {
            files = s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng)(\\.gz)?$")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(5);
        for (Path f : files) {
            assertSameBothWays(f, tmp.resolve("calls.csv"));
        }
    }

    @Test
    void manyCallsPrintTheSameBothWays(@TempDir Path tmp) throws IOException {
        Path pcap = tmp.resolve("sip-heavy.pcap");
        Generate.main(new String[] {"sip-heavy", pcap.toString(), "--calls", "2600", "--seed", "7"});
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", "--format", "json", pcap.toString());
        assertThat(r.json().get("calls").size()).as("calls in the report").isGreaterThan(2048);
        assertSameBothWays(pcap, tmp.resolve("calls.csv"));
    }
}
