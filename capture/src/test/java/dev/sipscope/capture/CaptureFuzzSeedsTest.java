package dev.sipscope.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The seed corpus of {@link CaptureReaderFuzzTest}: small valid files of every variant the readers
 * accept, named {@code seed-*}; crash inputs found later sit beside them under descriptive names.
 *
 * <p>{@link #regenerate()} rewrites the seeds (run it with {@code -Dsipscope.fuzz.regenerateSeeds=true}).
 * Real frames come from permissively licensed captures of the shared corpus (sipnab: MIT or
 * Apache-2.0; pkts: MIT); the variants (byte orders, versions, resolutions, block types) are built
 * with the test builders. {@link #committedSeedsAreWholeValidCaptures()} checks on every build that
 * each committed seed still opens and reads to its end without damage (a seed may still
 * carry what a reader skips with a warning, such as a NetMon frame of an unknown medium).
 */
class CaptureFuzzSeedsTest {
    private static final String INPUTS = "dev/sipscope/capture/CaptureReaderFuzzTestInputs/";
    private static final String[] TARGETS = {"pcap", "pcapng", "netmon"};
    private static final long T0 = 1_700_000_000L;

    @Test
    @EnabledIfSystemProperty(named = "sipscope.fuzz.regenerateSeeds", matches = "true")
    void regenerate() throws IOException {
        Path root = Paths.get(System.getProperty("sipscope.root", ".."));
        Path shared = Paths.get(System.getProperty("sipscope.shared", "../shared")).resolve("captures");
        Path resources = root.resolve("capture/src/test/resources").resolve(INPUTS);
        write(resources.resolve("pcap"), pcapSeeds(shared));
        write(resources.resolve("pcapng"), pcapngSeeds(shared));
        write(resources.resolve("netmon"), netmonSeeds(shared));
    }

    @Test
    void committedSeedsAreWholeValidCaptures() throws IOException {
        for (String target : TARGETS) {
            List<Path> seeds = committed(INPUTS + target);
            assertThat(seeds).as(target).hasSizeGreaterThanOrEqualTo(3);
            for (Path seed : seeds) {
                try (FrameSource source = CaptureFiles.open(seed)) {
                    Reads.Result r = Reads.drain(source);
                    assertThat(r.frames()).as("%s", seed).isNotEmpty();
                    assertThat(r.truncated()).as("%s: %s", seed, r.warnings()).isFalse();
                }
            }
        }
    }

    private static List<Path> committed(String dir) throws IOException {
        java.net.URL url = CaptureFuzzSeedsTest.class.getClassLoader().getResource(dir);
        assertThat(url).as("seed directory %s on the test class path", dir).isNotNull();
        try (Stream<Path> files = Files.list(Paths.get(java.net.URI.create(url.toString())))) {
            return files.filter(p -> p.getFileName().toString().startsWith("seed-")).sorted().toList();
        }
    }

    private static void write(Path dir, Map<String, byte[]> seeds) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                if (p.getFileName().toString().startsWith("seed-")) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
            Files.write(dir.resolve("seed-" + e.getKey()), e.getValue());
        }
    }

    private static List<Frame> frames(Path file, int count) throws IOException {
        List<Frame> frames = new ArrayList<>();
        try (FrameSource source = CaptureFiles.open(file)) {
            for (Frame f = source.next(); f != null && frames.size() < count; f = source.next()) {
                frames.add(f.copy());
            }
        }
        return frames;
    }

    private static byte[] pcap(List<Frame> frames, int linkType, boolean nanosecond) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, linkType, 65535, nanosecond)) {
            for (Frame f : frames) {
                w.write(f);
            }
        }
        return out.toByteArray();
    }

    static Map<String, byte[]> pcapSeeds(Path shared) throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        byte[] register = Files.readAllBytes(shared.resolve("sipnab/sip-register.pcap"));
        seeds.put("sipnab-sip-register.pcap", register);
        seeds.put("pkts-sipp-sll-first2.pcap", pcap(frames(shared.resolve("pkts/sipp_sll.pcap"), 2),
                LinkType.LINUX_SLL, false));
        seeds.put("sipnab-h263-null-first2-nanosecond.pcap", pcap(frames(shared.resolve("sipnab/h263-over-rtp.pcap"), 2),
                LinkType.NULL, true));
        List<Frame> two = frames(shared.resolve("sipnab/sip-register.pcap"), 2);
        byte[] a = two.get(0).bytes();
        byte[] b = two.get(1).bytes();
        seeds.put("big-endian-modified.pcap", new PcapBuilder(true, PcapReader.MAGIC_MODIFIED, LinkType.ETHERNET, 65535)
                .record(T0, 1, a, a.length).record(T0, 2, b, b.length).build());
        seeds.put("big-endian-version-2-2-swapped-lengths.pcap",
                new PcapBuilder(true, PcapReader.MAGIC_NANOS, 2, 2, LinkType.ETHERNET, 65535)
                        .record(T0, 1, a.length + 100, a.length, a).record(T0, 2, b.length, b.length, b).build());
        seeds.put("version-2-3-maybe-swapped.pcap",
                new PcapBuilder(false, PcapReader.MAGIC_MICROS, 2, 3, LinkType.ETHERNET, 65535)
                        .record(T0, 1, a.length + 4, a.length, a).record(T0, 2, b.length, b.length + 4, b).build());
        seeds.put("snaplen-0-cut-record-fcs-bits.pcap",
                new PcapBuilder(false, PcapReader.MAGIC_MICROS, 0x1000_0000 | LinkType.ETHERNET, 0)
                        .record(T0, 999_999, java.util.Arrays.copyOf(a, 60), a.length)
                        .record(0xffff_ffffL, 0, new byte[0], 0).build());
        seeds.put("sipnab-sip-register.pcap.gz", CaptureFilesTest.gzip(register));
        return seeds;
    }

    static Map<String, byte[]> pcapngSeeds(Path shared) throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        Path authFailure = shared.resolve("sipnab/sip-auth-failure.pcapng");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out)) {
            for (Frame f : frames(authFailure, 3)) {
                w.write(f);
            }
        }
        seeds.put("sipnab-sip-auth-failure-first3.pcapng", out.toByteArray());

        List<Frame> two = frames(shared.resolve("sipnab/sip-register.pcap"), 2);
        byte[] a = two.get(0).bytes();
        byte[] b = java.util.Arrays.copyOf(two.get(1).bytes(), 200);
        PcapngBuilder builder = new PcapngBuilder().section(false);
        builder.idb(LinkType.ETHERNET, 0, builder.options().string(2, "eth0").string(3, "uplink")
                        .u8(9, 0x80 | 20).i64(14, 3600).end())
                .epb(0, 1_700_000_000L << 20, a, a.length)
                .spb(b.length + 10, b)
                .block(4, new byte[] {1, 0, 8, 0, 10, 0, 0, 1, 'h', 'o', 's', 't', 0, 0, 0, 0, 0, 0, 0, 0})
                .block(5, new byte[16])
                .block(0x0000_0BAD, new byte[8])
                .section(true).idb(LinkType.RAW, 1500).idb(LinkType.LINUX_SLL, 0, builder.options().u8(9, 3).end())
                .pb(1, 0, 1_700_000_000_000L, b, b.length)
                .epbRaw(0, 1_700_000_000_000_000L, 40, 1500, java.util.Arrays.copyOfRange(a, 14, 54));
        seeds.put("two-sections-both-byte-orders-all-block-types.pcapng", builder.build());
        seeds.put("sipnab-sip-auth-failure-first3.pcapng.gz", CaptureFilesTest.gzip(out.toByteArray()));
        return seeds;
    }

    static Map<String, byte[]> netmonSeeds(Path shared) throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        List<Frame> protos = frames(shared.resolve("sipnab/c07-sip-r2.cap"), 3);
        NetmonBuilder v20 = new NetmonBuilder(2, 0, 1, 2005, 7, 17, 15, 39, 20, 502);
        long delta = 0;
        for (Frame f : protos) {
            v20.frame(delta, f.bytes());
            delta += 1500;
        }
        seeds.put("sipnab-c07-first3-v2-0.cap", v20.build());

        byte[] a = protos.get(0).bytes();
        byte[] ip = java.util.Arrays.copyOfRange(a, 14, a.length);
        seeds.put("v1-1-two-frames.cap", new NetmonBuilder(1, 1, 1, 2010, 1, 2, 3, 4, 5, 6)
                .frame(0, a).frame(20, a.length + 10, a, 0, 0).build());
        NetmonBuilder v23 = new NetmonBuilder(2, 3, 1, 2020, 12, 31, 23, 59, 59, 999)
                .frame(0, a.length, a, 0, 0)
                .frame(10, ip.length, ip, 8, 132_500_000_000_000_000L)
                .frame(20, a.length, a, 0xE000, 0);
        seeds.put("v2-3-trailers-raw-ip-and-skipped-media.cap", v23.build());
        NetmonBuilder v21 = new NetmonBuilder(2, 1, 8, 1999, 6, 30, 0, 0, 0, 0)
                .frame(0, ip.length, ip, 0, 0).frame(5, ip.length, ip, 1, 0);
        List<Integer> reversed = new ArrayList<>(v21.offsets());
        Collections.reverse(reversed);
        seeds.put("v2-1-index-in-reverse-order.cap", v21.build(reversed));
        return seeds;
    }
}
