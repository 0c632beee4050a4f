package dev.sipscope.tui.export;

import dev.sipscope.tui.fixtures.Golden;
import dev.sipscope.tui.fixtures.UiFixtures;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.CallState;
import dev.sipscope.tui.model.FeedControl;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.view.Glyphs;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExportTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final FeedSnapshot FEED = UiFixtures.standard();

    @Test
    void csvKeepsAwkwardTextIntactAndReadsBack() throws IOException {
        CallRow odd = new CallRow(9, UiFixtures.T0, "INVITE", "\"Smith, J\" <x>", "line\nbreak", "id,1", "a", "b",
                CallState.REJECTED, 403, 3, 1_500_000_000L, 3.456, 2);
        StringWriter out = new StringWriter();
        CallCsv.write(out, List.of(FEED.calls().get(0), odd), UTC);
        List<CSVRecord> records = CSVParser.parse(new StringReader(out.toString()),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).getRecords();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("start")).isEqualTo("2026-01-15 10:00:00.000");
        assertThat(records.get(0).get("mos")).isEqualTo("4.36");
        assertThat(records.get(1).get("from")).isEqualTo("\"Smith, J\" <x>");
        assertThat(records.get(1).get("to")).isEqualTo("line\nbreak");
        assertThat(records.get(1).get("call_id")).isEqualTo("id,1");
        assertThat(records.get(1).get("duration_s")).isEqualTo("1.500");
        assertThat(records.get(1).get("state")).isEqualTo("REJECTED");
        assertThat(records.get(1).get("final_code")).isEqualTo("403");
    }

    @Test
    void theTextLadderOfACallMatchesItsGoldenFile() throws IOException {
        String text = LadderText.render(FEED.calls().get(0), FEED.detail(1), Glyphs.UNICODE, UTC)
                + "\n" + LadderText.render(FEED.calls().get(6), FEED.detail(7), Glyphs.ASCII, UTC);
        Golden.check("ladder-text.txt", text);
    }

    @Test
    void theTextLadderEscapesHostileText() {
        String text = LadderText.render(FEED.calls().get(5), FEED.detail(6), Glyphs.ASCII, UTC);
        assertThat(text).doesNotContain("\u001b").contains("\\x1b[31mEvil");
    }

    @Test
    void theSaverWritesCsvAndTextAndReportsFailuresInOneSentence(@TempDir Path dir) throws IOException {
        try (Saver saver = new Saver(FeedControl.NONE, Glyphs.ASCII, UTC)) {
            Saver.Outcome csv = saver.save(SaveFormat.CSV, dir.resolve("calls.csv"), FEED.calls(), FEED::detail);
            assertThat(csv.ok()).isTrue();
            assertThat(csv.message()).isEqualTo("Saved 7 calls as CSV to " + dir.resolve("calls.csv") + ".");
            assertThat(Files.readAllLines(dir.resolve("calls.csv"), StandardCharsets.UTF_8)).hasSize(8);
            Saver.Outcome txt = saver.save(SaveFormat.TEXT, dir.resolve("one.txt"), List.of(FEED.calls().get(1)),
                    FEED::detail);
            assertThat(txt.message()).isEqualTo("Saved the call flow of call 2 to " + dir.resolve("one.txt") + ".");
            assertThat(Files.readString(dir.resolve("one.txt"))).contains("486 Busy Here").contains("Call 2  INVITE");
            Saver.Outcome pcap = saver.save(SaveFormat.PCAP, dir.resolve("x.pcap"), FEED.calls(), FEED::detail);
            assertThat(pcap.ok()).isFalse();
            assertThat(pcap.message()).isEqualTo("Cannot save to " + dir.resolve("x.pcap")
                    + ": this source keeps no packets to save.");
            Saver.Outcome missing = saver.save(SaveFormat.CSV, dir.resolve("no/such/dir/x.csv"), FEED.calls(), FEED::detail);
            assertThat(missing.message()).endsWith(": its directory does not exist.");
        }
    }

    @Test
    void saveFormatsKnowTheirExtensions() {
        assertThat(SaveFormat.byFileName("a.PCAPNG")).isEqualTo(SaveFormat.PCAPNG);
        assertThat(SaveFormat.byFileName("a.pcap")).isEqualTo(SaveFormat.PCAP);
        assertThat(SaveFormat.byFileName("a.txt")).isEqualTo(SaveFormat.TEXT);
        assertThat(SaveFormat.byFileName("a.doc")).isNull();
    }
}
