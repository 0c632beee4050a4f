package dev.sipscope.decoder;

import dev.sipscope.capture.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Keeps a detached copy of everything the decoder delivers, for assertions. */
final class RecordingSink implements PacketSink {

    /** One delivered datagram, copied out of the reused {@link Packet}. */
    record Datagram(int ipVersion, int protocol, String src, String dst, int srcPort, int dstPort, int flags,
                    int vlanId, long timestampNanos, int hepPayloadType, int ipOffset, boolean payloadInFrame,
                    byte[] payload) {

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

    final List<Datagram> datagrams = new ArrayList<>();
    final List<Malformed> malformed = new ArrayList<>();

    @Override
    public void onDatagram(Packet p) {
        byte[] payload = Arrays.copyOfRange(p.data, p.payloadOffset, p.payloadOffset + p.payloadLength);
        boolean inFrame = p.frame != null && p.data == p.frame.data();
        datagrams.add(new Datagram(p.ipVersion, p.protocol, IpAddress.format(p.srcHi, p.srcLo),
                IpAddress.format(p.dstHi, p.dstLo), p.srcPort, p.dstPort, p.flags, p.vlanId, p.timestampNanos,
                p.hepPayloadType, p.ipOffset, inFrame, payload));
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
