package dev.sipscope.decoder.tcp;

import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketSink;

import java.nio.charset.StandardCharsets;

/**
 * Builds and feeds hand-made segments of one TCP connection (client and server endpoints fixed).
 * Payloads are placed after a few header bytes in a larger array so that offsets are not trivial.
 */
final class TestConnection {
    static final int HEADER_BYTES = 54;

    final TcpReassembler reassembler;
    final PacketSink sink;
    final int ipVersion;
    final long clientHi;
    final long clientLo;
    final int clientPort;
    final long serverHi;
    final long serverLo;
    final int serverPort;
    /** Capture time given to the next segment. */
    long nowNanos = 1_000_000_000L;

    TestConnection(TcpReassembler reassembler, PacketSink sink, int clientIp, int clientPort, int serverIp,
                   int serverPort) {
        this(reassembler, sink, 4, 0, IpAddress.v4Lo(clientIp), clientPort, 0, IpAddress.v4Lo(serverIp), serverPort);
    }

    TestConnection(TcpReassembler reassembler, PacketSink sink, int ipVersion, long clientHi, long clientLo,
                   int clientPort, long serverHi, long serverLo, int serverPort) {
        this.reassembler = reassembler;
        this.sink = sink;
        this.ipVersion = ipVersion;
        this.clientHi = clientHi;
        this.clientLo = clientLo;
        this.clientPort = clientPort;
        this.serverHi = serverHi;
        this.serverLo = serverLo;
        this.serverPort = serverPort;
    }

    static TestConnection v4(TcpReassembler r, PacketSink sink) {
        return new TestConnection(r, sink, 0x0a000001, 40000, 0x0a000002, 5060);
    }

    Packet packet(boolean fromClient, byte[] payload, int off, int len) {
        Packet p = new Packet();
        p.clear();
        p.timestampNanos = nowNanos;
        p.ipVersion = ipVersion;
        p.protocol = Packet.PROTO_TCP;
        if (fromClient) {
            p.srcHi = clientHi;
            p.srcLo = clientLo;
            p.srcPort = clientPort;
            p.dstHi = serverHi;
            p.dstLo = serverLo;
            p.dstPort = serverPort;
        } else {
            p.srcHi = serverHi;
            p.srcLo = serverLo;
            p.srcPort = serverPort;
            p.dstHi = clientHi;
            p.dstLo = clientLo;
            p.dstPort = clientPort;
        }
        byte[] frame = new byte[HEADER_BYTES + len + 4];
        System.arraycopy(payload, off, frame, HEADER_BYTES, len);
        p.data = frame;
        p.payloadOffset = HEADER_BYTES;
        p.payloadLength = len;
        p.ipOffset = 14;
        return p;
    }

    /** Feeds one segment and returns the packet (to check it was left as given). */
    Packet send(boolean fromClient, long seq, int flags, byte[] payload, int off, int len) {
        Packet p = packet(fromClient, payload, off, len);
        reassembler.segment(p, seq & 0xffff_ffffL, 0, flags, sink);
        return p;
    }

    Packet send(boolean fromClient, long seq, int flags, String payload) {
        byte[] b = payload.getBytes(StandardCharsets.ISO_8859_1);
        return send(fromClient, seq, flags, b, 0, b.length);
    }

    Packet client(long seq, String payload) {
        return send(true, seq, TcpReassembler.ACK | TcpReassembler.PSH, payload);
    }

    Packet server(long seq, String payload) {
        return send(false, seq, TcpReassembler.ACK | TcpReassembler.PSH, payload);
    }

    /** SYN, SYN-ACK, ACK: client data then starts at {@code clientIsn + 1}, server data at {@code serverIsn + 1}. */
    void handshake(long clientIsn, long serverIsn) {
        send(true, clientIsn, TcpReassembler.SYN, "");
        send(false, serverIsn, TcpReassembler.SYN | TcpReassembler.ACK, "");
        send(true, clientIsn + 1, TcpReassembler.ACK, "");
    }

    void clientFin(long seq) {
        send(true, seq, TcpReassembler.FIN | TcpReassembler.ACK, "");
    }

    void serverFin(long seq) {
        send(false, seq, TcpReassembler.FIN | TcpReassembler.ACK, "");
    }
}
