package dev.sipscope.decoder;

import static dev.sipscope.decoder.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-packet path allocates nothing: measured with the JVM's per-thread allocation counter
 * over many decodes of prepared frames, after warm-up (an allocation count, not a timing).
 */
class ZeroAllocationTest {
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 100_000;
    /** Slack for the counter itself and rare JVM-internal allocations on this thread: far below 1 byte/packet. */
    private static final long TOLERANCE_BYTES = 16 * 1024;

    /** Touches every payload byte count so the work cannot be optimised away; allocates nothing. */
    private static final class CountingSink implements PacketSink {
        long datagrams;
        long payloadBytes;

        @Override
        public void onDatagram(Packet packet) {
            datagrams++;
            payloadBytes += packet.payloadLength + packet.srcPort + packet.vlanId;
        }
    }

    private static long allocatedBytes(com.sun.management.ThreadMXBean mx) {
        return mx.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static long measure(List<Frame> frames) {
        java.lang.management.ThreadMXBean base = ManagementFactory.getThreadMXBean();
        assumeTrue(base instanceof com.sun.management.ThreadMXBean, "JVM without per-thread allocation counters");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) base;
        assumeTrue(mx.isThreadAllocatedMemorySupported(), "per-thread allocation counting unsupported");
        mx.setThreadAllocatedMemoryEnabled(true);

        CountingSink sink = new CountingSink();
        PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, sink);
        Frame[] array = frames.toArray(new Frame[0]);
        for (int i = 0; i < WARM_UP; i++) {
            decoder.decode(array[i % array.length]);
        }
        long before = allocatedBytes(mx);
        for (int i = 0; i < MEASURED; i++) {
            decoder.decode(array[i % array.length]);
        }
        long allocated = allocatedBytes(mx) - before;
        assertThat(sink.datagrams).isEqualTo(WARM_UP + MEASURED);
        assertThat(decoder.stats().malformedTotal()).isZero();
        return allocated;
    }

    private static final byte[] RTP = new byte[172];

    @Test
    void plainUdpOverEthernetAllocatesNothingPerPacket() {
        Frame f = frame(LinkType.ETHERNET, ethIpv4Udp("10.0.0.1", 16384, "10.0.0.2", 20000, RTP));
        assertThat(measure(List.of(f))).isLessThan(TOLERANCE_BYTES);
    }

    @Test
    void udpBehindEveryLinkLayerAndTagAllocatesNothingPerPacket() {
        byte[] v4 = ipv4("10.0.0.1", "10.0.0.2", UDP, udp(16384, 20000, RTP));
        byte[] v6 = ipv6("2001:db8::1", "2001:db8::2", UDP, udp(16384, 20000, RTP));
        List<Frame> frames = List.of(
                frame(LinkType.ETHERNET, ethernetWithTags(ETH_IPV6, v6, 0x88a8, 10, 0x8100, 20)),
                frame(LinkType.LINUX_SLL, sll(ETH_IPV4, v4)),
                frame(LinkType.LINUX_SLL2, sll2(ETH_IPV6, v6)),
                frame(LinkType.RAW, v4),
                frame(LinkType.NULL, bsdNull(30, true, v6)),
                frame(LinkType.PPP, ppp(true, false, 0x0021, v4)),
                frame(LinkType.ETHERNET, ethernet(ETH_PPPOE_SESSION, pppoeSession(0x0021, v4))),
                frame(LinkType.ETHERNET, ethernet(ETH_MPLS, mpls(v4, 100, 200))),
                frame(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", 60, Bytes.concat(ipv6Extension(UDP, new byte[6]),
                        udp(16384, 20000, RTP)))));
        assertThat(measure(frames)).isLessThan(TOLERANCE_BYTES);
    }

    @Test
    void udpInsideTunnelsAllocatesNothingPerPacket() {
        byte[] innerEthernet = ethIpv4Udp("192.168.0.1", 16384, "192.168.0.2", 20000, RTP);
        byte[] innerV4 = ipv4("192.168.0.1", "192.168.0.2", UDP, udp(16384, 20000, RTP));
        byte[] seq = Bytes.of().u32(1).array();
        List<Frame> frames = List.of(
                frame(LinkType.ETHERNET, ethernet(ETH_IPV4, ipv4("10.0.0.1", "10.0.0.2", 4, innerV4))),
                frame(LinkType.ETHERNET, ethernet(ETH_IPV4, ipv4("10.0.0.1", "10.0.0.2", GRE,
                        gre(0x1000, 0x88be, seq, erspanII(1, innerEthernet))))),
                frame(LinkType.ETHERNET, ethernet(ETH_IPV4, ipv4("10.0.0.1", "10.0.0.2", UDP,
                        udp(5000, 4789, vxlan(7, innerEthernet))))));
        assertThat(measure(frames)).isLessThan(TOLERANCE_BYTES);
    }

    @Test
    void sctpDataChunksAndUncompressedHepAllocateNothingPerPacket() {
        byte[] sctp = ipv4("10.0.0.1", "10.0.0.2", SCTP, sctp(5060, 5060, 1, sctpData(0x03, 1, 0, 0, RTP)));
        byte[] hep = HepTest.hep3Sip(HepTest.chunk(15, RTP));
        List<Frame> frames = List.of(
                frame(LinkType.RAW, sctp),
                frame(LinkType.ETHERNET, ethIpv4Udp("10.0.0.1", 40000, "10.0.0.2", 9060, hep)));
        assertThat(measure(frames)).isLessThan(TOLERANCE_BYTES);
    }

    @Test
    void inOrderTcpSegmentsThroughTheReassemblerAllocateNothingPerPacket() {
        java.lang.management.ThreadMXBean base = ManagementFactory.getThreadMXBean();
        assumeTrue(base instanceof com.sun.management.ThreadMXBean, "JVM without per-thread allocation counters");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) base;
        assumeTrue(mx.isThreadAllocatedMemorySupported(), "per-thread allocation counting unsupported");
        mx.setThreadAllocatedMemoryEnabled(true);

        byte[] bytes = ethernet(ETH_IPV4, ipv4("10.0.0.1", "10.0.0.2", TCP, tcp(40000, 5060, 0, 0, 0x18, new byte[0], RTP)));
        Frame f = frame(LinkType.ETHERNET, bytes);
        int seqOffset = 14 + 20 + 4;
        long[] delivered = new long[1];
        PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, new PacketSink() {
            @Override
            public void onTcpData(dev.sipscope.decoder.tcp.TcpStream stream, Packet packet) {
                delivered[0] += packet.payloadLength;
            }
        });
        long seq = 1;
        long before = 0;
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            if (i == WARM_UP) {
                before = allocatedBytes(mx);
            }
            bytes[seqOffset] = (byte) (seq >>> 24);
            bytes[seqOffset + 1] = (byte) (seq >>> 16);
            bytes[seqOffset + 2] = (byte) (seq >>> 8);
            bytes[seqOffset + 3] = (byte) seq;
            seq += RTP.length;
            decoder.decode(f);
        }
        long allocated = allocatedBytes(mx) - before;
        assertThat(decoder.stats().tcpSegments()).isEqualTo(WARM_UP + MEASURED);
        assertThat(delivered[0]).as("every segment delivered in order").isEqualTo((long) (WARM_UP + MEASURED) * RTP.length);
        assertThat(allocated).isLessThan(TOLERANCE_BYTES);
    }
}
