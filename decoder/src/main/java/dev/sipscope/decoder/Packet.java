package dev.sipscope.decoder;

import dev.sipscope.capture.Frame;

/**
 * The transport-level view of one packet that the decoder hands to a {@link PacketSink}.
 *
 * <p>A mutable flyweight: the decoder reuses one instance, so a {@code Packet} (and the bytes it
 * points at) is valid only during the callback that received it. Nothing here is allocated per
 * packet: addresses are kept as 128-bit values in two longs each, IPv4 in the IPv4-mapped IPv6
 * form {@code ::ffff:a.b.c.d} (see {@link IpAddress}).
 *
 * <p>The payload normally points into the frame's own bytes; after IP reassembly, decapsulation of
 * HEP or TCP reassembly it points into a buffer owned by the decoder.
 */
public final class Packet {
    /** Payload came from a datagram reassembled from IP fragments. */
    public static final int FLAG_REASSEMBLED = 1;
    /** Payload was found inside a tunnel (IP-in-IP, GRE, ERSPAN, VXLAN). */
    public static final int FLAG_TUNNELED = 1 << 1;
    /** Payload, addresses and time were carried inside HEP (the outer packet is not described). */
    public static final int FLAG_HEP = 1 << 2;
    /** The frame carried at least one 802.1Q/QinQ tag (see {@link #vlanId}). */
    public static final int FLAG_VLAN = 1 << 3;
    /**
     * The capture's snap length cut the packet: the payload holds only the bytes that were captured,
     * fewer than the transport header announces.
     */
    public static final int FLAG_TRUNCATED = 1 << 4;
    /** Payload is an SCTP user message reassembled from several DATA or I-DATA chunks (RFC 9260 §6.9). */
    public static final int FLAG_SCTP_REASSEMBLED = 1 << 5;

    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_SCTP = 132;

    /** The frame this packet was decoded from (for HEP and reassembly: the frame that completed it). */
    public Frame frame;
    /** Capture time in nanoseconds since the epoch (HEP: the time the agent recorded). */
    public long timestampNanos;
    /** 4 or 6. */
    public int ipVersion;
    /** IP protocol of the transport: {@link #PROTO_UDP}, {@link #PROTO_TCP}, {@link #PROTO_SCTP}. */
    public int protocol;
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    public int srcPort;
    public int dstPort;
    /** Innermost VLAN id when {@link #FLAG_VLAN} is set, else -1. */
    public int vlanId;
    /** Bit set of {@code FLAG_*}. */
    public int flags;
    /**
     * With {@link #FLAG_HEP}: the HEP payload type the agent declared (HEPv3 chunk 11, for example
     * {@link HepDecoder#TYPE_SIP}; HEPv1/v2, which carry SIP only, report {@link HepDecoder#TYPE_SIP});
     * 0 when the chunk is absent or the packet is not HEP.
     */
    public int hepPayloadType;
    /**
     * With {@link #FLAG_HEP}: the capture agent id (HEPv3 chunk 12, HEPv2 capture id), -1 when absent
     * or when the packet is not HEP.
     */
    public long hepCaptureId;

    /** Backing array of the payload (transport payload: UDP data, TCP segment data, SCTP chunk data). */
    public byte[] data;
    public int payloadOffset;
    public int payloadLength;

    /** Offset of the (innermost) IP header in {@link #data} when the payload is in the frame, else -1. */
    public int ipOffset;

    /** Resets every field to its empty value. */
    public void clear() {
        frame = null;
        timestampNanos = 0;
        ipVersion = 0;
        protocol = 0;
        srcHi = srcLo = dstHi = dstLo = 0;
        srcPort = dstPort = 0;
        vlanId = -1;
        flags = 0;
        hepPayloadType = 0;
        hepCaptureId = -1;
        data = null;
        payloadOffset = payloadLength = 0;
        ipOffset = -1;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** {@code src -> dst} with ports, for messages and tests (allocates). */
    @Override
    public String toString() {
        return IpAddress.format(srcHi, srcLo, srcPort) + " -> " + IpAddress.format(dstHi, dstLo, dstPort)
                + " proto=" + protocol + " len=" + payloadLength;
    }
}
