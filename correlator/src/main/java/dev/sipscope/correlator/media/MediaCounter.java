package dev.sipscope.correlator.media;

import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketSink;

/**
 * The engine's default media sink when no stream statistics are connected: binds each datagram
 * that looks like RTP or RTCP (version 2, RFC 3550 §5.1 and §6.4) to its call through the
 * {@link MediaRegistry} and counts it on the binding, so that calls show whether media flowed and
 * where from, and notes each RTP stream's SSRC so that relayed streams link B2BUA legs. One lookup
 * per datagram, no allocation.
 */
public final class MediaCounter implements PacketSink {
    private final MediaRegistry registry;
    private long datagrams;
    private long bound;

    public MediaCounter(MediaRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onDatagram(Packet p) {
        if (p.protocol != Packet.PROTO_UDP || p.payloadLength < 8 || (p.data[p.payloadOffset] & 0xc0) != 0x80) {
            return;
        }
        datagrams++;
        MediaBinding b = registry.lookup(p.dstHi, p.dstLo, p.dstPort, p.srcHi, p.srcLo, p.srcPort, p.timestampNanos);
        if (b != null) {
            bound++;
            b.countPacket(p.payloadLength, p.timestampNanos);
            int off = p.payloadOffset;
            int second = p.data[off + 1] & 0xff;
            boolean rtcp = second >= 200 && second <= 204;
            if (!rtcp && p.payloadLength >= 12) {
                long ssrc = ((p.data[off + 8] & 0xffL) << 24) | ((p.data[off + 9] & 0xff) << 16)
                        | ((p.data[off + 10] & 0xff) << 8) | (p.data[off + 11] & 0xff);
                int sequence = ((p.data[off + 2] & 0xff) << 8) | (p.data[off + 3] & 0xff);
                if (b.lastSsrc != ssrc) { // as noteSsrc's first test, without its call for every packet
                    registry.noteSsrc(b, ssrc, sequence, p.timestampNanos);
                }
            }
        }
    }

    /** Datagrams that looked like RTP or RTCP. */
    public long datagrams() {
        return datagrams;
    }

    /** Of those, datagrams bound to a call. */
    public long bound() {
        return bound;
    }
}
