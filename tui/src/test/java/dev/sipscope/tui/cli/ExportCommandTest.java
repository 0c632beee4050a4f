package dev.sipscope.tui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sipscope export}: the exported capture, analysed again, holds exactly the chosen calls. */
class ExportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CAPTURES = Path.of(System.getProperty("sipscope.root", "..")).resolve("samples/captures");
    private static final String MIXED = CAPTURES.resolve("calls-mixed.pcap").toString();

    static JsonNode analyze(String file) throws IOException {
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("analyze", "--format", "json", file);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    static JsonNode call(JsonNode report, String callId) {
        for (JsonNode c : report.get("calls")) {
            if (c.get("call_id").asText().equals(callId)) {
                return c;
            }
        }
        return null;
    }

    static long streamPackets(JsonNode report, String callId) {
        long n = 0;
        for (JsonNode s : report.get("streams")) {
            if (callId.equals(s.get("call_id").asText())) {
                n += s.get("packets").asLong();
            }
        }
        return n;
    }

    @Test
    void twoCallsExportedToPcapngAreTheOnlyCallsWithTheSameMessagesAndRtp(@TempDir Path dir) throws IOException {
        JsonNode original = analyze(MIXED);
        List<String> ids = new ArrayList<>();
        for (JsonNode c : original.get("calls")) {
            if (c.get("kind").asText().equals("call") && streamPackets(original, c.get("call_id").asText()) > 0) {
                ids.add(c.get("call_id").asText());
            }
        }
        List<String> chosen = ids.subList(0, 2);
        Path out = dir.resolve("two.pcapng");
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("export", MIXED, "--call", chosen.get(0), "--call", chosen.get(1),
                "-w", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("packets of 2 calls");
        JsonNode exported = analyze(out.toString());
        assertThat(exported.get("calls")).hasSize(2);
        for (String id : chosen) {
            JsonNode before = call(original, id);
            JsonNode after = call(exported, id);
            assertThat(after).as(id).isNotNull();
            assertThat(after.get("state")).isEqualTo(before.get("state"));
            assertThat(after.get("messages")).isEqualTo(before.get("messages"));
            assertThat(after.get("retransmissions")).isEqualTo(before.get("retransmissions"));
            assertThat(streamPackets(exported, id)).isEqualTo(streamPackets(original, id)).isPositive();
        }
        assertThat(Files.list(dir)).containsExactly(out);
    }

    @Test
    void sipOnlyLeavesTheRtpOutOfAClassicPcap(@TempDir Path dir) throws IOException {
        JsonNode original = analyze(MIXED);
        String id = original.get("calls").get(0).get("call_id").asText();
        Path out = dir.resolve("sip.pcap");
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("export", MIXED, "--call", id, "--sip-only", "-w", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode exported = analyze(out.toString());
        assertThat(exported.get("calls")).hasSize(1);
        assertThat(exported.get("streams")).isEmpty();
        assertThat(call(exported, id).get("messages")).isEqualTo(call(original, id).get("messages"));
        // classic pcap, nanosecond magic (a1b23c4d) in little-endian order
        assertThat(Files.readAllBytes(out)).startsWith(new byte[] {0x4d, 0x3c, (byte) 0xb2, (byte) 0xa1});
    }

    @Test
    void anUnknownCallIsAUsageErrorAndWritesNothing(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("x.pcap");
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("export", MIXED, "--call", "nope", "-w", out.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("no call with Call-ID 'nope'");
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void standardInputCannotBeReadTwice(@TempDir Path dir) {
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("export", "-", "--call", "x", "-w", dir.resolve("x.pcap").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void anUnwritableOutputIsExitCodeTwo(@TempDir Path dir) throws IOException {
        String id = analyze(MIXED).get("calls").get(0).get("call_id").asText();
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("export", MIXED, "--call", id, "-w",
                dir.resolve("missing/x.pcap").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(r.err()).contains("cannot export to");
    }
}
