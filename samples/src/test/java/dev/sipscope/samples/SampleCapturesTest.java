package dev.sipscope.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed captures are exactly what their scenarios produce. After a deliberate change to
 * the generator, rewrite them with
 * {@code mvn -q -o -pl samples -am test -Dtest=SampleCapturesTest -Dsamples.regenerate=true}
 * and commit the result.
 */
class SampleCapturesTest {
    private static final boolean REGENERATE = Boolean.getBoolean("samples.regenerate");

    static java.util.List<String> names() {
        return SampleCaptures.names();
    }

    @ParameterizedTest
    @MethodSource("names")
    void committedCaptureAndTruthAreByteIdenticalToTheirScenario(String name, @TempDir Path tmp) throws Exception {
        Path committed = SampleCaptures.directory();
        if (REGENERATE) {
            SampleCaptures.write(name, committed);
        }
        SampleCaptures.write(name, tmp);
        Path pcap = committed.resolve(name);
        Path truth = Scenario.truthPath(pcap);
        assertThat(pcap).as("%s is missing; regenerate with -Dsamples.regenerate=true", pcap).exists();
        assertThat(truth).as("%s is missing; regenerate with -Dsamples.regenerate=true", truth).exists();
        assertThat(Files.mismatch(tmp.resolve(name), pcap))
                .as("%s differs from what its scenario writes; regenerate with -Dsamples.regenerate=true if intended", pcap)
                .isEqualTo(-1L);
        assertThat(Files.mismatch(Scenario.truthPath(tmp.resolve(name)), truth))
                .as("%s differs from what its scenario writes", truth).isEqualTo(-1L);
        assertThat(Files.size(pcap)).isLessThan(1_000_000L);
    }

    @Test
    void allCommittedCapturesTogetherStaySmall() throws Exception {
        long total = 0;
        for (String name : SampleCaptures.names()) {
            Path pcap = SampleCaptures.directory().resolve(name);
            if (Files.exists(pcap)) {
                total += Files.size(pcap) + Files.size(Scenario.truthPath(pcap));
            }
        }
        assertThat(total).isLessThan(4_000_000L);
    }
}
