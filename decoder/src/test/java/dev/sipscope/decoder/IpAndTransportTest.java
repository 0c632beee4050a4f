package dev.sipscope.decoder;

import static dev.sipscope.decoder.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import org.junit.jupiter.api.Test;

class IpAndTransportTest {
    private static final byte[] SIP = text("INVITE sip:bob@example.com SIP/2.0\r\nContent-Length: 0\r\n\r\n");

    private final RecordingSink sink = new RecordingSink();
    private final PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, sink);

    private void decodeRaw(byte[] ipPacket) {
        decoder.decode(frame(LinkType.RAW, ipPacket));
    }

    // ------------------------------------------------------------ IPv4

    @Test
    void ipv4OptionsAreSkippedByHeaderLength() {
        byte[] options = {(byte) 0x94, 0x04, 0, 0, 1, 1, 1, 0}; // router alert, NOP x3, EOL
        decodeRaw(ipv4WithOptions("1.2.3.4", "5.6.7.8", UDP, options, udp(1, 2, SIP)));
        assertThat(sink.only().payload()).isEqualTo(SIP);
    }

    @Test
    void ipv4BadVersionOrShortHeaderLengthIsIpHeader() {
        byte[] p = ipv4("1.2.3.4", "5.6.7.8", UDP, udp(1, 2, SIP));
        byte[] badVersion = p.clone();
        badVersion[0] = 0x55;
        byte[] shortIhl = p.clone();
        shortIhl[0] = 0x44;
        decoder.decode(frame(LinkType.IPV4, badVersion));
        decoder.decode(frame(LinkType.IPV4, shortIhl));
        decoder.decode(frame(LinkType.IPV4, new byte[19]));
        assertThat(sink.datagrams).isEmpty();
        assertThat(sink.malformed).containsExactly(Malformed.IP_HEADER, Malformed.IP_HEADER, Malformed.IP_HEADER);
    }

    @Test
    void ipv4TotalLengthPastTheCapturedBytesWithoutSnaplenIsIpHeader() {
        byte[] payload = udp(1, 2, SIP);
        decodeRaw(ipv4Raw("1.2.3.4", "5.6.7.8", UDP, 1, 0, 20 + payload.length + 10, new byte[0], payload));
        assertThat(sink.datagrams).isEmpty();
        assertThat(sink.malformed).containsExactly(Malformed.IP_HEADER);
        assertThat(decoder.stats().truncatedBySnaplen()).isZero();
    }

    @Test
    void ipv4TotalLengthShorterThanItsHeaderIsIpHeader() {
        decodeRaw(ipv4Raw("1.2.3.4", "5.6.7.8", UDP, 1, 0, 12, new byte[0], udp(1, 2, SIP)));
        assertThat(sink.malformed).containsExactly(Malformed.IP_HEADER);
    }

    @Test
    void ipv4ZeroTotalLengthFromSegmentationOffloadMeansTheWholeFrame() {
        byte[] payload = udp(1, 2, SIP);
        decodeRaw(ipv4Raw("1.2.3.4", "5.6.7.8", UDP, 1, 0, 0, new byte[0], payload));
        assertThat(sink.only().payload()).isEqualTo(SIP);
    }

    @Test
    void snaplenCutUdpIsDeliveredPartiallyFlaggedAndCountedOnce() {
        byte[] f = ethIpv4Udp("1.2.3.4", 5060, "5.6.7.8", 5060, SIP);
        int keep = 14 + 20 + 8 + 10;
        decoder.decode(snapped(LinkType.ETHERNET, f, keep));
        RecordingSink.Datagram d = sink.only();
        assertThat(d.payload()).hasSize(10);
        assertThat(d.has(Packet.FLAG_TRUNCATED)).isTrue();
        assertThat(sink.malformed).isEmpty();
        assertThat(decoder.stats().truncatedBySnaplen()).isEqualTo(1);
    }

    @Test
    void snaplenCutInsideTheUdpHeaderDeliversNothingButCounts() {
        byte[] f = ethIpv4Udp("1.2.3.4", 5060, "5.6.7.8", 5060, SIP);
        decoder.decode(snapped(LinkType.ETHERNET, f, 14 + 20 + 5));
        decoder.decode(snapped(LinkType.ETHERNET, f, 14 + 12));
        assertThat(sink.datagrams).isEmpty();
        assertThat(sink.malformed).isEmpty();
        assertThat(decoder.stats().truncatedBySnaplen()).isEqualTo(2);
    }

    @Test
    void snaplenCutTcpStillReachesTheReassembler() {
        byte[] seg = tcp(5060, 40000, 1000, 0, 0x18, new byte[0], SIP);
        byte[] f = ethernet(ETH_IPV4, ipv4("1.2.3.4", "5.6.7.8", TCP, seg));
        decoder.decode(snapped(LinkType.ETHERNET, f, f.length - 5));
        assertThat(decoder.stats().tcpSegments()).isEqualTo(1);
        assertThat(decoder.stats().truncatedBySnaplen()).isEqualTo(1);
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.tcpData).hasSize(1);
        assertThat(sink.tcpData.get(0).bytes()).hasSize(SIP.length - 5);
        assertThat(sink.tcpData.get(0).flags() & Packet.FLAG_TRUNCATED).isNotZero();
    }

    @Test
    void otherIpProtocolsAreCountedByNumber() {
        decodeRaw(ipv4("1.2.3.4", "5.6.7.8", 1, new byte[] {8, 0, 0, 0, 0, 1, 0, 1}));
        decodeRaw(ipv4("1.2.3.4", "5.6.7.8", 89, new byte[24]));
        assertThat(decoder.stats().otherIpProtocolPackets(1)).isEqualTo(1);
        assertThat(decoder.stats().otherIpProtocolPackets(89)).isEqualTo(1);
        assertThat(decoder.stats().otherIpProtocolPackets()).isEqualTo(2);
        assertThat(sink.malformed).isEmpty();
    }

    // ------------------------------------------------------------ IPv6

    @Test
    void ipv6ExtensionChainIsWalkedToUdp() {
        byte[] u = udp(5060, 5060, SIP);
        byte[] afterAh = ipv6Extension(135, new byte[] {1, 2, 3, 4}); // mobility -> next: UDP below
        afterAh[0] = UDP;
        byte[] chain = Bytes.concat(
                ipv6Extension(43, new byte[6]),                 // hop-by-hop -> routing
                ipv6Extension(60, new byte[14]),                // routing -> destination options
                ipv6Extension(51, new byte[6]),                 // destination options -> AH
                ipv6Ah(135, 12, Bytes.concat(afterAh, u)));     // AH -> mobility -> UDP
        decodeRaw(ipv6("2001:db8::1", "2001:db8::2", 0, chain));
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.only().payload()).isEqualTo(SIP);
    }

    @Test
    void ipv6EspAndNoNextHeaderStopQuietly() {
        decodeRaw(ipv6("2001:db8::1", "2001:db8::2", 50, new byte[40]));
        decodeRaw(ipv6("2001:db8::1", "2001:db8::2", 60, ipv6Extension(59, new byte[6])));
        assertThat(sink.datagrams).isEmpty();
        assertThat(sink.malformed).isEmpty();
        assertThat(decoder.stats().otherIpProtocolPackets(50)).isEqualTo(1);
        assertThat(decoder.stats().otherIpProtocolPackets(59)).isEqualTo(1);
    }

    @Test
    void ipv6ChainLongerThanTheBoundIsMalformed() {
        byte[] rest = udp(1, 2, SIP);
        for (int i = 0; i < PacketDecoder.MAX_IPV6_EXTENSION_HEADERS + 1; i++) {
            rest = Bytes.concat(ipv6Extension(i == 0 ? UDP : 60, new byte[6]), rest);
        }
        decodeRaw(ipv6("2001:db8::1", "2001:db8::2", 60, rest));
        assertThat(sink.datagrams).isEmpty();
        assertThat(sink.malformed).containsExactly(Malformed.IPV6_EXTENSION);
    }

    @Test
    void ipv6ExtensionHeaderRunningPastThePacketIsMalformed() {
        byte[] ext = ipv6Extension(UDP, new byte[6]);
        ext[1] = 20;
        decodeRaw(ipv6("2001:db8::1", "2001:db8::2", 60, Bytes.concat(ext, udp(1, 2, SIP))));
        assertThat(sink.malformed).containsExactly(Malformed.IPV6_EXTENSION);
    }

    @Test
    void ipv6PayloadLengthPastTheFrameIsIpHeaderAndShorterIgnoresTrailingBytes() {
        byte[] u = udp(1, 2, SIP);
        decodeRaw(ipv6Raw("2001:db8::1", "2001:db8::2", UDP, u.length + 1, u));
        assertThat(sink.malformed).containsExactly(Malformed.IP_HEADER);
        decodeRaw(Bytes.concat(ipv6("2001:db8::1", "2001:db8::2", UDP, u), new byte[7]));
        assertThat(sink.only().payload()).isEqualTo(SIP);
    }

    @Test
    void ipv6JumbogramWithZeroUdpLength() {
        byte[] body = udpRaw(5060, 5060, 0, SIP);
        byte[] hopByHop = Bytes.of().u8(UDP).u8(0).u8(0xc2).u8(4).u32(8 + body.length).array();
        decodeRaw(ipv6Raw("2001:db8::1", "2001:db8::2", 0, 0, Bytes.concat(hopByHop, body)));
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.only().payload()).isEqualTo(SIP);
    }

    @Test
    void zeroUdpLengthOutsideAJumbogramIsMalformed() {
        decodeRaw(ipv4("1.2.3.4", "5.6.7.8", UDP, udpRaw(1, 2, 0, SIP)));
        decodeRaw(ipv6("2001:db8::1", "2001:db8::2", UDP, udpRaw(1, 2, 0, SIP)));
        assertThat(sink.datagrams).isEmpty();
        assertThat(sink.malformed).containsExactly(Malformed.UDP_HEADER, Malformed.UDP_HEADER);
    }

    // ------------------------------------------------------------ UDP

    @Test
    void udpLengthLongerThanTheIpPayloadIsMalformedShorterIsHonoured() {
        decodeRaw(ipv4("1.2.3.4", "5.6.7.8", UDP, udpRaw(1, 2, 8 + SIP.length + 1, SIP)));
        assertThat(sink.malformed).containsExactly(Malformed.UDP_HEADER);
        decodeRaw(ipv4("1.2.3.4", "5.6.7.8", UDP, udpRaw(1, 2, 8 + 7, SIP)));
        assertThat(sink.only().text()).isEqualTo("INVITE ");
        decodeRaw(ipv4("1.2.3.4", "5.6.7.8", UDP, udpRaw(1, 2, 7, SIP)));
        assertThat(sink.malformed).containsExactly(Malformed.UDP_HEADER, Malformed.UDP_HEADER);
    }

    @Test
    void emptyUdpDatagramIsDelivered() {
        decodeRaw(ipv4("1.2.3.4", "5.6.7.8", UDP, udp(1, 2, new byte[0])));
        assertThat(sink.only().payload()).isEmpty();
    }

    @Test
    void shortUdpHeaderIsMalformed() {
        decodeRaw(ipv4("1.2.3.4", "5.6.7.8", UDP, new byte[5]));
        assertThat(sink.malformed).containsExactly(Malformed.UDP_HEADER);
    }

    // ------------------------------------------------------------ TCP

    @Test
    void tcpSegmentsWithOptionsReachTheReassemblerWithOptionsSkipped() {
        byte[] options = {2, 4, 5, (byte) 0xb4, 1, 1, 4, 2};
        decodeRaw(ipv4("1.2.3.4", "5.6.7.8", TCP, tcp(40000, 5060, 100, 0, 0x02, options, new byte[0])));
        decodeRaw(ipv4("5.6.7.8", "1.2.3.4", TCP, tcp(5060, 40000, 900, 101, 0x12, options, new byte[0])));
        byte[] timestamps = {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2};
        decodeRaw(ipv4("1.2.3.4", "5.6.7.8", TCP, tcp(40000, 5060, 101, 901, 0x18, timestamps, SIP)));
        assertThat(sink.malformed).isEmpty();
        assertThat(decoder.stats().tcpSegments()).isEqualTo(3);
        assertThat(sink.datagrams).isEmpty();
        assertThat(sink.tcpText("1.2.3.4", 40000)).isEqualTo(new String(SIP, java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(decoder.tcpReassembler().streams()).isEqualTo(1);
    }

    @Test
    void tcpOverIpv6DeliversInOrderBytesAcrossSegments() {
        decodeRaw(ipv6("2001:db8::1", "2001:db8::2", TCP, tcp(5060, 40000, 1000, 0, 0x18, new byte[0], text("INVITE "))));
        decodeRaw(ipv6("2001:db8::1", "2001:db8::2", TCP, tcp(5060, 40000, 1007, 0, 0x18, new byte[0], text("sip:"))));
        assertThat(sink.tcpText("2001:db8::1", 5060)).isEqualTo("INVITE sip:");
    }

    @Test
    void tcpInsideAFragmentedIpv4DatagramIsReassembledFirst() {
        byte[] body = new byte[2500];
        java.util.Arrays.fill(body, (byte) 'z');
        byte[] segment = tcp(5060, 40000, 7, 0, 0x18, new byte[0], body);
        decodeRaw(ipv4Fragment("1.2.3.4", "5.6.7.8", TCP, 3, 1480, false,
                java.util.Arrays.copyOfRange(segment, 1480, segment.length)));
        decodeRaw(ipv4Fragment("1.2.3.4", "5.6.7.8", TCP, 3, 0, true, java.util.Arrays.copyOf(segment, 1480)));
        assertThat(sink.tcpData).hasSize(1);
        assertThat(sink.tcpData.get(0).bytes()).isEqualTo(body);
        assertThat(sink.tcpData.get(0).flags() & Packet.FLAG_REASSEMBLED).isNotZero();
    }

    @Test
    void tcpDataOffsetBelowFiveOrPastTheSegmentIsMalformed() {
        byte[] seg = tcp(1, 2, 0, 0, 0x10, new byte[0], SIP);
        byte[] low = seg.clone();
        low[12] = 0x40;
        byte[] high = tcp(1, 2, 0, 0, 0x10, new byte[0], new byte[0]);
        high[12] = (byte) 0xf0;
        decodeRaw(ipv4("1.2.3.4", "5.6.7.8", TCP, low));
        decodeRaw(ipv4("1.2.3.4", "5.6.7.8", TCP, high));
        decodeRaw(ipv4("1.2.3.4", "5.6.7.8", TCP, new byte[19]));
        assertThat(sink.malformed).containsExactly(Malformed.TCP_HEADER, Malformed.TCP_HEADER, Malformed.TCP_HEADER);
        assertThat(decoder.stats().tcpSegments()).isZero();
    }

    // ------------------------------------------------------------ SCTP

    private void decodeSctp(byte[]... chunks) {
        decodeRaw(ipv4("10.0.0.1", "10.0.0.2", SCTP, sctp(5060, 5061, 0xcafe, chunks)));
    }

    @Test
    void sctpDataChunkDeliversUserDataWithSctpPorts() {
        decodeSctp(sctpData(0x03, 1, 0, 0, SIP));
        RecordingSink.Datagram d = sink.only();
        assertThat(d.protocol()).isEqualTo(Packet.PROTO_SCTP);
        assertThat(d.srcPort()).isEqualTo(5060);
        assertThat(d.dstPort()).isEqualTo(5061);
        assertThat(d.payload()).isEqualTo(SIP);
        assertThat(decoder.stats().sctpPackets()).isEqualTo(1);
        assertThat(decoder.stats().sctpDataChunks()).isEqualTo(1);
    }

    @Test
    void bundledChunksEachDeliverTheirDataAndControlChunksAreSkipped() {
        decodeSctp(sctpSack(), sctpData(0x03, 1, 0, 0, text("one")), sctpData(0x07, 2, 1, 0, text("second")),
                sctpIData(0x03, 3, 2, 9, 0, text("third!")));
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.datagrams).extracting(RecordingSink.Datagram::text).containsExactly("one", "second", "third!");
    }

    @Test
    void fragmentedDataChunksAreReassembledInTsnOrder() {
        decodeSctp(sctpData(0x02, 10, 0, 5, text("INVITE sip:")));
        decodeSctp(sctpData(0x00, 11, 0, 5, text("bob@example.com")));
        assertThat(sink.datagrams).isEmpty();
        decodeSctp(sctpData(0x01, 12, 0, 5, text(" SIP/2.0")));
        RecordingSink.Datagram d = sink.only();
        assertThat(d.text()).isEqualTo("INVITE sip:bob@example.com SIP/2.0");
        assertThat(d.has(Packet.FLAG_SCTP_REASSEMBLED)).isTrue();
        assertThat(decoder.stats().sctpMessagesReassembled()).isEqualTo(1);
    }

    @Test
    void fragmentedIdataIsReassembledByMessageIdAndFragmentSequence() {
        decodeSctp(sctpIData(0x02, 100, 1, 7, 0, text("AAAA")), sctpIData(0x02, 101, 2, 8, 0, text("XXXX")));
        decodeSctp(sctpIData(0x00, 102, 1, 7, 1, text("BBBB")), sctpIData(0x01, 103, 2, 8, 1, text("YY")));
        decodeSctp(sctpIData(0x01, 104, 1, 7, 2, text("CC")));
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.datagrams).extracting(RecordingSink.Datagram::text).containsExactly("XXXXYY", "AAAABBBBCC");
    }

    @Test
    void sctpFragmentGapOrMissingFirstDropsAndCounts() {
        decodeSctp(sctpData(0x02, 10, 0, 5, text("a")));
        decodeSctp(sctpData(0x01, 12, 0, 5, text("c")));
        decodeSctp(sctpData(0x01, 20, 0, 6, text("z")));
        assertThat(sink.datagrams).isEmpty();
        assertThat(decoder.stats().sctpFragmentsDropped()).isEqualTo(3);
    }

    @Test
    void repeatedSctpFragmentIsIgnored() {
        decodeSctp(sctpData(0x02, 10, 0, 5, text("ab")));
        decodeSctp(sctpData(0x02, 10, 0, 5, text("ab")));
        decodeSctp(sctpData(0x00, 11, 0, 5, text("cd")));
        decodeSctp(sctpData(0x00, 11, 0, 5, text("cd")));
        decodeSctp(sctpData(0x01, 12, 0, 5, text("ef")));
        assertThat(sink.only().text()).isEqualTo("abcdef");
    }

    @Test
    void unfinishedSctpMessagesAreDroppedAtFinish() {
        decodeSctp(sctpData(0x02, 10, 0, 5, text("a")), sctpData(0x00, 11, 0, 5, text("b")));
        assertThat(decoder.pendingSctpMessages()).isEqualTo(1);
        decoder.finish();
        assertThat(decoder.pendingSctpMessages()).isZero();
        assertThat(decoder.stats().sctpFragmentsDropped()).isEqualTo(2);
    }

    @Test
    void sctpChunkLengthsBelowFourOrPastThePacketAreMalformed() {
        byte[] tiny = {0, 3, 0, 2};
        byte[] past = sctpData(0x03, 1, 0, 0, SIP);
        past[3] = (byte) 0xf0;
        decodeSctp(sctpData(0x03, 1, 0, 0, text("ok")), tiny);
        decodeSctp(past);
        decodeSctp(Bytes.of().u8(0).u8(3).u16(16).zeros(12).array());
        decodeRaw(ipv4("10.0.0.1", "10.0.0.2", SCTP, new byte[11]));
        assertThat(sink.datagrams).extracting(RecordingSink.Datagram::text).containsExactly("ok");
        assertThat(sink.malformed).containsExactly(Malformed.SCTP_HEADER, Malformed.SCTP_HEADER,
                Malformed.SCTP_HEADER, Malformed.SCTP_HEADER);
    }

    @Test
    void snaplenCutSctpDeliversCompleteChunksOnly() {
        byte[] packet = ipv4("10.0.0.1", "10.0.0.2", SCTP,
                sctp(1, 2, 3, sctpData(0x03, 1, 0, 0, text("first")), sctpData(0x03, 2, 0, 1, SIP)));
        Frame f = snapped(LinkType.RAW, packet, packet.length - 10);
        decoder.decode(f);
        assertThat(sink.datagrams).extracting(RecordingSink.Datagram::text).containsExactly("first");
        assertThat(sink.malformed).isEmpty();
        assertThat(decoder.stats().truncatedBySnaplen()).isEqualTo(1);
    }
}
