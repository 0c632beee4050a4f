package dev.sipscope.correlator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipscope.correlator.call.CallSummary;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Inflater;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every capture of the shared corpus (skipped when {@code sipscope.shared} does not point at it)
 * through {@link CaptureAnalysis} and the {@link Engine}: the SIP messages correlated and the calls
 * (distinct Call-IDs) must be what tshark 4.0.17 found ({@code reference.json}).
 *
 * <p>What tshark counts, and how we match it: {@code sip_messages} are the messages that carry a
 * Call-ID (tshark also dissects the header-less {@code SIP/2.0 200 OK} probes of
 * {@code sipnab/udp_5060.pcap} and the junk-prefixed REGISTER of {@code zeek/sip-junk-before-request.pcap},
 * but they have no Call-ID and are not in its count; the engine reports them as malformed,
 * {@code missing_call_id}). Files marked {@code needs: hep} are read with HEP on UDP 9060 (the default),
 * {@code sip-on-tcp-6060} with 6060 added to the SIP ports, and {@code tls-no-key} must give nothing.
 *
 * <p>One explained difference: {@code hep-wireshark/hep3_compressed.pcap.pcapng} carries its SIP in
 * zlib-compressed HEP3 payloads. tshark's hep.lua does not inflate them and reports 0; the engine
 * inflates them and finds the 21 messages (REGISTERs and their responses) of one Call-ID, which an
 * independent walk of the HEP chunks with {@code java.util.zip.Inflater} confirms (below).
 */
class CorpusCallsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the engine knowingly differs from tshark: expected messages and Call-IDs. */
    private static final Map<String, long[]> EXPLAINED = Map.of(
            "hep-wireshark/hep3_compressed.pcap.pcapng", new long[] {21, 1});

    static Path corpus() {
        Path dir = Path.of(System.getProperty("sipscope.shared", "../../shared"), "captures");
        assumeTrue(Files.isRegularFile(dir.resolve("reference.json")),
                "the shared capture corpus is not at " + dir.toAbsolutePath() + ": skipped");
        return dir;
    }

    static EngineConfig configFor(String needs) {
        return "sip-on-tcp-6060".equals(needs) ? EngineConfig.DEFAULTS.withSipPorts(5060, 6060) : EngineConfig.DEFAULTS;
    }

    @TestFactory
    List<DynamicTest> sipMessagesAndCallIdsEqualTshark() throws IOException {
        Path dir = corpus();
        JsonNode files = JSON.readTree(dir.resolve("reference.json").toFile()).get("files");
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode ref = e.getValue();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Path file = dir.resolve(name);
                assumeTrue(Files.isRegularFile(file), name + " not found");
                Engine engine = Analysis.run(file, configFor(ref.path("needs").asText(null)));
                EngineSnapshot s = engine.snapshot();
                long[] expected = EXPLAINED.getOrDefault(name,
                        new long[] {ref.get("sip_messages").asLong(), ref.get("sip_call_ids").asLong()});
                assertThat(new long[] {s.sipMessages(), s.callsSeen()})
                        .as("%s: SIP messages / distinct Call-IDs (malformed %s)", name, s.sipMalformedReasons())
                        .containsExactly(expected);
                assertThat(s.calls()).hasSize((int) s.callsSeen());
                long perCall = 0;
                for (CallSummary c : s.calls()) {
                    perCall += c.messageCount() + c.retransmissions();
                    assertThat(c.state()).isNotNull();
                    assertThat(c.kind()).isNotNull();
                }
                assertThat(perCall).as("every message belongs to exactly one call").isEqualTo(s.sipMessages());
            }));
        }
        return tests;
    }

    /**
     * The explained difference, checked independently: walk the HEP3 chunks of every frame of the
     * compressed file ("HEP3", total length, then vendor/type/length chunks), inflate the compressed
     * payload chunks (type 0x10) with {@link Inflater}, and count SIP messages and Call-IDs.
     */
    @Test
    void compressedHepHoldsWhatTheEngineFinds() throws Exception {
        Path file = corpus().resolve("hep-wireshark/hep3_compressed.pcap.pcapng");
        assumeTrue(Files.isRegularFile(file));
        int messages = 0;
        java.util.Set<String> callIds = new java.util.HashSet<>();
        try (FrameSource in = CaptureFiles.open(file)) {
            for (Frame f = in.next(); f != null; f = in.next()) {
                byte[] b = f.bytes();
                int hep = indexOf(b, "HEP3".getBytes(StandardCharsets.US_ASCII));
                if (hep < 0) {
                    continue;
                }
                int total = Math.min(((b[hep + 4] & 0xff) << 8) | (b[hep + 5] & 0xff), b.length - hep);
                for (int k = 6; k + 6 <= total; ) {
                    int type = ((b[hep + k + 2] & 0xff) << 8) | (b[hep + k + 3] & 0xff);
                    int len = ((b[hep + k + 4] & 0xff) << 8) | (b[hep + k + 5] & 0xff);
                    if (len < 6 || k + len > total) {
                        break;
                    }
                    if (type == 16) {
                        Inflater inflater = new Inflater();
                        inflater.setInput(b, hep + k + 6, len - 6);
                        byte[] out = new byte[65536];
                        String sip = new String(out, 0, inflater.inflate(out), StandardCharsets.UTF_8);
                        inflater.end();
                        if (sip.startsWith("SIP/2.0 ") || sip.substring(0, sip.indexOf("\r\n")).endsWith(" SIP/2.0")) {
                            messages++;
                        }
                        for (String line : sip.split("\r\n")) {
                            if (line.regionMatches(true, 0, "Call-ID:", 0, 8)) {
                                callIds.add(line.substring(8).trim());
                            }
                        }
                    }
                    k += len;
                }
            }
        }
        assertThat(new long[] {messages, callIds.size()}).containsExactly(EXPLAINED.get(
                "hep-wireshark/hep3_compressed.pcap.pcapng"));
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void tlsWithoutKeyGivesNoCalls() throws IOException {
        Path file = corpus().resolve("sngrep/tlssaved.pcap");
        assumeTrue(Files.isRegularFile(file));
        EngineSnapshot s = Analysis.run(file, EngineConfig.DEFAULTS).snapshot();
        assertThat(s.sipMessages()).isZero();
        assertThat(s.calls()).isEmpty();
    }

}
