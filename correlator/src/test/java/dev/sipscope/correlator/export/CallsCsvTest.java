package dev.sipscope.correlator.export;

import dev.sipscope.correlator.Msg;
import dev.sipscope.correlator.Wire;
import dev.sipscope.correlator.diag.DiagnosticConfig;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CallsCsvTest {

    @Test
    void cellsThatCouldStartAFormulaGetALeadingQuote() {
        for (String s : List.of("=1+1", "+1", "-2", "@SUM(A1)")) {
            assertThat(SpreadsheetCell.text(s)).isEqualTo("'" + s);
        }
        // tab and CR are shown as escapes first, which cannot start a formula either
        assertThat(SpreadsheetCell.text("\tx")).isEqualTo("\\x09x");
        assertThat(SpreadsheetCell.text("a\u001b[2J\u202eb")).isEqualTo("a\\x1b[2J\\u202eb");
        assertThat(SpreadsheetCell.text("alice@a")).isEqualTo("alice@a");
        assertThat(SpreadsheetCell.text("")).isEmpty();
        assertThat(SpreadsheetCell.text(null)).isNull();
    }

    @Test
    void hostileCallIdAndHeadersAreNeutralisedAndQuotedButKept() throws IOException {
        Wire w = new Wire();
        String callId = "=HYPERLINK(\"http://evil\",\"x\"),\r\nnext";
        Msg inv = Msg.request("INVITE", "sip:x@y", "10.0.0.1:5060", "z9hG4bK1", "alice@a", "t", "bob@b", null, callId, 1)
                .set("User-Agent", "@cmd|' /C calc'!A0");
        w.at(0).send("10.0.0.1:5060", "10.0.0.2:5060", inv);
        StringBuilder out = new StringBuilder();
        CallsCsv.write(out, w.snapshot().calls(), List.of(), DiagnosticConfig.DEFAULTS);
        List<CSVRecord> rows;
        try (CSVParser p = CSVParser.parse(new StringReader(out.toString()), CSVFormat.RFC4180)) {
            rows = p.getRecords();
        }
        assertThat(rows.get(0).toList()).isEqualTo(CallsCsv.COLUMNS);
        CSVRecord row = rows.get(1);
        assertThat(rows).hasSize(2);
        assertThat(row.size()).isEqualTo(CallsCsv.COLUMNS.size());
        String keptCallId = w.snapshot().calls().get(0).callId();
        assertThat(row.get(CallsCsv.COLUMNS.indexOf("call_id"))).isEqualTo("'" + keptCallId);
        assertThat(row.get(CallsCsv.COLUMNS.indexOf("user_agent"))).isEqualTo("'@cmd|' /C calc'!A0");
        assertThat(row.get(CallsCsv.COLUMNS.indexOf("start_time"))).isEqualTo("2026-01-15T10:00:00Z");
        assertThat(row.get(CallsCsv.COLUMNS.indexOf("final_status"))).isEmpty();
        assertThat(row.get(CallsCsv.COLUMNS.indexOf("state"))).isEqualTo("calling");
    }
}
