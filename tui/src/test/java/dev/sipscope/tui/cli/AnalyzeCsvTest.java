package dev.sipscope.tui.cli;

import dev.sipscope.tui.Main;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sipscope analyze} CSV outputs, parsed back with Commons CSV and checked against docs/CSV.md. */
class AnalyzeCsvTest {
    private static final Path ROOT = Path.of(System.getProperty("sipscope.root", ".."));
    private static final Path CAPTURES = ROOT.resolve("samples").resolve("captures");

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser p = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180)) {
            return p.getRecords();
        }
    }

    /** The backquoted first cells of the table under the heading that starts with {@code heading}. */
    static List<String> documentedColumns(String heading) throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("docs").resolve("CSV.md"), StandardCharsets.UTF_8);
        List<String> columns = new ArrayList<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.startsWith("## " + heading);
            } else if (inSection && line.startsWith("| `")) {
                columns.add(line.substring(3, line.indexOf('`', 3)));
            }
        }
        return columns;
    }

    @Test
    void callsCsvOnStdoutHasTheDocumentedHeaderAndOneRowPerCall() throws IOException {
        Run r = run("analyze", "--format", "csv", CAPTURES.resolve("calls-mixed.pcap").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<CSVRecord> rows = parse(r.out());
        List<String> header = rows.get(0).toList();
        assertThat(header).isEqualTo(documentedColumns("Calls")).isNotEmpty();
        Run json = run("analyze", "--format", "json", CAPTURES.resolve("calls-mixed.pcap").toString());
        int calls = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).get("calls").size();
        assertThat(rows).hasSize(calls + 1);
        for (CSVRecord row : rows) {
            assertThat(row.size()).isEqualTo(header.size());
        }
        assertThat(r.out()).contains("\r\n");
    }

    @Test
    void callAndStreamFilesCarryTimesInUtcAndLinkStreamsToCalls(@TempDir Path dir) throws IOException {
        Path calls = dir.resolve("calls.csv");
        Path streams = dir.resolve("streams.csv");
        Run r = run("analyze", "--calls-csv", calls.toString(), "--streams-csv", streams.toString(),
                CAPTURES.resolve("call-udp-g711.pcap").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Capture:");
        List<CSVRecord> callRows = parse(Files.readString(calls));
        List<CSVRecord> streamRows = parse(Files.readString(streams));
        assertThat(streamRows.get(0).toList()).isEqualTo(documentedColumns("Streams"));
        assertThat(callRows).hasSize(2);
        assertThat(streamRows).hasSizeGreaterThan(2);
        List<String> h = callRows.get(0).toList();
        CSVRecord call = callRows.get(1);
        assertThat(call.get(h.indexOf("kind"))).isEqualTo("call");
        assertThat(call.get(h.indexOf("start_time"))).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        String callId = call.get(h.indexOf("call_id"));
        List<String> sh = streamRows.get(0).toList();
        List<String> ids = new ArrayList<>();
        for (CSVRecord s : streamRows.subList(1, streamRows.size())) {
            if (s.get(sh.indexOf("call_id")).equals(callId)) {
                ids.add(s.get(sh.indexOf("id")));
            }
            assertThat(s.get(sh.indexOf("end_time"))).endsWith("Z");
        }
        assertThat(call.get(h.indexOf("streams"))).isEqualTo(String.join(" ", ids)).isNotEmpty();
    }

    @Test
    void unwritableCsvFileIsAnInputOutputError(@TempDir Path dir) {
        Run r = run("analyze", "--calls-csv", dir.resolve("missing").resolve("calls.csv").toString(),
                CAPTURES.resolve("call-udp-g711.pcap").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(r.err()).startsWith("sipscope: cannot write ");
    }
}
