package dev.sipscope.samples.net;

import java.util.List;

/**
 * One TCP connection seen from the wire (RFC 793 / RFC 9293): the three-way handshake, data in
 * segments of at most the MSS, pure acknowledgements, and an orderly close with FIN in both
 * directions. Sequence numbers start at seeded random ISNs and wrap modulo 2^32; every segment
 * after the SYN acknowledges everything the peer has sent so far.
 *
 * <p>The caller chooses when each step happens; calls must come in non-decreasing time order
 * (sequence numbers are assigned in call order). The connection does not model loss or
 * retransmission. Segments of one send are spaced {@link #SEGMENT_GAP_NANOS} apart.
 */
public final class TcpConnection {
    /** Which end of the connection sends. */
    public enum Side { CLIENT, SERVER }

    public static final long SEGMENT_GAP_NANOS = 12_000;
    public static final int DEFAULT_MSS = 1460;
    private static final int WINDOW_SCALE = 7;
    private static final int SYN_WINDOW = 64240;
    private static final int SCALED_WINDOW = 502;

    private final PacketBuilder builder;
    private final Endpoint client;
    private final Endpoint server;
    private final NetPath path;
    private final int dscp;
    private final int mss;
    private long clientNext;
    private long serverNext;
    private boolean established;
    private boolean clientFinSent;
    private boolean serverFinSent;

    /**
     * @param mss the maximum segment size both ends announce; data segments never exceed it
     *            (nor the path MTU minus 40 or 60 bytes of headers)
     */
    public TcpConnection(PacketBuilder builder, Endpoint client, Endpoint server, NetPath path, int dscp, int mss,
                         SeededRandom random) {
        this.builder = builder;
        this.client = client;
        this.server = server;
        this.path = path;
        this.dscp = dscp;
        int headers = PacketBuilder.ipHeaderLength(client.ip()) + PacketBuilder.TCP_HEADER;
        this.mss = Math.max(1, Math.min(mss, path.mtu() - headers));
        this.clientNext = random.nextUnsignedInt();
        this.serverNext = random.nextUnsignedInt();
    }

    public Endpoint client() {
        return client;
    }

    public Endpoint server() {
        return server;
    }

    public int mss() {
        return mss;
    }

    public boolean established() {
        return established;
    }

    /** SYN from the client, SYN/ACK from the server, ACK from the client, at the three given times. */
    public void handshake(long synNanos, long synAckNanos, long ackNanos, List<WireFrame> out) {
        if (established) {
            throw new IllegalStateException("handshake already done on " + client + " -> " + server);
        }
        byte[] synOptions = synOptions();
        out.add(new WireFrame(synNanos, builder.tcp(client, server, path, dscp, clientNext, 0, PacketBuilder.TCP_SYN,
                SYN_WINDOW, synOptions, null, 0, 0)));
        clientNext++;
        out.add(new WireFrame(synAckNanos, builder.tcp(server, client, path, dscp, serverNext, clientNext,
                PacketBuilder.TCP_SYN | PacketBuilder.TCP_ACK, SYN_WINDOW, synOptions, null, 0, 0)));
        serverNext++;
        out.add(new WireFrame(ackNanos, builder.tcp(client, server, path, dscp, clientNext, serverNext,
                PacketBuilder.TCP_ACK, SCALED_WINDOW, null, null, 0, 0)));
        established = true;
    }

    /**
     * Sends {@code data} from {@code from} starting at {@code tNanos}, cut into segments of at most
     * {@code min(maxSegment, mss)} bytes (PSH on the last), followed {@code ackDelayNanos} after the
     * last segment by a pure ACK from the peer (skipped when {@code ackDelayNanos < 0}).
     *
     * @return the number of data segments sent
     */
    public int send(Side from, long tNanos, byte[] data, int maxSegment, long ackDelayNanos, List<WireFrame> out) {
        requireOpen(from);
        int segment = Math.max(1, Math.min(maxSegment, mss));
        int count = 0;
        long t = tNanos;
        for (int off = 0; off < data.length; off += segment) {
            int n = Math.min(segment, data.length - off);
            boolean last = off + n >= data.length;
            int flags = PacketBuilder.TCP_ACK | (last ? PacketBuilder.TCP_PSH : 0);
            out.add(new WireFrame(t, segment(from, flags, data, off, n)));
            advance(from, n);
            count++;
            t += SEGMENT_GAP_NANOS;
        }
        if (ackDelayNanos >= 0 && count > 0) {
            Side peer = from == Side.CLIENT ? Side.SERVER : Side.CLIENT;
            out.add(new WireFrame(t - SEGMENT_GAP_NANOS + ackDelayNanos, segment(peer, PacketBuilder.TCP_ACK, null, 0, 0)));
        }
        return count;
    }

    /** A pure ACK from {@code from} at {@code tNanos}. */
    public void ack(Side from, long tNanos, List<WireFrame> out) {
        out.add(new WireFrame(tNanos, segment(from, PacketBuilder.TCP_ACK, null, 0, 0)));
    }

    /**
     * Orderly close: FIN/ACK from {@code initiator} at {@code finNanos}, FIN/ACK from the peer at
     * {@code peerFinNanos}, final ACK from the initiator at {@code lastAckNanos}.
     */
    public void close(Side initiator, long finNanos, long peerFinNanos, long lastAckNanos, List<WireFrame> out) {
        Side peer = initiator == Side.CLIENT ? Side.SERVER : Side.CLIENT;
        requireOpen(initiator);
        requireOpen(peer);
        out.add(new WireFrame(finNanos, segment(initiator, PacketBuilder.TCP_FIN | PacketBuilder.TCP_ACK, null, 0, 0)));
        advance(initiator, 1);
        markFin(initiator);
        out.add(new WireFrame(peerFinNanos, segment(peer, PacketBuilder.TCP_FIN | PacketBuilder.TCP_ACK, null, 0, 0)));
        advance(peer, 1);
        markFin(peer);
        out.add(new WireFrame(lastAckNanos, segment(initiator, PacketBuilder.TCP_ACK, null, 0, 0)));
    }

    private byte[] segment(Side from, int flags, byte[] data, int off, int len) {
        boolean c = from == Side.CLIENT;
        return builder.tcp(c ? client : server, c ? server : client, path, dscp, c ? clientNext : serverNext,
                c ? serverNext : clientNext, flags, SCALED_WINDOW, null, data, off, len);
    }

    private void advance(Side from, int bytes) {
        if (from == Side.CLIENT) {
            clientNext = (clientNext + bytes) & 0xFFFF_FFFFL;
        } else {
            serverNext = (serverNext + bytes) & 0xFFFF_FFFFL;
        }
    }

    private void markFin(Side side) {
        if (side == Side.CLIENT) {
            clientFinSent = true;
        } else {
            serverFinSent = true;
        }
    }

    private void requireOpen(Side from) {
        if (!established) {
            throw new IllegalStateException("no handshake yet on " + client + " -> " + server);
        }
        if (from == Side.CLIENT ? clientFinSent : serverFinSent) {
            throw new IllegalStateException(from + " already sent FIN on " + client + " -> " + server);
        }
    }

    /** MSS, NOP, NOP, SACK permitted, NOP, window scale (RFC 793, RFC 2018, RFC 7323). */
    private byte[] synOptions() {
        return new byte[] {2, 4, (byte) (mss >>> 8), (byte) mss, 1, 1, 4, 2, 1, 3, 3, WINDOW_SCALE};
    }
}
