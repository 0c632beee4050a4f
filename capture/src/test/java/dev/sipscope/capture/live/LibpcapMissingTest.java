package dev.sipscope.capture.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM whose libpcap cannot be loaded reports one sentence per attempt and no stack trace. */
class LibpcapMissingTest {

    @Test
    void everyEntryPointSaysWhatToInstallWhenLibpcapCannotBeLoaded(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(java,
                "-Dorg.pcap4j.core.pcapLibName=" + dir.resolve("no-libpcap-here.so"),
                "-cp", System.getProperty("java.class.path"),
                LibpcapMissingProbe.class.getName())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("the probe JVM finished").isTrue();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit status; stderr:%n%s", stderr).isZero();
        assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line)
                .isEqualTo("LIBPCAP_MISSING|" + LiveErrors.LIBPCAP_MISSING_MESSAGE));
        assertThat(stderr).doesNotContain("\tat ", "Exception", "Error:");
        assertThat(File.separatorChar).isEqualTo('/');
    }
}
