package dev.sipscope.decoder;

import static dev.sipscope.decoder.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.LinkType;
import org.junit.jupiter.api.Test;

class TunnelTest {
    private static final byte[] SIP = text("BYE sip:b@example.com SIP/2.0\r\n\r\n");
    private static final byte[] INNER_V4 = ipv4("192.168.1.10", "192.168.1.20", UDP, udp(5060, 5060, SIP));
    private static final byte[] INNER_V6 = ipv6("fd00::10", "fd00::20", UDP, udp(5060, 5060, SIP));
    private static final byte[] INNER_ETHERNET = ethernetWithTags(ETH_IPV4, INNER_V4, 0x8100, 77);

    private RecordingSink sink = new RecordingSink();
    private PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, sink);

    private static byte[] outerV4(int protocol, byte[] payload) {
        return ethernet(ETH_IPV4, ipv4("10.1.1.1", "10.2.2.2", protocol, payload));
    }

    private RecordingSink.Datagram decodeOne(byte[] ethernetFrame) {
        decoder.decode(frame(LinkType.ETHERNET, ethernetFrame));
        assertThat(sink.malformed).isEmpty();
        return sink.only();
    }

    private static void assertInnerV4(RecordingSink.Datagram d) {
        assertThat(d.src()).isEqualTo("192.168.1.10");
        assertThat(d.dst()).isEqualTo("192.168.1.20");
        assertThat(d.srcPort()).isEqualTo(5060);
        assertThat(d.payload()).isEqualTo(SIP);
        assertThat(d.has(Packet.FLAG_TUNNELED)).isTrue();
    }

    @Test
    void ipv4InIpv4() {
        RecordingSink.Datagram d = decodeOne(outerV4(4, INNER_V4));
        assertInnerV4(d);
        assertThat(d.ipOffset()).isEqualTo(14 + 20);
        assertThat(decoder.stats().ipInIpPackets()).isEqualTo(1);
        assertThat(decoder.stats().tunneledPackets()).isEqualTo(1);
        assertThat(decoder.stats().ipv4Packets()).isEqualTo(2);
    }

    @Test
    void ipv6InIpv4AndIpv4InIpv6() {
        decoder.decode(frame(LinkType.ETHERNET, outerV4(41, INNER_V6)));
        decoder.decode(frame(LinkType.ETHERNET, ethernet(ETH_IPV6, ipv6("2001:db8::a", "2001:db8::b", 4, INNER_V4))));
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.datagrams).hasSize(2);
        assertThat(sink.datagrams.get(0).src()).isEqualTo("fd00::10");
        assertInnerV4(sink.datagrams.get(1));
    }

    @Test
    void plainGreCarryingIpv4() {
        assertInnerV4(decodeOne(outerV4(GRE, gre(0, ETH_IPV4, new byte[0], INNER_V4))));
        assertThat(decoder.stats().grePackets()).isEqualTo(1);
    }

    @Test
    void greWithChecksumKeyAndSequenceSkipsTheOptionalWords() {
        byte[] optional = Bytes.of().u16(0xbeef).u16(0).u32(0x01020304L).u32(99).array();
        assertInnerV4(decodeOne(outerV4(GRE, gre(0xb000, ETH_IPV4, optional, INNER_V4))));
    }

    @Test
    void greWithRfc1701RoutingSkipsSourceRouteEntries() {
        byte[] optional = Bytes.of().u16(0).u16(0)            // checksum + offset (present with R)
                .u16(0x0800).u8(0).u8(8).u32(0x0a000001L).u32(0x0a000002L) // one IPv4 SRE
                .u16(0).u8(0).u8(0).array();                  // NULL SRE
        assertInnerV4(decodeOne(outerV4(GRE, gre(0x4000, ETH_IPV4, optional, INNER_V4))));
    }

    @Test
    void greCarryingIpv6() {
        RecordingSink.Datagram d = decodeOne(outerV4(GRE, gre(0, ETH_IPV6, new byte[0], INNER_V6)));
        assertThat(d.src()).isEqualTo("fd00::10");
    }

    @Test
    void greTransparentEthernetBridgingWithKeyAsHeplifysErspanSample() {
        byte[] key = Bytes.of().u32(0).array();
        RecordingSink.Datagram d = decodeOne(outerV4(GRE, gre(0x2000, 0x6558, key, INNER_ETHERNET)));
        assertInnerV4(d);
        assertThat(d.vlanId()).isEqualTo(77);
    }

    @Test
    void erspanTypeTwoHasAnEightByteHeaderAndGreSequence() {
        byte[] seq = Bytes.of().u32(12345).array();
        RecordingSink.Datagram d = decodeOne(outerV4(GRE, gre(0x1000, 0x88be, seq, erspanII(3, INNER_ETHERNET))));
        assertInnerV4(d);
        assertThat(decoder.stats().erspanPackets()).isEqualTo(1);
    }

    @Test
    void erspanTypeOneHasNoHeaderAndNoSequence() {
        assertInnerV4(decodeOne(outerV4(GRE, gre(0, 0x88be, new byte[0], INNER_ETHERNET))));
    }

    @Test
    void erspanTypeThreeWithAndWithoutPlatformSubHeader() {
        byte[] seq = Bytes.of().u32(1).array();
        decoder.decode(frame(LinkType.ETHERNET, outerV4(GRE, gre(0x1000, 0x22eb, seq, erspanIII(4, false, INNER_ETHERNET)))));
        decoder.decode(frame(LinkType.ETHERNET, outerV4(GRE, gre(0x1000, 0x22eb, seq, erspanIII(4, true, INNER_ETHERNET)))));
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.datagrams).hasSize(2);
        sink.datagrams.forEach(TunnelTest::assertInnerV4);
    }

    @Test
    void erspanWithWrongVersionIsMalformedTunnel() {
        byte[] seq = Bytes.of().u32(1).array();
        byte[] bad = erspanII(3, INNER_ETHERNET);
        bad[0] = 0x20;
        decoder.decode(frame(LinkType.ETHERNET, outerV4(GRE, gre(0x1000, 0x88be, seq, bad))));
        assertThat(sink.malformed).containsExactly(Malformed.TUNNEL);
    }

    @Test
    void pptpEnhancedGreCarryingPpp() {
        byte[] optional = Bytes.of().u16(INNER_V4.length + 4).u16(7).u32(1).array();
        byte[] ppp = ppp(true, false, 0x0021, INNER_V4);
        assertInnerV4(decodeOne(outerV4(GRE, gre(0x3001, 0x880b, optional, ppp))));
    }

    @Test
    void greWithUnknownVersionIsMalformedTunnel() {
        decoder.decode(frame(LinkType.ETHERNET, outerV4(GRE, gre(0x0002, ETH_IPV4, new byte[0], INNER_V4))));
        assertThat(sink.malformed).containsExactly(Malformed.TUNNEL);
    }

    @Test
    void vxlanOnItsDefaultPort() {
        byte[] outer = ethernet(ETH_IPV4, ipv4("10.1.1.1", "10.2.2.2", UDP, udp(40000, 4789, vxlan(5000, INNER_ETHERNET))));
        RecordingSink.Datagram d = decodeOne(outer);
        assertInnerV4(d);
        assertThat(d.vlanId()).isEqualTo(77);
        assertThat(decoder.stats().vxlanPackets()).isEqualTo(1);
        assertThat(decoder.stats().udpDatagrams()).isEqualTo(2);
    }

    @Test
    void vxlanOnAConfiguredPortOnly() {
        decoder = new PacketDecoder(DecoderConfig.DEFAULTS.withVxlanUdpPorts(8472), sink);
        byte[] linux = ethernet(ETH_IPV4, ipv4("10.1.1.1", "10.2.2.2", UDP, udp(40000, 8472, vxlan(1, INNER_ETHERNET))));
        byte[] iana = ethernet(ETH_IPV4, ipv4("10.1.1.1", "10.2.2.2", UDP, udp(40000, 4789, vxlan(1, INNER_ETHERNET))));
        decoder.decode(frame(LinkType.ETHERNET, linux));
        decoder.decode(frame(LinkType.ETHERNET, iana));
        assertThat(sink.datagrams).hasSize(2);
        assertInnerV4(sink.datagrams.get(0));
        assertThat(sink.datagrams.get(1).dstPort()).isEqualTo(4789);
        assertThat(sink.datagrams.get(1).has(Packet.FLAG_TUNNELED)).isFalse();
    }

    @Test
    void vxlanWithoutTheIFlagIsMalformedTunnel() {
        byte[] v = vxlan(1, INNER_ETHERNET);
        v[0] = 0;
        decoder.decode(frame(LinkType.ETHERNET, ethernet(ETH_IPV4, ipv4("10.1.1.1", "10.2.2.2", UDP, udp(1, 4789, v)))));
        assertThat(sink.datagrams).isEmpty();
        assertThat(sink.malformed).containsExactly(Malformed.TUNNEL);
    }

    @Test
    void truncatedGreHeaderIsMalformedTunnel() {
        decoder.decode(frame(LinkType.ETHERNET, outerV4(GRE, new byte[] {(byte) 0xb0, 0, 0x08, 0, 1, 2})));
        assertThat(sink.malformed).containsExactly(Malformed.TUNNEL);
    }

    @Test
    void nestedTunnelsAreFollowedUpToTheDepthLimitThenTooDeep() {
        byte[] inner = INNER_V4;
        for (int i = 0; i < 3; i++) {
            inner = ipv4("10.9.9." + i, "10.8.8." + i, GRE, gre(0, ETH_IPV4, new byte[0], inner));
        }
        byte[] outer = ethernet(ETH_IPV4, inner);
        decoder = new PacketDecoder(DecoderConfig.DEFAULTS.withMaxTunnelDepth(3), sink);
        decoder.decode(frame(LinkType.ETHERNET, outer));
        assertThat(sink.malformed).isEmpty();
        assertInnerV4(sink.only());
        assertThat(decoder.stats().tunneledPackets()).isEqualTo(3);

        sink = new RecordingSink();
        decoder = new PacketDecoder(DecoderConfig.DEFAULTS.withMaxTunnelDepth(2), sink);
        decoder.decode(frame(LinkType.ETHERNET, outer));
        assertThat(sink.datagrams).isEmpty();
        assertThat(sink.malformed).containsExactly(Malformed.TOO_DEEP);
    }

    @Test
    void defaultDepthStopsASelfSimilarStackOfVxlanInVxlan() {
        byte[] inner = INNER_ETHERNET;
        for (int i = 0; i < 12; i++) {
            inner = ethernet(ETH_IPV4, ipv4("10.0.0.1", "10.0.0.2", UDP, udp(1000, 4789, vxlan(i, inner))));
        }
        decoder.decode(frame(LinkType.ETHERNET, inner));
        assertThat(sink.datagrams).isEmpty();
        assertThat(sink.malformed).containsExactly(Malformed.TOO_DEEP);
        assertThat(decoder.stats().vxlanPackets()).isEqualTo(DecoderConfig.DEFAULTS.maxTunnelDepth());
    }
}
