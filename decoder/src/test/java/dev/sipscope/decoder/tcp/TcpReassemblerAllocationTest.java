package dev.sipscope.decoder.tcp;

import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketSink;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * In-order segments of known connections must not allocate: counted with the JVM's per-thread
 * allocation counter (bytes allocated, not time).
 */
class TcpReassemblerAllocationTest {
    private static final int CONNECTIONS = 64;
    private static final int SEGMENT_BYTES = 100;

    /** Counts bytes instead of keeping them, so the sink itself allocates nothing. */
    private static final class CountingSink implements PacketSink {
        long bytes;
        long checksum;

        @Override
        public void onTcpData(TcpStream stream, Packet packet) {
            bytes += packet.payloadLength;
            checksum += packet.data[packet.payloadOffset];
        }
    }

    @Test
    void inOrderSegmentsAllocateNothingAfterWarmUp() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM does not expose com.sun.management.ThreadMXBean");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "per-thread allocation counting is not supported");
        threads.setThreadAllocatedMemoryEnabled(true);

        TcpReassembler r = new TcpReassembler();
        CountingSink sink = new CountingSink();
        Packet packet = new Packet();
        packet.clear();
        byte[] frame = new byte[54 + SEGMENT_BYTES];
        packet.data = frame;
        packet.protocol = Packet.PROTO_TCP;
        packet.ipVersion = 4;
        long[] clientSeq = new long[CONNECTIONS];
        long[] serverSeq = new long[CONNECTIONS];
        for (int i = 0; i < CONNECTIONS; i++) {
            clientSeq[i] = 0xffff_0000L + i * 7919L;   // some of them wrap during the run
            serverSeq[i] = i * 104_729L;
        }
        long[] time = {1_000_000_000L};

        Runnable round = () -> {
            for (int i = 0; i < CONNECTIONS; i++) {
                time[0] += 1000;
                boolean fromClient = (i & 1) == 0 || time[0] % 3 == 0;
                fill(packet, i, fromClient, time[0]);
                long seq = fromClient ? clientSeq[i] : serverSeq[i];
                r.segment(packet, seq & 0xffff_ffffL, 0, TcpReassembler.ACK | TcpReassembler.PSH, sink);
                if (fromClient) {
                    clientSeq[i] += SEGMENT_BYTES;
                } else {
                    serverSeq[i] += SEGMENT_BYTES;
                }
            }
        };
        for (int warm = 0; warm < 3_000; warm++) {
            round.run();
        }
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        long calibration = threads.getThreadAllocatedBytes(threadId) - before;
        before = threads.getThreadAllocatedBytes(threadId);
        int rounds = 2_000;
        for (int n = 0; n < rounds; n++) {
            round.run();
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before - calibration;

        long segments = (long) rounds * CONNECTIONS;
        assertThat(r.openStreams()).isEqualTo(CONNECTIONS);
        assertThat(r.streams()).isEqualTo(CONNECTIONS);
        assertThat(r.gaps()).isZero();
        assertThat(sink.bytes).isEqualTo((3_000L + rounds) * CONNECTIONS * SEGMENT_BYTES);
        // A single object per segment would be at least 16 bytes x 128 000 segments.
        assertThat(allocated).as("bytes allocated for %d in-order segments", segments).isLessThan(1024);
    }

    private static void fill(Packet p, int connection, boolean fromClient, long timeNanos) {
        long clientLo = IpAddress.v4Lo(0x0a010000 + connection);
        long serverLo = IpAddress.v4Lo(0x0a000002);
        int clientPort = 20000 + connection;
        p.timestampNanos = timeNanos;
        p.srcHi = 0;
        p.dstHi = 0;
        p.srcLo = fromClient ? clientLo : serverLo;
        p.dstLo = fromClient ? serverLo : clientLo;
        p.srcPort = fromClient ? clientPort : 5060;
        p.dstPort = fromClient ? 5060 : clientPort;
        p.payloadOffset = 54;
        p.payloadLength = SEGMENT_BYTES;
        p.data[54] = (byte) connection;
    }
}
