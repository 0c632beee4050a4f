package dev.sipscope.decoder;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import dev.sipscope.decoder.tcp.TcpStream;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoder's one-method path for Ethernet/IPv4/UDP frames must deliver exactly what the layered
 * path delivers and count exactly the same: every frame of the sample and shared captures, and
 * frames whose Ethernet, IPv4 and UDP header fields are set to the values at and around each check
 * the fast path makes, are decoded both ways and compared.
 */
class PacketDecoderFastPathTest {

    /** Everything a sink is told, as text, packet fields included (the payload by offset and content). */
    private static final class Transcript implements PacketSink {
        final List<String> lines = new ArrayList<>();

        @Override
        public void onDatagram(Packet p) {
            StringBuilder sb = new StringBuilder("D ");
            sb.append(p.timestampNanos).append(' ').append(p.ipVersion).append(' ').append(p.protocol).append(' ')
                    .append(p.srcHi).append('/').append(p.srcLo).append(':').append(p.srcPort).append(" > ")
                    .append(p.dstHi).append('/').append(p.dstLo).append(':').append(p.dstPort)
                    .append(" flags=").append(p.flags).append(" vlan=").append(p.vlanId)
                    .append(" hep=").append(p.hepPayloadType).append('/').append(p.hepCaptureId)
                    .append(" ip@").append(p.ipOffset).append(" payload@").append(p.payloadOffset)
                    .append('+').append(p.payloadLength).append(" inFrame=").append(p.data == p.frame.data())
                    .append(' ');
            for (int i = 0; i < p.payloadLength; i++) {
                sb.append(Integer.toHexString(p.data[p.payloadOffset + i] & 0xff)).append(',');
            }
            lines.add(sb.toString());
        }

        @Override
        public void onMalformed(Frame frame, Malformed reason) {
            lines.add("M " + reason);
        }

        @Override
        public void onTcpData(TcpStream stream, Packet p) {
            lines.add("T " + stream.index + " " + p.payloadLength);
        }
    }

    private static void assertSameDecoding(List<Frame> frames, String what) {
        Transcript fast = new Transcript();
        Transcript layered = new Transcript();
        PacketDecoder f = new PacketDecoder(DecoderConfig.DEFAULTS, fast);
        PacketDecoder l = new PacketDecoder(DecoderConfig.DEFAULTS, layered);
        l.layeredOnly();
        for (Frame frame : frames) {
            f.decode(frame);
            l.decode(frame);
        }
        f.finish();
        l.finish();
        assertEquals(layered.lines, fast.lines, what);
        assertEquals(l.stats().toString(), f.stats().toString(), what);
    }

    @Test
    void sampleAndSharedCapturesDecodeAlike() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Path.of("../samples/captures"), Path.of(System.getProperty("sipscope.shared", "../shared"), "captures"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng|cap)(\\.gz)?$")).sorted().forEach(files::add);
                }
            }
        }
        assertTrue(files.size() >= 10, "the bundled samples are there: " + files);
        long frames = 0;
        for (Path file : files) {
            List<Frame> all;
            try {
                all = TestCaptureFiles.read(file);
            } catch (IOException | RuntimeException e) {
                continue; // captures the readers refuse (some of the corpus is deliberately broken)
            }
            frames += all.size();
            assertSameDecoding(all, file.toString());
        }
        assertTrue(frames > 10_000, "frames compared: " + frames);
    }

    /** A plain Ethernet/IPv4/UDP frame with a 20-byte payload. */
    private static byte[] plain() {
        byte[] payload = new byte[20];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (0x80 + i);
        }
        return TestFrames.ethernet(0x0800, TestFrames.ipv4("10.0.0.1", "10.0.0.2", Packet.PROTO_UDP,
                TestFrames.udp(40000, 40002, payload)));
    }

    @Test
    void headerFieldsAtAndAroundEachCheck() {
        byte[] base = plain();
        int ip = 14;
        int udp = ip + 20;
        List<Frame> frames = new ArrayList<>();
        frames.add(TestFrames.frame(LinkType.ETHERNET, base.clone()));
        // Ethertype, version/IHL, protocol, flags/fragment offset, total length, UDP length, ports.
        int[][] fields = {
                {12, 0x08, 0x81, 0x86, 0x00}, {13, 0x00, 0x06, 0xdd}, {ip, 0x45, 0x46, 0x44, 0x55, 0x65, 0x4f},
                {ip + 9, 17, 6, 132, 4, 41, 47}, {ip + 6, 0x00, 0x40, 0x20, 0x01, 0x80, 0x1f}, {ip + 7, 0x00, 0x01, 0xff},
        };
        for (int[] field : fields) {
            for (int k = 1; k < field.length; k++) {
                byte[] b = base.clone();
                b[field[0]] = (byte) field[k];
                frames.add(TestFrames.frame(LinkType.ETHERNET, b));
            }
        }
        int totalLength = ((base[ip + 2] & 0xff) << 8) | (base[ip + 3] & 0xff);
        for (int t : new int[] {0, 1, 19, 20, 27, 28, 35, totalLength - 1, totalLength, totalLength + 1, 0xffff}) {
            byte[] b = base.clone();
            b[ip + 2] = (byte) (t >> 8);
            b[ip + 3] = (byte) t;
            frames.add(TestFrames.frame(LinkType.ETHERNET, b));
        }
        int udpLength = ((base[udp + 4] & 0xff) << 8) | (base[udp + 5] & 0xff);
        for (int u : new int[] {0, 1, 7, 8, 9, udpLength - 1, udpLength, udpLength + 1, 0xffff}) {
            byte[] b = base.clone();
            b[udp + 4] = (byte) (u >> 8);
            b[udp + 5] = (byte) u;
            frames.add(TestFrames.frame(LinkType.ETHERNET, b));
        }
        // HEP (9060) and VXLAN (4789) on either port, and captured lengths around the headers.
        for (int port : new int[] {9060, 4789, 5060}) {
            for (int at : new int[] {udp, udp + 2}) {
                byte[] b = base.clone();
                b[at] = (byte) (port >> 8);
                b[at + 1] = (byte) port;
                frames.add(TestFrames.frame(LinkType.ETHERNET, b));
            }
        }
        for (int captured = 0; captured <= base.length; captured++) {
            frames.add(TestFrames.snapped(LinkType.ETHERNET, base.clone(), captured));
            frames.add(TestFrames.frame(LinkType.ETHERNET, java.util.Arrays.copyOf(base, captured)));
        }
        assertSameDecoding(frames, "edge frames");
    }

    @Test
    void randomHeaderBytes() {
        byte[] base = plain();
        SplittableRandom random = new SplittableRandom(7);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            byte[] b = base.clone();
            int changes = 1 + random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                // Mostly the bytes the fast path reads (ethertype .. UDP length), sometimes any.
                int at = random.nextInt(4) == 0 ? random.nextInt(b.length) : 12 + random.nextInt(28);
                b[at] = (byte) random.nextInt(256);
            }
            int captured = random.nextInt(8) == 0 ? random.nextInt(b.length + 1) : b.length;
            frames.add(TestFrames.snapped(LinkType.ETHERNET, b, captured));
        }
        assertSameDecoding(frames, "random header bytes");
    }
}
