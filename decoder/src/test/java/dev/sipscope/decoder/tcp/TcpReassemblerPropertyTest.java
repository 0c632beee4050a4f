package dev.sipscope.decoder.tcp;

import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.sipscope.decoder.tcp.TcpReassembler.ACK;
import static dev.sipscope.decoder.tcp.TcpReassembler.FIN;
import static dev.sipscope.decoder.tcp.TcpReassembler.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded property tests: many connections whose segments are cut at random, reordered, duplicated,
 * re-sent with other boundaries and lost; and pure garbage. Every run is replayable from its seed.
 */
class TcpReassemblerPropertyTest {
    private static final long MILLI = 1_000_000L;

    /** One segment to feed, with the time it is fed at. */
    private record Planned(long timeNanos, int order, int conn, boolean fromClient, long seq, int flags,
                           byte[] stream, int offset, int length) {
    }

    private static final class ModelConnection {
        final int clientPort;
        final byte[] clientBytes;
        final byte[] serverBytes;
        boolean clientFinSent;
        boolean serverFinSent;

        ModelConnection(int clientPort, byte[] clientBytes, byte[] serverBytes) {
            this.clientPort = clientPort;
            this.clientBytes = clientBytes;
            this.serverBytes = serverBytes;
        }
    }

    /**
     * Whatever the bounds and whatever is lost, what a direction delivers is faithful: byte i of the
     * delivered stream (gaps counted at their reported size) is byte i of what was sent; with a FIN
     * the length is exact; without loss and with room enough nothing is missing at all.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void deliveredBytesAreAlwaysTheSentBytesAtTheirPositions(long seed) {
        Random random = new Random(seed);
        boolean lossless = seed % 4 == 0;
        int perDirection = lossless ? 1 << 20 : new int[] {700, 4096, 20_000}[random.nextInt(3)];
        long global = lossless ? 64L << 20 : perDirection * (1L + random.nextInt(4));
        // Short hole timeouts give up holes that reordered segments would still have filled.
        long holeTimeoutNanos = lossless ? 2_000 * MILLI : new long[] {2_000, 20, 5}[random.nextInt(3)] * MILLI;
        TcpConfig config = new TcpConfig(perDirection, global, 64, 3_600_000 * MILLI, holeTimeoutNanos);
        TcpReassembler r = new TcpReassembler(config);
        RecordingSink sink = new RecordingSink();

        double dropRate = lossless ? 0 : random.nextDouble() * 0.08;
        double duplicateRate = random.nextDouble() * 0.1;
        double resendRate = random.nextDouble() * 0.1;
        long jitterNanos = (1 + random.nextInt(40)) * MILLI;

        int connections = 1 + random.nextInt(12);
        List<ModelConnection> model = new ArrayList<>();
        List<Planned> plan = new ArrayList<>();
        int order = 0;
        for (int k = 0; k < connections; k++) {
            byte[] c = new byte[random.nextInt(8000)];
            byte[] s = new byte[random.nextInt(8000)];
            random.nextBytes(c);
            random.nextBytes(s);
            ModelConnection m = new ModelConnection(30000 + k, c, s);
            model.add(m);
            // Initial sequence numbers are often close to the 2^32 wrap.
            long clientIsn = random.nextBoolean() ? random.nextInt() & 0xffff_ffffL : 0xffff_ffffL - random.nextInt(5000);
            long serverIsn = random.nextBoolean() ? random.nextInt() & 0xffff_ffffL : 0xffff_ffffL - random.nextInt(5000);
            long t = k * 5 * MILLI;
            plan.add(new Planned(t, order++, k, true, clientIsn, SYN, c, 0, 0));
            plan.add(new Planned(t + 1, order++, k, false, serverIsn, SYN | ACK, s, 0, 0));
            long end = t + 2;
            for (int dir = 0; dir < 2; dir++) {
                boolean fromClient = dir == 0;
                byte[] bytes = fromClient ? c : s;
                long base = (fromClient ? clientIsn : serverIsn) + 1;
                long time = t + 2 * MILLI;
                for (int off = 0; off < bytes.length; ) {
                    int len = Math.min(bytes.length - off, 1 + random.nextInt(900));
                    time += random.nextInt(3) * MILLI;
                    if (random.nextDouble() >= dropRate) {
                        plan.add(new Planned(time + (long) (random.nextDouble() * jitterNanos), order++, k,
                                fromClient, base + off, ACK, bytes, off, len));
                    }
                    if (random.nextDouble() < duplicateRate) {
                        plan.add(new Planned(time + (long) (random.nextDouble() * 3 * jitterNanos), order++, k,
                                fromClient, base + off, ACK, bytes, off, len));
                    }
                    if (random.nextDouble() < resendRate && off > 0) {
                        // A re-sent stretch cut differently: starts inside an earlier segment.
                        int from = Math.max(0, off - random.nextInt(600));
                        int to = Math.min(bytes.length, off + len + random.nextInt(600));
                        plan.add(new Planned(time + (long) (random.nextDouble() * 2 * jitterNanos), order++, k,
                                fromClient, base + from, ACK, bytes, from, to - from));
                    }
                    off += len;
                }
                end = Math.max(end, time + 4 * jitterNanos);
            }
            // FINs come after everything else of the connection (a FIN overtaking data would end it early).
            for (int dir = 0; dir < 2; dir++) {
                boolean fromClient = dir == 0;
                if (random.nextInt(10) < 8) {
                    byte[] bytes = fromClient ? c : s;
                    long base = (fromClient ? clientIsn : serverIsn) + 1;
                    plan.add(new Planned(end + dir, order++, k, fromClient, base + bytes.length, FIN | ACK, bytes, 0, 0));
                    if (fromClient) {
                        m.clientFinSent = true;
                    } else {
                        m.serverFinSent = true;
                    }
                }
            }
        }
        plan.sort(Comparator.comparingLong(Planned::timeNanos).thenComparingInt(Planned::order));

        for (Planned p : plan) {
            ModelConnection m = model.get(p.conn);
            Packet packet = packetOf(p, m);
            r.segment(packet, p.seq & 0xffff_ffffL, 0, p.flags, sink);
            assertWithinBounds(r, config);
        }
        r.finish(sink);

        assertThat(r.streams()).as("one stream per connection").isEqualTo(connections);
        assertThat(r.openStreams()).isZero();
        assertThat(r.currentBufferedBytes()).isZero();
        assertThat(r.pendingBytes()).isZero();
        assertThat(sink.closes).hasSize(connections).allSatisfy((index, count) -> assertThat(count).isEqualTo(1));
        long delivered = 0;
        long gapBytes = 0;
        for (Map.Entry<Long, TcpStream> e : sink.streams.entrySet()) {
            TcpStream stream = e.getValue();
            ModelConnection m = model.get(stream.clientPort - 30000);
            for (boolean fromClient : new boolean[] {true, false}) {
                byte[] sent = fromClient ? m.clientBytes : m.serverBytes;
                boolean finSent = fromClient ? m.clientFinSent : m.serverFinSent;
                RecordingSink.Flow flow = sink.flow(stream, fromClient);
                byte[] got = flow.bytes.toByteArray();
                delivered += flow.delivered;
                gapBytes += flow.gapBytes;
                assertThat(got.length).as("stream %s fromClient=%s", stream, fromClient).isLessThanOrEqualTo(sent.length);
                if (finSent) {
                    assertThat(got.length).as("FIN makes the length exact").isEqualTo(sent.length);
                }
                for (int i = 0; i < got.length; i++) {
                    if (!flow.gapMask.get(i) && got[i] != sent[i]) {
                        throw new AssertionError("seed " + seed + " " + stream + " fromClient=" + fromClient
                                + ": byte " + i + " differs");
                    }
                }
                if (lossless) {
                    assertThat(flow.gaps).isEmpty();
                    assertThat(got).isEqualTo(sent);
                }
            }
        }
        assertThat(r.bytesDelivered()).isEqualTo(delivered);
        assertThat(r.gapBytes()).isEqualTo(gapBytes);
    }

    /** Hostile input: random tuples, flags, sequence numbers, lengths and times. */
    @ParameterizedTest
    @ValueSource(longs = {101, 102, 103, 104, 105, 106, 107, 108, 109, 110})
    void randomSegmentSoupNeverThrowsAndNeverBuffersBeyondTheBounds(long seed) {
        Random random = new Random(seed);
        int perDirection = new int[] {1, 100, 3000, 70_000}[random.nextInt(4)];
        int maxConnections = random.nextBoolean() ? 1 + random.nextInt(6) : 500;
        TcpConfig config = new TcpConfig(perDirection, perDirection * (1L + random.nextInt(3)), maxConnections,
                (1 + random.nextInt(10)) * 1000 * MILLI, (1 + random.nextInt(3)) * 500 * MILLI);
        TcpReassembler r = new TcpReassembler(config);
        RecordingSink sink = new RecordingSink(false);

        long[] hiPool = {0, 0, 0x2001_0db8_0000_0000L};
        long[] loPool = {IpAddress.v4Lo(0x0a000001), IpAddress.v4Lo(0x0a000002), 1};
        int[] portPool = {5060, 5061, 40000};
        long[] cursors = new long[64];
        for (int i = 0; i < cursors.length; i++) {
            cursors[i] = random.nextInt() & 0xffff_ffffL;
        }
        byte[] payload = new byte[100_000];
        random.nextBytes(payload);
        long time = 0;
        for (int i = 0; i < 20_000; i++) {
            Packet p = new Packet();
            p.clear();
            int src = random.nextInt(3);
            int dst = random.nextInt(3);
            p.ipVersion = random.nextInt(8) == 0 ? 6 : 4;
            p.protocol = Packet.PROTO_TCP;
            p.srcHi = hiPool[src];
            p.srcLo = loPool[src];
            p.dstHi = hiPool[dst];
            p.dstLo = loPool[dst];
            p.srcPort = portPool[random.nextInt(3)];
            p.dstPort = portPool[random.nextInt(3)];
            time += random.nextInt(10) == 0 ? -random.nextInt(1000) * MILLI : random.nextInt(300) * MILLI;
            p.timestampNanos = time;
            int length = random.nextInt(4) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 200 : 5000);
            p.data = payload;
            p.payloadOffset = random.nextInt(payload.length - 5000);
            p.payloadLength = length;
            if (random.nextInt(50) == 0) {
                p.payloadOffset = random.nextInt(payload.length + 10) - 5;
                p.payloadLength = random.nextInt(200_000) - 100;
            }
            int cursor = (src * 9 + dst * 3 + p.srcPort % 3) % cursors.length;
            long seq = switch (random.nextInt(4)) {
                case 0 -> random.nextLong();
                case 1 -> cursors[cursor] - random.nextInt(3000);
                default -> cursors[cursor] + random.nextInt(3000);
            };
            if (random.nextBoolean()) {
                cursors[cursor] = (seq + length) & 0xffff_ffffL;
            }
            int flags = random.nextInt(3) == 0 ? random.nextInt(32) : ACK;
            r.segment(p, seq, random.nextLong(), flags, sink);
            assertWithinBounds(r, config);
            if (random.nextInt(2000) == 0) {
                r.advanceTime(time + random.nextInt(20_000) * MILLI, sink);
                assertWithinBounds(r, config);
            }
        }
        r.finish(sink);
        assertThat(r.openStreams()).isZero();
        assertThat(r.currentBufferedBytes()).isZero();
        assertThat(r.pendingBytes()).isZero();
        assertThat((long) sink.closes.size()).isEqualTo(r.streams());
        assertThat(sink.closes.values()).containsOnly(1);
        assertThat(r.segments()).isEqualTo(20_000);
        long delivered = 0;
        for (RecordingSink.Flow f : sink.client.values()) {
            delivered += f.delivered;
        }
        for (RecordingSink.Flow f : sink.server.values()) {
            delivered += f.delivered;
        }
        assertThat(r.bytesDelivered()).isEqualTo(delivered);
    }

    private static void assertWithinBounds(TcpReassembler r, TcpConfig config) {
        if (r.currentBufferedBytes() > config.maxBufferedBytes()
                || r.peakBufferedBytes() > config.maxBufferedBytes()
                || r.peakDirectionBufferedBytes() > config.maxOutOfOrderBytesPerDirection()
                || r.pendingBytes() > r.currentBufferedBytes()
                || r.pendingBytes() < 0
                || r.openStreams() > config.maxConnections()
                || r.openStreams() < 0) {
            throw new AssertionError("bounds broken: buffered=" + r.currentBufferedBytes() + " peak="
                    + r.peakBufferedBytes() + " peakDirection=" + r.peakDirectionBufferedBytes() + " pending="
                    + r.pendingBytes() + " open=" + r.openStreams() + " config=" + config);
        }
    }

    private static Packet packetOf(Planned plan, ModelConnection m) {
        Packet p = new Packet();
        p.clear();
        p.timestampNanos = plan.timeNanos;
        p.ipVersion = 4;
        p.protocol = Packet.PROTO_TCP;
        long clientLo = IpAddress.v4Lo(0x0a000001);
        long serverLo = IpAddress.v4Lo(0x0a000002);
        p.srcLo = plan.fromClient ? clientLo : serverLo;
        p.dstLo = plan.fromClient ? serverLo : clientLo;
        p.srcPort = plan.fromClient ? m.clientPort : 5060;
        p.dstPort = plan.fromClient ? 5060 : m.clientPort;
        p.data = plan.stream;
        p.payloadOffset = plan.offset;
        p.payloadLength = plan.length;
        return p;
    }
}
