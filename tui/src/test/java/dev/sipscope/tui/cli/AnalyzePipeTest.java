package dev.sipscope.tui.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sipscope.samples.SampleCaptures;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture named by a path that is a pipe (a FIFO, or {@code <(zcat f.pcap)} in a shell) is read
 * once: the SIP lookahead, which reads regular files a second time, must not take bytes from it.
 * The report equals the one from the file itself.
 */
class AnalyzePipeTest {

    @Test
    void aNamedPipeGivesTheReportOfTheFile(@TempDir Path dir) throws Exception {
        Path sample = SampleCaptures.directory().resolve("calls-mixed.pcap");
        Path fifo = dir.resolve("capture.pcap");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo is not available: skipped");
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                Files.copy(sample, out);
            } catch (Exception e) {
                // the reader went away; the assertions below say what matters
            }
        }, "fifo-writer");
        writer.setDaemon(true);
        writer.start();
        AnalyzeCommandTest.Run viaPipe = AnalyzeCommandTest.run("analyze", "--format", "json", fifo.toString());
        writer.join(10_000);
        AnalyzeCommandTest.Run viaFile = AnalyzeCommandTest.run("analyze", "--format", "json", sample.toString());
        assertThat(viaPipe.exitCode()).as(viaPipe.err()).isZero();
        assertThat(viaPipe.json().get("capture").get("frames"))
                .isEqualTo(viaFile.json().get("capture").get("frames"));
        assertThat(viaPipe.json().get("calls")).isEqualTo(viaFile.json().get("calls"));
        assertThat(viaPipe.json().get("streams")).isEqualTo(viaFile.json().get("streams"));
    }
}
