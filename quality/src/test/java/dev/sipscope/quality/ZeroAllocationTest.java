package dev.sipscope.quality;

import static dev.sipscope.quality.RtpPackets.rtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.decoder.PacketSink;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-packet path allocates nothing once its streams exist: measured with the JVM's per-thread
 * allocation counter over many packets after warm-up (an allocation count, not a timing). Covers RTP of
 * several streams (with loss, reordering, duplicates, DTMF events, CN, marker, SSRC interleaving), RTCP
 * SR/RR with round trips, the per-stream time series (merging its buckets as the streams grow long), and
 * the whole decoder → engine path from Ethernet frames.
 */
class ZeroAllocationTest {
    private static final int STREAMS = 8;
    private static final int PACKETS = 4000;
    /** Slack for the counter itself and rare JVM-internal allocations on this thread: far below 1 byte/packet. */
    private static final long TOLERANCE_BYTES = 16 * 1024;

    private static com.sun.management.ThreadMXBean mx() {
        java.lang.management.ThreadMXBean base = ManagementFactory.getThreadMXBean();
        assumeTrue(base instanceof com.sun.management.ThreadMXBean, "JVM without per-thread allocation counters");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) base;
        assumeTrue(mx.isThreadAllocatedMemorySupported(), "per-thread allocation counting unsupported");
        mx.setThreadAllocatedMemoryEnabled(true);
        return mx;
    }

    /** Packets of STREAMS streams, 20 ms apart, with loss, reordering, duplicates, events and CN. */
    private static byte[][] packets() {
        byte[][] out = new byte[PACKETS][];
        int[] seq = new int[STREAMS];
        for (int i = 0; i < PACKETS; i++) {
            int s = i % STREAMS;
            int k = i / STREAMS;
            int sq = seq[s]++;
            if (k % 50 == 7) {
                seq[s]++;
            }
            if (k % 40 == 11 && i >= STREAMS) {
                sq--;
            }
            long ts = 160L * k;
            if (k % 100 >= 90) {
                out[i] = RtpPackets.event(sq & 0xffff, 160L * 90 * (k / 100 + 1), 101, k % 100 == 90, 0x100 + s, 5,
                        k % 100 >= 97, 10, 160 * (k % 100 - 89));
            } else {
                out[i] = rtp(sq & 0xffff, ts, k % 100 == 80 ? 13 : 0, k % 100 == 0, 0x100 + s, 160);
            }
        }
        return out;
    }

    private static long[] times() {
        long[] t = new long[PACKETS];
        for (int i = 0; i < PACKETS; i++) {
            t[i] = 20_000_000L * (i / STREAMS) + (i * 7919L % 3_000_000L);
        }
        return t;
    }

    private static QualityEngine engine() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        PayloadMap map = PayloadMap.of(new PayloadFormat(0, "PCMU", 8000), new PayloadFormat(13, "CN", 8000),
                new PayloadFormat(101, "telephone-event", 8000));
        q.declareEndpoint(MediaEndpoint.of("10.0.0.2", 40002, map, "call", 0));
        return q;
    }

    @Test
    void rtpAndRtcpOfKnownStreamsAllocateNothing() {
        com.sun.management.ThreadMXBean mx = mx();
        QualityEngine q = engine();
        byte[][] p = packets();
        long[] t = times();
        byte[] sr = RtcpEngineTest.sr(0x100, 0xE8A1B2C3L, 0x40000000L, 10, 1600);
        byte[] rr = RtcpEngineTest.rr(0x200, 0x100, 3, 1, 50, 8, 0xB2C34000L, 0x2000);
        long sink = 0;
        long round = 0;
        // Warm-up: create the streams and their RTCP state, let the JIT compile.
        for (int r = 0; r < 60; r++) {
            sink += run(q, p, t, sr, rr, round++);
        }
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int r = 0; r < 60; r++) {
            sink += run(q, p, t, sr, rr, round++);
        }
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(sink).isPositive();
        assertThat(q.streamCount()).isEqualTo(STREAMS);
        assertThat(allocated).as("bytes allocated over %d packets", 60L * (PACKETS + 2)).isLessThan(TOLERANCE_BYTES);
        // The time series was updated on every packet and merged its buckets during the measured rounds
        // (1200 s of stream: 512 one-second buckets fill at 512 s, 2 s buckets at 1024 s).
        for (StreamSummary s : q.summaries()) {
            assertThat(s.series().bucketNanos()).isEqualTo(4_000_000_000L);
            assertThat(java.util.Arrays.stream(s.series().received()).sum()).isEqualTo(s.packets());
            assertThat(java.util.Arrays.stream(s.series().lost()).sum()).isEqualTo(s.sequence().lostRfc());
        }
    }

    private static long run(QualityEngine q, byte[][] p, long[] t, byte[] sr, byte[] rr, long round) {
        long base = round * 20_000_000L * (PACKETS / STREAMS);
        long n = 0;
        for (int i = 0; i < p.length; i++) {
            // Sequence numbers move on every round so the streams keep flowing (and wrap).
            int s = i % STREAMS;
            int sq = (((p[i][2] & 0xff) << 8) | (p[i][3] & 0xff)) + (int) (round * (PACKETS / STREAMS + PACKETS / STREAMS / 50));
            p[i][2] = (byte) (sq >>> 8);
            p[i][3] = (byte) sq;
            long ts = RtpPacketsTs.read(p[i]) + round * 160L * (PACKETS / STREAMS);
            RtpPackets.put32(p[i], 4, ts);
            n += q.onDatagram(base + t[i], RtpPackets.A_HI, RtpPackets.A_LO + s, 40000 + 2 * s, RtpPackets.B_HI,
                    RtpPackets.B_LO, 40002, 4, p[i], 0, p[i].length).ordinal();
            if (i == p.length / 2) {
                n += q.onDatagram(base + t[i], RtpPackets.A_HI, RtpPackets.A_LO, 40001, RtpPackets.B_HI, RtpPackets.B_LO,
                        40003, 4, sr, 0, sr.length).ordinal();
                n += q.onDatagram(base + t[i] + 1_000_000L, RtpPackets.B_HI, RtpPackets.B_LO, 40003, RtpPackets.A_HI,
                        RtpPackets.A_LO, 40001, 4, rr, 0, rr.length).ordinal();
            }
        }
        // Undo the shift so the next round starts from the original numbers.
        for (int i = 0; i < p.length; i++) {
            int sq = (((p[i][2] & 0xff) << 8) | (p[i][3] & 0xff)) - (int) (round * (PACKETS / STREAMS + PACKETS / STREAMS / 50));
            p[i][2] = (byte) (sq >>> 8);
            p[i][3] = (byte) sq;
            RtpPackets.put32(p[i], 4, RtpPacketsTs.read(p[i]) - round * 160L * (PACKETS / STREAMS));
        }
        return n + 1;
    }

    /** Reads the timestamp field. */
    static final class RtpPacketsTs {
        static long read(byte[] b) {
            return ((long) (b[4] & 0xff) << 24) | ((b[5] & 0xff) << 16) | ((b[6] & 0xff) << 8) | (b[7] & 0xff);
        }
    }

    @Test
    void decoderToEngineFromEthernetFramesAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = mx();
        QualityEngine q = engine();
        PacketSink sink = new PacketSink() {
            @Override
            public void onDatagram(Packet packet) {
                q.onDatagram(packet);
            }
        };
        PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, sink);
        int n = 2000;
        Frame[] frames = new Frame[n];
        for (int i = 0; i < n; i++) {
            byte[] rtp = rtp(i & 0xffff, 160L * i, 0, false, 0x77, 160);
            frames[i] = ethernetUdp(20_000_000L * i, 40000, 40002, rtp);
        }
        for (int r = 0; r < 40; r++) {
            for (Frame f : frames) {
                decoder.decode(f);
            }
        }
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int r = 0; r < 40; r++) {
            for (Frame f : frames) {
                decoder.decode(f);
            }
        }
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(q.streamCount()).isEqualTo(1);
        assertThat(q.summaries().get(0).packets()).isEqualTo(80L * n);
        assertThat(allocated).as("bytes allocated over %d frames", 40L * n).isLessThan(TOLERANCE_BYTES);
    }

    /** Ethernet II / IPv4 / UDP from 10.0.0.1 to 10.0.0.2 (checksums zero). */
    static Frame ethernetUdp(long nanos, int srcPort, int dstPort, byte[] payload) {
        byte[] f = new byte[14 + 20 + 8 + payload.length];
        f[12] = 0x08;
        f[14] = 0x45;
        int ipLen = 20 + 8 + payload.length;
        f[16] = (byte) (ipLen >>> 8);
        f[17] = (byte) ipLen;
        f[22] = 64;
        f[23] = 17;
        f[26] = 10;
        f[29] = 1;
        f[30] = 10;
        f[33] = 2;
        f[34] = (byte) (srcPort >>> 8);
        f[35] = (byte) srcPort;
        f[36] = (byte) (dstPort >>> 8);
        f[37] = (byte) dstPort;
        int udpLen = 8 + payload.length;
        f[38] = (byte) (udpLen >>> 8);
        f[39] = (byte) udpLen;
        System.arraycopy(payload, 0, f, 42, payload.length);
        return new Frame(nanos, LinkType.ETHERNET, 0, f, 0, f.length, f.length);
    }
}
