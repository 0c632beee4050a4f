package dev.sipscope.quality.corpus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipscope.quality.QualityConfig;
import dev.sipscope.quality.StreamSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every RTP stream {@code tshark -q -z rtp,streams} (4.0.17, heuristic RTP on) lists for the shared
 * corpus (reference.json {@code rtp_streams}) must be found with the same source, destination and
 * SSRC, with the same packet count, lost and max delta (as printed, 3 decimals) and mean/max jitter
 * within 0.01 ms. SDP in the captures is declared to the engine the way tshark sets up RTP
 * conversations from SDP; everything else must be found by the heuristic.
 *
 * <p>Where tshark 4.0 is wrong — it counts an extra sequence cycle when a packet from before a wrap
 * arrives after it — our {@code lost} follows RFC 3550's extended sequence numbers instead; such a
 * stream is checked against tshark's own figure through {@code ws40.lost()} and against the corrected
 * count, and reported. Skips when the shared corpus is absent.
 */
class TsharkConformanceTest {

    static Path captures() {
        Path dir = Paths.get(System.getProperty("sipscope.shared", "../shared"), "captures");
        assumeTrue(Files.isRegularFile(dir.resolve("reference.json")),
                "shared capture corpus not found at " + dir.toAbsolutePath() + " (set -Dsipscope.shared); skipping");
        return dir;
    }

    @TestFactory
    Stream<DynamicTest> everyTsharkStreamIsFoundWithTheSameFigures() throws IOException {
        Path dir = captures();
        JsonNode files = new ObjectMapper().readTree(dir.resolve("reference.json").toFile()).get("files");
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode ref = e.getValue().get("rtp_streams");
            if (ref == null || ref.isEmpty()) {
                continue;
            }
            String name = e.getKey();
            tests.add(DynamicTest.dynamicTest(name, () -> check(dir.resolve(name), ref)));
        }
        return tests.stream();
    }

    static void check(Path file, JsonNode ref) throws IOException {
        assumeTrue(Files.isRegularFile(file), "capture " + file + " missing");
        CaptureRun run = CaptureRun.of(file, QualityConfig.DEFAULTS);
        Map<String, StreamSummary> ours = new HashMap<>();
        for (StreamSummary s : run.summaries()) {
            ours.put(s.src() + " " + s.dst() + " " + s.ssrcHex(), s);
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode r : ref) {
            String key = r.get("src").asText() + " " + r.get("dst").asText() + " " + r.get("ssrc").asText().toLowerCase();
            StreamSummary s = ours.get(key);
            if (s == null) {
                problems.add("missing stream " + key + " (" + r.get("packets").asLong() + " packets, "
                        + r.get("payload").asText() + ")");
                continue;
            }
            long packets = r.get("packets").asLong();
            long lost = r.get("lost").asLong();
            double maxDelta = r.get("max_delta_ms").asDouble();
            double meanJitter = r.get("mean_jitter_ms").asDouble();
            double maxJitter = r.get("max_jitter_ms").asDouble();
            if (s.packets() != packets) {
                problems.add(key + ": packets " + s.packets() + " vs tshark " + packets);
            }
            if (s.lost() != lost) {
                if (s.ws40().lost() == lost) {
                    problems.add(key + ": lost " + s.lost() + " (RFC 3550 cycles) differs from tshark " + lost
                            + " (extra cycle) -- accepted");
                } else {
                    problems.add(key + ": lost " + s.lost() + " (tshark-exact " + s.ws40().lost() + ") vs tshark " + lost);
                }
            }
            if (Math.round(s.maxDeltaMs() * 1000) != Math.round(maxDelta * 1000)) {
                problems.add(key + ": max delta " + s.maxDeltaMs() + " vs tshark " + maxDelta);
            }
            if (Math.abs(s.meanJitterMs() - meanJitter) > 0.01) {
                problems.add(key + ": mean jitter " + s.meanJitterMs() + " vs tshark " + meanJitter);
            }
            if (Math.abs(s.maxJitterMs() - maxJitter) > 0.01) {
                problems.add(key + ": max jitter " + s.maxJitterMs() + " vs tshark " + maxJitter);
            }
        }
        List<String> real = problems.stream().filter(p -> !p.endsWith("-- accepted")).toList();
        problems.stream().filter(p -> p.endsWith("-- accepted")).forEach(p -> System.out.println(file + ": " + p));
        if (!real.isEmpty()) {
            StringBuilder sb = new StringBuilder(file + ":\n");
            real.forEach(p -> sb.append("  ").append(p).append('\n'));
            sb.append("  ours:\n");
            for (StreamSummary s : run.summaries()) {
                sb.append("    ").append(s.src()).append(' ').append(s.dst()).append(' ').append(s.ssrcHex())
                        .append(' ').append(s.binding()).append(" pkts=").append(s.packets()).append(" lost=")
                        .append(s.lost()).append(" maxD=").append(s.maxDeltaMs()).append(" meanJ=")
                        .append(s.meanJitterMs()).append(" maxJ=").append(s.maxJitterMs()).append(" pt=")
                        .append(s.codec().payloadNames()).append('\n');
            }
            throw new AssertionError(sb.toString());
        }
    }
}
