package dev.sipscope.tui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sipscope stats} against what {@code analyze --format json} reports for the same captures. */
class StatsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CAPTURES = Path.of(System.getProperty("sipscope.root", "..")).resolve("samples/captures");

    static JsonNode json(String... args) throws IOException {
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void everyBundledCaptureAgreesWithTheAnalyzeReport() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CAPTURES)) {
            files = s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path f : files) {
            JsonNode stats = json("stats", "--format", "json", f.toString());
            JsonNode analyze = json("analyze", "--format", "json", f.toString());
            long messages = 0;
            for (JsonNode n : stats.get("requests")) {
                messages += n.asLong();
            }
            for (JsonNode n : stats.get("responses")) {
                messages += n.asLong();
            }
            assertThat(messages).as(f + " SIP messages").isEqualTo(analyze.get("capture").get("sip_messages").asLong());

            Map<String, Long> states = new HashMap<>();
            List<Double> pdd = new ArrayList<>();
            long retransmissions = 0;
            for (JsonNode c : analyze.get("calls")) {
                states.merge(c.get("kind").asText() + "/" + c.get("state").asText(), 1L, Long::sum);
                retransmissions += c.get("retransmissions").asLong();
                if (c.get("kind").asText().equals("call") && !c.get("post_dial_delay_ms").isNull()) {
                    pdd.add(c.get("post_dial_delay_ms").asDouble());
                }
            }
            Map<String, Long> reported = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> k = stats.get("call_states").fields(); k.hasNext(); ) {
                Map.Entry<String, JsonNode> kind = k.next();
                kind.getValue().fields().forEachRemaining(s -> reported.put(kind.getKey() + "/" + s.getKey(), s.getValue().asLong()));
            }
            assertThat(reported).as(f + " call states").isEqualTo(states);
            assertThat(stats.get("retransmissions").asLong()).as(f + " retransmissions").isEqualTo(retransmissions);
            JsonNode p = stats.get("post_dial_delay_ms");
            assertThat(p.get("calls").asInt()).as(f + " pdd calls").isEqualTo(pdd.size());
            if (!pdd.isEmpty()) {
                pdd.sort(null);
                double p90 = pdd.get((int) Math.ceil(0.9 * pdd.size()) - 1);
                assertThat(p.get("p90").asDouble()).as(f + " pdd p90").isCloseTo(p90, org.assertj.core.data.Offset.offset(0.002));
            }
            long bands = 0;
            for (JsonNode b : stats.get("mos_bands")) {
                bands += b.get("streams").asLong();
            }
            assertThat(bands + stats.get("streams_without_mos").asLong()).as(f + " streams")
                    .isEqualTo(analyze.get("streams").size());
        }
    }

    @Test
    void textReportHasEverySection() {
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("stats", CAPTURES.resolve("calls-mixed.pcap").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("SIP requests", "  INVITE ", "SIP responses", "  486 ", "Calls by kind and state",
                "Retransmissions 1, in 1 calls", "post-dial delay (ms)", "setup time (ms)", "Stream MOS (G.107 bands)",
                "Top talkers", "2001:db8::10");
    }

    @Test
    void unreadableInputIsExitCodeTwo() {
        assertThat(AnalyzeCsvTest.run("stats", "/nonexistent.pcap").exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(AnalyzeCsvTest.run("stats", "--sip-port", "70000", "x.pcap").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
