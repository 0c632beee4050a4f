package dev.sipscope.tui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipscope.tui.fixtures.Golden;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sipscope ladder} on the bundled captures, compared with golden files under
 * tui/src/test/resources/golden/ladder (regenerate with {@code -Dsipscope.golden.update=true}).
 */
class LadderCommandTest {
    private static final Path CAPTURES = Path.of(System.getProperty("sipscope.root", "..")).resolve("samples/captures");
    private static final String G711 = CAPTURES.resolve("call-udp-g711.pcap").toString();
    private static final String G711_CALL = "aeeb3a72751b0b3cd159d60c@10.0.0.1";
    private static final String FORKED = CAPTURES.resolve("call-forked.pcap").toString();
    private static final String FORKED_CALL = "98ec45a782494050e1bb172b@10.1.0.1";

    @Test
    void forkedCallTextLadderHasAColumnPerHostAndRtpBands() throws IOException {
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("ladder", FORKED, "--call", FORKED_CALL);
        assertThat(r.exitCode()).as(r.err()).isZero();
        String header = r.out().lines().skip(2).findFirst().orElseThrow();
        assertThat(header).contains("10.1.0.1", "10.1.0.100", "10.1.0.2", "10.1.0.3");
        assertThat(r.out()).contains("487 Request Terminated", "CANCEL", "RTP s1 PCMU", "RTP s2 ends", "!====");
        Golden.check("ladder/call-forked.txt", r.out());
    }

    @Test
    void mermaidLadderIsASequenceDiagramWithOneArrowPerMessage() throws IOException {
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("ladder", G711, "--call", G711_CALL, "--format", "mermaid");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("sequenceDiagram\n    participant h1 as 10.0.0.1\n    participant h2 as 10.0.0.2\n");
        assertThat(r.out().lines().filter(l -> l.contains("->>"))).hasSize(7);
        Golden.check("ladder/call-udp-g711.mmd", r.out());
    }

    @Test
    void jsonLadderListsTheStepsInTimeOrder() throws IOException {
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("ladder", G711, "--call", G711_CALL, "-f", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("call_id").asText()).isEqualTo(G711_CALL);
        assertThat(root.get("hosts")).hasSize(2);
        JsonNode steps = root.get("steps");
        assertThat(steps).hasSize(7 + 4);
        assertThat(steps.get(0).get("label").asText()).isEqualTo("INVITE (SDP)");
        for (int i = 1; i < steps.size(); i++) {
            assertThat(java.time.Instant.parse(steps.get(i).get("time").asText()))
                    .isAfterOrEqualTo(java.time.Instant.parse(steps.get(i - 1).get("time").asText()));
        }
    }

    @Test
    void anUnknownCallIdIsAUsageErrorNamingIt() {
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("ladder", G711, "--call", "nope\u001b[2J");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("no call with Call-ID 'nope\\x1b[2J' among the 1 calls");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingFileIsAnInputError() {
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("ladder", "/nonexistent.pcap", "--call", "x");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    }
}
