package dev.sipscope.decoder.sip;

import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Non-SIP datagrams (RTP: 95% of packets) cost the SIP decoder a look at their first byte and no
 * allocation: measured with the JVM's per-thread allocation counter after warm-up.
 */
class SipDecoderAllocationTest {
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 200_000;
    private static final long TOLERANCE_BYTES = 16 * 1024;

    @Test
    void rtpAndOtherBinaryDatagramsAllocateNothing() {
        java.lang.management.ThreadMXBean base = ManagementFactory.getThreadMXBean();
        assumeTrue(base instanceof com.sun.management.ThreadMXBean, "JVM without per-thread allocation counters");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) base;
        assumeTrue(mx.isThreadAllocatedMemorySupported(), "per-thread allocation counting unsupported");
        mx.setThreadAllocatedMemoryEnabled(true);

        SipDecoder decoder = new SipDecoder((m, t, p) -> {
            throw new AssertionError("not SIP");
        });
        Packet[] packets = new Packet[3];
        byte[] rtp = new byte[172];
        rtp[0] = (byte) 0x80;
        byte[] rtcp = new byte[52];
        rtcp[0] = (byte) 0x81;
        rtcp[1] = (byte) 200;
        byte[] text = "hello there, not sip at all\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[][] payloads = {rtp, rtcp, text};
        for (int i = 0; i < packets.length; i++) {
            Packet p = new Packet();
            p.clear();
            p.protocol = Packet.PROTO_UDP;
            p.ipVersion = 4;
            p.srcLo = IpAddress.v4Lo(0x0a000001);
            p.dstLo = IpAddress.v4Lo(0x0a000002);
            p.srcPort = 16384 + i;
            p.dstPort = 20000;
            p.data = payloads[i];
            p.payloadLength = payloads[i].length;
            packets[i] = p;
        }
        long rejected = 0;
        for (int i = 0; i < WARM_UP; i++) {
            rejected += decoder.offerDatagram(packets[i % packets.length]) ? 0 : 1;
        }
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < MEASURED; i++) {
            rejected += decoder.offerDatagram(packets[i % packets.length]) ? 0 : 1;
        }
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(rejected).isEqualTo(WARM_UP + MEASURED);
        assertThat(allocated).isLessThan(TOLERANCE_BYTES);
    }
}
