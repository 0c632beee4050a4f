package dev.sipscope.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every capture of the shared corpus (../shared/captures) against what tshark 4.0.17 reported in
 * reference.json. Skipped when the corpus is absent (property {@code sipscope.shared}).
 */
class CorpusConformanceTest {

    static Path capturesDir() {
        String shared = System.getProperty("sipscope.shared");
        assumeTrue(shared != null, "system property sipscope.shared is not set: no shared corpus to test against");
        Path dir = Path.of(shared, "captures");
        assumeTrue(Files.isRegularFile(dir.resolve("reference.json")),
                "shared capture corpus not found at " + dir + ": skipped");
        return dir;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> reference(Path dir) throws IOException {
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(
                Files.readString(dir.resolve("reference.json"), StandardCharsets.UTF_8));
        return (Map<String, Map<String, Object>>) root.get("files");
    }

    @TestFactory
    Stream<DynamicTest> everyCaptureHasTsharksFrameCountAndSurvivesARoundTrip() throws IOException {
        Path dir = capturesDir();
        Map<String, Map<String, Object>> reference = reference(dir);
        assertThat(reference).hasSizeGreaterThan(100);
        return reference.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Path file = dir.resolve(e.getKey());
            long expectedFrames = ((Number) e.getValue().get("frames")).longValue();
            List<Frame> frames;
            List<InterfaceInfo> interfaces;
            boolean classic;
            try (FrameSource source = CaptureFiles.open(file)) {
                Reads.Result r = Reads.drain(source);
                assertThat(r.truncated()).as("truncated").isFalse();
                assertThat(r.warnings()).isEmpty();
                assertThat(source.position()).isEqualTo(source.size());
                frames = r.frames();
                interfaces = r.interfaces();
                classic = source instanceof PcapReader;
            }
            assertThat((long) frames.size()).as("frames of %s", e.getKey()).isEqualTo(expectedFrames);

            ByteArrayOutputStream pcapng = new ByteArrayOutputStream();
            try (FrameSource source = CaptureFiles.open(file); PcapngWriter writer = new PcapngWriter(pcapng)) {
                CaptureFiles.copy(source, writer);
            }
            Reads.Result again = Reads.read(pcapng.toByteArray());
            RoundTripTest.assertSameFrames(again.frames(), frames);
            assertThat(again.interfaces()).isEqualTo(interfaces);

            if (classic) {
                ByteArrayOutputStream pcap = new ByteArrayOutputStream();
                try (FrameSource source = CaptureFiles.open(file);
                     PcapWriter writer = new PcapWriter(pcap, interfaces.get(0).linkType(), 262144, true)) {
                    CaptureFiles.copy(source, writer);
                }
                RoundTripTest.assertSameFrames(Reads.read(pcap.toByteArray()).frames(), frames);
            }
        }));
    }

    @Test
    void everyCaptureFileOnDiskIsInTheReference() throws IOException {
        Path dir = capturesDir();
        Map<String, Map<String, Object>> reference = reference(dir);
        List<String> onDisk;
        try (Stream<Path> walk = Files.walk(dir)) {
            onDisk = walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".pcap") || p.endsWith(".pcapng") || p.endsWith(".cap"))
                    .sorted().collect(Collectors.toList());
        }
        assertThat(onDisk).isNotEmpty();
        assertThat(reference.keySet()).containsAll(onDisk);
    }

    /** First and last frame times as capinfos/tshark print them (seconds.nanoseconds since the epoch). */
    @Test
    void firstAndLastTimestampsMatchWhatTsharkPrints() throws IOException {
        Path dir = capturesDir();
        String[][] known = {
                {"asterisk-testsuite/40msalaw.pcap", "1536696897.405179000", null},
                {"heplify/ipip0.pcap", "1774015992.783378000", null},
                {"ndpi/rtp.pcapng", "1332741131.936370000", "1643703821.596170000"},
                {"ndpi/stun_dtls_rtp.pcapng", null, "1710679657.948817353"},
                {"sipnab/sipp-branch-scenario.pcapng", "1479419555.303348707", "1479419688.603277042"},
                {"hep-wireshark/hep3_compressed.pcap.pcapng", "1502941090.317366997", "1502941090.723781897"},
                {"asterisk-testsuite/16_bit_48khz_60_fec_rtp.pcapng", "1482167074.843890000", "1482167134.826912000"},
                // Network Monitor 2.0; tshark run with TZ=UTC (it reads the header's start time as local time)
                {"sipnab/c07-sip-r2.cap", "1121614760.502000000", "1121614772.454000000"},
        };
        List<String> mismatches = new ArrayList<>();
        for (String[] k : known) {
            long first = Long.MIN_VALUE;
            long last = Long.MIN_VALUE;
            try (FrameSource source = CaptureFiles.open(dir.resolve(k[0]))) {
                Frame f;
                while ((f = source.next()) != null) {
                    if (first == Long.MIN_VALUE) {
                        first = f.timestampNanos();
                    }
                    last = f.timestampNanos();
                }
            }
            if (k[1] != null && !k[1].equals(epoch(first))) {
                mismatches.add(k[0] + " first " + epoch(first) + " != " + k[1]);
            }
            if (k[2] != null && !k[2].equals(epoch(last))) {
                mismatches.add(k[0] + " last " + epoch(last) + " != " + k[2]);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theMultiInterfaceCorpusFileKeepsItsTwoInterfaces() throws IOException {
        Path dir = capturesDir();
        try (FrameSource source = CaptureFiles.open(dir.resolve("ndpi/rtp.pcapng"))) {
            Reads.Result r = Reads.drain(source);
            assertThat(r.interfaces()).hasSize(2);
            assertThat(r.frames()).extracting(Frame::interfaceId).contains(0, 1);
        }
    }

    @Test
    void aCorpusFileReadThroughGzipAndAStreamIsTheSame() throws IOException {
        Path dir = capturesDir();
        Path file = dir.resolve("sipnab/sipp-branch-scenario.pcapng");
        byte[] raw = Files.readAllBytes(file);
        Reads.Result direct;
        try (FrameSource source = CaptureFiles.open(file)) {
            direct = Reads.drain(source);
        }
        Reads.Result viaGzip = Reads.read(CaptureFilesTest.gzip(raw), "corpus.gz");
        RoundTripTest.assertSameFrames(viaGzip.frames(), direct.frames());
        try (FrameSource source = CaptureFiles.open(new ByteArrayInputStream(raw), "stream")) {
            RoundTripTest.assertSameFrames(Reads.drain(source).frames(), direct.frames());
        }
    }

    static String epoch(long nanos) {
        return Math.floorDiv(nanos, 1_000_000_000L) + "." + String.format("%09d", Math.floorMod(nanos, 1_000_000_000L));
    }
}
