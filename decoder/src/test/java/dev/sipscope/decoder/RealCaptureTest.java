package dev.sipscope.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.CaptureFormatException;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.LinkType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Decodes public captures of the shared corpus (skipped when it is absent) and checks what
 * tshark saw in them: addresses, reassembled sizes, tunnel and fragment counts.
 */
class RealCaptureTest {
    private final RecordingSink sink = new RecordingSink();
    private final PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, sink);

    private void decodeAll(String path) throws IOException {
        List<Frame> frames = TestCaptureFiles.read(path);
        frames.forEach(decoder::decode);
        decoder.finish();
        assertThat(decoder.stats().internalErrors()).isZero();
    }

    private static boolean looksLikeSip(RecordingSink.Datagram d) {
        return d.text().matches("(?s)^([A-Z]+ sip:\\S+ SIP/2\\.0|SIP/2\\.0 \\d{3} [^\r\n]*)\r\n.*");
    }

    @Test
    void rawIpLinkTypeHeplifyIpip0() throws IOException {
        decodeAll("heplify/ipip0.pcap");
        assertThat(decoder.stats().framesOfLinkType(LinkType.RAW)).isEqualTo(8);
        assertThat(sink.datagrams).hasSize(8).allMatch(RealCaptureTest::looksLikeSip);
        RecordingSink.Datagram first = sink.datagrams.get(0);
        assertThat(first.src()).isEqualTo("179.43.150.26");
        assertThat(first.srcPort()).isEqualTo(33489);
        assertThat(first.dst()).isEqualTo("157.161.10.72");
        assertThat(first.payload()).hasSize(1472 - 8);
        assertThat(first.text()).startsWith("INVITE sip:+3908351673002@157.161.10.72:5060 SIP/2.0\r\n");
    }

    @Test
    void erspanMirroredSipIsDecapsulated() throws IOException {
        decodeAll("heplify/erspan_sip_ipv4_udp.pcapng");
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.datagrams).hasSize(140).allMatch(d -> d.has(Packet.FLAG_TUNNELED)).allMatch(RealCaptureTest::looksLikeSip);
        RecordingSink.Datagram first = sink.datagrams.get(0);
        assertThat(first.src()).isEqualTo("180.173.83.248");
        assertThat(first.srcPort()).isEqualTo(53221);
        assertThat(first.dst()).isEqualTo("101.231.48.19");
        assertThat(first.dstPort()).isEqualTo(5260);
        assertThat(first.text()).startsWith("SUBSCRIBE sip:20008909@101.231.48.19:5260 SIP/2.0");
        assertThat(decoder.stats().grePackets()).isEqualTo(140);
    }

    @Test
    void sngrepIpInIpCarriesTcp() throws IOException {
        decodeAll("sngrep/ipip.pcap");
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.tcpData).hasSize(4);
        assertThat(sink.tcpData).filteredOn(d -> d.flags() == Packet.FLAG_TUNNELED).hasSize(2);
        assertThat(sink.tcpData).allMatch(d -> d.text().matches("(?s)^(INVITE|BYE|SIP/2\\.0) .*"));
        assertThat(decoder.stats().tcpSegments()).isEqualTo(4);
        assertThat(decoder.stats().ipInIpPackets()).isEqualTo(2);
        assertThat(decoder.stats().ipv4Packets()).isEqualTo(6);
    }

    @Test
    void sngrepIpv6FragmentsOnLinuxCookedCapture() throws IOException {
        decodeAll("sngrep/ipv6frag.pcap");
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.datagrams).hasSize(32).allMatch(RealCaptureTest::looksLikeSip);
        List<RecordingSink.Datagram> reassembled = sink.datagrams.stream()
                .filter(d -> d.has(Packet.FLAG_REASSEMBLED)).toList();
        assertThat(reassembled).extracting(d -> d.payload().length).containsExactly(1699 - 8, 1879 - 8);
        RecordingSink.Datagram invite = reassembled.get(0);
        assertThat(invite.src()).isEqualTo("fd17:625c:f037:2:a00:27ff:feb9:1521");
        assertThat(invite.srcPort()).isEqualTo(15060);
        assertThat(invite.dstPort()).isEqualTo(5062);
        assertThat(invite.text()).startsWith("INVITE sip:08019200028@[fd17:625c:f037:2:a00:27ff:feb9:4222]:25060 SIP/2.0")
                .contains("\r\n\r\nv=0");
        assertThat(reassembled.get(1).dstPort()).isEqualTo(25060);
        assertThat(decoder.stats().fragmentsSeen()).isEqualTo(4);
        assertThat(decoder.stats().datagramsReassembled()).isEqualTo(2);
    }

    @Test
    void packetnetFragmentedUdpInvite() throws IOException {
        decodeAll("packetnet/udp-ip-fragmented.pcap");
        assertThat(sink.datagrams).hasSize(13).allMatch(RealCaptureTest::looksLikeSip);
        RecordingSink.Datagram invite = sink.datagrams.get(0);
        assertThat(invite.has(Packet.FLAG_REASSEMBLED)).isTrue();
        assertThat(invite.payload()).hasSize(1977 - 8);
        assertThat(invite.src()).isEqualTo("10.226.40.56");
        assertThat(invite.text()).startsWith("INVITE sip:92970;phone-context=cdp.udp@cs1000.com:5060;");
    }

    @Test
    void pktsLoneFirstFragmentIsDroppedAtFinish() throws IOException {
        decodeAll("pkts/fragmented_udp_sip.pcap");
        assertThat(sink.datagrams).hasSize(5).allMatch(RealCaptureTest::looksLikeSip);
        assertThat(decoder.stats().fragmentsSeen()).isEqualTo(1);
        assertThat(decoder.stats().datagramsUnfinishedAtEnd()).isEqualTo(1);
    }

    @Test
    void heplifySctpReassemblesAFragmentedUserMessage() throws IOException {
        decodeAll("heplify/sip_sctp.pcap");
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.datagrams).hasSize(4).allMatch(d -> d.protocol() == Packet.PROTO_SCTP)
                .allMatch(RealCaptureTest::looksLikeSip);
        RecordingSink.Datagram invite = sink.datagrams.get(0);
        assertThat(invite.has(Packet.FLAG_SCTP_REASSEMBLED)).isTrue();
        assertThat(invite.payload()).hasSize(1452 + 312);
        assertThat(invite.text()).startsWith("INVITE sip:9275890000@VMSSM;user=phone SIP/2.0");
        assertThat(invite.src()).isEqualTo("10.249.30.11");
        assertThat(invite.dstPort()).isEqualTo(5060);
        assertThat(sink.datagrams).extracting(d -> d.payload().length).containsExactly(1764, 365, 457, 440);
    }

    @Test
    void zeekLinkType228CarriesLongDatagrams() throws IOException {
        decodeAll("zeek/sip-long-request-response-paths.pcap");
        assertThat(decoder.stats().framesOfLinkType(LinkType.IPV4)).isEqualTo(2);
        assertThat(sink.datagrams).extracting(d -> d.payload().length).containsExactly(9571 - 8, 9556 - 8);
        assertThat(sink.datagrams).allMatch(RealCaptureTest::looksLikeSip);
    }

    @Test
    void pktsSippOnLinuxCookedCapture() throws IOException {
        decodeAll("pkts/sipp_sll.pcap");
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.datagrams).hasSize(30).allMatch(RealCaptureTest::looksLikeSip);
    }

    private static final Pattern YES_COUNT = Pattern.compile("yes \\((\\d+)\\)");

    private static long manifestCount(String cell) {
        Matcher m = YES_COUNT.matcher(cell);
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }

    /**
     * Every capture of the corpus that the capture readers can open decodes without a malformed report
     * or an internal error, and with the frame, IPv6, VLAN and IP-fragment counts of MANIFEST.md.
     */
    @Test
    void wholeCorpusMatchesTheManifestCounts() throws IOException {
        Path dir = TestCaptureFiles.captures();
        Path manifest = dir.resolve("MANIFEST.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(manifest), "no MANIFEST.md in " + dir);
        SoftAssertions softly = new SoftAssertions();
        int checked = 0;
        List<String> unreadable = new ArrayList<>();
        for (String line : Files.readAllLines(manifest)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cols = line.substring(1).split("\\|");
            String path = cols[0].trim().replace("`", "");
            Path file = dir.resolve(path);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            RecordingSink fileSink = new RecordingSink();
            PacketDecoder d = new PacketDecoder(DecoderConfig.DEFAULTS, fileSink);
            try (FrameSource source = CaptureFiles.open(file)) {
                for (Frame f = source.next(); f != null; f = source.next()) {
                    d.decode(f);
                }
            } catch (CaptureFormatException e) {
                unreadable.add(path);
                continue;
            }
            d.finish();
            DecoderStats s = d.stats();
            softly.assertThat(s.frames()).as(path + " frames").isEqualTo(Long.parseLong(cols[6].trim()));
            softly.assertThat(s.ipv6Packets()).as(path + " IPv6").isEqualTo(manifestCount(cols[11].trim()));
            softly.assertThat(s.vlanTaggedFrames()).as(path + " VLAN").isEqualTo(manifestCount(cols[12].trim()));
            softly.assertThat(s.fragmentsSeen()).as(path + " IP frags").isEqualTo(manifestCount(cols[13].trim()));
            softly.assertThat(s.malformedByReason()).as(path + " malformed").isEmpty();
            softly.assertThat(s.internalErrors()).as(path + " internal errors").isZero();
            checked++;
        }
        softly.assertAll();
        assertThat(checked).isGreaterThan(100);
        assertThat(unreadable).as("files the capture readers cannot open").isEmpty();
    }
}
