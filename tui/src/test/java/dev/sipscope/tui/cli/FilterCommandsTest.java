package dev.sipscope.tui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --filter} on the batch commands, run through the real command line on the bundled samples. */
class FilterCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CAPTURES = Path.of(System.getProperty("sipscope.root", "..")).resolve("samples/captures");
    private static final String MIXED = CAPTURES.resolve("calls-mixed.pcap").toString();

    private static JsonNode json(String... args) throws IOException {
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static List<String> states(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("calls").forEach(c -> out.add(c.get("state").asText()));
        return out;
    }

    @Test
    void analyzeJsonKeepsTheCaptureTotalsAndOnlyTheChosenCallsAndTheirStreams() throws IOException {
        JsonNode all = json("analyze", "--format", "json", MIXED);
        JsonNode some = json("analyze", "--format", "json", "--filter", "state:busy or code:5xx", MIXED);
        assertThat(some.get("capture")).isEqualTo(all.get("capture"));
        assertThat(states(some)).containsExactly("busy", "rejected", "busy");
        assertThat(some.get("filter").get("expression").asText()).isEqualTo("state:busy or code:5xx");
        assertThat(some.get("filter").get("calls_matched").asInt()).isEqualTo(3);
        assertThat(some.get("filter").get("calls_total").asInt()).isEqualTo(all.get("calls").size());
        Set<String> ids = new HashSet<>();
        some.get("calls").forEach(c -> ids.add(c.get("call_id").asText()));
        assertThat(some.get("streams")).isNotEmpty();
        for (JsonNode s : some.get("streams")) {
            assertThat(ids).contains(s.get("call_id").asText());
        }
        // every stream id a call names is one of the streams printed
        Set<String> streamIds = new HashSet<>();
        some.get("streams").forEach(s -> streamIds.add(s.get("id").asText()));
        some.get("calls").forEach(c -> c.get("streams").forEach(id -> assertThat(streamIds).contains(id.asText())));
    }

    @Test
    void aFilterThatMatchesNothingGivesAnEmptyReportNotAnError() throws IOException {
        JsonNode none = json("analyze", "--format", "json", "--filter", "from:nobody-at-all", MIXED);
        assertThat(none.get("calls")).isEmpty();
        assertThat(none.get("streams")).isEmpty();
        assertThat(none.get("capture").get("frames").asLong()).isPositive();
    }

    @Test
    void freeTextLooksIntoEveryHeaderOfTheMessages() throws IOException {
        // "registrar" only appears in the Server header of the REGISTER's responses
        JsonNode r = json("analyze", "--format", "json", "--filter", "\"sipscope-samples registrar\"", MIXED);
        assertThat(r.get("calls")).hasSize(1);
        assertThat(r.get("calls").get(0).get("kind").asText()).isEqualTo("register");
        JsonNode not = json("analyze", "--format", "json", "--filter", "-registrar", MIXED);
        assertThat(not.get("calls").size()).isEqualTo(json("analyze", "--format", "json", MIXED).get("calls").size() - 1);
    }

    @Test
    void timeWindowsUserAndMosTermsWorkOnARealCapture() throws IOException {
        JsonNode all = json("analyze", "--format", "json", MIXED);
        JsonNode early = json("analyze", "--format", "json", "--filter", "before:10:00:01", MIXED);
        JsonNode late = json("analyze", "--format", "json", "--filter", "after:10:00:01", MIXED);
        assertThat(early.get("calls").size() + late.get("calls").size()).isEqualTo(all.get("calls").size());
        assertThat(early.get("calls")).isNotEmpty();
        assertThat(late.get("calls")).isNotEmpty();
        for (JsonNode c : early.get("calls")) {
            assertThat(c.get("start_time").asText()).isLessThan("2026-01-15T10:00:01");
        }
        JsonNode window = json("analyze", "--format", "json", "--filter",
                "time:2026-01-15T10:00:00Z..2026-01-15T10:00:01Z", MIXED);
        assertThat(window.get("calls")).isEqualTo(early.get("calls"));
        JsonNode alice = json("analyze", "--format", "json", "--filter", "user:alice", MIXED);
        assertThat(alice.get("calls")).hasSize(1);
        JsonNode good = json("analyze", "--format", "json", "--filter", "mos>=4 and rtp", MIXED);
        for (JsonNode c : good.get("calls")) {
            assertThat(c.get("mos").asDouble()).isGreaterThanOrEqualTo(4.0);
        }
        assertThat(good.get("calls")).isNotEmpty();
    }

    @Test
    void csvFilesHoldOnlyTheChosenCallsAndStreams(@TempDir Path dir) throws IOException {
        Path calls = dir.resolve("calls.csv");
        Path streams = dir.resolve("streams.csv");
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("analyze", "--filter", "state:busy", "--calls-csv", calls.toString(),
                "--streams-csv", streams.toString(), MIXED);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Filter: state:busy  (2 of 13 calls");
        List<CSVRecord> rows = AnalyzeCsvTest.parse(Files.readString(calls));
        assertThat(rows).hasSize(3);
        int state = rows.get(0).toList().indexOf("state");
        assertThat(rows.subList(1, 3)).allSatisfy(row -> assertThat(row.get(state)).isEqualTo("busy"));
        List<CSVRecord> srows = AnalyzeCsvTest.parse(Files.readString(streams));
        int callId = srows.get(0).toList().indexOf("call_id");
        Set<String> ids = Set.of(rows.get(1).get(rows.get(0).toList().indexOf("call_id")),
                rows.get(2).get(rows.get(0).toList().indexOf("call_id")));
        assertThat(srows.subList(1, srows.size())).allSatisfy(row -> assertThat(ids).contains(row.get(callId)));
        AnalyzeCsvTest.Run csv = AnalyzeCsvTest.run("analyze", "--format", "csv", "--filter", "state:busy", MIXED);
        assertThat(AnalyzeCsvTest.parse(csv.out())).hasSize(3);
    }

    @Test
    void aBadExpressionIsOneSentenceWithThePositionAndExitCodeOne() {
        for (String cmd : new String[] {"analyze", "stats", "ladder", "export"}) {
            List<String> args = new ArrayList<>(List.of(cmd, MIXED, "--filter", "from:alice and (mos<3 or"));
            if (cmd.equals("export")) {
                args.addAll(List.of("-w", "/nonexistent/x.pcap"));
            }
            AnalyzeCsvTest.Run r = AnalyzeCsvTest.run(args.toArray(new String[0]));
            assertThat(r.exitCode()).as(cmd).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).as(cmd).startsWith("sipscope: --filter: nothing follows 'or' at position 23\n");
            assertThat(r.out()).as(cmd).isEmpty();
        }
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("analyze", MIXED, "--filter", "state:\u001b[31mx");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).doesNotContain("\u001b").contains("unknown state");
    }

    @Test
    void statsCountsOnlyTheChosenCallsMessages() throws IOException {
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("stats", "--format", "json", "--filter", "state:busy", MIXED);
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode stats = JSON.readTree(r.out());
        assertThat(stats.toString()).contains("\"486\":2").doesNotContain("\"503\"").doesNotContain("REGISTER");
        JsonNode applied = stats.get("filter");
        assertThat(applied.get("expression").asText()).isEqualTo("state:busy");
        assertThat(applied.get("calls_matched").asInt()).isEqualTo(2);
        assertThat(applied.get("calls_total").asInt()).isEqualTo(13);
        assertThat(applied.get("streams_matched").asInt()).isEqualTo(1);
        assertThat(applied.get("streams_total").asInt()).isGreaterThan(1);
        AnalyzeCsvTest.Run whole = AnalyzeCsvTest.run("stats", "--format", "json", MIXED);
        assertThat(JSON.readTree(whole.out()).has("filter")).as("no filter, no filter object").isFalse();
        AnalyzeCsvTest.Run text = AnalyzeCsvTest.run("stats", "--filter", "state:busy", MIXED);
        assertThat(text.out()).startsWith("Filter: state:busy  (2 of 13 calls, 1 of ");
        assertThat(text.out()).contains("  INVITE                  2\n");
    }

    @Test
    void ladderDrawsTheOneCallAFilterChoosesAndRefusesSeveral() {
        AnalyzeCsvTest.Run one = AnalyzeCsvTest.run("ladder", MIXED, "--filter", "from:carol");
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).startsWith("Call 07be4aba83cc96afcf389971@10.0.1.2  carol@10.0.1.2 -> dave@10.0.2.2");
        AnalyzeCsvTest.Run two = AnalyzeCsvTest.run("ladder", MIXED, "--filter", "state:busy");
        assertThat(two.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(two.err()).contains("matches 2 calls (07be4aba83cc96afcf389971@10.0.1.2, ");
        AnalyzeCsvTest.Run none = AnalyzeCsvTest.run("ladder", MIXED, "--filter", "state:busy",
                "--call", "8dae1be4be1b63912a5a87c2@10.0.1.1");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("matches no call");
        AnalyzeCsvTest.Run neither = AnalyzeCsvTest.run("ladder", MIXED);
        assertThat(neither.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(neither.err()).contains("needs --call CALL_ID or --filter EXPR");
    }
}
