package dev.sipscope.decoder.tcp;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.LinkType;
import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketSink;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real captures from ../shared/captures: every direction of every TCP connection must reassemble to
 * exactly the bytes tshark's "Follow TCP stream" gives (length and SHA-256 in
 * {@code tcp-follow-golden.tsv}). Frames are taken apart here with a few lines of header parsing
 * (Ethernet/VLAN, Linux SLL, BSD loopback, raw IP; IPv4 and IPv6 without extension headers), enough
 * for these files; the project's PacketDecoder is tested on its own.
 *
 * <p>Regenerate the golden file from tshark with {@code -Dsipscope.regenerateGolden=true}.
 */
class TcpReassemblerCaptureTest {
    private static final String GOLDEN = "tcp-follow-golden.tsv";
    /**
     * Captures with TCP payload. Left out: sngrep/tlssaved.pcap, whose records are not in time order;
     * there tshark's follow output drops a segment that the reassembler (rightly) places in the stream.
     */
    private static final List<String> FILES = List.of(
            "heplify/sip_ipv4_tcp.pcap",
            "heplify/sip_ipv4_tcp_fragmented.pcap",
            "heplify/sip_ipv4_tcp_retrans.pcap",
            "heplify/sip_tcp_websocket.pcap",
            "pkts/fragmented_tcp_sip.pcap",
            "sipp-scenarios-lundgrel/sipp_uac_Media_DTMF_Speex.pcap",
            "suricata-verify/sip-body-large.pcap",
            "suricata-verify/sip-tcp.pcap",
            "suricata-verify/sip-tcp-pattern-matching__sip.pcap",
            "ndpi/http_on_sip_port.pcap",
            "ndpi/webex.pcap",
            "ndpi/skinny.pcap",
            "ndpi/stun_dtls_rtp.pcapng",
            "ndpi/rtp.pcapng",
            "sngrep/aaa.pcap",
            "ppp/sip_resp.pcap");

