package dev.sipscope.tui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --mask}: for every sample capture, no user part of a SIP/SIPS/tel URI, display name or digest
 * credential of the original appears in any output of analyze (text, json, csv, --calls-csv,
 * --streams-csv), stats, ladder or export (pcap and pcapng, searched as bytes), and the masked export
 * analyses to the same calls with the same states, messages and RTP.
 */
class MaskOptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A fixed key, so that the masks (and any chance collision) are the same on every run. */
    private static final String KEY = "test-key-1";
    private static final Path CAPTURES = Path.of(System.getProperty("sipscope.root", "..")).resolve("samples/captures");

    private static final Pattern SIP_USER = Pattern.compile("(?i)(?<![A-Za-z0-9])sips?:([^@><\\s\",]+)@");
    private static final Pattern TEL = Pattern.compile("(?i)(?<![A-Za-z0-9])tel:([^;><\\s\",@]+)");
    private static final Pattern DIGEST = Pattern.compile("(?i)(?<![A-Za-z])(username|nonce|cnonce|response|opaque)"
            + "\\s*=\\s*\"?([^\",\\s]+)");
    private static final Pattern DISPLAY = Pattern.compile("(?im)^(?:from|to|f|t|contact|m|p-asserted-identity|"
            + "remote-party-id|diversion|referred-by|refer-to)\\s*:\\s*(?:\"([^\"]+)\"|([^<\"\\r\\n,;:]+?)\\s*<)");

    /** What must not survive masking, each as the bytes to search for. */
    static Set<String> secrets(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = SIP_USER.matcher(text);
        while (m.find()) {
            if (m.group(1).length() >= 3) {
                // a mask of one or two characters can equal another user's name by chance
                out.add(":" + m.group(1) + "@");
            }
        }
        m = TEL.matcher(text);
        while (m.find()) {
            out.add("tel:" + m.group(1));
        }
        m = DIGEST.matcher(text);
        while (m.find()) {
            out.add(m.group(2));
        }
        m = DISPLAY.matcher(text);
        while (m.find()) {
            String name = (m.group(1) != null ? m.group(1) : m.group(2)).trim();
            if (name.length() >= 3) {
                out.add(name);
            }
        }
        return out;
    }

    static List<Path> captures() throws IOException {
        try (Stream<Path> s = Files.list(CAPTURES)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".pcap")).sorted().toList();
        }
    }

    @Test
    void noUserPartDisplayNameOrDigestSurvivesInAnyMaskedOutputAndTheMaskedExportKeepsTheCalls(@TempDir Path dir)
            throws IOException {
        int checked = 0;
        Set<String> all = new LinkedHashSet<>();
        for (Path capture : captures()) {
            String file = capture.toString();
            String raw = new String(Files.readAllBytes(capture), StandardCharsets.ISO_8859_1);
            JsonNode original = ExportCommandTest.analyze(file);
            Set<String> secrets = secrets(raw + "\n" + original.toString());
            all.addAll(secrets);

            Map<String, String> outputs = new LinkedHashMap<>();
            for (String format : List.of("text", "json", "csv")) {
                outputs.put("analyze " + format, ok(AnalyzeCsvTest.run("analyze", "--mask-key", KEY, "--format", format, file)));
            }
            Path callsCsv = dir.resolve("calls.csv");
            Path streamsCsv = dir.resolve("streams.csv");
            ok(AnalyzeCsvTest.run("analyze", "--mask-key", KEY, "--calls-csv", callsCsv.toString(), "--streams-csv",
                    streamsCsv.toString(), file));
            outputs.put("--calls-csv", Files.readString(callsCsv));
            outputs.put("--streams-csv", Files.readString(streamsCsv));
            for (String format : List.of("text", "json")) {
                outputs.put("stats " + format, ok(AnalyzeCsvTest.run("stats", "--mask-key", KEY, "--format", format, file)));
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode c : original.get("calls")) {
                ids.add(c.get("call_id").asText());
            }
            for (String id : ids) {
                for (String format : List.of("text", "json", "mermaid")) {
                    outputs.put("ladder " + format + " " + id,
                            ok(AnalyzeCsvTest.run("ladder", "--mask-key", KEY, "--format", format, "--call", id, file)));
                }
            }
            List<String> exportArgs = new ArrayList<>(List.of("export", "--mask-key", KEY, file));
            for (String id : ids) {
                exportArgs.add("--call");
                exportArgs.add(id);
            }
            JsonNode maskedReport = JSON.readTree(outputs.get("analyze json"));
            sameCalls(original, maskedReport, ids, capture + " analysed with --mask");
            for (String ext : List.of(".pcap", ".pcapng")) {
                if (ids.isEmpty()) {
                    continue;
                }
                Path plain = dir.resolve(capture.getFileName() + ".plain" + ext);
                Path masked = dir.resolve(capture.getFileName() + ".masked" + ext);
                List<String> args = new ArrayList<>(exportArgs);
                args.addAll(List.of("-w", masked.toString()));
                ok(AnalyzeCsvTest.run(args.toArray(new String[0])));
                args.remove("--mask-key");
                args.remove(KEY);
                args.set(args.size() - 1, plain.toString());
                ok(AnalyzeCsvTest.run(args.toArray(new String[0])));
                assertThat(Files.size(masked)).isEqualTo(Files.size(plain));
                outputs.put("export " + ext, new String(Files.readAllBytes(masked), StandardCharsets.ISO_8859_1));
                // the masked export analyses exactly as the same export unmasked
                JsonNode again = ExportCommandTest.analyze(masked.toString());
                JsonNode reference = ExportCommandTest.analyze(plain.toString());
                sameCalls(reference, again, ids, masked.toString());
                assertThat(again.get("capture").get("malformed")).isEqualTo(reference.get("capture").get("malformed"));
                assertThat(again.get("capture").get("sip_messages"))
                        .isEqualTo(reference.get("capture").get("sip_messages"));
            }
            for (Map.Entry<String, String> o : outputs.entrySet()) {
                for (String s : secrets) {
                    assertThat(o.getValue()).as("%s of %s must not contain '%s'", o.getKey(), capture.getFileName(), s)
                            .doesNotContain(s);
                }
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
        assertThat(all).as("the captures carry users, names and credentials to mask").hasSizeGreaterThan(20)
                .anyMatch(s -> s.matches("[0-9a-f]{32}"));
    }

    @Test
    void theSameUserGetsTheSameMaskThroughoutOneRun() throws IOException {
        JsonNode masked = JSON.readTree(ok(AnalyzeCsvTest.run("analyze", "--mask-key", KEY, "--format", "json",
                CAPTURES.resolve("sip-nondialog.pcap").toString())));
        JsonNode plain = ExportCommandTest.analyze(CAPTURES.resolve("sip-nondialog.pcap").toString());
        Map<String, String> mapping = new LinkedHashMap<>();
        for (int i = 0; i < plain.get("calls").size(); i++) {
            for (String field : List.of("from", "to")) {
                String before = plain.get("calls").get(i).path(field).toString();
                String after = masked.get("calls").get(i).path(field).toString();
                assertThat(after.length()).isEqualTo(before.length());
                String previous = mapping.putIfAbsent(before, after);
                assertThat(previous == null ? after : previous).as(before).isEqualTo(after);
                if (before.contains("@")) {
                    assertThat(after).isNotEqualTo(before);
                }
            }
        }
    }

    private static void sameCalls(JsonNode expected, JsonNode actual, List<String> ids, String what) {
        assertThat(actual.get("calls")).as(what).hasSize(expected.get("calls").size());
        for (String id : ids) {
            JsonNode before = ExportCommandTest.call(expected, id);
            JsonNode after = ExportCommandTest.call(actual, id);
            if (before == null) {
                continue; // not in the export (see ExportCommandTest)
            }
            assertThat(after).as(id + " in " + what).isNotNull();
            for (String field : List.of("kind", "state", "final_status", "messages", "retransmissions", "linked_calls",
                    "diagnostics")) {
                assertThat(after.get(field)).as(field + " of " + id + " in " + what).isEqualTo(before.get(field));
            }
            assertThat(ExportCommandTest.streamPackets(actual, id)).as(id)
                    .isEqualTo(ExportCommandTest.streamPackets(expected, id));
        }
    }

    private static String ok(AnalyzeCsvTest.Run r) {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out();
    }
}
