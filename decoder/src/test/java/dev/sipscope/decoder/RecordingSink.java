package dev.sipscope.decoder;

import dev.sipscope.capture.Frame;
import dev.sipscope.decoder.tcp.TcpStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Keeps a detached copy of everything the decoder delivers, for assertions. */
final class RecordingSink implements PacketSink {

    /** One delivered datagram, copied out of the reused {@link Packet}. */
    record Datagram(int ipVersion, int protocol, String src, String dst, int srcPort, int dstPort, int flags,
                    int vlanId, long timestampNanos, int hepPayloadType, long hepCaptureId, int ipOffset,
                    boolean payloadInFrame, byte[] payload) {

        String text() {
            return new String(payload, StandardCharsets.ISO_8859_1);
        }

        boolean has(int flag) {
            return (flags & flag) != 0;
        }

        @Override
        public String toString() {
            return src + ":" + srcPort + " -> " + dst + ":" + dstPort + " proto=" + protocol + " flags=" + flags
                    + " vlan=" + vlanId + " len=" + payload.length;
        }
    }

    /** In-order TCP bytes delivered for one direction of a stream. */
    record TcpData(long streamIndex, String src, int srcPort, String dst, int dstPort, int flags, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    final List<Datagram> datagrams = new ArrayList<>();
    final List<Malformed> malformed = new ArrayList<>();
    final List<TcpData> tcpData = new ArrayList<>();
    final List<Long> tcpGaps = new ArrayList<>();
    final List<Long> tcpClosed = new ArrayList<>();

    @Override
    public void onTcpData(TcpStream stream, Packet p) {
        byte[] bytes = Arrays.copyOfRange(p.data, p.payloadOffset, p.payloadOffset + p.payloadLength);
        tcpData.add(new TcpData(stream.index, IpAddress.format(p.srcHi, p.srcLo), p.srcPort,
                IpAddress.format(p.dstHi, p.dstLo), p.dstPort, p.flags, bytes));
    }

    @Override
    public void onTcpGap(TcpStream stream, boolean fromClient, long missingBytes) {
        tcpGaps.add(missingBytes);
    }

    @Override
    public void onTcpClose(TcpStream stream) {
        tcpClosed.add(stream.index);
    }

    /** All TCP bytes delivered from {@code src:srcPort}, concatenated, as text. */
    String tcpText(String src, int srcPort) {
        StringBuilder sb = new StringBuilder();
        for (TcpData d : tcpData) {
            if (d.src().equals(src) && d.srcPort() == srcPort) {
                sb.append(d.text());
            }
        }
        return sb.toString();
    }

    @Override
    public void onDatagram(Packet p) {
        byte[] payload = Arrays.copyOfRange(p.data, p.payloadOffset, p.payloadOffset + p.payloadLength);
        boolean inFrame = p.frame != null && p.data == p.frame.data();
        datagrams.add(new Datagram(p.ipVersion, p.protocol, IpAddress.format(p.srcHi, p.srcLo),
                IpAddress.format(p.dstHi, p.dstLo), p.srcPort, p.dstPort, p.flags, p.vlanId, p.timestampNanos,
                p.hepPayloadType, p.hepCaptureId, p.ipOffset, inFrame, payload));
    }

    @Override
    public void onMalformed(Frame frame, Malformed reason) {
        malformed.add(reason);
    }

    Datagram only() {
        if (datagrams.size() != 1) {
            throw new AssertionError("expected exactly one datagram, got " + datagrams + " malformed=" + malformed);
        }
        return datagrams.get(0);
    }
}
