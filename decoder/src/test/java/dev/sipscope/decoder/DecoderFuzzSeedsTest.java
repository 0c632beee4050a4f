package dev.sipscope.decoder;

import static dev.sipscope.decoder.FrameScript.Writer.millis;
import static dev.sipscope.decoder.FrameScript.Writer.seconds;
import static dev.sipscope.decoder.FrameScript.Writer.secondsBack;
import static dev.sipscope.decoder.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.LinkType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The seed corpus of the decoder fuzz targets: small valid inputs that reach every layer, so that
 * the fuzzer starts deep instead of rediscovering Ethernet. Seeds are named {@code seed-*}; crash
 * inputs found later sit beside them under descriptive names.
 *
 * <p>{@link #regenerate()} rewrites the seeds (run it with {@code -Dsipscope.fuzz.regenerateSeeds=true});
 * real frames come from permissively licensed captures of the shared corpus (pkts: MIT; packetnet:
 * MPL-2.0; sipnab: MIT or Apache-2.0) and from the project's own {@code samples/captures}; layers that
 * those files lack (HEP, SCTP, tunnels, odd link types) are built with {@link TestFrames}.
 * {@link #committedSeedsReachTheirLayers()} checks on every build that the committed seeds still do
 * what they are for.
 */
class DecoderFuzzSeedsTest {
    static final String FRAMES_DIR = "dev/sipscope/decoder/PacketDecoderFuzzTestInputs/frames";
    static final String TCP_DIR = "dev/sipscope/decoder/TcpReassemblerFuzzTestInputs/segments";
    /** Seeds stay below libFuzzer's default input size limit, so the fuzzer keeps its default. */
    private static final int MAX_SEED_BYTES = 4096;

    private static final byte[] SIP = text("INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1\r\n"
            + "Call-ID: seed@example.com\r\nContent-Length: 0\r\n\r\n");

    @Test
    @EnabledIfSystemProperty(named = "sipscope.fuzz.regenerateSeeds", matches = "true")
    void regenerate() throws IOException {
        Path root = Paths.get(System.getProperty("sipscope.root", ".."));
        Path resources = root.resolve("decoder/src/test/resources");
        write(resources.resolve(FRAMES_DIR), frameSeeds(root));
        write(resources.resolve(TCP_DIR), TcpReassemblerFuzzTest.seeds());
    }

    private static void write(Path dir, Map<String, byte[]> seeds) throws IOException {
        for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
            assertThat(e.getValue().length).as(e.getKey()).isLessThanOrEqualTo(MAX_SEED_BYTES);
        }
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

    /** Every committed frames seed decodes to at least one payload, without an internal error. */
    @Test
    void committedSeedsReachTheirLayers() throws IOException {
        List<Path> seeds = committed(FRAMES_DIR);
        assertThat(seeds).hasSizeGreaterThanOrEqualTo(10);
        for (Path seed : seeds) {
            RecordingSink sink = new RecordingSink();
            PacketDecoder decoder = new PacketDecoder(PacketDecoderFuzzTest.CONFIG, sink);
            for (Frame f : FrameScript.frames(Files.readAllBytes(seed))) {
                decoder.decode(f);
            }
            decoder.finish();
            assertThat(decoder.stats().internalErrors()).as("%s", seed).isZero();
            assertThat(sink.datagrams.size() + sink.tcpData.size()).as("payloads of %s", seed).isPositive();
        }
    }

    static List<Path> committed(String dir) throws IOException {
        Path path;
        try {
            path = Paths.get(DecoderFuzzSeedsTest.class.getClassLoader().getResource(dir).toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new AssertionError("seed directory " + dir + " is not on the test class path", e);
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(p -> p.getFileName().toString().startsWith("seed-")).sorted().toList();
        }
    }

    // ------------------------------------------------------------------ frames seeds

    static Map<String, byte[]> frameSeeds(Path root) throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        Path shared = Paths.get(System.getProperty("sipscope.shared", "../shared")).resolve("captures");
        Path samples = root.resolve("samples/captures");

        seeds.put("pkts-sipp-ethernet-udp", fromCapture(shared.resolve("pkts/sipp.pcap"), 0, 4));
        seeds.put("pkts-sipp-sll-udp", fromCapture(shared.resolve("pkts/sipp_sll.pcap"), 0, 4));
        seeds.put("pkts-first-fragment-never-completed", fromCapture(shared.resolve("pkts/fragmented_udp_sip.pcap"), 0, 3));
        seeds.put("pkts-tcp-handshake-and-sip", fromCapture(shared.resolve("pkts/fragmented_tcp_sip.pcap"), 0, 3,
                9, 10, 11, 12, 13, 14, 15, 16, 17, 18));
        seeds.put("packetnet-ipv6-raw-rtp-rtcp", Bytes.concat(
                fromCapture(shared.resolve("packetnet/ipv6_rtp.pcap"), 0, 1),
                fromCapture(shared.resolve("packetnet/ipv6_rtcp2.pcap"), 0, 1)));
        seeds.put("sipnab-null-loopback-rtp", fromCapture(shared.resolve("sipnab/h263-over-rtp.pcap"), 0, 3));
        seeds.put("sipnab-register", fromCapture(shared.resolve("sipnab/sip-register.pcap"), 0, 2));
        seeds.put("samples-call-tcp", fromCapture(samples.resolve("call-tcp.pcap"), 0, 4));
        seeds.put("samples-calls-mixed", fromCapture(samples.resolve("calls-mixed.pcap"), 0, 5));

        seeds.put("link-layers", linkLayers());
        seeds.put("tunnels", tunnels());
        seeds.put("hep", hep());
        seeds.put("sctp", sctpChunks());
        seeds.put("ipv6-extensions-and-fragments", ipv6ExtensionsAndFragments());
        seeds.put("ipv6-overlapping-fragments-discarded", ipv6OverlappingFragments());
        seeds.put("ipv4-fragments-overlapping-and-expiring", ipv4Fragments());
        seeds.put("tcp-out-of-order-and-close", tcpStreams());
        seeds.put("snap-length-cuts", snapCuts());
        return seeds;
    }

    /** Frames {@code from..to-1} and then the listed indexes of a capture, as a script. */
    private static byte[] fromCapture(Path file, int from, int to, int... more) throws IOException {
        List<Frame> frames = new ArrayList<>();
        try (FrameSource source = CaptureFiles.open(file)) {
            for (Frame f = source.next(); f != null; f = source.next()) {
                frames.add(f.copy());
            }
        }
        List<Frame> chosen = new ArrayList<>(frames.subList(from, Math.min(to, frames.size())));
        for (int i : more) {
            chosen.add(frames.get(i));
        }
        FrameScript.Writer w = new FrameScript.Writer();
        long previous = chosen.get(0).timestampNanos();
        for (Frame f : chosen) {
            long stepMillis = Math.max(0, Math.min(63, (f.timestampNanos() - previous) / 1_000_000L));
            previous = f.timestampNanos();
            w.frame(f.linkType(), f.bytes(), f.capturedLength() < f.originalLength(), millis((int) stepMillis));
        }
        return w.toByteArray();
    }

    private static byte[] udp4(int srcPort, int dstPort, byte[] payload) {
        return ipv4("10.0.0.1", "10.0.0.2", UDP, udp(srcPort, dstPort, payload));
    }

    private static byte[] udp6(byte[] payload) {
        return ipv6("2001:db8::1", "2001:db8::2", UDP, udp(5060, 5060, payload));
    }

    private static byte[] linkLayers() {
        byte[] u4 = udp4(5060, 5060, SIP);
        byte[] u6 = udp6(SIP);
        return new FrameScript.Writer()
                .frame(LinkType.ETHERNET, ethernetWithTags(ETH_IPV4, u4, 0x88a8, 100, 0x8100, 200))
                .frame(LinkType.ETHERNET, ethernet8023(new byte[20]))
                .frame(LinkType.ETHERNET, ethernet(ETH_ARP, new byte[28]))
                .frame(LinkType.ETHERNET, ethernet(ETH_PPPOE_SESSION, pppoeSession(0x0057, u6)))
                .frame(LinkType.ETHERNET, ethernet(ETH_MPLS, mpls(u4, 16, 17)))
                .frame(LinkType.LINUX_SLL2, sll2(ETH_IPV6, u6))
                .frame(LinkType.IPV4, u4)
                .frame(LinkType.IPV6, u6)
                .frame(LinkType.NULL, bsdNull(2, true, u4))
                .frame(LinkType.LOOP, bsdNull(30, false, u6))
                .frame(LinkType.RAW_OPENBSD, bsdNull(24, false, u6))
                .frame(LinkType.RAW_BSDOS, u4)
                .frame(LinkType.PPP, ppp(true, true, 0x21, u4))
                .frame(LinkType.PPP_HDLC, ppp(true, false, 0x57, u6))
                .frame(LinkType.PPP_HDLC, ciscoHdlc(ETH_IPV4, u4))
                .frame(LinkType.PPP_ETHER, pppoeSession(0x0021, u4))
                .frame(147, u4)
                .toByteArray();
    }

    private static byte[] tunnels() {
        byte[] inner = udp4(5060, 5060, SIP);
        byte[] innerEth = ethernetWithTags(ETH_IPV4, inner, 0x8100, 7);
        byte[] seq = Bytes.of().u32(1).array();
        return new FrameScript.Writer()
                .frame(LinkType.RAW, ipv4("192.0.2.1", "192.0.2.2", 4, inner))
                .frame(LinkType.RAW, ipv6("2001:db8::a", "2001:db8::b", 41, udp6(SIP)))
                .frame(LinkType.RAW, ipv4("192.0.2.1", "192.0.2.2", GRE,
                        gre(0xb000, ETH_IPV4, Bytes.of().u32(0).u32(5).u32(6).array(), inner)))
                .frame(LinkType.RAW, ipv4("192.0.2.1", "192.0.2.2", GRE,
                        gre(0x4000, ETH_IPV4, Bytes.of().u32(0).u16(0x800).u8(0).u8(4).u32(1).u32(0).array(), inner)))
                .frame(LinkType.RAW, ipv4("192.0.2.1", "192.0.2.2", GRE, gre(0x0000, 0x6558, new byte[0], innerEth)))
                .frame(LinkType.RAW, ipv4("192.0.2.1", "192.0.2.2", GRE, gre(0x0000, 0x88be, new byte[0], innerEth)))
                .frame(LinkType.RAW, ipv4("192.0.2.1", "192.0.2.2", GRE, gre(0x1000, 0x88be, seq, erspanII(3, innerEth))))
                .frame(LinkType.RAW, ipv4("192.0.2.1", "192.0.2.2", GRE,
                        gre(0x1000, 0x22eb, seq, erspanIII(4, true, innerEth))))
                .frame(LinkType.RAW, ipv4("192.0.2.1", "192.0.2.2", GRE,
                        gre(0x3001, 0x880b, Bytes.of().u32(0x0004_0001).u32(9).array(), ppp(true, false, 0x21, inner))))
                .frame(LinkType.ETHERNET, ethernet(ETH_IPV4, udp4(40000, 4789, vxlan(10,
                        ethernet(ETH_IPV4, udp4(40001, 8472, vxlan(11, innerEth)))))))
                .toByteArray();
    }

    private static byte[] hep() {
        return new FrameScript.Writer()
                .frame(LinkType.RAW, udp4(40000, 9060, HepTest.hep3Sip(HepTest.chunk(15, SIP))))
                .frame(LinkType.RAW, udp4(40000, 9060, HepTest.hep3Sip(HepTest.chunk(16, zlib(SIP)))))
                .frame(LinkType.RAW, udp4(40000, 9060, HepTest.hep3Sip(HepTest.chunk(16, gzip(SIP)))))
                .frame(LinkType.RAW, udp4(9060, 40000, HepTest.hep2Ipv4(true)))
                .frame(LinkType.RAW, udp4(40000, 9060, HepTest.hep3(HepTest.chunk(1, HepTest.u8(10)),
                        HepTest.chunk(2, HepTest.u8(6)), HepTest.chunk(5, Bytes.ip("2001:db8::1")),
                        HepTest.chunk(6, Bytes.ip("2001:db8::2")), HepTest.chunk(18, HepTest.u16(42)),
                        HepTest.chunk(0x1234, 1, new byte[3]), HepTest.chunk(15, SIP))))
                .frame(LinkType.RAW, udp4(40000, 9060, Bytes.of().u8(1).u8(16).u8(2).u8(17).u16(5060).u16(5060)
                        .bytes(Bytes.ip("192.0.2.1")).bytes(Bytes.ip("192.0.2.2")).bytes(SIP).array()))
                .frame(LinkType.RAW, udp4(40000, 9060, HepTest.hep2Ipv4(false)))
                .frame(LinkType.RAW, udp4(40000, 9060, Bytes.of().u8(2).u8(52).u8(10).u8(6).u16(5060).u16(5061)
                        .bytes(Bytes.ip("2001:db8::5")).bytes(Bytes.ip("2001:db8::6")).le32(1_600_000_000L).le32(5)
                        .u16(7).u16(0).bytes(SIP).array()))
                .frame(LinkType.RAW, udp4(40000, 9060, HepTest.hep3Sip(HepTest.chunk(16, gzipWithName(SIP)))))
                .frame(LinkType.RAW, udp4(40000, 9060, HepTest.hep3Sip(HepTest.chunk(16, Arrays.copyOf(zlib(SIP), 12)))))
                .frame(LinkType.RAW, udp4(40000, 9060, HepTest.hep3(HepTest.ipv4Chunks(17))))
                .frame(LinkType.RAW, udp4(40000, 9060, Bytes.of().ascii("EEP1").u16(6 + 6 + 58).bytes(
                        HepTest.chunk(15, SIP)).array()))
                .toByteArray();
    }

    private static byte[] sctpChunks() {
        byte[] part = text("INVITE sip:a@b SIP/2.0\r\n");
        return new FrameScript.Writer()
                .frame(LinkType.RAW, ipv4("10.0.0.1", "10.0.0.2", SCTP, sctp(5060, 5060, 7, sctpSack(),
                        sctpData(0x03, 1, 0, 0, SIP))))
                .frame(LinkType.RAW, ipv4("10.0.0.1", "10.0.0.2", SCTP, sctp(5060, 5060, 7,
                        sctpData(0x02, 2, 0, 1, part), sctpData(0x00, 3, 0, 1, part))))
                .frame(LinkType.RAW, ipv4("10.0.0.1", "10.0.0.2", SCTP, sctp(5060, 5060, 7,
                        sctpData(0x01, 4, 0, 1, part))))
                .frame(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", SCTP, sctp(5060, 5061, 8,
                        sctpIData(0x02, 5, 1, 9, 0, part), sctpIData(0x06, 6, 2, 9, 0, part))))
                .frame(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", SCTP, sctp(5060, 5061, 8,
                        sctpIData(0x01, 7, 1, 9, 1, part), sctpIData(0x05, 8, 2, 9, 1, part))))
                // a repeated middle fragment, then a gap (TSN 12 never comes), then a new first fragment
                .frame(LinkType.RAW, ipv4("10.0.0.1", "10.0.0.2", SCTP, sctp(5060, 5060, 7,
                        sctpData(0x02, 10, 0, 2, part), sctpData(0x00, 11, 0, 2, part), sctpData(0x00, 11, 0, 2, part),
                        sctpData(0x00, 13, 0, 2, part), sctpData(0x02, 14, 0, 3, part))))
                .frame(LinkType.RAW, ipv4("10.0.0.1", "10.0.0.2", SCTP, sctp(5060, 5060, 7,
                        sctpData(0x01, 15, 0, 3, part), sctpData(0x01, 16, 0, 4, part))), false, seconds(31))
                .toByteArray();
    }

    private static byte[] ipv6ExtensionsAndFragments() {
        byte[] big = new byte[1800];
        Arrays.fill(big, (byte) 'x');
        byte[] fragmentable = udp(5060, 5060, big);
        byte[] jumbo = Bytes.concat(Bytes.of().u8(UDP).u8(0).u8(0xc2).u8(4).u32(16 + SIP.length).array(),
                udpRaw(5060, 5060, 0, SIP));
        return new FrameScript.Writer()
                .frame(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", 0, Bytes.concat(
                        ipv6Extension(43, new byte[6]), ipv6Extension(51, new byte[6]),
                        ipv6Ah(60, 12, Bytes.concat(ipv6Extension(UDP, new byte[6]), udp(1, 2, SIP))))))
                .frame(LinkType.RAW, ipv6Raw("2001:db8::1", "2001:db8::2", 0, 0, jumbo))
                .frame(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", 44,
                        ipv6FragmentHeader(UDP, 0, true, 77, Arrays.copyOfRange(fragmentable, 0, 1200))))
                .frame(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", 44,
                        ipv6FragmentHeader(UDP, 1200, false, 77, Arrays.copyOfRange(fragmentable, 1200,
                                fragmentable.length))))
                .toByteArray();
    }

    /** Overlapping IPv6 fragments discard their datagram (RFC 5722); the late one meets the tombstone. */
    private static byte[] ipv6OverlappingFragments() {
        byte[] fragmentable = udp(5060, 5060, new byte[1300]);
        return new FrameScript.Writer()
                .frame(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", 44,
                        ipv6FragmentHeader(UDP, 0, true, 78, Arrays.copyOfRange(fragmentable, 0, 800))))
                .frame(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", 44,
                        ipv6FragmentHeader(UDP, 400, true, 78, Arrays.copyOfRange(fragmentable, 0, 800))))
                .frame(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", 44,
                        ipv6FragmentHeader(UDP, 1200, false, 78, Arrays.copyOfRange(fragmentable, 1200,
                                fragmentable.length))))
                .frame(LinkType.RAW, udp6(SIP))
                .toByteArray();
    }

    private static byte[] ipv4Fragments() {
        byte[] big = new byte[1200];
        Arrays.fill(big, (byte) 'y');
        byte[] datagram = udp(5060, 5060, big);
        return new FrameScript.Writer()
                .frame(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 1, 600, false,
                        Arrays.copyOfRange(datagram, 600, datagram.length)))
                .frame(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 1, 0, true,
                        Arrays.copyOfRange(datagram, 0, 400)))
                .frame(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 1, 0, true,
                        Arrays.copyOfRange(datagram, 0, 400)))
                .frame(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 1, 200, true,
                        Arrays.copyOfRange(datagram, 200, 600)))
                .frame(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 2, 0, true,
                        Arrays.copyOfRange(datagram, 0, 400)), false, seconds(1))
                .frame(LinkType.RAW, udp4(5060, 5060, SIP), false, seconds(40))
                .frame(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 2, 400, false,
                        Arrays.copyOfRange(datagram, 400, datagram.length)), false, secondsBack(5))
                .toByteArray();
    }

    private static byte[] tcpStreams() {
        byte[] a = text("INVITE sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n");
        byte[] b = text("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n");
        String c = "10.0.0.1";
        String s = "10.0.0.2";
        return new FrameScript.Writer()
                .frame(LinkType.RAW, ipv4(c, s, TCP, tcp(40000, 5060, 1000, 0, 0x02, new byte[0], new byte[0])))
                .frame(LinkType.RAW, ipv4(s, c, TCP, tcp(5060, 40000, 9000, 1001, 0x12, new byte[0], new byte[0])))
                .frame(LinkType.RAW, ipv4(c, s, TCP, tcp(40000, 5060, 1001 + 20, 9001, 0x18, new byte[0],
                        Arrays.copyOfRange(a, 20, a.length))))
                .frame(LinkType.RAW, ipv4(c, s, TCP, tcp(40000, 5060, 1001, 9001, 0x18, new byte[0],
                        Arrays.copyOfRange(a, 0, 30))))
                .frame(LinkType.RAW, ipv4(s, c, TCP, tcp(5060, 40000, 9001, 1001 + a.length, 0x18, new byte[0], b)))
                .frame(LinkType.RAW, ipv4(s, c, TCP, tcp(5060, 40000, 9001, 1001 + a.length, 0x18, new byte[0], b)))
                .frame(LinkType.RAW, ipv4(c, s, TCP, tcp(40000, 5060, 1001 + a.length, 0, 0x11, new byte[0],
                        new byte[0])))
                .frame(LinkType.RAW, ipv4(s, c, TCP, tcp(5060, 40000, 9001 + b.length, 0, 0x11, new byte[0],
                        new byte[0])))
                .frame(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", TCP, tcp(40001, 5060, 0xffff_fff0L, 0, 0x18,
                        new byte[0], a)))
                .frame(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", TCP, tcp(40001, 5060,
                        0xffff_fff0L + a.length + 100, 0, 0x18, new byte[0], a)), false, seconds(11))
                .frame(LinkType.RAW, ipv6("2001:db8::2", "2001:db8::1", TCP, tcp(5060, 40001, 5, 0, 0x04,
                        new byte[0], new byte[0])))
                .toByteArray();
    }

    private static byte[] snapCuts() {
        byte[] big = new byte[600];
        Arrays.fill(big, (byte) 'z');
        byte[] udpFrame = ethernet(ETH_IPV4, udp4(5060, 5060, big));
        byte[] tcpFrame = ethernet(ETH_IPV4, ipv4("10.0.0.1", "10.0.0.2", TCP,
                tcp(40000, 5060, 1, 0, 0x18, new byte[0], big)));
        return new FrameScript.Writer()
                .frame(LinkType.ETHERNET, Arrays.copyOf(udpFrame, 200), true, millis(1))
                .frame(LinkType.ETHERNET, Arrays.copyOf(tcpFrame, 120), true, millis(1))
                .frame(LinkType.ETHERNET, Arrays.copyOf(udpFrame, 30), true, millis(1))
                .toByteArray();
    }

    static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    /** A gzip member with the optional header fields set (FEXTRA, FNAME, FCOMMENT, FHCRC). */
    static byte[] gzipWithName(byte[] data) {
        byte[] plain = gzip(data);
        byte[] header = Arrays.copyOf(plain, 10);
        header[3] = 0x1e;
        byte[] optional = Bytes.of().u8(4).u8(0).ascii("ab").u8(2).u8(0)     // FEXTRA: XLEN 4, one subfield
                .ascii("seed.sip").u8(0).ascii("c").u8(0)                     // FNAME, FCOMMENT
                .u16(0).array();                                              // FHCRC (not checked)
        return Bytes.concat(header, optional, Arrays.copyOfRange(plain, 10, plain.length));
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
