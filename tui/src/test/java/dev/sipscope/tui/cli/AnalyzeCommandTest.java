package dev.sipscope.tui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipscope.tui.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs the real command line in-process on real and broken inputs. */
class AnalyzeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static Path shared() {
        Path p = Path.of(System.getProperty("sipscope.shared", "../../shared"));
        assumeTrue(Files.isDirectory(p.resolve("captures")),
                "the shared capture corpus is not at " + p.toAbsolutePath() + " (a fresh clone has no ../shared): skipped");
        return p.resolve("captures");
    }

    @Test
    void frameCountsEqualTsharkForEveryCaptureInTheCorpus() throws IOException {
        Path captures = shared();
        JsonNode files = JSON.readTree(captures.resolve("reference.json").toFile()).get("files");
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Run r = run("analyze", "--format", "json", captures.resolve(e.getKey()).toString());
            if (r.exitCode() != 0) {
                mismatches.add(e.getKey() + ": exit " + r.exitCode() + " " + r.err());
                continue;
            }
            JsonNode cap = r.json().get("capture");
            long expected = e.getValue().get("frames").asLong();
            if (cap.get("frames").asLong() != expected) {
                mismatches.add(e.getKey() + ": frames " + cap.get("frames") + " != " + expected);
            }
            if (cap.get("truncated").asBoolean()) {
                mismatches.add(e.getKey() + ": reported truncated");
            }
            checked++;
        }
        assertThat(mismatches).isEmpty();
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void jsonCaptureObjectHasTheDocumentedFields() throws IOException {
        Run r = run("analyze", "--format", "json", shared().resolve("sngrep/ipv6frag.pcap").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode cap = r.json().get("capture");
        assertThat(cap.fieldNames()).toIterable().contains("frames", "bytes", "first_time", "last_time", "link_types",
                "ip_fragments_reassembled", "tcp_streams", "malformed", "truncated", "udp_datagrams");
        assertThat(cap.get("frames").asLong()).isEqualTo(34);
        assertThat(cap.get("link_types").get("LINUX_SLL").asLong()).isEqualTo(34);
        assertThat(cap.get("ip_fragments_reassembled").asLong()).isPositive();
        assertThat(cap.get("first_time").asText()).endsWith("Z");
    }

    @Test
    void tcpStreamsAndHepAreCounted() throws IOException {
        JsonNode tcp = run("analyze", "--format", "json", shared().resolve("heplify/sip_ipv4_tcp.pcap").toString())
                .json().get("capture");
        assertThat(tcp.get("tcp_streams").asLong()).isEqualTo(1);
        JsonNode hep = run("analyze", "--format", "json", shared().resolve("hep-wireshark/hep.pcap").toString())
                .json().get("capture");
        assertThat(hep.get("hep_packets").asLong()).isEqualTo(8);
        JsonNode noHep = run("analyze", "--format", "json", "--hep-port", "9999",
                shared().resolve("hep-wireshark/hep.pcap").toString()).json().get("capture");
        assertThat(noHep.get("hep_packets").asLong()).isZero();
    }

    @Test
    void aFileThatIsNotACaptureGetsOneLineAndExitCode2(@TempDir Path dir) throws IOException {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "Hello, this is not a capture\n");
        Run r = run("analyze", notes.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(r.err().strip()).isEqualTo("sipscope: " + notes + ": not a capture file (expected pcap or pcapng, found bytes 48 65 6c 6c)");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingFileGetsOneLineAndExitCode2(@TempDir Path dir) {
        Run r = run("analyze", dir.resolve("nope.pcap").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("nope.pcap");
    }

    @Test
    void aTruncatedFileReportsEveryFrameBeforeTheCutAndWarns(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(shared().resolve("pkts/sipp.pcap"));
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 10));
        Run r = run("analyze", "--format", "json", cut.toString());
        assertThat(r.exitCode()).isZero();
        JsonNode cap = r.json().get("capture");
        assertThat(cap.get("frames").asLong()).isEqualTo(29);
        assertThat(cap.get("truncated").asBoolean()).isTrue();
        assertThat(cap.get("warnings").size()).isEqualTo(1);
        assertThat(r.err()).startsWith("sipscope: warning: ").contains("truncated");
    }

    @Test
    void severalFilesAreMergedAsOneCapture() throws IOException {
        Path a = shared().resolve("pkts/sipp.pcap");
        Path b = shared().resolve("pkts/sipp_sll.pcap");
        JsonNode cap = run("analyze", "--format", "json", a.toString(), b.toString()).json().get("capture");
        assertThat(cap.get("frames").asLong()).isEqualTo(60);
        assertThat(cap.get("files").size()).isEqualTo(2);
        assertThat(cap.get("link_types").get("EN10MB").asLong()).isEqualTo(30);
        assertThat(cap.get("link_types").get("LINUX_SLL").asLong()).isEqualTo(30);
    }

    @Test
    void textOutputNamesTheCountsAndUsageErrorsExit1() {
        Run r = run("analyze", shared().resolve("heplify/ipip0.pcap").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("frames", "UDP datagrams", "TCP streams", "malformed");
        assertThat(run("analyze").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("analyze", "--format", "yaml", "x").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpAndVersionWork() {
        Run help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("analyze", "capture");
        Run version = run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("sipscope ");
        assertThat(run("analyze", "--help").out()).contains("--format", "Examples");
    }
}
