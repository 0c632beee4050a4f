package dev.sipscope.quality;

import static dev.sipscope.quality.RtpPackets.put16;
import static dev.sipscope.quality.RtpPackets.put32;
import static dev.sipscope.quality.RtpPackets.rtp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.decoder.Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The narrowed barriers of {@link QualityPipeline} (an RTCP datagram runs first only the groups of the
 * 5-tuples whose SSRCs it names, a declaration only those of streams to or from its address and port, a
 * full-path datagram only its own 5-tuple's, a withdrawal or a non-RTP datagram none) give exactly the
 * results of feeding the engine datagram by datagram: over generated traffic (fixed seeds) where many
 * interleaved streams meet RTCP reports about each other (round trips from SR/RR pairs, SDES, BYE), SDP
 * declarations that bind, suspend and resume streams, withdrawals, SSRC changes on a 5-tuple, new flows,
 * invalid RTP and non-RTP datagrams, with batch sizes from one record to many thousands.
 */
class QualityPipelineBarrierTest {
    /** Two maps giving the dynamic payload type 96 different clocks: a rebinding changes how packets are read. */
    private static final PayloadMap[] MAPS = {
        PayloadMap.of(new PayloadFormat(96, "L16", 16000), new PayloadFormat(13, "CN", 8000),
                new PayloadFormat(101, "telephone-event", 8000)),
        PayloadMap.of(new PayloadFormat(96, "opus", 48000), new PayloadFormat(13, "CN", 8000),
                new PayloadFormat(101, "telephone-event", 48000))};
    private static final int HOSTS = 4;
    private static final int FLOWS = 40;

    /** One step: a datagram, a declaration, or a withdrawal (address, port, call). */
    private record Step(Packet packet, MediaEndpoint declared, long[] withdrawn, Object withdrawnCall) {
    }

    private static long hostLo(int h) {
        return MediaEndpoint.parseAddress("10.9.0." + (h + 1))[1];
    }

    private static Packet udp(long nanos, int srcHost, int srcPort, int dstHost, int dstPort, byte[] b) {
        Packet p = new Packet();
        p.protocol = Packet.PROTO_UDP;
        p.timestampNanos = nanos;
        p.ipVersion = 4;
        p.srcLo = hostLo(srcHost);
        p.srcPort = srcPort;
        p.dstLo = hostLo(dstHost);
        p.dstPort = dstPort;
        p.data = b;
        p.payloadOffset = 0;
        p.payloadLength = b.length;
        return p;
    }

    /** An RTCP compound: an SR (or RR) with report blocks about {@code about}, then SDES CNAME, maybe BYE. */
    private static byte[] rtcp(boolean sr, long reporter, long[] about, long lsr, long ntpMiddle, boolean bye) {
        int blocks = about.length;
        int first = (sr ? 28 : 8) + 24 * blocks;
        byte[] cname = "user@host".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int sdes = 8 + ((2 + cname.length + 1 + 3) & ~3);
        int byeLen = bye ? 8 : 0;
        byte[] b = new byte[first + sdes + byeLen];
        b[0] = (byte) (0x80 | blocks);
        b[1] = (byte) (sr ? 200 : 201);
        put16(b, 2, first / 4 - 1);
        put32(b, 4, reporter);
        int o = 8;
        if (sr) {
            put32(b, 8, ntpMiddle >>> 16);
            put32(b, 12, (ntpMiddle & 0xffff) << 16);
            put32(b, 16, 12345);
            put32(b, 20, 100);
            put32(b, 24, 16000);
            o = 28;
        }
        for (long ssrc : about) {
            put32(b, o, ssrc);
            put32(b, o + 4, (1L << 24) | 3);
            put32(b, o + 8, 70000 + (ssrc & 0xff));
            put32(b, o + 12, 40);
            put32(b, o + 16, lsr);
            put32(b, o + 20, lsr == 0 ? 0 : 3277);
            o += 24;
        }
        b[o] = (byte) 0x81;
        b[o + 1] = (byte) 202;
        put16(b, o + 2, sdes / 4 - 1);
        put32(b, o + 4, reporter);
        b[o + 8] = 1;
        b[o + 9] = (byte) cname.length;
        System.arraycopy(cname, 0, b, o + 10, cname.length);
        o += sdes;
        if (bye) {
            b[o] = (byte) 0x81;
            b[o + 1] = (byte) 203;
            put16(b, o + 2, 1);
            put32(b, o + 4, reporter);
        }
        return b;
    }

    private static List<Step> traffic(long seed, int steps) {
        Random r = new Random(seed);
        int[] srcHost = new int[FLOWS];
        int[] dstHost = new int[FLOWS];
        int[] srcPort = new int[FLOWS];
        int[] dstPort = new int[FLOWS];
        long[] ssrc = new long[FLOWS];
        int[] seq = new int[FLOWS];
        long[] ts = new long[FLOWS];
        boolean[] started = new boolean[FLOWS];
        for (int f = 0; f < FLOWS; f++) {
            srcHost[f] = r.nextInt(HOSTS);
            dstHost[f] = (srcHost[f] + 1 + r.nextInt(HOSTS - 1)) % HOSTS;
            srcPort[f] = 20000 + 2 * r.nextInt(12);
            dstPort[f] = 30000 + 2 * r.nextInt(12);
            ssrc[f] = r.nextInt(1 << 30) * 4L + 1;
            seq[f] = r.nextInt(65536);
            ts[f] = r.nextInt() & 0xffff_ffffL;
        }
        List<Long> srMiddles = new ArrayList<>();
        List<Step> out = new ArrayList<>();
        long now = 1_000_000_000L;
        Object[] calls = {"call 1", "call 2"};
        for (int i = 0; i < steps; i++) {
            now += r.nextInt(400_000);
            int f = r.nextInt(FLOWS);
            if (!started[f] && r.nextInt(20) != 0) {
                f = r.nextInt(FLOWS);
            }
            started[f] = true;
            int kind = r.nextInt(1000);
            if (kind < 40) {
                // RTCP from the flow's source (RTP port + 1) about a few SSRCs, some of other 5-tuples
                int n = r.nextInt(3);
                long[] about = new long[n];
                for (int k = 0; k < n; k++) {
                    about[k] = ssrc[r.nextInt(FLOWS)];
                }
                boolean sr = r.nextBoolean();
                long middle = r.nextInt() & 0xffff_ffffL;
                long lsr = !srMiddles.isEmpty() && r.nextBoolean() ? srMiddles.get(r.nextInt(srMiddles.size())) : 0;
                if (sr) {
                    srMiddles.add(middle);
                }
                long reporter = r.nextInt(4) == 0 ? ssrc[r.nextInt(FLOWS)] : ssrc[f];
                out.add(new Step(udp(now, srcHost[f], srcPort[f] + 1, dstHost[f], dstPort[f] + 1,
                        rtcp(sr, reporter, about, lsr, middle, r.nextInt(30) == 0)), null, null, null));
            } else if (kind < 55) {
                boolean toDst = r.nextBoolean();
                int h = toDst ? dstHost[f] : srcHost[f];
                int port = toDst ? dstPort[f] : srcPort[f];
                Object call = calls[r.nextInt(2)];
                MediaEndpoint e = r.nextInt(5) == 0
                        ? new MediaEndpoint(0, hostLo(h), port, 0, false, MAPS[0], Double.NaN, call, 0, false, false)
                        : new MediaEndpoint(0, hostLo(h), port, 0, false, MAPS[r.nextInt(2)],
                                r.nextBoolean() ? 20.0 : Double.NaN, call, 0, false, true);
                out.add(new Step(null, e, null, null));
            } else if (kind < 62) {
                boolean toDst = r.nextBoolean();
                out.add(new Step(null, null, new long[] {hostLo(toDst ? dstHost[f] : srcHost[f]),
                        toDst ? dstPort[f] : srcPort[f]}, calls[r.nextInt(2)]));
            } else if (kind < 70) {
                // not RTP nor RTCP: a SIP-like text datagram
                out.add(new Step(udp(now, srcHost[f], 5060, dstHost[f], 5060,
                        "OPTIONS sip:x SIP/2.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                        null, null, null));
            } else if (kind < 75) {
                // invalid RTP on the flow: padding bit with a padding count larger than the payload
                byte[] b = rtp(seq[f], ts[f], 0, false, ssrc[f], 20);
                b[0] |= 0x20;
                b[b.length - 1] = (byte) 200;
                out.add(new Step(udp(now, srcHost[f], srcPort[f], dstHost[f], dstPort[f], b), null, null, null));
            } else {
                if (kind < 78) {
                    ssrc[f] = r.nextInt(1 << 30) * 4L + 3; // a new SSRC on the same 5-tuple
                    seq[f] = r.nextInt(65536);
                }
                int step = r.nextInt(50) == 0 ? 2 + r.nextInt(3) : 1;
                if (r.nextInt(60) == 0) {
                    step = -r.nextInt(3); // a duplicate or a late packet
                }
                seq[f] = (seq[f] + step) & 0xffff;
                ts[f] = (ts[f] + 160L * step) & 0xffff_ffffL;
                int pt = r.nextInt(40) == 0 ? 101 : r.nextInt(50) == 0 ? 13 : r.nextInt(4) == 0 ? 0 : 96;
                out.add(new Step(udp(now, srcHost[f], srcPort[f], dstHost[f], dstPort[f],
                        rtp(seq[f], ts[f], pt, r.nextInt(100) == 0, ssrc[f], pt == 101 ? 4 : 160)), null, null, null));
            }
        }
        return out;
    }

    private record Result(List<StreamSummary> summaries, QualityCounters counters) {
    }

    private static Result direct(List<Step> steps) {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        for (Step s : steps) {
            if (s.packet() != null) {
                q.onDatagram(s.packet());
            } else if (s.declared() != null) {
                q.declareEndpoint(s.declared());
            } else {
                q.withdrawEndpointOf(0, s.withdrawn()[0], (int) s.withdrawn()[1], s.withdrawnCall());
            }
        }
        return new Result(q.summaries(), q.counters());
    }

    private static Result piped(List<Step> steps, boolean threaded, int records) {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        QualityPipeline p = new QualityPipeline(q, threaded, records, records * 200 + 1000);
        for (Step s : steps) {
            if (s.packet() != null) {
                p.onDatagram(s.packet());
            } else if (s.declared() != null) {
                p.declareEndpoint(s.declared());
            } else {
                p.withdrawEndpointOf(0, s.withdrawn()[0], (int) s.withdrawn()[1], s.withdrawnCall());
            }
        }
        p.finish();
        return new Result(q.summaries(), q.counters());
    }

    @Test
    void interleavedStreamsWithRtcpDeclarationsAndNewFlowsGiveTheSameResultsInAnyBatchSize() {
        for (long seed : new long[] {1, 2, 3}) {
            List<Step> steps = traffic(seed, 30_000);
            Result expected = direct(steps);
            assertThat(expected.counters().rtpPackets()).as("seed %d: RTP packets", seed).isGreaterThan(10_000);
            assertThat(expected.counters().rtcpDatagrams()).as("seed %d: RTCP", seed).isGreaterThan(500);
            assertThat(expected.summaries()).as("seed %d: streams with report blocks and round trips", seed)
                    .anySatisfy(s -> assertThat(s.rtcp().probeToReceiverMs()).isNotNull())
                    .anySatisfy(s -> assertThat(s.rtcp().reportBlocks()).isPositive());
            for (int records : new int[] {1, 5, 64, 1000, 16384}) {
                for (boolean threaded : new boolean[] {false, true}) {
                    Result got = piped(steps, threaded, records);
                    assertThat(got.counters()).as("seed %d, %d records, threaded %s: counters", seed, records, threaded)
                            .isEqualTo(expected.counters());
                    assertThat(got.summaries()).as("seed %d, %d records, threaded %s: summaries", seed, records,
                            threaded).isEqualTo(expected.summaries());
                }
            }
        }
    }
}
