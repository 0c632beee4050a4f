package dev.sipscope.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.decoder.PacketSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The seed corpus of {@link QualityEngineFuzzTest}: the RTP and RTCP of the project's own sample
 * captures, re-encoded in the target's record format (each capture's flows mapped onto the target's
 * eight flows, with their real timing), so that the fuzzer starts from streams that confirm, lose,
 * reorder, carry DTMF and RTCP reports. {@link #regenerate()} rewrites them (run it with
 * {@code -Dsipscope.fuzz.regenerateSeeds=true}); {@link #committedSeedsMakeStreams()} checks on
 * every build that the committed seeds still reach the engine's streams and RTCP.
 */
class QualityFuzzSeedsTest {
    static final String DIR = "dev/sipscope/quality/QualityEngineFuzzTestInputs/datagrams";
    private static final int MAX_SEED_BYTES = 4096;

    @Test
    @EnabledIfSystemProperty(named = "sipscope.fuzz.regenerateSeeds", matches = "true")
    void regenerate() throws IOException {
        Path root = Paths.get(System.getProperty("sipscope.root", ".."));
        Path dir = root.resolve("quality/src/test/resources").resolve(DIR);
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                if (p.getFileName().toString().startsWith("seed-")) {
                    Files.delete(p);
                }
            }
        }
        for (String capture : List.of("call-udp-g711", "rtp-impairments", "call-forked")) {
            Map<String, byte[]> seeds = seeds(root.resolve("samples/captures/" + capture + ".pcap"));
            for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
                assertThat(e.getValue().length).isLessThanOrEqualTo(MAX_SEED_BYTES);
                Files.write(dir.resolve("seed-" + capture + "-" + e.getKey()), e.getValue());
            }
        }
    }

    /**
     * Three or four seeds per capture: its first datagrams as they came, with declarations, with
     * expiry, and when it has RTCP every RTCP datagram with the first RTP packets and then one in 25 (long enough for
     * RTCP reports to match streams).
     */
    static Map<String, byte[]> seeds(Path capture) throws IOException {
        List<byte[]> payloads = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Integer> flows = new ArrayList<>();
        Map<String, Integer> flowOf = new LinkedHashMap<>();
        PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, new PacketSink() {
            @Override
            public void onDatagram(Packet p) {
                if (p.protocol != Packet.PROTO_UDP || p.payloadLength < 8 || ((p.data[p.payloadOffset] & 0xff) >>> 6) != 2) {
                    return;
                }
                String a = p.srcHi + "/" + p.srcLo + ":" + p.srcPort;
                String b = p.dstHi + "/" + p.dstLo + ":" + p.dstPort;
                String key = a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
                int pair = flowOf.computeIfAbsent(key, k -> flowOf.size() % 4);
                flows.add(pair << 1 | (a.compareTo(b) < 0 ? 0 : 1));
                byte[] copy = new byte[p.payloadLength];
                System.arraycopy(p.data, p.payloadOffset, copy, 0, p.payloadLength);
                payloads.add(copy);
                times.add(p.timestampNanos);
            }
        });
        try (FrameSource in = CaptureFiles.open(capture.toString())) {
            Frame f;
            while ((f = in.next()) != null) {
                decoder.decode(f);
            }
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("plain", encode(payloads, times, flows, 0, 1));
        out.put("declared", encode(payloads, times, flows, 0x10, 1));
        out.put("expiring", encode(payloads, times, flows, 0x40, 1));
        boolean anyRtcp = payloads.stream().anyMatch(p -> (p[1] & 0xff) >= 192 && (p[1] & 0xff) <= 223);
        if (anyRtcp) {
            out.put("rtcp", encode(payloads, times, flows, 0x10, 25));
        }
        return out;
    }

    /** RTCP is whole; RTP is cut to its header and 8 payload bytes (so a seed holds a few seconds). */
    private static byte[] encode(List<byte[]> payloads, List<Long> times, List<Integer> flows, int extra, int rtpEvery) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long last = times.isEmpty() ? 0 : times.get(0);
        int rtpSeen = 0;
        for (int i = 0; i < payloads.size(); i++) {
            byte[] p = payloads.get(i);
            int second = p[1] & 0xff;
            boolean rtcp = second >= 192 && second <= 223;
            // the first 20 RTP packets all (so that streams confirm), then one in rtpEvery
            if (!rtcp && rtpSeen++ >= 20 && rtpSeen % rtpEvery != 0) {
                continue;
            }
            int length = rtcp ? p.length : Math.min(p.length, 20);
            if (out.size() + 3 + Math.min(length, 255) > MAX_SEED_BYTES) {
                break;
            }
            long stepMs = Math.max(0, (times.get(i) - last) / 1_000_000);
            last = times.get(i);
            int timing = stepMs >= 40_000 ? 255 : (int) Math.min(254, stepMs / 5);
            int control = flows.get(i) | (i < 8 ? extra : extra & 0x40);
            QualityEngineFuzzTest.record(out, control, timing, p, 0, length);
        }
        return out.toByteArray();
    }

    @Test
    void committedSeedsMakeStreams() throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream list = getClass().getClassLoader().getResourceAsStream(DIR)) {
            assertThat(list).as("seed directory " + DIR).isNotNull();
            for (String line : new String(list.readAllBytes()).split("\n")) {
                if (line.startsWith("seed-")) {
                    names.add(line.strip());
                }
            }
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(6);
        long streams = 0;
        long rtcp = 0;
        for (String name : names) {
            byte[] seed;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(DIR + "/" + name)) {
                seed = in.readAllBytes();
            }
            assertThat(seed.length).as(name).isLessThanOrEqualTo(MAX_SEED_BYTES);
            new QualityEngineFuzzTest().datagrams(seed);
            QualityEngine engine = replay(seed);
            streams += engine.counters().streamsCreated();
            rtcp += engine.counters().rtcpDatagrams();
            assertThat(engine.counters().rtpPackets()).as(name).isPositive();
        }
        assertThat(streams).isGreaterThan(names.size());
        assertThat(rtcp).as("RTCP in the seeds").isPositive();
    }

    /** The datagrams of a seed through a default-sized engine (no declarations, no expiry). */
    private static QualityEngine replay(byte[] input) {
        QualityEngine engine = new QualityEngine(QualityConfig.DEFAULTS);
        long nanos = QualityEngineFuzzTest.START_NANOS;
        for (int at = 0; input.length - at >= 3; ) {
            int control = input[at] & 0xff;
            int timing = input[at + 1] & 0xff;
            int length = Math.min(input[at + 2] & 0xff, input.length - at - 3);
            nanos += timing == 255 ? 40_000_000_000L : timing * 5_000_000L;
            int pair = (control >> 1) & 3;
            boolean answer = (control & 1) != 0;
            long[] a = QualityEngineFuzzTest.address(pair, false, false);
            long[] b = QualityEngineFuzzTest.address(pair, true, false);
            long[] src = answer ? b : a;
            long[] dst = answer ? a : b;
            engine.onDatagram(nanos, src[0], src[1], answer ? 6000 + 2 * pair : 4000 + 2 * pair, dst[0], dst[1],
                    answer ? 4000 + 2 * pair : 6000 + 2 * pair, 4, input, at + 3, length);
            at += 3 + length;
        }
        return engine;
    }
}
