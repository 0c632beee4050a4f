package dev.sipscope.tui.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.samples.SampleCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code sipscope analyze --format json} prints the same bytes whether the stream statistics are fed
 * datagram by datagram on the engine thread ({@code -Dsipscope.quality=direct}), in batches on that thread
 * ({@code inline}, the one-core default) or in batches on a thread of their own ({@code thread}, the
 * default with two cores or more): over the sample captures and every capture of the shared corpus (TCP,
 * IP fragments, HEP, SCTP, tunnels, RTCP, T.38...).
 */
class AnalyzeModesTest {
    private static final String PROPERTY = "sipscope.quality";

    private static String analyze(String mode, Path file) {
        String old = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, mode);
        try {
            AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", "--format", "json", file.toString());
            return r.exitCode() + "\n" + r.out() + "\n" + r.err();
        } finally {
            if (old == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, old);
            }
        }
    }

    private static void assertSameInEveryMode(List<Path> files) {
        List<String> differ = new ArrayList<>();
        for (Path f : files) {
            String direct = analyze("direct", f);
            if (!direct.equals(analyze("inline", f))) {
                differ.add(f + " (inline)");
            }
            if (!direct.equals(analyze("thread", f))) {
                differ.add(f + " (thread)");
            }
        }
        assertThat(differ).as("captures whose output depends on the mode").isEmpty();
    }

    @Test
    void sampleCapturesPrintTheSameInEveryMode() {
        List<Path> files = new ArrayList<>();
        for (String name : SampleCaptures.names()) {
            files.add(SampleCaptures.directory().resolve(name));
        }
        assertThat(files).hasSizeGreaterThan(5);
        assertSameInEveryMode(files);
    }

    @Test
    void sharedCorpusPrintsTheSameInEveryMode() throws IOException {
        Path captures = AnalyzeCommandTest.shared();
        List<Path> files;
        try (Stream<Path> all = Files.walk(captures)) {
            files = all.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(pcap|pcapng|cap|pcap\\.gz)$"))
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThan(50);
        assertSameInEveryMode(files);
    }
}
