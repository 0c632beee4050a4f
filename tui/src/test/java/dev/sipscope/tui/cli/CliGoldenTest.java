package dev.sipscope.tui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipscope.tui.fixtures.Golden;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: the real command line ({@code Main.run}, in process) on every bundled sample
 * capture, its outputs compared with golden files under {@code golden/cli/SAMPLE/}: analyze as
 * text, JSON, calls CSV and streams CSV, stats as text and JSON, and the ladder of the sample's
 * first call as text, JSON and Mermaid. Regenerate with {@code -Dsipscope.golden.update=true}
 * (then review the diff). Paths are given relative ({@code samples/captures/NAME}) in the goldens
 * and the version is masked, so nothing depends on where the tree is or which build runs.
 * The CSV outputs are also parsed with Commons CSV and checked against the columns docs/CSV.md lists.
 */
class CliGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CAPTURES = Path.of(System.getProperty("sipscope.root", "..")).resolve("samples/captures");

    static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(CAPTURES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap")).sorted().toList().stream();
        }
    }

    /** Runs the command; the output with the sample's path shown as {@code samples/captures/NAME}. */
    private static String run(String sample, String... args) {
        String path = CAPTURES.resolve(sample).toString();
        String[] full = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            full[i] = args[i].equals("FILE") ? path : args[i];
        }
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run(full);
        assertThat(r.exitCode()).as("%s %s: %s", sample, String.join(" ", args), r.err()).isZero();
        return relative(r.out(), path, sample);
    }

    private static String relative(String text, String path, String sample) {
        return text.replace(path, "samples/captures/" + sample)
                .replaceAll("\"sipscope_version\": \"[^\"]*\"", "\"sipscope_version\": \"VERSION\"");
    }

    private static String dir(String sample) {
        return "cli/" + sample.substring(0, sample.length() - ".pcap".length()) + "/";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void analyzeTextJsonAndCsvMatchTheGoldenFiles(String sample, @TempDir Path tmp) throws IOException {
        String d = dir(sample);
        Golden.check(d + "analyze.txt", run(sample, "analyze", "FILE"));
        Golden.check(d + "analyze.json", run(sample, "analyze", "--format", "json", "FILE"));
        String callsCsv = run(sample, "analyze", "--format", "csv", "FILE");
        Golden.check(d + "calls.csv", callsCsv);
        Path streams = tmp.resolve("streams.csv");
        Path calls = tmp.resolve("calls.csv");
        run(sample, "analyze", "--calls-csv", calls.toString(), "--streams-csv", streams.toString(), "FILE");
        String streamsCsv = Files.readString(streams, StandardCharsets.UTF_8);
        Golden.check(d + "streams.csv", streamsCsv);
        assertThat(Files.readString(calls, StandardCharsets.UTF_8)).isEqualTo(callsCsv);

        // the CSVs parse, with the documented columns, one row per call and per stream
        JsonNode report = JSON.readTree(run(sample, "analyze", "--format", "json", "FILE"));
        checkCsv(callsCsv, AnalyzeCsvTest.documentedColumns("Calls"), report.get("calls").size());
        checkCsv(streamsCsv, AnalyzeCsvTest.documentedColumns("Streams"), report.get("streams").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void statsAndTheFirstCallsLadderMatchTheGoldenFiles(String sample) throws IOException {
        String d = dir(sample);
        Golden.check(d + "stats.txt", run(sample, "stats", "FILE"));
        Golden.check(d + "stats.json", run(sample, "stats", "--format", "json", "FILE"));
        JsonNode calls = JSON.readTree(run(sample, "analyze", "--format", "json", "FILE")).get("calls");
        if (calls.isEmpty()) {
            return;
        }
        String id = calls.get(0).get("call_id").asText();
        Golden.check(d + "ladder.txt", run(sample, "ladder", "FILE", "--call", id));
        Golden.check(d + "ladder.json", run(sample, "ladder", "FILE", "--call", id, "--format", "json"));
        Golden.check(d + "ladder.mmd", run(sample, "ladder", "FILE", "--call", id, "--format", "mermaid"));
    }

    @org.junit.jupiter.api.Test
    void aFilteredAnalysisMatchesItsGoldenFiles() throws IOException {
        String sample = "calls-mixed.pcap";
        Golden.check("cli/filtered/analyze.txt", run(sample, "analyze", "--filter", "state:busy or code:5xx", "FILE"));
        Golden.check("cli/filtered/analyze.json", run(sample, "analyze", "--format", "json", "--filter",
                "from:alice or (diag and not state:busy)", "FILE"));
        Golden.check("cli/filtered/stats.txt", run(sample, "stats", "--filter", "after:10:00:02", "FILE"));
        Golden.check("cli/filtered/stats.json", run(sample, "stats", "--format", "json", "--filter", "after:10:00:02",
                "FILE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void outputsAreTheSameOnASecondRun(String sample) {
        assertThat(run(sample, "analyze", "--format", "json", "FILE"))
                .isEqualTo(run(sample, "analyze", "--format", "json", "FILE"));
        assertThat(run(sample, "stats", "FILE")).isEqualTo(run(sample, "stats", "FILE"));
    }

    private static void checkCsv(String csv, List<String> documented, int rows) throws IOException {
        List<CSVRecord> records = AnalyzeCsvTest.parse(csv);
        assertThat(records).hasSize(rows + 1);
        assertThat(records.get(0).toList()).isEqualTo(documented).isNotEmpty();
        for (CSVRecord r : records) {
            assertThat(r.size()).isEqualTo(documented.size());
        }
    }
}
