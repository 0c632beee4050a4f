package dev.sipscope.decoder.sip;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.decoder.PacketSink;
import dev.sipscope.decoder.PortSet;
import dev.sipscope.decoder.tcp.TcpStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every capture of the shared corpus (skipped when it is absent) through the capture readers, the
 * {@link PacketDecoder} and the {@link SipDecoder}: the SIP messages and distinct Call-IDs found must
 * be those tshark 4.0.17 reports in {@code reference.json}.
 *
 * <p>What the reference counts: tshark's {@code sip_messages} are the SIP messages that carry a
 * Call-ID (messages tshark dissects as SIP without one, such as the bare {@code SIP/2.0 200 OK}
 * probes of {@code sipnab/udp_5060.pcap}, are not in it), so ours are counted the same way.
 * Files marked {@code needs: hep} are decoded with HEP on UDP 9060 (the decoder's default) and
 * {@code sip-on-tcp-6060} with 6060 as an extra SIP port. Known, explained differences are listed in
 * {@link #EXPECTED_DIFFERENCES}.
 */
class SipCaptureCountTest {

    /** Where we knowingly differ from tshark, with our expected counts (messages with Call-ID / distinct Call-IDs). */
    private static final Map<String, int[]> EXPECTED_DIFFERENCES = Map.of(
            // tshark's hep.lua does not inflate compressed HEP payloads; the HepDecoder does.
            "hep-wireshark/hep3_compressed.pcap.pcapng", new int[] {21, 1});

    record Reference(int frames, int sipMessages, int sipCallIds, String needs) {
    }

    /** The per-file entries of reference.json (a fixed, pretty-printed layout; read without a JSON library). */
    static Map<String, Reference> references(Path json) throws IOException {
        String text = Files.readString(json, StandardCharsets.UTF_8);
        Map<String, Reference> out = new LinkedHashMap<>();
        Matcher file = Pattern.compile("(?m)^  \"([^\"]+)\": \\{").matcher(text);
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (file.find()) {
            starts.add(file.end());
            names.add(file.group(1));
        }
        for (int i = 0; i < names.size(); i++) {
            String block = text.substring(starts.get(i), i + 1 < names.size() ? starts.get(i + 1) : text.length());
            out.put(names.get(i), new Reference(intField(block, "frames"), intField(block, "sip_messages"),
                    intField(block, "sip_call_ids"), stringField(block, "needs")));
        }
        return out;
    }

    private static int intField(String block, String name) {
        Matcher m = Pattern.compile("(?m)^   \"" + name + "\": (\\d+)").matcher(block);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String stringField(String block, String name) {
        Matcher m = Pattern.compile("(?m)^   \"" + name + "\": \"([^\"]*)\"").matcher(block);
        return m.find() ? m.group(1) : null;
    }

    static final class Counter implements SipSink {
        final List<SipMessage> messages = new ArrayList<>();
        final List<SipTransport> transports = new ArrayList<>();
        int withCallId;
        final Set<ByteKey> callIds = new HashSet<>();
        final Map<SipMalformed, Integer> malformed = new EnumMap<>(SipMalformed.class);

        @Override
        public void onSipMessage(SipMessage message, SipTransport transport, Packet packet) {
            messages.add(message);
            transports.add(transport);
            if (message.callId() != null) {
                withCallId++;
                callIds.add(message.callId());
            }
        }

        @Override
        public void onSipMalformed(SipMalformed reason, SipTransport transport, Packet packet) {
            malformed.merge(reason, 1, Integer::sum);
        }
    }

    /**
     * Passes everything on to the SIP decoder, but TCP data one byte per call, so that real streams
     * also exercise the framers' resumability.
     */
    static final class ByteAtATimeTcp implements PacketSink {
        private final SipDecoder sip;

        ByteAtATimeTcp(SipDecoder sip) {
            this.sip = sip;
        }

        @Override
        public void onDatagram(Packet packet) {
            sip.onDatagram(packet);
        }

        @Override
        public void onTcpData(TcpStream stream, Packet packet) {
            int off = packet.payloadOffset;
            int len = packet.payloadLength;
            try {
                for (int i = 0; i < len; i++) {
                    packet.payloadOffset = off + i;
                    packet.payloadLength = 1;
                    sip.onTcpData(stream, packet);
                }
            } finally {
                packet.payloadOffset = off;
                packet.payloadLength = len;
            }
        }

        @Override
        public void onTcpGap(TcpStream stream, boolean fromClient, long missingBytes) {
            sip.onTcpGap(stream, fromClient, missingBytes);
        }

        @Override
        public void onTcpClose(TcpStream stream) {
            sip.onTcpClose(stream);
        }
    }

    static Counter count(Path file, String needs, SipLimits limits, boolean tcpByteAtATime) throws IOException {
        Counter counter = new Counter();
        PortSet ports = "sip-on-tcp-6060".equals(needs) ? PortSet.of(5060, 6060) : SipDecoder.DEFAULT_SIP_PORTS;
        SipDecoder sip = new SipDecoder(limits, ports, counter);
        PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, tcpByteAtATime ? new ByteAtATimeTcp(sip) : sip);
        try (FrameSource source = CaptureFiles.open(file)) {
            for (Frame f = source.next(); f != null; f = source.next()) {
                decoder.decode(f);
            }
        }
        decoder.finish();
        assertThat(decoder.stats().internalErrors()).as("decoder internal errors").isZero();
        for (SipMessage m : counter.messages) {
            SipHostileInputTest.touchEverything(m);
        }
        return counter;
    }

    private static Path corpus() {
        Path dir = Paths.get(System.getProperty("sipscope.shared", "../shared"), "captures");
        assumeTrue(Files.isRegularFile(dir.resolve("reference.json")),
                "shared capture corpus not found at " + dir.toAbsolutePath() + "; skipping real-capture test");
        return dir;
    }

    @TestFactory
    List<DynamicTest> sipMessagesPerCaptureMatchTshark() throws IOException {
        Path dir = corpus();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Reference> e : references(dir.resolve("reference.json")).entrySet()) {
            String name = e.getKey();
            Reference ref = e.getValue();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Path file = dir.resolve(name);
                assumeTrue(Files.isRegularFile(file), name + " not found");
                int[] expected = EXPECTED_DIFFERENCES.getOrDefault(name, new int[] {ref.sipMessages(), ref.sipCallIds()});
                Counter c = count(file, ref.needs(), SipLimits.DEFAULTS, false);
                assertThat(new int[] {c.withCallId, c.callIds.size()})
                        .as("%s: SIP messages with Call-ID / distinct Call-IDs (malformed: %s)", name, c.malformed)
                        .containsExactly(expected);
            }));
        }
        return tests;
    }

    @Test
    void tcpCapturesGiveTheSameMessagesFedOneByteAtATime() throws IOException {
        Path dir = corpus();
        String[] tcpFiles = {"heplify/sip_ipv4_tcp.pcap", "heplify/sip_ipv4_tcp_fragmented.pcap",
            "heplify/sip_ipv4_tcp_retrans.pcap", "heplify/sip_tcp_websocket.pcap", "pkts/fragmented_tcp_sip.pcap",
            "suricata-verify/sip-tcp.pcap", "suricata-verify/sip-body-large.pcap", "sngrep/ipip.pcap"};
        for (String name : tcpFiles) {
            Path file = dir.resolve(name);
            assumeTrue(Files.isRegularFile(file), name + " not found");
            String needs = name.contains("fragmented.pcap") && name.startsWith("heplify") ? "sip-on-tcp-6060" : null;
            Counter whole = count(file, needs, SipLimits.DEFAULTS, false);
            Counter bytewise = count(file, needs, SipLimits.DEFAULTS, true);
            assertThat(whole.messages).as(name).isNotEmpty();
            assertThat(texts(bytewise)).as(name).isEqualTo(texts(whole));
            assertThat(bytewise.malformed).as(name).isEqualTo(whole.malformed);
        }
    }

    private static List<String> texts(Counter c) {
        List<String> out = new ArrayList<>();
        for (SipMessage m : c.messages) {
            out.add(m.text());
        }
        return out;
    }

    @Test
    void webSocketCaptureIsReadAsWs() throws IOException {
        Path file = corpus().resolve("heplify/sip_tcp_websocket.pcap");
        assumeTrue(Files.isRegularFile(file));
        Counter c = count(file, null, SipLimits.DEFAULTS, false);
        // tshark shows 11 SIP messages in WebSocket frames on the TCP connection to port 8080.
        assertThat(c.transports.stream().filter(t -> t == SipTransport.WS).count()).isEqualTo(11);
        for (int i = 0; i < c.messages.size(); i++) {
            if (c.transports.get(i) == SipTransport.WS) {
                assertThat(c.messages.get(i).problem()).isNull();
            }
        }
        assertThat(c.malformed).isEmpty();
    }

    @Test
    void largeBodyIsFlaggedUnderTheDefaultLimitAndReadWhole() throws IOException {
        Path file = corpus().resolve("suricata-verify/sip-body-large.pcap");
        assumeTrue(Files.isRegularFile(file));
        Counter small = count(file, null, SipLimits.DEFAULTS, false);
        assertThat(small.messages).extracting(SipMessage::problem).containsExactly(SipMalformed.CONTENT_LENGTH_TOO_LARGE,
                null);
        assertThat(small.messages.get(0).declaredContentLength()).isEqualTo(65536);
        assertThat(small.messages.get(0).bodyLength()).isZero();
        Counter large = count(file, null, SipLimits.DEFAULTS.withMaxMessageBytes(128 * 1024), false);
        assertThat(large.messages.get(0).problem()).isNull();
        assertThat(large.messages.get(0).bodyLength()).isEqualTo(65536);
    }

    @Test
    void damagedContentLengthsAreFlaggedNotLost() throws IOException {
        Path dir = corpus();
        Path zeek = dir.resolve("zeek/invalid-content-length.pcap");
        assumeTrue(Files.isRegularFile(zeek));
        assertThat(count(zeek, null, SipLimits.DEFAULTS, false).messages).extracting(SipMessage::problem)
                .containsExactly(SipMalformed.BAD_CONTENT_LENGTH, SipMalformed.BAD_CONTENT_LENGTH);
        // The HEP agent of hep.pcap sends LF-only messages whose Content-Length counts CRLF line ends.
        Path hep = dir.resolve("hep-wireshark/hep.pcap");
        assumeTrue(Files.isRegularFile(hep));
        assertThat(count(hep, "hep", SipLimits.DEFAULTS, false).messages).extracting(SipMessage::problem)
                .filteredOn(p -> p != null).containsOnly(SipMalformed.CONTENT_LENGTH_EXCEEDS_DATAGRAM).hasSize(2);
    }
}