    @Test
    void everyDirectionMatchesTsharkFollowTcpStream() throws Exception {
        String shared = System.getProperty("sipscope.shared");
        assumeTrue(shared != null, "system property sipscope.shared is not set (run through Maven)");
        Path captures = Path.of(shared, "captures");
        assumeTrue(Files.isDirectory(captures), captures + " is absent: the real-capture corpus is not installed");
        List<String> goldenLines;
        if (Boolean.getBoolean("sipscope.regenerateGolden")) {
            Path golden = goldenSourcePath();
            regenerate(captures, golden);
            goldenLines = Files.readAllLines(golden, StandardCharsets.UTF_8);
        } else {
            try (var in = TcpReassemblerCaptureTest.class.getResourceAsStream(GOLDEN)) {
                assertThat(in).as(GOLDEN + " on the test class path").isNotNull();
                goldenLines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (String line : goldenLines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            expected.put(f[0] + "\t" + f[1], f[2] + "\t" + f[3]);
        }

        Map<String, String> actual = new TreeMap<>();
        long gaps = 0;
        for (String file : FILES) {
            Path path = captures.resolve(file);
            assumeTrue(Files.isRegularFile(path), path + " is absent");
            Reassembled r = reassemble(path);
            gaps += r.reassembler.gaps();
            for (Map.Entry<String, ByteArrayOutputStream> e : r.directions.entrySet()) {
                actual.put(file + "\t" + e.getKey(), e.getValue().size() + "\t" + sha256(e.getValue().toByteArray()));
            }
            assertThat(r.reassembler.openStreams()).isZero();
            assertThat(r.closes).isEqualTo(r.reassembler.streams());
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(gaps).isZero();
    }

    private static final class Reassembled {
        final TcpReassembler reassembler = new TcpReassembler();
        /** "src -> dst" to the bytes delivered in that direction. */
        final Map<String, ByteArrayOutputStream> directions = new TreeMap<>();
        long closes;
    }

    private static Reassembled reassemble(Path path) throws IOException {
        Reassembled out = new Reassembled();
        PacketSink sink = new PacketSink() {
            @Override
            public void onTcpData(TcpStream stream, Packet p) {
                String key = IpAddress.format(p.srcHi, p.srcLo, p.srcPort) + " -> "
                        + IpAddress.format(p.dstHi, p.dstLo, p.dstPort);
                out.directions.computeIfAbsent(key, k -> new ByteArrayOutputStream())
                        .write(p.data, p.payloadOffset, p.payloadLength);
            }

            @Override
            public void onTcpClose(TcpStream stream) {
                out.closes++;
            }
        };
        Packet p = new Packet();
        try (FrameSource source = CaptureFiles.open(path)) {
            for (Frame frame = source.next(); frame != null; frame = source.next()) {
                if (toTcpPacket(frame, p)) {
                    byte[] b = p.data;
                    int tcp = p.payloadOffset;
                    long seq = IpAddress.readInt(b, tcp + 4) & 0xffff_ffffL;
                    long ack = IpAddress.readInt(b, tcp + 8) & 0xffff_ffffL;
                    int headerBytes = ((b[tcp + 12] & 0xff) >>> 4) * 4;
                    int flags = b[tcp + 13] & 0x3f;
                    p.payloadOffset = tcp + headerBytes;
                    p.payloadLength -= headerBytes;
                    if (p.payloadLength >= 0) {
                        out.reassembler.segment(p, seq, ack, flags, sink);
                    }
                }
            }
        }
        out.reassembler.finish(sink);
        return out;
    }

    /** Fills {@code p} with addresses and the TCP segment (header included) of {@code frame}; false if not TCP. */
    private static boolean toTcpPacket(Frame frame, Packet p) {
        byte[] b = frame.data();
        int start = frame.offset();
        int end = start + frame.capturedLength();
        int ip;
        switch (frame.linkType()) {
            case LinkType.ETHERNET -> {
                int type = u16(b, start + 12);
                ip = start + 14;
                while (type == 0x8100 || type == 0x88a8) {
                    type = u16(b, ip + 2);
                    ip += 4;
                }
                if (type != 0x0800 && type != 0x86dd) {
                    return false;
                }
            }
            case LinkType.LINUX_SLL -> ip = start + 16;
            case LinkType.NULL, LinkType.LOOP -> ip = start + 4;
            case LinkType.RAW, LinkType.IPV4, LinkType.IPV6 -> ip = start;
            default -> {
                return false;
            }
        }
        if (ip + 40 > end) {
            return false;
        }
        p.clear();
        p.frame = frame;
        p.timestampNanos = frame.timestampNanos();
        p.protocol = Packet.PROTO_TCP;
        p.data = b;
        p.ipOffset = ip;
        int version = (b[ip] & 0xff) >>> 4;
        int tcp;
        int ipEnd;
        if (version == 4) {
            if ((b[ip + 9] & 0xff) != Packet.PROTO_TCP || (u16(b, ip + 6) & 0x3fff) != 0) {
                return false;
            }
            p.ipVersion = 4;
            p.srcLo = IpAddress.v4Lo(IpAddress.readInt(b, ip + 12));
            p.dstLo = IpAddress.v4Lo(IpAddress.readInt(b, ip + 16));
            tcp = ip + (b[ip] & 0x0f) * 4;
            ipEnd = ip + u16(b, ip + 2);
        } else if (version == 6) {
            if ((b[ip + 6] & 0xff) != Packet.PROTO_TCP) {
                return false;
            }
            p.ipVersion = 6;
            p.srcHi = IpAddress.readLong(b, ip + 8);
            p.srcLo = IpAddress.readLong(b, ip + 16);
            p.dstHi = IpAddress.readLong(b, ip + 24);
            p.dstLo = IpAddress.readLong(b, ip + 32);
            tcp = ip + 40;
            ipEnd = tcp + u16(b, ip + 4);
        } else {
            return false;
        }
        ipEnd = Math.min(ipEnd, end);
        if (tcp + 20 > ipEnd) {
            return false;
        }
        p.srcPort = u16(b, tcp);
        p.dstPort = u16(b, tcp + 2);
        p.payloadOffset = tcp;
        p.payloadLength = ipEnd - tcp;
        return true;
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Where regeneration writes: the source tree (sipscope.root is the reactor root). */
    private static Path goldenSourcePath() {
        String root = System.getProperty("sipscope.root", ".");
        return Path.of(root, "decoder/src/test/resources/dev/sipscope/decoder/tcp", GOLDEN);
    }

    // ---- regeneration from tshark ----

    private static final Pattern NODE = Pattern.compile("^Node ([01]): (.+)$");

    private static void regenerate(Path captures, Path golden) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("# file\tsrc -> dst\tbytes\tsha256, from tshark -q -z follow,tcp,raw,N (regenerate with"
                + " -Dsipscope.regenerateGolden=true)");
        for (String file : FILES) {
            Path path = captures.resolve(file);
            String streamIds = run("tshark", "-r", path.toString(), "-Y", "tcp", "-T", "fields", "-e", "tcp.stream");
            int maxStream = streamIds.lines().filter(s -> !s.isBlank()).mapToInt(Integer::parseInt).max().orElse(-1);
            Map<String, ByteArrayOutputStream> directions = new TreeMap<>();
            for (int s = 0; s <= maxStream; s++) {
                String follow = run("tshark", "-r", path.toString(), "-q", "-z", "follow,tcp,raw," + s);
                String node0 = null;
                String node1 = null;
                ByteArrayOutputStream fromNode0 = new ByteArrayOutputStream();
                ByteArrayOutputStream fromNode1 = new ByteArrayOutputStream();
                for (String line : follow.split("\n")) {
                    Matcher m = NODE.matcher(line);
                    if (m.matches()) {
                        if (m.group(1).equals("0")) {
                            node0 = m.group(2).trim();
                        } else {
                            node1 = m.group(2).trim();
                        }
                    } else if (node1 != null && !line.startsWith("=") && !line.isBlank()) {
                        byte[] chunk = HexFormat.of().parseHex(line.strip());
                        (line.startsWith("\t") ? fromNode1 : fromNode0).write(chunk);
                    }
                }
                if (fromNode0.size() > 0) {
                    directions.computeIfAbsent(node0 + " -> " + node1, k -> new ByteArrayOutputStream())
                            .write(fromNode0.toByteArray());
                }
                if (fromNode1.size() > 0) {
                    directions.computeIfAbsent(node1 + " -> " + node0, k -> new ByteArrayOutputStream())
                            .write(fromNode1.toByteArray());
                }
            }
            for (Map.Entry<String, ByteArrayOutputStream> e : directions.entrySet()) {
                lines.add(file + "\t" + e.getKey() + "\t" + e.getValue().size() + "\t"
                        + sha256(e.getValue().toByteArray()));
            }
        }
        Files.write(golden, lines, StandardCharsets.UTF_8);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        process.getErrorStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue());
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
