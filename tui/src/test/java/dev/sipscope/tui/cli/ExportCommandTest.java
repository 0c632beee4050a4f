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
    void withRtpIsTheDefaultSpelledOutAndExcludesSipOnly(@TempDir Path dir) throws IOException {
        JsonNode original = analyze(MIXED);
        String id = original.get("calls").get(0).get("call_id").asText();
        Path plain = dir.resolve("plain.pcap");
        Path withRtp = dir.resolve("with-rtp.pcap");
        assertThat(AnalyzeCsvTest.run("export", MIXED, "--call", id, "-w", plain.toString()).exitCode()).isZero();
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("export", MIXED, "--call", id, "--with-rtp", "-w", withRtp.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(withRtp)).isEqualTo(Files.readAllBytes(plain));
        assertThat(streamPackets(analyze(withRtp.toString()), id)).isEqualTo(streamPackets(original, id)).isPositive();

        Path both = dir.resolve("both.pcap");
        AnalyzeCsvTest.Run clash = AnalyzeCsvTest.run("export", MIXED, "--call", id, "--with-rtp", "--sip-only", "-w",
                both.toString());
        assertThat(clash.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(clash.err()).contains("mutually exclusive");
        assertThat(both).doesNotExist();
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
    void aCallLeftOutUnderMaxCallsIsNamedAsSuchAndTheDefaultKeepsAsManyAsAnalyze(@TempDir Path dir) throws IOException {
        JsonNode report = analyze(MIXED);
        String first = report.get("calls").get(0).get("call_id").asText();
        Path out = dir.resolve("x.pcap");
        AnalyzeCsvTest.Run tight = AnalyzeCsvTest.run("export", MIXED, "--call", first, "--max-calls", "2",
                "-w", out.toString());
        assertThat(tight.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(tight.err()).contains("no call with Call-ID '" + first + "'")
                .contains("were left out to bound memory").contains("raise --max-calls");
        assertThat(Files.exists(out)).isFalse();
        AnalyzeCsvTest.Run bad = AnalyzeCsvTest.run("export", MIXED, "--call", first, "--max-calls", "0",
                "-w", out.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--max-calls: must be at least 1, got 0");
        AnalyzeCsvTest.Run help = AnalyzeCsvTest.run("export", "--help");
        assertThat(help.out()).contains("--max-calls=N").contains("default: 250000");
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

    private static java.util.Set<String> callIds(JsonNode report) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        report.get("calls").forEach(c -> out.add(c.get("call_id").asText()));
        return out;
    }

    private static String linkedLegOf(JsonNode report, String callId) {
        return call(report, callId).get("linked_calls").get(0).get("call_id").asText();
    }

    /** Both legs, with exactly their messages and RTP, and nothing else. */
    private static void assertHoldsExactly(JsonNode original, JsonNode exported, java.util.Set<String> ids) {
        assertThat(callIds(exported)).isEqualTo(ids);
        long sip = 0;
        long rtp = 0;
        for (String id : ids) {
            JsonNode before = call(original, id);
            JsonNode after = call(exported, id);
            assertThat(after.get("state")).as(id).isEqualTo(before.get("state"));
            assertThat(after.get("messages")).as(id).isEqualTo(before.get("messages"));
            assertThat(after.get("retransmissions")).as(id).isEqualTo(before.get("retransmissions"));
            assertThat(streamPackets(exported, id)).as(id).isEqualTo(streamPackets(original, id)).isPositive();
            sip += before.get("messages").asLong() + before.get("retransmissions").asLong();
            rtp += streamPackets(original, id);
        }
        assertThat(exported.get("capture").get("sip_messages").asLong()).isEqualTo(sip);
        long streamPackets = 0;
        for (JsonNode s : exported.get("streams")) {
            streamPackets += s.get("packets").asLong();
        }
        assertThat(streamPackets).isEqualTo(rtp);
        assertThat(exported.get("capture").get("frames").asLong()).isEqualTo(sip + rtp);
    }

    @Test
    void linkedExportsBothB2buaLegsWithExactlyTheirSipAndRtp(@TempDir Path dir) throws IOException {
        for (String sample : new String[] {"b2bua-xcallid.pcap", "b2bua-sdp.pcap"}) {
            String file = CAPTURES.resolve(sample).toString();
            JsonNode original = analyze(file);
            String legA = null;
            for (JsonNode c : original.get("calls")) {
                if (c.get("linked_calls").size() > 0) {
                    legA = c.get("call_id").asText();
                    break;
                }
            }
            assertThat(legA).as(sample).isNotNull();
            String legB = linkedLegOf(original, legA);
            Path out = dir.resolve(sample + ".pcapng");
            AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("export", file, "--call", legA, "--linked", "-w", out.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.err()).contains("of 2 calls (1 linked)");
            JsonNode exported = analyze(out.toString());
            assertHoldsExactly(original, exported, new java.util.TreeSet<>(List.of(legA, legB)));
            assertThat(original.get("calls").size()).as(sample + " has other calls left out").isGreaterThan(2);
            // without --linked, only the one leg
            Path single = dir.resolve(sample + ".one.pcap");
            assertThat(AnalyzeCsvTest.run("export", file, "--call", legA, "-w", single.toString()).exitCode()).isZero();
            assertThat(callIds(analyze(single.toString()))).containsExactly(legA);
        }
    }

    @Test
    void aCallOverTcpSplitAcrossSegmentsExportsEverySegmentOfItsMessages(@TempDir Path dir) throws IOException {
        // call-tcp.pcap: the INVITE and the 200 OK each span two segments; 100 and 180 share one
        String file = CAPTURES.resolve("call-tcp.pcap").toString();
        JsonNode original = analyze(file);
        String id = original.get("calls").get(0).get("call_id").asText();
        Path out = dir.resolve("tcp.pcap");
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("export", file, "--call", id, "-w", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode exported = analyze(out.toString());
        assertThat(exported.get("capture").get("sip_malformed").asLong()).isZero();
        assertThat(exported.get("capture").get("sip_messages")).isEqualTo(original.get("capture").get("sip_messages"));
        JsonNode after = call(exported, id);
        JsonNode before = call(original, id);
        for (String field : new String[] {"state", "final_status", "messages", "retransmissions", "post_dial_delay_ms",
                "setup_time_ms", "duration_s", "from", "to"}) {
            assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
        }
        // the eight segments with SIP payload (tshark: frames 4, 5, 7, 9, 10, 12, 414, 417), no bare ACKs
        assertThat(exported.get("capture").get("tcp_segments").asLong()).isEqualTo(8);
        assertThat(streamPackets(exported, id)).isEqualTo(streamPackets(original, id));
    }

    @Test
    void aFilterChoosesTheCallsAndCanBeAddedToCallIds(@TempDir Path dir) throws IOException {
        JsonNode original = analyze(MIXED);
        Path out = dir.resolve("busy.pcapng");
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("export", MIXED, "--filter", "state:busy", "-w", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode exported = analyze(out.toString());
        java.util.Set<String> busy = new java.util.TreeSet<>();
        for (JsonNode c : original.get("calls")) {
            if (c.get("state").asText().equals("busy")) {
                busy.add(c.get("call_id").asText());
            }
        }
        assertThat(busy).hasSize(2);
        assertThat(callIds(exported)).isEqualTo(busy);
        String first = original.get("calls").get(0).get("call_id").asText();
        Path both = dir.resolve("both.pcap");
        r = AnalyzeCsvTest.run("export", MIXED, "--filter", "state:busy", "--call", first, "-w", both.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        java.util.Set<String> union = new java.util.TreeSet<>(busy);
        union.add(first);
        assertThat(callIds(analyze(both.toString()))).isEqualTo(union);
    }

    @Test
    void aFilterMatchingNothingOrNoChoiceAtAllIsAUsageError(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("x.pcap");
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("export", MIXED, "--filter", "from:nobody", "-w", out.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("matches the filter 'from:nobody'; nothing written");
        r = AnalyzeCsvTest.run("export", MIXED, "-w", out.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("export needs --call CALL_ID or --filter EXPR");
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void linkedFollowsLinksTransitivelyInBothDirections() {
        dev.sipscope.correlator.call.CallSummary a = summary("a", "b");
        dev.sipscope.correlator.call.CallSummary b = summary("b");
        dev.sipscope.correlator.call.CallSummary c = summary("c", "b");
        dev.sipscope.correlator.call.CallSummary d = summary("d");
        java.util.Set<String> chosen = new java.util.LinkedHashSet<>(List.of("a"));
        ExportCommand.addLinked(chosen, List.of(a, b, c, d));
        assertThat(chosen).containsExactly("a", "b", "c");
    }

    private static dev.sipscope.correlator.call.CallSummary summary(String id, String... linkedTo) {
        List<dev.sipscope.correlator.call.CallLink> links = new ArrayList<>();
        for (String l : linkedTo) {
            links.add(new dev.sipscope.correlator.call.CallLink(l, 0, dev.sipscope.correlator.call.LinkKind.B2BUA_HEADER));
        }
        return new dev.sipscope.correlator.call.CallSummary(1, id, dev.sipscope.correlator.call.CallKind.CALL, null,
                null, null, null, dev.sipscope.correlator.call.CallState.COMPLETED, 200, null, 0, 0, 0, -1, -1, -1, -1,
                1, 0, 0, List.of(), null, links, null, false, 0, -1, List.of(), List.of(), 0);
    }
}
