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
    void everyRtpStreamTsharkListsIsListedWithTheSameFigures() throws IOException {
        Path captures = shared();
        JsonNode files = JSON.readTree(captures.resolve("reference.json").toFile()).get("files");
        List<String> problems = new ArrayList<>();
        int compared = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode expected = e.getValue().get("rtp_streams");
            if (expected.size() == 0) {
                continue;
            }
            Run r = run("analyze", "--format", "json", captures.resolve(e.getKey()).toString());
            Map<String, JsonNode> ours = new java.util.HashMap<>();
            for (JsonNode s : r.json().get("streams")) {
                ours.put(s.get("src").asText() + ">" + s.get("dst").asText() + "/" + s.get("ssrc").asText(), s);
            }
            for (JsonNode x : expected) {
                String key = x.get("src").asText() + ">" + x.get("dst").asText() + "/" + x.get("ssrc").asText();
                JsonNode s = ours.get(key);
                String where = e.getKey() + " " + key;
                if (s == null) {
                    problems.add(where + ": missing");
                    continue;
                }
                compared++;
                if (s.get("packets").asLong() != x.get("packets").asLong()) {
                    problems.add(where + ": packets " + s.get("packets") + " != " + x.get("packets"));
                }
                if (s.get("lost").asLong() != x.get("lost").asLong()) {
                    problems.add(where + ": lost " + s.get("lost") + " != " + x.get("lost"));
                }
                if (Math.abs(s.get("max_delta_ms").asDouble() - x.get("max_delta_ms").asDouble()) > 0.0015) {
                    problems.add(where + ": max delta " + s.get("max_delta_ms") + " != " + x.get("max_delta_ms"));
                }
                if (Math.abs(s.get("max_jitter_ms").asDouble() - x.get("max_jitter_ms").asDouble()) > 0.01
                        || Math.abs(s.get("mean_jitter_ms").asDouble() - x.get("mean_jitter_ms").asDouble()) > 0.01) {
                    problems.add(where + ": jitter " + s.get("max_jitter_ms") + "/" + s.get("mean_jitter_ms")
                            + " != " + x.get("max_jitter_ms") + "/" + x.get("mean_jitter_ms"));
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(compared).isGreaterThan(50);
    }

    private static Map<String, List<String>> diagnosticsByCaller(JsonNode root) {
        Map<String, List<String>> out = new java.util.HashMap<>();
        for (JsonNode c : root.get("calls")) {
            List<String> codes = new ArrayList<>();
            c.get("diagnostics").forEach(d -> codes.add(d.get("code").asText() + "/" + d.get("severity").asText()));
            out.put(c.get("from").asText().replaceAll("^.*?sips?:", "").replaceAll("@.*", ""), codes);
        }
        return out;
    }

    @Test
    void callDiagnosticsNameWhatTheScenarioBuilderPutInTheCalls() throws IOException {
        Run r = run("analyze", "--format", "json", sampleCaptures().resolve("calls-mixed.pcap").toString());
        Map<String, List<String>> d = diagnosticsByCaller(r.json());
        assertThat(d.get("alice")).as("a clean call").isEmpty();
        assertThat(d.get("ivan")).as("2 %% bursty loss, 20 ms jitter").contains("HIGH_LOSS/warning", "LOW_MOS/error");
        assertThat(d.get("gina")).as("503 after a retransmitted INVITE")
                .containsExactlyInAnyOrder("SERVER_ERROR/error", "SIP_RETRANSMISSIONS/info");
        assertThat(d.get("vera")).as("caller behind NAT")
                .containsExactlyInAnyOrder("PRIVATE_SDP_ADDRESS/warning", "RTP_SOURCE_MISMATCH/warning");
        assertThat(d.get("carol")).as("busy is not a fault").isEmpty();
        for (JsonNode c : r.json().get("calls")) {
            if (c.get("kind").asText().equals("call") && c.get("answer_time").isTextual()) {
                assertThat(c.get("streams").size()).as(c.get("from").asText()).isEqualTo(2);
                assertThat(c.get("mos").isNumber()).isTrue();
            }
        }
    }

    @Test
    void oneWayAudioInARealCaptureIsDiagnosed() throws IOException {
        JsonNode root = run("analyze", "--format", "json", shared().resolve("sipnab/sip-rtp-g711.pcap").toString()).json();
        for (JsonNode c : root.get("calls")) {
            assertThat(c.get("diagnostics").get(0).get("code").asText()).isEqualTo("ONE_WAY_AUDIO");
            assertThat(c.get("diagnostics").get(0).get("text").asText()).contains("nothing reached the callee");
            assertThat(c.get("streams").size()).isEqualTo(1);
        }
    }

    private static void fieldNames(JsonNode node, java.util.Set<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(e.getKey());
                fieldNames(e.getValue(), out);
            }
        } else if (node.isArray()) {
            node.forEach(n -> fieldNames(n, out));
        }
    }

    @Test
    void everyJsonFieldPrintedIsDocumentedInJsonMd() throws IOException {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String sample : new String[] {"calls-mixed.pcap", "call-transfer.pcap", "b2bua-xcallid.pcap"}) {
            fieldNames(run("analyze", "--format", "json", sampleCaptures().resolve(sample).toString()).json(), names);
        }
        names.removeIf(n -> n.equals(n.toUpperCase(java.util.Locale.ROOT)) || n.matches("[A-Z0-9_]+"));
        String doc = Files.readString(Path.of(System.getProperty("sipscope.root", "..")).resolve("docs/JSON.md"));
        List<String> undocumented = names.stream()
                .filter(n -> !doc.contains("`" + n + "`") && !doc.contains(n + ",") && !doc.contains(", " + n))
                .filter(n -> !n.matches("[A-Z]+[0-9]*"))
                .toList();
        assertThat(undocumented).as("fields missing from docs/JSON.md").isEmpty();
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

    static Path sampleCaptures() {
        return Path.of(System.getProperty("sipscope.root", "..")).resolve("samples").resolve("captures");
    }

    @Test
    void sipMessagesAndCallsEqualTsharkForEveryCaptureWithSip() throws IOException {
        Path captures = shared();
        JsonNode files = JSON.readTree(captures.resolve("reference.json").toFile()).get("files");
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode ref = e.getValue();
            String needs = ref.path("needs").asText("");
            if (ref.get("sip_messages").asLong() == 0 && needs.isEmpty()) {
                continue;
            }
            if (e.getKey().equals("hep-wireshark/hep3_compressed.pcap.pcapng")) {
                // tshark's hep.lua does not inflate compressed HEP (0); see correlator's CorpusCallsTest.
                continue;
            }
            List<String> args = new ArrayList<>(List.of("analyze", "--format", "json"));
            if (needs.equals("sip-on-tcp-6060")) {
                args.addAll(List.of("--sip-port", "5060,6060"));
            }
            args.add(captures.resolve(e.getKey()).toString());
            Run r = run(args.toArray(String[]::new));
            JsonNode json = r.json();
            long messages = json.get("capture").get("sip_messages").asLong();
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (JsonNode c : json.get("calls")) {
                ids.add(c.get("call_id").asText());
            }
            if (messages != ref.get("sip_messages").asLong() || ids.size() != ref.get("sip_call_ids").asLong()) {
                mismatches.add(e.getKey() + ": " + messages + " messages, " + ids.size() + " Call-IDs; tshark "
                        + ref.get("sip_messages") + ", " + ref.get("sip_call_ids"));
            }
            checked++;
        }
        assertThat(mismatches).isEmpty();
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void jsonCallsHaveTheDocumentedFields() throws IOException {
        Run r = run("analyze", "--format", "json", sampleCaptures().resolve("calls-mixed.pcap").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = r.json();
        assertThat(json.get("capture").get("sip_messages").asLong()).isEqualTo(88);
        assertThat(json.get("capture").get("sip_malformed").asLong()).isZero();
        JsonNode calls = json.get("calls");
        assertThat(calls.size()).isEqualTo(13);
        JsonNode first = calls.get(0);
        assertThat(first.fieldNames()).toIterable().contains("call_id", "kind", "from", "to", "caller", "callee", "state",
                "final_status", "reason", "start_time", "answer_time", "end_time", "post_dial_delay_ms", "setup_time_ms",
                "duration_s", "messages", "retransmissions", "dialogs", "hangup_by", "linked_calls", "user_agent");
        assertThat(first.get("kind").asText()).isEqualTo("call");
        assertThat(first.get("state").asText()).isEqualTo("completed");
        assertThat(first.get("final_status").asInt()).isEqualTo(200);
        assertThat(first.get("hangup_by").asText()).isEqualTo("caller");
        assertThat(first.get("duration_s").asDouble()).isEqualTo(3.0);
        assertThat(first.get("start_time").asText()).isEqualTo("2026-01-15T10:00:00Z");
        JsonNode register = calls.get(1);
        assertThat(register.get("kind").asText()).isEqualTo("register");
        assertThat(register.get("state").asText()).isEqualTo("registered");
        assertThat(register.get("expires_s").asLong()).isEqualTo(3600);
        assertThat(register.get("post_dial_delay_ms").isNull()).isTrue();
    }

    @Test
    void textCallsTableFitsEightyColumnsAndShowsNoControlCharacters() throws IOException {
        List<Path> inputs = new ArrayList<>(List.of(sampleCaptures().resolve("calls-mixed.pcap")));
        Path captures = Path.of(System.getProperty("sipscope.shared", "../../shared"), "captures");
        if (Files.isDirectory(captures)) {
            for (String f : new String[] {"sipnab/c07-sip-r2.cap", "sngrep/aaa.pcap", "sipnab/sipp-branch-scenario.pcapng",
                "zeek/sip-long-request-response-paths.pcap", "sipnab/metasploit-sip-invite-spoof.pcap"}) {
                inputs.add(captures.resolve(f));
            }
        }
        for (Path in : inputs) {
            Run r = run("analyze", in.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            String calls = r.out().substring(r.out().indexOf("Calls: "));
            assertThat(calls.lines()).as(in.toString()).allSatisfy(line -> {
                assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
                assertThat(line.chars()).noneMatch(c -> c < 0x20 || c == 0x7f);
            });
        }
        Run mixed = run("analyze", sampleCaptures().resolve("calls-mixed.pcap").toString());
        assertThat(mixed.out()).contains("SIP messages", "Calls: 13 (12 call, 1 register)")
                .containsPattern("10:00:00 INV  alice@10\\.0\\.1\\.1 +bob@10\\.0\\.2\\.1 +completed +200 +0\\.05s +3\\.00s");
    }

    @Test
    void badPortsAreUsageErrors() {
        Run r = run("analyze", "--sip-port", "70000", sampleCaptures().resolve("calls-mixed.pcap").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("sipscope: --sip-port: 70000 is not a port");
        assertThat(run("analyze", "--hep-port", "-1", "x").exitCode()).isEqualTo(ExitCodes.USAGE);
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
