package dev.sipscope.decoder;

import static dev.sipscope.decoder.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Property test with fixed seeds: random bytes under every link type, and mutations of valid frames
 * of every kind (bit flips, truncation at every offset, 8- and 16-bit fields set to extremes) never
 * make {@link PacketDecoder#decode} throw, hang, break the delivered {@link Packet}'s invariants,
 * exceed the reassembly bounds, or hit the decoder's internal-error net. The whole class runs in a
 * few seconds; the timeout only guards against a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DecoderFuzzTest {
    private static final int[] LINK_TYPES = {
            LinkType.NULL, LinkType.ETHERNET, LinkType.PPP, LinkType.RAW_OPENBSD, LinkType.RAW_BSDOS,
            LinkType.PPP_HDLC, LinkType.PPP_ETHER, LinkType.RAW, LinkType.LOOP, LinkType.LINUX_SLL,
            LinkType.IPV4, LinkType.IPV6, LinkType.LINUX_SLL2, 147};

    private static final DecoderConfig CONFIG = DecoderConfig.DEFAULTS
            .withFragmentLimits(64, 256 * 1024, 30_000_000_000L)
            .withSctpLimits(16, 64 * 1024, 256 * 1024)
            .withMaxHepInflatedBytes(64 * 1024)
            .withVxlanUdpPorts(4789, 8472);

    /** Checks every delivered packet; counts deliveries so that the run is known to reach deep layers. */
    private static final class CheckingSink implements PacketSink {
        long datagrams;
        long malformed;

        @Override
        public void onDatagram(Packet p) {
            datagrams++;
            if (p.data == null || p.payloadOffset < 0 || p.payloadLength < 0
                    || (long) p.payloadOffset + p.payloadLength > p.data.length) {
                throw new AssertionError("payload view out of its array: " + p.payloadOffset + "+" + p.payloadLength);
            }
            if (p.ipVersion != 4 && p.ipVersion != 6) {
                throw new AssertionError("ip version " + p.ipVersion);
            }
            if (p.srcPort < 0 || p.srcPort > 0xffff || p.dstPort < 0 || p.dstPort > 0xffff) {
                throw new AssertionError("port out of range");
            }
            if (p.has(Packet.FLAG_VLAN) != (p.vlanId >= 0) || p.vlanId > 0xfff) {
                throw new AssertionError("vlan flag " + p.flags + " with id " + p.vlanId);
            }
            if (p.ipOffset >= 0 && p.data != p.frame.data()) {
                throw new AssertionError("ipOffset set for a payload outside the frame");
            }
        }

        @Override
        public void onMalformed(Frame frame, Malformed reason) {
            if (reason == null || frame == null) {
                throw new AssertionError("malformed report without frame or reason");
            }
            malformed++;
        }
    }

    private final CheckingSink sink = new CheckingSink();
    private final PacketDecoder decoder = new PacketDecoder(CONFIG, sink);
    private long decoded;

    private void decode(int linkType, byte[] bytes, int capturedLength, int originalLength, long tsNanos) {
        decoder.decode(new Frame(tsNanos, linkType, 0, bytes, 0, capturedLength, originalLength));
        decoded++;
        assertThat(decoder.stats().internalErrors()).as("internal errors after %d frames", decoded).isZero();
        assertThat(decoder.fragmentBufferedBytes()).isLessThanOrEqualTo(CONFIG.maxFragmentBufferBytes());
        assertThat(decoder.pendingFragmentedDatagrams()).isLessThanOrEqualTo(CONFIG.maxFragmentedDatagrams());
        assertThat(decoder.pendingSctpMessages()).isLessThanOrEqualTo(CONFIG.maxSctpPendingMessages());
    }

    // ------------------------------------------------------------ valid frames of every kind

    private record Sample(int linkType, byte[] bytes) {
    }

    static List<Sample> validSamples() {
        byte[] sip = text("INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1\r\n\r\n");
        byte[] u4 = ipv4("10.0.0.1", "10.0.0.2", UDP, udp(5060, 5060, sip));
        byte[] u6 = ipv6("2001:db8::1", "2001:db8::2", UDP, udp(5060, 5060, sip));
        byte[] innerEth = ethernetWithTags(ETH_IPV4, u4, 0x8100, 5);
        byte[] seq = Bytes.of().u32(9).array();
        byte[] big = new byte[3000];
        Arrays.fill(big, (byte) 'a');
        byte[] bigUdp = udp(5060, 5060, big);
        byte[] v6Fragmentable = Bytes.concat(ipv6Extension(UDP, new byte[6]), bigUdp);
        Deflater deflater = new Deflater();
        deflater.setInput(sip);
        deflater.finish();
        byte[] zbuf = new byte[512];
        byte[] compressed = Arrays.copyOf(zbuf, deflater.deflate(zbuf));
        deflater.end();

        List<Sample> s = new ArrayList<>();
        s.add(new Sample(LinkType.ETHERNET, ethernet(ETH_IPV4, u4)));
        s.add(new Sample(LinkType.ETHERNET, ethernetWithTags(ETH_IPV6, u6, 0x88a8, 1, 0x8100, 2)));
        s.add(new Sample(LinkType.ETHERNET, ethernet8023(new byte[40])));
        s.add(new Sample(LinkType.ETHERNET, ethernet(ETH_ARP, new byte[28])));
        s.add(new Sample(LinkType.LINUX_SLL, sll(ETH_IPV4, u4)));
        s.add(new Sample(LinkType.LINUX_SLL2, sll2(ETH_IPV6, u6)));
        s.add(new Sample(LinkType.RAW, u6));
        s.add(new Sample(LinkType.IPV4, u4));
        s.add(new Sample(LinkType.IPV6, u6));
        s.add(new Sample(LinkType.NULL, bsdNull(2, true, u4)));
        s.add(new Sample(LinkType.LOOP, bsdNull(30, false, u6)));
        s.add(new Sample(LinkType.PPP, ppp(true, false, 0x0021, u4)));
        s.add(new Sample(LinkType.PPP_HDLC, ciscoHdlc(ETH_IPV6, u6)));
        s.add(new Sample(LinkType.PPP_ETHER, pppoeSession(0x0057, u6)));
        s.add(new Sample(LinkType.ETHERNET, ethernet(ETH_PPPOE_SESSION, pppoeSession(0x0021, u4))));
        s.add(new Sample(LinkType.ETHERNET, ethernet(ETH_MPLS, mpls(u4, 1, 2, 3))));
        s.add(new Sample(LinkType.ETHERNET, ethernet(ETH_IPV4, ipv4("1.1.1.1", "2.2.2.2", 4, u4))));
        s.add(new Sample(LinkType.ETHERNET, ethernet(ETH_IPV6, ipv6("2001:db8::9", "2001:db8::8", 41, u6))));
        s.add(new Sample(LinkType.ETHERNET, ethernet(ETH_IPV4, ipv4("1.1.1.1", "2.2.2.2", GRE,
                gre(0xb000, ETH_IPV4, Bytes.of().u32(0).u32(7).u32(8).array(), u4)))));
        s.add(new Sample(LinkType.ETHERNET, ethernet(ETH_IPV4, ipv4("1.1.1.1", "2.2.2.2", GRE,
                gre(0x4000, ETH_IPV4, Bytes.of().u32(0).u16(0x800).u8(0).u8(4).u32(1).u32(0).array(), u4)))));
        s.add(new Sample(LinkType.ETHERNET, ethernet(ETH_IPV4, ipv4("1.1.1.1", "2.2.2.2", GRE,
                gre(0x1000, 0x88be, seq, erspanII(1, innerEth))))));
        s.add(new Sample(LinkType.ETHERNET, ethernet(ETH_IPV4, ipv4("1.1.1.1", "2.2.2.2", GRE,
                gre(0x1000, 0x22eb, seq, erspanIII(1, true, innerEth))))));
        s.add(new Sample(LinkType.ETHERNET, ethernet(ETH_IPV4, ipv4("1.1.1.1", "2.2.2.2", GRE,
                gre(0x3001, 0x880b, Bytes.of().u32(0).u32(0).array(), ppp(true, false, 0x21, u4))))));
        s.add(new Sample(LinkType.ETHERNET, ethernet(ETH_IPV4, ipv4("1.1.1.1", "2.2.2.2", UDP,
                udp(1, 4789, vxlan(3, ethernet(ETH_IPV4, ipv4("3.3.3.3", "4.4.4.4", UDP, udp(1, 8472, vxlan(4, innerEth))))))))));
        s.add(new Sample(LinkType.RAW, ipv4("10.0.0.1", "10.0.0.2", TCP, tcp(5060, 40000, 1, 2, 0x18,
                new byte[] {2, 4, 5, (byte) 0xb4}, sip))));
        s.add(new Sample(LinkType.RAW, ipv4("10.0.0.1", "10.0.0.2", SCTP, sctp(1, 2, 3, sctpSack(),
                sctpData(0x03, 1, 0, 0, sip), sctpIData(0x03, 2, 1, 1, 0, sip)))));
        s.add(new Sample(LinkType.RAW, ipv4("10.0.0.1", "10.0.0.2", SCTP, sctp(1, 2, 3,
                sctpData(0x02, 10, 0, 0, sip), sctpData(0x00, 11, 0, 0, sip)))));
        s.add(new Sample(LinkType.RAW, ipv4("10.0.0.1", "10.0.0.2", SCTP, sctp(1, 2, 3,
                sctpData(0x01, 12, 0, 0, sip)))));
        s.add(new Sample(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", 0, Bytes.concat(
                ipv6Extension(51, new byte[6]), ipv6Ah(60, 12, Bytes.concat(ipv6Extension(UDP, new byte[6]),
                        udp(1, 2, sip)))))));
        s.add(new Sample(LinkType.RAW, ipv6Raw("2001:db8::1", "2001:db8::2", 0, 0, Bytes.concat(
                Bytes.of().u8(UDP).u8(0).u8(0xc2).u8(4).u32(16 + sip.length).array(), udpRaw(1, 2, 0, sip)))));
        s.add(new Sample(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 77, 0, true,
                Arrays.copyOfRange(bigUdp, 0, 1480))));
        s.add(new Sample(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 77, 1480, true,
                Arrays.copyOfRange(bigUdp, 1480, 2960))));
        s.add(new Sample(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 77, 2960, false,
                Arrays.copyOfRange(bigUdp, 2960, bigUdp.length))));
        s.add(new Sample(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", 44, ipv6FragmentHeader(60, 0, true, 5,
                Arrays.copyOfRange(v6Fragmentable, 0, 1600)))));
        s.add(new Sample(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", 44, ipv6FragmentHeader(60, 1600, false, 5,
                Arrays.copyOfRange(v6Fragmentable, 1600, v6Fragmentable.length)))));
        s.add(new Sample(LinkType.ETHERNET, ethIpv4Udp("10.9.9.9", 4000, "10.8.8.8", 9060,
                HepTest.hep3Sip(HepTest.chunk(15, sip)))));
        s.add(new Sample(LinkType.ETHERNET, ethIpv4Udp("10.9.9.9", 4000, "10.8.8.8", 9060,
                HepTest.hep3Sip(HepTest.chunk(16, compressed)))));
        s.add(new Sample(LinkType.ETHERNET, ethIpv4Udp("10.9.9.9", 4000, "10.8.8.8", 9060, HepTest.hep2Ipv4(true))));
        return s;
    }

    @Test
    void everyValidSampleDecodesCleanly() {
        for (Sample s : validSamples()) {
            long malformedBefore = sink.malformed;
            decode(s.linkType(), s.bytes(), s.bytes().length, s.bytes().length, T0);
            assertThat(sink.malformed).as("sample %s", LinkType.name(s.linkType())).isEqualTo(malformedBefore);
        }
        assertThat(sink.datagrams).isGreaterThanOrEqualTo(validSamples().size() - 8);
    }

    // ------------------------------------------------------------ mutations

    @Test
    void truncationAtEveryOffsetAsSnaplenCutAndAsShortFrame() {
        long t = T0;
        for (Sample s : validSamples()) {
            byte[] b = s.bytes();
            for (int len = 0; len <= b.length; len++) {
                decode(s.linkType(), b, len, b.length, t += 1000);
                decode(s.linkType(), b, len, len, t += 1000);
            }
        }
        decoder.finish();
        assertThat(decoder.stats().truncatedBySnaplen()).isPositive();
        assertThat(decoder.stats().malformedTotal()).isPositive();
    }

    @Test
    void bitFlipsOfValidFrames() {
        Random random = new Random(0x5eed_0001L);
        long t = T0;
        List<Sample> samples = validSamples();
        for (int round = 0; round < 1000; round++) {
            for (Sample s : samples) {
                byte[] b = s.bytes().clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    int bit = random.nextInt(b.length * 8);
                    b[bit >> 3] ^= (byte) (1 << (bit & 7));
                }
                decode(s.linkType(), b, b.length, b.length, t += 1_000_000);
            }
        }
        decoder.finish();
        assertThat(decoded).isEqualTo(1000L * samples.size());
        assertThat(sink.datagrams).isPositive();
        assertThat(sink.malformed).isPositive();
    }

    @Test
    void fieldsSetToExtremesAtEveryOffset() {
        int[] extremes16 = {0x0000, 0xffff, 0x0001, 0x8000, 0x7fff, 0x0008};
        int[] extremes8 = {0x00, 0xff, 0x01, 0x80};
        long t = T0;
        for (Sample s : validSamples()) {
            byte[] original = s.bytes();
            for (int i = 0; i + 1 < original.length; i++) {
                for (int v : extremes16) {
                    byte[] b = original.clone();
                    b[i] = (byte) (v >>> 8);
                    b[i + 1] = (byte) v;
                    decode(s.linkType(), b, b.length, b.length, t += 10_000);
                }
                for (int v : extremes8) {
                    byte[] b = original.clone();
                    b[i] = (byte) v;
                    decode(s.linkType(), b, b.length, b.length, t += 10_000);
                }
            }
        }
        decoder.finish();
        assertThat(decoder.stats().malformedTotal()).isPositive();
    }

    @Test
    void randomBytesUnderEveryLinkType() {
        Random random = new Random(0x5eed_0002L);
        long t = T0;
        for (int i = 0; i < 200_000; i++) {
            int linkType = LINK_TYPES[random.nextInt(LINK_TYPES.length)];
            byte[] b = new byte[random.nextInt(160)];
            random.nextBytes(b);
            // Make a fair share start like IP so that the upper layers see random input too.
            if (b.length > 0 && random.nextBoolean()) {
                b[0] = (byte) (random.nextBoolean() ? 0x45 : 0x60);
            }
            int captured = random.nextInt(4) == 0 ? random.nextInt(b.length + 1) : b.length;
            decode(linkType, b, captured, b.length, t += random.nextInt(5_000_000));
        }
        decoder.finish();
        assertThat(decoded).isEqualTo(200_000);
        assertThat(decoder.stats().ipv4Packets() + decoder.stats().ipv6Packets()).isPositive();
    }

    @Test
    void randomSplicesOfValidFramesStressReassemblyState() {
        Random random = new Random(0x5eed_0003L);
        List<Sample> samples = validSamples();
        long t = T0;
        for (int i = 0; i < 60_000; i++) {
            Sample a = samples.get(random.nextInt(samples.size()));
            Sample b = samples.get(random.nextInt(samples.size()));
            int cut = random.nextInt(a.bytes().length + 1);
            int from = random.nextInt(b.bytes().length + 1);
            byte[] spliced = Bytes.concat(Arrays.copyOf(a.bytes(), cut),
                    Arrays.copyOfRange(b.bytes(), from, b.bytes().length));
            // Capture time jitters and sometimes runs backwards, as in spliced files.
            t += random.nextInt(2_000_000_000) - 200_000_000;
            decode(a.linkType(), spliced, spliced.length, spliced.length, t);
        }
        decoder.finish();
        assertThat(decoded).isEqualTo(60_000);
        assertThat(decoder.pendingFragmentedDatagrams()).isZero();
        assertThat(decoder.pendingSctpMessages()).isZero();
    }
}
