package dev.sipscope.decoder;

import static dev.sipscope.decoder.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkLayerTest {
    private static final byte[] SIP = text("OPTIONS sip:a@example.com SIP/2.0\r\n\r\n");
    private static final byte[] IPV4_UDP = ipv4("10.0.0.1", "10.0.0.2", UDP, udp(5060, 5080, SIP));
    private static final byte[] IPV6_UDP = ipv6("2001:db8::1", "2001:db8::2", UDP, udp(5060, 5080, SIP));

    private final RecordingSink sink = new RecordingSink();
    private final PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, sink);

    private RecordingSink.Datagram decodeOne(Frame f) {
        decoder.decode(f);
        assertThat(sink.malformed).isEmpty();
        return sink.only();
    }

    private void assertIpv4Sip(RecordingSink.Datagram d) {
        assertThat(d.ipVersion()).isEqualTo(4);
        assertThat(d.protocol()).isEqualTo(Packet.PROTO_UDP);
        assertThat(d.src()).isEqualTo("10.0.0.1");
        assertThat(d.dst()).isEqualTo("10.0.0.2");
        assertThat(d.srcPort()).isEqualTo(5060);
        assertThat(d.dstPort()).isEqualTo(5080);
        assertThat(d.payload()).isEqualTo(SIP);
        assertThat(d.payloadInFrame()).isTrue();
    }

    private void assertIpv6Sip(RecordingSink.Datagram d) {
        assertThat(d.ipVersion()).isEqualTo(6);
        assertThat(d.src()).isEqualTo("2001:db8::1");
        assertThat(d.dst()).isEqualTo("2001:db8::2");
        assertThat(d.payload()).isEqualTo(SIP);
    }

    @Test
    void ethernetIpv4UdpDeliversPayloadAddressesPortsAndTime() {
        RecordingSink.Datagram d = decodeOne(frame(LinkType.ETHERNET, ethernet(ETH_IPV4, IPV4_UDP)));
        assertIpv4Sip(d);
        assertThat(d.flags()).isZero();
        assertThat(d.vlanId()).isEqualTo(-1);
        assertThat(d.timestampNanos()).isEqualTo(T0);
        assertThat(d.ipOffset()).isEqualTo(14);
        assertThat(decoder.stats().frames()).isEqualTo(1);
        assertThat(decoder.stats().ipv4Packets()).isEqualTo(1);
        assertThat(decoder.stats().udpDatagrams()).isEqualTo(1);
        assertThat(decoder.stats().framesOfLinkType(LinkType.ETHERNET)).isEqualTo(1);
    }

    @Test
    void frameAtAnOffsetInsideABiggerArrayIsReadFromItsOffset() {
        RecordingSink.Datagram d = decodeOne(framed(LinkType.ETHERNET, ethernet(ETH_IPV4, IPV4_UDP), 37));
        assertIpv4Sip(d);
        assertThat(d.ipOffset()).isEqualTo(37 + 14);
    }

    @Test
    void ethernetIpv6Udp() {
        assertIpv6Sip(decodeOne(frame(LinkType.ETHERNET, ethernet(ETH_IPV6, IPV6_UDP))));
        assertThat(decoder.stats().ipv6Packets()).isEqualTo(1);
    }

    @Test
    void ethernetPaddingAfterAShortIpPacketIsIgnored() {
        byte[] tiny = ipv4("10.0.0.1", "10.0.0.2", UDP, udp(5060, 5080, text("x")));
        byte[] padded = Bytes.concat(ethernet(ETH_IPV4, tiny), new byte[60 - 14 - tiny.length]);
        RecordingSink.Datagram d = decodeOne(frame(LinkType.ETHERNET, padded));
        assertThat(d.text()).isEqualTo("x");
    }

    @Test
    void singleVlanTagGivesVlanIdAndFlag() {
        RecordingSink.Datagram d = decodeOne(frame(LinkType.ETHERNET, ethernetWithTags(ETH_IPV4, IPV4_UDP, 0x8100, 42)));
        assertIpv4Sip(d);
        assertThat(d.has(Packet.FLAG_VLAN)).isTrue();
        assertThat(d.vlanId()).isEqualTo(42);
        assertThat(decoder.stats().vlanTaggedFrames()).isEqualTo(1);
    }

    @Test
    void qinqStacksOfAnyTpidKeepTheInnermostVlanId() {
        byte[] f = ethernetWithTags(ETH_IPV6, IPV6_UDP, 0x88a8, 100, 0x9100, 200, 0x8100, 300, 0x8100, 4000);
        RecordingSink.Datagram d = decodeOne(frame(LinkType.ETHERNET, f));
        assertIpv6Sip(d);
        assertThat(d.vlanId()).isEqualTo(4000);
        assertThat(decoder.stats().vlanTaggedFrames()).isEqualTo(1);
    }

    @Test
    void ieee8023LengthFramesWithLlcAreCountedAsNonIp() {
        decoder.decode(frame(LinkType.ETHERNET, ethernet8023(new byte[35])));
        assertThat(sink.datagrams).isEmpty();
        assertThat(sink.malformed).isEmpty();
        assertThat(decoder.stats().nonIp(NonIpKind.LLC)).isEqualTo(1);
    }

    @Test
    void arpLldpAndUnknownEthertypesAreCountedPerKindNotMalformed() {
        decoder.decode(frame(LinkType.ETHERNET, ethernet(ETH_ARP, new byte[28])));
        decoder.decode(frame(LinkType.ETHERNET, ethernetWithTags(ETH_ARP, new byte[28], 0x8100, 5)));
        decoder.decode(frame(LinkType.ETHERNET, ethernet(ETH_LLDP, new byte[40])));
        decoder.decode(frame(LinkType.ETHERNET, ethernet(0x88b5, new byte[40])));
        assertThat(sink.datagrams).isEmpty();
        assertThat(sink.malformed).isEmpty();
        assertThat(decoder.stats().nonIp(NonIpKind.ARP)).isEqualTo(2);
        assertThat(decoder.stats().nonIp(NonIpKind.LLDP)).isEqualTo(1);
        assertThat(decoder.stats().nonIp(NonIpKind.OTHER_ETHERTYPE)).isEqualTo(1);
        assertThat(decoder.stats().nonIpTotal()).isEqualTo(4);
        assertThat(decoder.stats().malformedTotal()).isZero();
    }

    @Test
    void unknownLinkTypeIsCountedNotMalformed() {
        decoder.decode(frame(147, IPV4_UDP));
        decoder.decode(frame(147, IPV4_UDP));
        assertThat(sink.datagrams).isEmpty();
        assertThat(decoder.stats().unsupportedLinkTypeFrames()).isEqualTo(2);
        assertThat(decoder.stats().framesOfLinkType(147)).isEqualTo(2);
        assertThat(decoder.stats().malformedTotal()).isZero();
    }

    @Test
    void linuxCookedV1() {
        assertIpv4Sip(decodeOne(frame(LinkType.LINUX_SLL, sll(ETH_IPV4, IPV4_UDP))));
    }

    @Test
    void linuxCookedV1WithVlanProtocol() {
        byte[] tagged = Bytes.of().u16(7).u16(ETH_IPV6).bytes(IPV6_UDP).array();
        RecordingSink.Datagram d = decodeOne(frame(LinkType.LINUX_SLL, sll(0x8100, tagged)));
        assertIpv6Sip(d);
        assertThat(d.vlanId()).isEqualTo(7);
    }

    @Test
    void linuxCookedV2() {
        assertIpv6Sip(decodeOne(frame(LinkType.LINUX_SLL2, sll2(ETH_IPV6, IPV6_UDP))));
    }

    @Test
    void linuxCookedLlcPseudoProtocolIsNonIp() {
        decoder.decode(frame(LinkType.LINUX_SLL, sll(0x0004, new byte[30])));
        assertThat(decoder.stats().nonIp(NonIpKind.LLC)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {LinkType.RAW, LinkType.RAW_OPENBSD, LinkType.RAW_BSDOS})
    void rawIpCarriesEitherVersion(int linkType) {
        decoder.decode(frame(linkType, IPV4_UDP));
        decoder.decode(frame(linkType, IPV6_UDP));
        assertThat(sink.datagrams).hasSize(2);
        assertIpv4Sip(sink.datagrams.get(0));
        assertIpv6Sip(sink.datagrams.get(1));
    }

    @Test
    void linkType12WithAnOpenBsdLoopbackHeaderIsReadAsNull() {
        decoder.decode(frame(LinkType.RAW_OPENBSD, bsdNull(2, false, IPV4_UDP)));
        decoder.decode(frame(LinkType.RAW_OPENBSD, bsdNull(24, false, IPV6_UDP)));
        assertThat(sink.malformed).isEmpty();
        assertIpv4Sip(sink.datagrams.get(0));
        assertIpv6Sip(sink.datagrams.get(1));
    }

    @Test
    void linkTypesIpv4AndIpv6() {
        assertIpv4Sip(decodeOne(frame(LinkType.IPV4, IPV4_UDP)));
        sink.datagrams.clear();
        assertIpv6Sip(decodeOne(frame(LinkType.IPV6, IPV6_UDP)));
    }

    @Test
    void linkTypeIpv4RejectsAnIpv6Packet() {
        decoder.decode(frame(LinkType.IPV4, IPV6_UDP));
        assertThat(sink.datagrams).isEmpty();
        assertThat(sink.malformed).containsExactly(Malformed.IP_HEADER);
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 28, 30})
    void bsdNullIpv6FamiliesInBothByteOrders(int family) {
        decoder.decode(frame(LinkType.NULL, bsdNull(family, true, IPV6_UDP)));
        decoder.decode(frame(LinkType.NULL, bsdNull(family, false, IPV6_UDP)));
        assertThat(sink.datagrams).hasSize(2);
        assertIpv6Sip(sink.datagrams.get(1));
    }

    @Test
    void bsdNullAndLoopIpv4() {
        decoder.decode(frame(LinkType.NULL, bsdNull(2, true, IPV4_UDP)));
        decoder.decode(frame(LinkType.NULL, bsdNull(2, false, IPV4_UDP)));
        decoder.decode(frame(LinkType.LOOP, bsdNull(2, false, IPV4_UDP)));
        assertThat(sink.datagrams).hasSize(3);
        sink.datagrams.forEach(this::assertIpv4Sip);
    }

    @Test
    void bsdNullOtherFamilyIsNonIp() {
        decoder.decode(frame(LinkType.NULL, bsdNull(7, true, IPV4_UDP)));
        assertThat(sink.datagrams).isEmpty();
        assertThat(decoder.stats().nonIp(NonIpKind.BSD_FAMILY)).isEqualTo(1);
    }

    @Test
    void pppWithAndWithoutAddressControlAndCompressedProtocol() {
        decoder.decode(frame(LinkType.PPP, ppp(true, false, 0x0021, IPV4_UDP)));
        decoder.decode(frame(LinkType.PPP, ppp(false, false, 0x0021, IPV4_UDP)));
        decoder.decode(frame(LinkType.PPP, ppp(false, true, 0x21, IPV4_UDP)));
        decoder.decode(frame(LinkType.PPP, ppp(true, false, 0x0057, IPV6_UDP)));
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.datagrams).hasSize(4);
        assertIpv4Sip(sink.datagrams.get(2));
        assertIpv6Sip(sink.datagrams.get(3));
    }

    @Test
    void pppControlProtocolsAreNonIp() {
        decoder.decode(frame(LinkType.PPP, ppp(true, false, 0xc021, new byte[20])));
        assertThat(decoder.stats().nonIp(NonIpKind.PPP_CONTROL)).isEqualTo(1);
        assertThat(sink.malformed).isEmpty();
    }

    @Test
    void pppInHdlcFramingAndCiscoHdlc() {
        decoder.decode(frame(LinkType.PPP_HDLC, ppp(true, false, 0x0021, IPV4_UDP)));
        decoder.decode(frame(LinkType.PPP_HDLC, ciscoHdlc(ETH_IPV6, IPV6_UDP)));
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.datagrams).hasSize(2);
        assertIpv4Sip(sink.datagrams.get(0));
        assertIpv6Sip(sink.datagrams.get(1));
    }

    @Test
    void pppoeSessionOverEthernetAndAsLinkType51() {
        decoder.decode(frame(LinkType.ETHERNET, ethernet(ETH_PPPOE_SESSION, pppoeSession(0x0021, IPV4_UDP))));
        decoder.decode(frame(LinkType.PPP_ETHER, pppoeSession(0x0057, IPV6_UDP)));
        assertThat(sink.malformed).isEmpty();
        assertIpv4Sip(sink.datagrams.get(0));
        assertIpv6Sip(sink.datagrams.get(1));
    }

    @Test
    void pppoeWithBadVersionIsMalformedLinkHeader() {
        byte[] bad = pppoeSession(0x0021, IPV4_UDP);
        bad[0] = 0x21;
        decoder.decode(frame(LinkType.ETHERNET, ethernet(ETH_PPPOE_SESSION, bad)));
        assertThat(sink.malformed).containsExactly(Malformed.LINK_HEADER);
    }

    @Test
    void mplsLabelStacksGuessTheIpVersionAfterTheBottomLabel() {
        decoder.decode(frame(LinkType.ETHERNET, ethernet(ETH_MPLS, mpls(IPV4_UDP, 16))));
        decoder.decode(frame(LinkType.ETHERNET, ethernet(ETH_MPLS, mpls(IPV6_UDP, 16, 17, 18))));
        decoder.decode(frame(LinkType.ETHERNET, ethernetWithTags(ETH_MPLS, mpls(IPV4_UDP, 1000, 2000), 0x8100, 9)));
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.datagrams).hasSize(3);
        assertIpv4Sip(sink.datagrams.get(0));
        assertIpv6Sip(sink.datagrams.get(1));
        assertThat(sink.datagrams.get(2).vlanId()).isEqualTo(9);
    }

    @Test
    void mplsFollowedByAPseudowireIsNonIp() {
        decoder.decode(frame(LinkType.ETHERNET, ethernet(ETH_MPLS, mpls(new byte[40], 16))));
        assertThat(decoder.stats().nonIp(NonIpKind.MPLS_NON_IP)).isEqualTo(1);
    }

    @Test
    void mplsStackWithoutBottomRunsOutAsLinkTruncated() {
        byte[] labels = Bytes.of().u32(0x10040L).u32(0x11040L).array();
        decoder.decode(frame(LinkType.ETHERNET, ethernet(ETH_MPLS, labels)));
        assertThat(sink.malformed).containsExactly(Malformed.LINK_TRUNCATED);
    }

    @Test
    void framesEndingInsideALinkHeaderAreLinkTruncated() {
        decoder.decode(frame(LinkType.ETHERNET, new byte[13]));
        decoder.decode(frame(LinkType.ETHERNET, ethernetWithTags(ETH_IPV4, new byte[0], 0x8100, 1)));
        decoder.decode(frame(LinkType.LINUX_SLL, new byte[15]));
        decoder.decode(frame(LinkType.LINUX_SLL2, new byte[19]));
        decoder.decode(frame(LinkType.NULL, new byte[3]));
        assertThat(sink.datagrams).isEmpty();
        assertThat(decoder.stats().malformed(Malformed.LINK_TRUNCATED)).isEqualTo(4);
        assertThat(decoder.stats().malformed(Malformed.IP_HEADER)).isEqualTo(1);
    }

    @Test
    void statsCountFramesBytesAndLinkTypes() {
        decoder.decode(frame(LinkType.ETHERNET, ethernet(ETH_IPV4, IPV4_UDP)));
        decoder.decode(frame(LinkType.LINUX_SLL, sll(ETH_IPV4, IPV4_UDP)));
        decoder.decode(frame(LinkType.ETHERNET, ethernet(ETH_IPV4, IPV4_UDP)));
        DecoderStats s = decoder.stats();
        assertThat(s.frames()).isEqualTo(3);
        assertThat(s.capturedBytes()).isEqualTo(2L * (14 + IPV4_UDP.length) + 16 + IPV4_UDP.length);
        assertThat(s.framesByLinkType()).containsEntry(LinkType.ETHERNET, 2L).containsEntry(LinkType.LINUX_SLL, 1L);
        DecoderStats copy = s.copy();
        decoder.decode(frame(LinkType.ETHERNET, ethernet(ETH_IPV4, IPV4_UDP)));
        assertThat(copy.frames()).isEqualTo(3);
        assertThat(copy.toString()).contains("frames=3", "link1=2", "link113=1", "udp=3");
    }
}
