package dev.sipscope.samples.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.samples.WireCheck;
import dev.sipscope.samples.net.NetPath;
import dev.sipscope.samples.net.SeededRandom;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpGeneratorTest {
    private static final long SECOND = 1_000_000_000L;

    private static long u32(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    @Test
    void reportsCarryExactSenderAndReceptionStatistics() throws Exception {
        StreamHarness h = new StreamHarness();
        RtpOptions lossy = StreamHarness.options().randomLoss(0.1).rtcp(true);
        RtpStreamSpec ab = RtpStreamSpec.resolve("a->b", lossy, StreamHarness.A, StreamHarness.B, NetPath.DEFAULT,
                Codec.PCMU, StreamHarness.T0, StreamHarness.T0 + 12 * SECOND, List.of(), new SeededRandom(1));
        RtpStreamSpec ba = RtpStreamSpec.resolve("b->a", lossy, StreamHarness.B, StreamHarness.A, NetPath.DEFAULT,
                Codec.PCMU, StreamHarness.T0, StreamHarness.T0 + 12 * SECOND, List.of(), new SeededRandom(2));
        RtpStreamGenerator fromA = new RtpStreamGenerator(ab, h.packets, new SeededRandom(3), null);
        RtpStreamGenerator fromB = new RtpStreamGenerator(ba, h.packets, new SeededRandom(4), null);
        List<RtcpReport> reports = new ArrayList<>();
        RtcpGenerator rtcpA = new RtcpGenerator(h.packets, StreamHarness.A.withPort(7001), StreamHarness.B.withPort(8001),
                NetPath.DEFAULT, ab.ssrc(), "a@host", fromA, fromB, StreamHarness.T0 + 5 * SECOND, 5 * SECOND,
                StreamHarness.T0 + 12 * SECOND, reports::add);
        RtcpGenerator rtcpB = new RtcpGenerator(h.packets, StreamHarness.B.withPort(8001), StreamHarness.A.withPort(7001),
                NetPath.DEFAULT, ba.ssrc(), "b@host", fromB, fromA, StreamHarness.T0 + 6 * SECOND, 5 * SECOND,
                StreamHarness.T0 + 12 * SECOND, reports::add);
        rtcpA.peer(rtcpB);
        rtcpB.peer(rtcpA);
        h.run(fromA, fromB, rtcpA, rtcpB);

        List<WireCheck.Packet> rtcp = h.udp().stream().filter(p -> p.srcPort() % 2 == 1).toList();
        assertThat(rtcp).hasSize(reports.size()).hasSize(6); // A: 5 s, 10 s, BYE at 12 s; B: 6 s, 11 s, BYE
        for (int i = 0; i < rtcp.size(); i++) {
            byte[] b = rtcp.get(i).payload();
            RtcpReport r = reports.get(i);
            assertThat(rtcp.get(i).tsNanos()).isEqualTo(r.tsNanos());
            // first packet: SR with one report block, lengths in 32-bit words minus one (RFC 3550 6.4.1)
            assertThat(b[0] & 0xFF).isEqualTo(0x81);
            assertThat(b[1] & 0xFF).isEqualTo(200);
            int srWords = u16(b, 2) + 1;
            assertThat(srWords * 4).isEqualTo(28 + 24);
            assertThat(u32(b, 4)).isEqualTo(r.ssrc());
            long ntpSeconds = u32(b, 8);
            assertThat(ntpSeconds).isEqualTo(r.tsNanos() / SECOND + 2_208_988_800L);
            assertThat(u32(b, 16)).isEqualTo(r.rtpTimestamp());
            long expectedSent = Math.min(600, (r.tsNanos() - StreamHarness.T0) / 20_000_000L + 1); // none at the 12 s end
            assertThat(u32(b, 20)).isEqualTo(r.packetCount()).isEqualTo(expectedSent);
            assertThat(u32(b, 24)).isEqualTo(r.octetCount()).isEqualTo(expectedSent * 160);

            // report block about the other stream, recomputed from its arrivals up to this instant
            StreamTruth rx = (r.ssrc() == ab.ssrc() ? fromB : fromA).truth();
            List<RtpArrival> seen = rx.arrivals().stream().filter(a -> a.arrivalNanos() <= r.tsNanos()).toList();
            long max = seen.stream().mapToLong(RtpArrival::extSeq).max().orElseThrow();
            long first = seen.get(0).extSeq();
            long cumulative = (max - first + 1) - seen.size();
            assertThat(u32(b, 28)).isEqualTo(rx.ssrc());
            assertThat(u32(b, 32) & 0xFFFFFF).isEqualTo(cumulative).isEqualTo(r.cumulativeLost()).isPositive();
            assertThat(u32(b, 36)).isEqualTo(max);
            assertThat(u32(b, 40)).isEqualTo((long) StreamHarness.referenceJitter(seen, 0, 8000, StreamHarness.T0));
            assertThat(u32(b, 44)).isEqualTo(r.lsr());
            assertThat(u32(b, 48)).isEqualTo(r.dlsr());
            // SDES CNAME chunk, padded to a word boundary
            int sdes = srWords * 4;
            assertThat(b[sdes + 1] & 0xFF).isEqualTo(202);
            int sdesLength = (u16(b, sdes + 2) + 1) * 4;
            assertThat(b[sdes + 8]).isEqualTo((byte) 1);
            String cname = new String(b, sdes + 10, b[sdes + 9], StandardCharsets.US_ASCII);
            assertThat(cname).isIn("a@host", "b@host");
            int end = sdes + sdesLength;
            assertThat(end == b.length).isEqualTo(!r.bye());
            if (r.bye()) {
                assertThat(b[end + 1] & 0xFF).isEqualTo(203);
                assertThat(u32(b, end + 4)).isEqualTo(r.ssrc());
                assertThat(end + 8).isEqualTo(b.length);
            }
        }
        // LSR/DLSR: B's first report (6 s) answers A's SR at 5 s, one second later
        RtcpReport bFirst = reports.get(1);
        assertThat(bFirst.ssrc()).isEqualTo(ba.ssrc());
        assertThat(bFirst.dlsr()).isEqualTo(65536);
        assertThat(bFirst.lsr()).isEqualTo(((((StreamHarness.T0 / SECOND) + 2_208_988_800L + 5) & 0xFFFF) << 16));
        assertThat(reports.get(0).lsr()).isZero();
    }

    @Test
    void anEndpointThatSendsNoRtpReportsWithReceiverReports() throws Exception {
        StreamHarness h = new StreamHarness();
        RtpOptions plain = StreamHarness.options().rtcp(true);
        RtpStreamSpec ab = RtpStreamSpec.resolve("a->b", plain, StreamHarness.A, StreamHarness.B, NetPath.DEFAULT,
                Codec.PCMA, StreamHarness.T0, StreamHarness.T0 + 7 * SECOND, List.of(), new SeededRandom(1));
        RtpStreamGenerator fromA = new RtpStreamGenerator(ab, h.packets, new SeededRandom(3), null);
        List<RtcpReport> reports = new ArrayList<>();
        RtcpGenerator listener = new RtcpGenerator(h.packets, StreamHarness.B.withPort(8001), StreamHarness.A.withPort(7001),
                NetPath.DEFAULT, 0xCAFEF00DL, "b@host", null, fromA, StreamHarness.T0 + 5 * SECOND, 5 * SECOND,
                StreamHarness.T0 + 7 * SECOND, reports::add);
        h.run(fromA, listener);
        assertThat(reports).hasSize(2);
        List<WireCheck.Packet> rtcp = h.udp().stream().filter(p -> p.srcPort() == 8001).toList();
        byte[] rr = rtcp.get(0).payload();
        assertThat(rr[0] & 0xFF).isEqualTo(0x81);
        assertThat(rr[1] & 0xFF).isEqualTo(201);
        assertThat((u16(rr, 2) + 1) * 4).isEqualTo(8 + 24);
        assertThat(u32(rr, 4)).isEqualTo(0xCAFEF00DL);
        assertThat(u32(rr, 8)).isEqualTo(ab.ssrc());
        assertThat(u32(rr, 12)).isZero(); // nothing lost
        assertThat(u32(rr, 16)).isEqualTo(ab.startSeq() + 250L); // packets at 0, 20 ms, ..., 5000 ms
        assertThat(reports.get(0).senderReport()).isFalse();
        assertThat(reports.get(1).bye()).isTrue();
    }
}
