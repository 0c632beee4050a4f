package dev.sipscope.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        return Generate.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listNamesEveryScenario() {
        assertThat(run("--list")).isZero();
        assertThat(out()).contains("rtp-heavy", "sip-heavy", "call-udp-g711", "call-tcp", "calls-mixed", "rtp-impairments");
    }

    @Test
    void smallLoadRunWritesACaptureAndAStreamedTruthFile(@TempDir Path tmp) throws Exception {
        Path pcap = tmp.resolve("load.pcap");
        Path truth = tmp.resolve("load.truth.json");
        assertThat(run("rtp-heavy", pcap.toString(), "--calls", "6", "--concurrent", "3", "--seconds", "2", "--seed", "5",
                "--truth", truth.toString())).as(err()).isZero();
        byte[] head = Files.readAllBytes(pcap);
        assertThat(head.length).isGreaterThan(100_000);
        assertThat(head[0] & 0xFF).isEqualTo(0x4d); // nanosecond pcap magic 0xa1b23c4d, little-endian
        String json = Files.readString(truth);
        assertThat(json).startsWith("{").contains("\"scenario\": \"rtp-heavy\"", "\"rtpCaptured\": ").endsWith("}\n");
        assertThat(json.split("\"callId\"", -1)).hasSize(7);
        assertThat(out()).contains("frames");
    }

    @Test
    void sampleNameWritesTheCommittedBytes(@TempDir Path tmp) throws Exception {
        Path pcap = tmp.resolve("x.pcap");
        assertThat(run("call-tcp", pcap.toString())).as(err()).isZero();
        assertThat(Files.mismatch(pcap, SampleCaptures.directory().resolve("call-tcp.pcap"))).isEqualTo(-1L);
        assertThat(tmp.resolve("x.truth.json")).exists();
    }

    @Test
    void badArgumentsGiveUsageAndExitCodeTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("usage:");
        assertThat(run("rtp-heavy", "out.pcap", "--calls", "many")).isEqualTo(2);
        assertThat(err()).contains("--calls needs an integer");
        assertThat(run("rtp-heavy", "out.pcap", "--bogus", "1")).isEqualTo(2);
        assertThat(err()).contains("unknown option --bogus");
        assertThat(run("no-such-scenario", "out.pcap")).isEqualTo(2);
        assertThat(err()).contains("unknown scenario");
    }

    @Test
    void unwritableOutputIsAOneLineFailure(@TempDir Path tmp) {
        Path pcap = tmp.resolve("missing-dir").resolve("x.pcap");
        assertThat(run("rtp-heavy", pcap.toString(), "--calls", "1")).isEqualTo(1);
        assertThat(err()).startsWith("generate: ").doesNotContain("Exception");
    }
}
