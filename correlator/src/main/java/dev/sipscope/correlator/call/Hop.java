package dev.sipscope.correlator.call;

import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.sip.SipTransport;

/**
 * One hop a SIP message was seen on: source and destination address and port and the transport.
 * A request that crosses a proxy is seen once per hop (each with its own top Via branch); a
 * message seen twice on the same hop is a retransmission (or a duplicate of the capture).
 */
public record Hop(long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort, SipTransport transport) {

    static Hop of(Packet p, SipTransport transport) {
        return new Hop(p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort, transport);
    }

    /** {@code ip:port} of the sender. */
    public String source() {
        return IpAddress.format(srcHi, srcLo, srcPort);
    }

    /** {@code ip:port} of the receiver. */
    public String destination() {
        return IpAddress.format(dstHi, dstLo, dstPort);
    }

    /** The same hop travelled the other way (where responses to a request go). */
    public Hop reversed() {
        return new Hop(dstHi, dstLo, dstPort, srcHi, srcLo, srcPort, transport);
    }

    /* Written out (instead of the record's method-handle based ones): hops are compared for every message. */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Hop h && srcPort == h.srcPort && dstPort == h.dstPort && srcLo == h.srcLo
                && dstLo == h.dstLo && srcHi == h.srcHi && dstHi == h.dstHi && transport == h.transport;
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(srcHi);
        h = 31 * h + Long.hashCode(srcLo);
        h = 31 * h + srcPort;
        h = 31 * h + Long.hashCode(dstHi);
        h = 31 * h + Long.hashCode(dstLo);
        h = 31 * h + dstPort;
        return 31 * h + java.util.Objects.hashCode(transport);
    }

    @Override
    public String toString() {
        return source() + " -> " + destination() + " " + transport;
    }
}
