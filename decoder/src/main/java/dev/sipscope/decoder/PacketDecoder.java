package dev.sipscope.decoder;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import dev.sipscope.decoder.tcp.TcpReassembler;

/**
 * Decodes frames down to transport payloads and hands them to a {@link PacketSink}.
 *
 * <p>Layers, outermost first:
 * <ul>
 *   <li>link: Ethernet II and IEEE 802.3/LLC (not IP, counted), 802.1Q/802.1ad tags (0x8100,
 *       0x88a8, 0x9100, 0x9200, any depth, innermost VLAN id kept), PPPoE sessions, MPLS label stacks,
 *       Linux cooked capture v1/v2, raw IP (101, 12, 14, 228, 229), BSD null/loopback (either byte
 *       order), PPP, PPP in HDLC framing and Cisco HDLC, PPPoE without Ethernet (51);</li>
 *   <li>tunnels: IP-in-IP (4, 41), GRE (RFC 2784/2890, RFC 1701 routing, PPTP's enhanced GRE) carrying
 *       IP, Ethernet (0x6558), ERSPAN type I/II (0x88be) and III (0x22eb); VXLAN on the configured UDP
 *       ports. At most {@link DecoderConfig#maxTunnelDepth()} nested tunnels, else
 *       {@link Malformed#TOO_DEEP};</li>
 *   <li>IPv4 and IPv6 (extension header chain, at most {@value #MAX_IPV6_EXTENSION_HEADERS}
 *       headers), with fragment reassembly ({@link FragmentReassembler});</li>
 *   <li>UDP, delivered by {@link PacketSink#onDatagram}; HEP on the configured ports, decapsulated by
 *       {@link HepDecoder}; TCP, handed to the {@link TcpReassembler}; SCTP DATA and I-DATA chunks,
 *       fragmented user messages rebuilt, each delivered by {@link PacketSink#onDatagram}.</li>
 * </ul>
 *
 * <p>Lengths: an IPv4/IPv6 length shorter than the frame ends the packet there (Ethernet padding is
 * ignored). A length longer than the captured bytes is malformed, unless the frame was cut by the
 * capture's snap length: then the transport payload that is present is delivered, flagged
 * {@link Packet#FLAG_TRUNCATED}, when the transport header is complete, and the frame is counted in
 * {@link DecoderStats#truncatedBySnaplen()}. A zero IPv4 total length or IPv6 payload length without
 * a jumbo option (segmentation offload seen on the sending host) means "to the end of the frame".
 *
 * <p>Cost: one reused {@link Packet}; nothing is allocated per packet on the UDP path. Reassembly
 * (IP fragments, SCTP messages), HEP inflation and the TCP reassembler may allocate.
 *
 * <p>Errors: bad input is counted (see {@link DecoderStats}) and reported through
 * {@link PacketSink#onMalformed}; decoding goes on with the next frame. Exceptions thrown by the
 * sink or the TCP reassembler propagate to the caller of {@link #decode}. Not thread-safe: one
 * decoder per decoding thread.
 */
public final class PacketDecoder {
    static final int MAX_IPV6_EXTENSION_HEADERS = 16;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88a8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    private static final int ETHERTYPE_QINQ_OLD2 = 0x9200;
    private static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    private static final int ETHERTYPE_MPLS = 0x8847;
    private static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
    private static final int GRE_TRANSPARENT_ETHERNET = 0x6558;
    private static final int GRE_ERSPAN_1_2 = 0x88be;
    private static final int GRE_ERSPAN_3 = 0x22eb;
    private static final int GRE_PPP = 0x880b;

    private static final int PPP_IPV4 = 0x0021;
    private static final int PPP_IPV6 = 0x0057;

    private static final int IPPROTO_IPIP = 4;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPPROTO_GRE = 47;

    /** The IP packet was cut by the snap length: bytes past the captured end exist on the wire. */
    private static final int IP_TRUNCATED = 1;
    /** IPv6 jumbogram (RFC 2675): a zero UDP length means "the whole IP payload". */
    private static final int IP_JUMBO = 2;

    private final DecoderConfig config;
    private final PacketSink sink;
    private final TcpReassembler tcp;
    private final DecoderStats stats = new DecoderStats();
    private final FragmentReassembler fragments;
    private final SctpReassembler sctp;
    private final HepDecoder hep;
    private final PortSet hepPorts;
    private final PortSet vxlanPorts;
    private final int maxTunnelDepth;
    private final Packet packet = new Packet();

    // The frame being decoded.
    private Frame frame;
    private byte[] frameData;
    private long nowNanos;
    private boolean snapTruncated;
    private boolean truncationCounted;
    /** Above zero while the sink or the TCP reassembler runs: their exceptions are not ours to count. */
    private int calloutDepth;

    /** A decoder with its own {@link TcpReassembler}, bounded by {@link DecoderConfig#tcp()}. */
    public PacketDecoder(DecoderConfig config, PacketSink sink) {
        this(config, sink, new TcpReassembler(config.tcp()));
    }

    /** A decoder that hands TCP segments to the given reassembler ({@link DecoderConfig#tcp()} is then unused). */
    public PacketDecoder(DecoderConfig config, PacketSink sink, TcpReassembler tcp) {
        this.config = config;
        this.sink = sink;
        this.tcp = tcp;
        this.fragments = new FragmentReassembler(config.maxFragmentedDatagrams(), config.maxFragmentBufferBytes(),
                config.fragmentTimeoutNanos(), stats);
        this.sctp = new SctpReassembler(config.maxSctpPendingMessages(), config.maxSctpMessageBytes(),
                config.maxSctpBufferBytes(), config.fragmentTimeoutNanos(), stats);
        this.hep = new HepDecoder(config.maxHepInflatedBytes());
        this.hepPorts = config.hepUdpPorts();
        this.vxlanPorts = config.vxlanUdpPorts();
        this.maxTunnelDepth = config.maxTunnelDepth();
    }

    public DecoderConfig config() {
        return config;
    }

    /** The live counters (read them on the decoding thread, or publish a {@link DecoderStats#copy()}). */
    public DecoderStats stats() {
        return stats;
    }

    /** The TCP reassembler segments go to (for its counters). */
    public TcpReassembler tcpReassembler() {
        return tcp;
    }

    /** IP datagrams waiting for fragments. */
    public int pendingFragmentedDatagrams() {
        return fragments.pendingDatagrams();
    }

    /** Bytes held for IP datagrams waiting for fragments. */
    public long fragmentBufferedBytes() {
        return fragments.bufferedBytes();
    }

    /** SCTP user messages waiting for fragments. */
    public int pendingSctpMessages() {
        return sctp.pendingMessages();
    }

    /**
     * Decodes one frame; what it carries goes to the sink before this returns. The frame's bytes are
     * only read during the call.
     */
    public void decode(Frame f) {
        stats.frames++;
        stats.capturedBytes += f.capturedLength();
        stats.wireBytes += f.originalLength();
        stats.countLinkType(f.linkType());
        nowNanos = f.timestampNanos();
        fragments.expire(nowNanos);
        sctp.expire(nowNanos);

        Packet p = packet;
        p.clear();
        p.frame = f;
        p.timestampNanos = nowNanos;
        frame = f;
        byte[] b = f.data();
        frameData = b;
        snapTruncated = f.capturedLength() < f.originalLength();
        truncationCounted = false;
        calloutDepth = 0;
        int off = f.offset();
        int capturedLength = f.capturedLength();
        try {
            if (b == null || off < 0 || capturedLength < 0 || capturedLength > b.length - off) {
                malformed(Malformed.LINK_TRUNCATED);
                return;
            }
            if (f.linkType() == LinkType.ETHERNET && fastPath && plainUdp(b, off, off + capturedLength)) {
                return;
            }
            link(f.linkType(), b, off, off + capturedLength);
        } catch (RuntimeException e) {
            if (calloutDepth > 0) {
                calloutDepth = 0;
                throw e;
            }
            stats.internalErrors++;
        }
    }

    /**
     * Moves capture time to {@code nowNanos} without a frame (a live capture gone quiet): incomplete
     * IP datagrams and SCTP messages past their timeout are dropped, and the TCP reassembler applies
     * its idle and hole timeouts. Frames do this themselves as they arrive.
     */
    public void advanceTime(long nowNanos) {
        fragments.expire(nowNanos);
        sctp.expire(nowNanos);
        tcp.advanceTime(nowNanos, sink);
    }

    /**
     * End of input: incomplete IP datagrams and SCTP messages are dropped (and counted), then the TCP
     * reassembler delivers what it can and closes every stream.
     */
    public void finish() {
        fragments.finish();
        sctp.finish();
        tcp.finish(sink);
    }

    // ---------------------------------------------------------------- link layers

    private void link(int linkType, byte[] b, int off, int end) {
        switch (linkType) {
            case LinkType.ETHERNET:
                ethernet(b, off, end, 0);
                break;
            case LinkType.LINUX_SLL:
                linuxSll(b, off, end);
                break;
            case LinkType.LINUX_SLL2:
                linuxSll2(b, off, end);
                break;
            case LinkType.RAW:
                rawIp(b, off, end, 0);
                break;
            case LinkType.RAW_OPENBSD:
            case LinkType.RAW_BSDOS:
                // DLT_RAW on most systems; OpenBSD used 12 for its loopback (4-byte family header).
                if (end - off >= 4 && ((b[off] >> 4) & 0x0f) == 0) {
                    bsdNull(b, off, end);
                } else {
                    rawIp(b, off, end, 0);
                }
                break;
            case LinkType.IPV4:
                ipv4(b, off, end, 0);
                break;
            case LinkType.IPV6:
                ipv6(b, off, end, 0);
                break;
            case LinkType.NULL:
            case LinkType.LOOP:
                bsdNull(b, off, end);
                break;
            case LinkType.PPP:
                ppp(b, off, end, 0);
                break;
            case LinkType.PPP_HDLC:
                pppHdlc(b, off, end);
                break;
            case LinkType.PPP_ETHER:
                pppoeSession(b, off, end, 0);
                break;
            default:
                stats.unsupportedLinkTypeFrames++;
                break;
        }
    }

    /** Whether {@link #plainUdp} may take frames (tests turn it off to compare with the layered path). */
    private boolean fastPath = true;

    /** Decodes every frame through the layered path only: for tests comparing the two. */
    void layeredOnly() {
        fastPath = false;
    }

    /**
     * The frame nearly every RTP and SIP packet is: Ethernet without VLAN tag, IPv4 without options,
     * not a fragment, UDP whose length fits the IP datagram, which fits the captured bytes, on a port
     * that is neither VXLAN nor HEP. Decodes it in one method, with the same counts and the same
     * packet as {@link #link} would make (PacketDecoderFastPathTest compares the two), and returns
     * true; returns false, having changed nothing, for any other frame. One call instead of seven
     * nested ones, each too large for the quick compiler (C1) to inline.
     */
    private boolean plainUdp(byte[] b, int off, int end) {
        int ip = off + 14;
        if (end - ip < 28 || b[off + 12] != 0x08 || b[off + 13] != 0x00 || b[ip] != 0x45 || b[ip + 9] != Packet.PROTO_UDP
                || ((b[ip + 6] & 0x3f) | b[ip + 7]) != 0) {
            return false;
        }
        int totalLength = u16(b, ip + 2);
        int udp = ip + 20;
        int udpLength = u16(b, udp + 4);
        if (totalLength > end - ip || udpLength < 8 || udpLength > totalLength - 20) {
            return false;
        }
        int srcPort = u16(b, udp);
        int dstPort = u16(b, udp + 2);
        if (vxlanPorts.contains(dstPort) || hepPorts.contains(dstPort) || hepPorts.contains(srcPort)) {
            return false;
        }
        // What ipv4() and udp() would count and set, written out here rather than shared through a
        // helper: a call the quick compiler does not inline is what this path exists to avoid.
        // PacketDecoderFastPathTest keeps the two paths equal.
        stats.ipv4Packets++;
        stats.udpDatagrams++;
        Packet p = packet;
        p.ipVersion = 4;
        p.srcHi = 0;
        p.srcLo = IpAddress.v4Lo(IpAddress.readInt(b, ip + 12));
        p.dstHi = 0;
        p.dstLo = IpAddress.v4Lo(IpAddress.readInt(b, ip + 16));
        p.ipOffset = ip;
        deliver(Packet.PROTO_UDP, srcPort, dstPort, b, udp + 8, udp + udpLength, 0);
        return true;
    }

    private void ethernet(byte[] b, int off, int end, int depth) {
        if (end - off < 14) {
            cut(Malformed.LINK_TRUNCATED);
            return;
        }
        etherType(b, off + 14, end, u16(b, off + 12), depth);
    }

    /** Follows an ethertype (after MAC addresses, tags, SLL, GRE...) through VLAN tags to IP. */
    private void etherType(byte[] b, int off, int end, int type, int depth) {
        while (true) {
            switch (type) {
                case ETHERTYPE_VLAN:
                case ETHERTYPE_QINQ:
                case ETHERTYPE_QINQ_OLD:
                case ETHERTYPE_QINQ_OLD2:
                    if (end - off < 4) {
                        cut(Malformed.LINK_TRUNCATED);
                        return;
                    }
                    vlanTag(u16(b, off) & 0x0fff);
                    type = u16(b, off + 2);
                    off += 4;
                    break;
                case ETHERTYPE_IPV4:
                    ipv4(b, off, end, depth);
                    return;
                case ETHERTYPE_IPV6:
                    ipv6(b, off, end, depth);
                    return;
                case ETHERTYPE_PPPOE_SESSION:
                    pppoeSession(b, off, end, depth);
                    return;
                case ETHERTYPE_MPLS:
                case ETHERTYPE_MPLS_MULTICAST:
                    mpls(b, off, end, depth);
                    return;
                default:
                    nonIp(NonIpKind.ofEtherType(type));
                    return;
            }
        }
    }

    private void vlanTag(int vlanId) {
        Packet p = packet;
        if ((p.flags & Packet.FLAG_VLAN) == 0) {
            stats.vlanTaggedFrames++;
            p.flags |= Packet.FLAG_VLAN;
        }
        p.vlanId = vlanId;
    }

    /** RFC 3032: 4-byte label entries up to the one with the bottom-of-stack bit, then IP (guessed by version). */
    private void mpls(byte[] b, int off, int end, int depth) {
        while (true) {
            if (end - off < 4) {
                cut(Malformed.LINK_TRUNCATED);
                return;
            }
            boolean bottom = (b[off + 2] & 1) != 0;
            off += 4;
            if (bottom) {
                break;
            }
        }
        if (off >= end) {
            nonIp(NonIpKind.MPLS_NON_IP);
            return;
        }
        int version = (b[off] >> 4) & 0x0f;
        if (version == 4) {
            ipv4(b, off, end, depth);
        } else if (version == 6) {
            ipv6(b, off, end, depth);
        } else {
            nonIp(NonIpKind.MPLS_NON_IP);
        }
    }

    /** RFC 2516 §4: version/type 0x11, code 0, session id, length, then a PPP protocol field. */
    private void pppoeSession(byte[] b, int off, int end, int depth) {
        if (end - off < 8) {
            cut(Malformed.LINK_TRUNCATED);
            return;
        }
        if ((b[off] & 0xff) != 0x11 || b[off + 1] != 0) {
            malformed(Malformed.LINK_HEADER);
            return;
        }
        int length = u16(b, off + 4);
        int payloadEnd = off + 6 + length;
        if (length < 2) {
            malformed(Malformed.LINK_HEADER);
            return;
        }
        if (payloadEnd > end) {
            if (!snapTruncated) {
                malformed(Malformed.LINK_HEADER);
                return;
            }
            payloadEnd = end;
        }
        pppProtocol(b, off + 6, payloadEnd, depth);
    }

    /** LINKTYPE_PPP: an optional 0xff 0x03 address/control pair, then the protocol field (RFC 1661/1662). */
    private void ppp(byte[] b, int off, int end, int depth) {
        if (end - off >= 2 && (b[off] & 0xff) == 0xff && b[off + 1] == 0x03) {
            off += 2;
        }
        pppProtocol(b, off, end, depth);
    }

    /** LINKTYPE_PPP_HDLC: PPP in HDLC-like framing (0xff 0x03), or Cisco HDLC (0x0f/0x8f, 0, ethertype). */
    private void pppHdlc(byte[] b, int off, int end) {
        if (end - off < 4) {
            cut(Malformed.LINK_TRUNCATED);
            return;
        }
        int address = b[off] & 0xff;
        if (address == 0xff) {
            pppProtocol(b, off + 2, end, 0);
        } else if (address == 0x0f || address == 0x8f) {
            etherType(b, off + 4, end, u16(b, off + 2), 0);
        } else {
            malformed(Malformed.LINK_HEADER);
        }
    }

    /** A PPP protocol field, one byte when compressed (odd first byte, RFC 1661 §6.5) or two. */
    private void pppProtocol(byte[] b, int off, int end, int depth) {
        if (end - off < 1) {
            cut(Malformed.LINK_TRUNCATED);
            return;
        }
        int protocol;
        if ((b[off] & 1) != 0) {
            protocol = b[off] & 0xff;
            off += 1;
        } else {
            if (end - off < 2) {
                cut(Malformed.LINK_TRUNCATED);
                return;
            }
            protocol = u16(b, off);
            off += 2;
        }
        if (protocol == PPP_IPV4) {
            ipv4(b, off, end, depth);
        } else if (protocol == PPP_IPV6) {
            ipv6(b, off, end, depth);
        } else {
            nonIp(NonIpKind.PPP_CONTROL);
        }
    }

    /** Linux cooked capture v1: 16 bytes, ARPHRD type at 2, protocol (an ethertype) at 14. */
    private void linuxSll(byte[] b, int off, int end) {
        if (end - off < 16) {
            cut(Malformed.LINK_TRUNCATED);
            return;
        }
        cookedPayload(b, off + 16, end, u16(b, off + 2), u16(b, off + 14));
    }

    /** Linux cooked capture v2: 20 bytes, protocol at 0, ARPHRD type at 8. */
    private void linuxSll2(byte[] b, int off, int end) {
        if (end - off < 20) {
            cut(Malformed.LINK_TRUNCATED);
            return;
        }
        cookedPayload(b, off + 20, end, u16(b, off + 8), u16(b, off));
    }

    private void cookedPayload(byte[] b, int off, int end, int arphrdType, int protocol) {
        final int arphrdNetlink = 824;
        if (arphrdType == arphrdNetlink) {
            nonIp(NonIpKind.SLL_OTHER);
        } else if (protocol < 0x0600) {
            // Values below 1536 are Linux ETH_P_* pseudo-protocols: 802.3 (1), 802.2 LLC (4), CAN...
            nonIp(protocol == 0x0001 || protocol == 0x0004 ? NonIpKind.LLC : NonIpKind.SLL_OTHER);
        } else {
            etherType(b, off, end, protocol, 0);
        }
    }

    /** LINKTYPE_NULL / LOOP: a 4-byte address family, in either byte order. */
    private void bsdNull(byte[] b, int off, int end) {
        if (end - off < 4) {
            cut(Malformed.LINK_TRUNCATED);
            return;
        }
        int family = (b[off] & 0xff) | ((b[off + 1] & 0xff) << 8) | ((b[off + 2] & 0xff) << 16)
                | ((b[off + 3] & 0xff) << 24);
        if ((family & 0xffff_0000) != 0) {
            family = Integer.reverseBytes(family);
        }
        switch (family) {
            case 2:
                ipv4(b, off + 4, end, 0);
                break;
            case 24:
            case 28:
            case 30:
                // AF_INET6 on NetBSD/OpenBSD, FreeBSD, and macOS.
                ipv6(b, off + 4, end, 0);
                break;
            default:
                nonIp(NonIpKind.BSD_FAMILY);
                break;
        }
    }

    private void rawIp(byte[] b, int off, int end, int depth) {
        if (off >= end) {
            cut(Malformed.IP_HEADER);
            return;
        }
        int version = (b[off] >> 4) & 0x0f;
        if (version == 4) {
            ipv4(b, off, end, depth);
        } else if (version == 6) {
            ipv6(b, off, end, depth);
        } else {
            malformed(Malformed.IP_HEADER);
        }
    }

    // ---------------------------------------------------------------- IP

    /** RFC 791 §3.1. */
    private void ipv4(byte[] b, int off, int end, int depth) {
        int available = end - off;
        if (available < 20) {
            cut(Malformed.IP_HEADER);
            return;
        }
        int versionIhl = b[off] & 0xff;
        int headerLength = (versionIhl & 0x0f) * 4;
        if ((versionIhl >> 4) != 4 || headerLength < 20) {
            malformed(Malformed.IP_HEADER);
            return;
        }
        if (headerLength > available) {
            cut(Malformed.IP_HEADER);
            return;
        }
        int totalLength = u16(b, off + 2);
        if (totalLength == 0) {
            totalLength = available;
        }
        if (totalLength < headerLength) {
            malformed(Malformed.IP_HEADER);
            return;
        }
        int ipFlags = 0;
        if (totalLength > available) {
            if (!snapTruncated) {
                malformed(Malformed.IP_HEADER);
                return;
            }
            ipFlags = IP_TRUNCATED;
        }
        stats.ipv4Packets++;
        Packet p = packet;
        p.ipVersion = 4;
        p.srcHi = 0;
        p.srcLo = IpAddress.v4Lo(IpAddress.readInt(b, off + 12));
        p.dstHi = 0;
        p.dstLo = IpAddress.v4Lo(IpAddress.readInt(b, off + 16));
        p.ipOffset = b == frameData ? off : -1;

        int declaredEnd = off + totalLength;
        int ipEnd = ipFlags == IP_TRUNCATED ? end : declaredEnd;
        int protocol = b[off + 9] & 0xff;
        int fragmentField = u16(b, off + 6);
        boolean more = (fragmentField & 0x2000) != 0;
        int fragmentOffset = (fragmentField & 0x1fff) << 3;
        if (more || fragmentOffset != 0) {
            if (ipFlags == IP_TRUNCATED) {
                countTruncated();
                return;
            }
            FragmentReassembler.Outcome outcome = fragments.offer(4, 0, p.srcLo, 0, p.dstLo, u16(b, off + 4),
                    protocol, fragmentOffset, more, FragmentReassembler.MAX_DATAGRAM_BYTES - headerLength,
                    b, off + headerLength, totalLength - headerLength, nowNanos);
            afterFragment(outcome, depth);
            return;
        }
        transport(protocol, b, off + headerLength, ipEnd, declaredEnd, ipFlags, depth);
    }

    /** RFC 8200 §3. */
    private void ipv6(byte[] b, int off, int end, int depth) {
        int available = end - off;
        if (available < 40) {
            cut(Malformed.IP_HEADER);
            return;
        }
        if (((b[off] >> 4) & 0x0f) != 6) {
            malformed(Malformed.IP_HEADER);
            return;
        }
        int payloadLength = u16(b, off + 4);
        int next = b[off + 6] & 0xff;
        int payloadStart = off + 40;
        int ipFlags = 0;
        long declaredEndLong;
        if (payloadLength != 0) {
            declaredEndLong = payloadStart + payloadLength;
        } else {
            long jumbo = next == 0 ? jumboPayloadLength(b, payloadStart, end) : -1;
            if (jumbo >= 0) {
                declaredEndLong = payloadStart + jumbo;
                ipFlags = IP_JUMBO;
            } else {
                declaredEndLong = end;
            }
        }
        if (declaredEndLong > end) {
            if (!snapTruncated) {
                malformed(Malformed.IP_HEADER);
                return;
            }
            ipFlags |= IP_TRUNCATED;
        }
        stats.ipv6Packets++;
        Packet p = packet;
        p.ipVersion = 6;
        p.srcHi = IpAddress.readLong(b, off + 8);
        p.srcLo = IpAddress.readLong(b, off + 16);
        p.dstHi = IpAddress.readLong(b, off + 24);
        p.dstLo = IpAddress.readLong(b, off + 32);
        p.ipOffset = b == frameData ? off : -1;
        int declaredEnd = (int) Math.min(declaredEndLong, Integer.MAX_VALUE);
        int ipEnd = (ipFlags & IP_TRUNCATED) != 0 ? end : declaredEnd;
        ipv6Chain(next, b, payloadStart, ipEnd, declaredEnd, ipFlags, depth, payloadStart);
    }

    /**
     * The Jumbo Payload option (RFC 2675 §2) in the hop-by-hop header at {@code off}, or -1 when
     * absent or unreadable.
     */
    private static long jumboPayloadLength(byte[] b, int off, int end) {
        if (end - off < 8) {
            return -1;
        }
        int headerEnd = off + ((b[off + 1] & 0xff) + 1) * 8;
        if (headerEnd > end) {
            return -1;
        }
        int cur = off + 2;
        while (cur < headerEnd) {
            int type = b[cur] & 0xff;
            if (type == 0) {
                cur++;
                continue;
            }
            if (headerEnd - cur < 2) {
                return -1;
            }
            int length = b[cur + 1] & 0xff;
            if (type == 0xc2 && length == 4 && headerEnd - cur >= 6) {
                return IpAddress.readInt(b, cur + 2) & 0xffff_ffffL;
            }
            cur += 2 + length;
        }
        return -1;
    }

    /**
     * Walks IPv6 extension headers from {@code next} at {@code cur} to the transport. A fragment
     * header hands the rest to reassembly; a reassembled payload continues here with
     * {@code fragmentAllowed} false (one fragment header per packet).
     */
    private void ipv6Chain(int next, byte[] b, int cur, int ipEnd, int declaredEnd, int ipFlags, int depth,
                           int payloadStart) {
        for (int headers = 0; ; headers++) {
            if (headers > MAX_IPV6_EXTENSION_HEADERS) {
                malformed(Malformed.IPV6_EXTENSION);
                return;
            }
            int length;
            switch (next) {
                case 0:   // hop-by-hop options
                case 43:  // routing
                case 60:  // destination options
                case 135: // mobility (RFC 6275)
                case 139: // host identity protocol (RFC 7401)
                case 140: // shim6 (RFC 5533)
                    if (ipEnd - cur < 8) {
                        cutOr(Malformed.IPV6_EXTENSION, ipFlags);
                        return;
                    }
                    length = ((b[cur + 1] & 0xff) + 1) * 8;
                    break;
                case 51:  // authentication header (RFC 4302 §2.2): length in 4-octet units, minus 2
                    if (ipEnd - cur < 8) {
                        cutOr(Malformed.IPV6_EXTENSION, ipFlags);
                        return;
                    }
                    length = ((b[cur + 1] & 0xff) + 2) * 4;
                    break;
                case 44:  // fragment (RFC 8200 §4.5)
                    if (ipEnd - cur < 8) {
                        cutOr(Malformed.IPV6_EXTENSION, ipFlags);
                        return;
                    }
                    int fragmentNext = b[cur] & 0xff;
                    int offsetField = u16(b, cur + 2);
                    int fragmentOffset = offsetField & 0xfff8;
                    boolean more = (offsetField & 1) != 0;
                    if (fragmentOffset == 0 && !more) {
                        // An atomic fragment (RFC 6946): processed as a whole packet.
                        next = fragmentNext;
                        cur += 8;
                        continue;
                    }
                    if (payloadStart < 0) {
                        malformed(Malformed.IPV6_EXTENSION);
                        return;
                    }
                    if ((ipFlags & IP_TRUNCATED) != 0) {
                        countTruncated();
                        return;
                    }
                    long identification = IpAddress.readInt(b, cur + 4) & 0xffff_ffffL;
                    int perFragmentHeaders = cur - payloadStart;
                    Packet p = packet;
                    FragmentReassembler.Outcome outcome = fragments.offer(6, p.srcHi, p.srcLo, p.dstHi, p.dstLo,
                            identification, fragmentNext, fragmentOffset, more,
                            FragmentReassembler.MAX_DATAGRAM_BYTES - perFragmentHeaders,
                            b, cur + 8, ipEnd - cur - 8, nowNanos);
                    afterFragment(outcome, depth);
                    return;
                case 50:  // ESP: encrypted from here on
                case 59:  // no next header
                    stats.otherIpProtocols[next]++;
                    return;
                default:
                    transport(next, b, cur, ipEnd, declaredEnd, ipFlags, depth);
                    return;
            }
            if (length > ipEnd - cur) {
                cutOr(Malformed.IPV6_EXTENSION, ipFlags);
                return;
            }
            next = b[cur] & 0xff;
            cur += length;
        }
    }

    private void afterFragment(FragmentReassembler.Outcome outcome, int depth) {
        if (outcome == FragmentReassembler.Outcome.MALFORMED) {
            malformed(Malformed.IP_FRAGMENT);
            return;
        }
        if (outcome != FragmentReassembler.Outcome.COMPLETED) {
            return;
        }
        FragmentReassembler.Datagram d = fragments.completed();
        packet.flags |= Packet.FLAG_REASSEMBLED;
        try {
            if (d.ipVersion() == 4) {
                transport(d.protocol(), d.data(), 0, d.length(), d.length(), 0, depth);
            } else {
                ipv6Chain(d.protocol(), d.data(), 0, d.length(), d.length(), 0, depth, -1);
            }
        } finally {
            fragments.release(d);
        }
    }

    // ---------------------------------------------------------------- transports and tunnels

    /**
     * The IP payload {@code b[off .. end)}; {@code declaredEnd} is where the IP header says it ends
     * (past {@code end} only when {@link #IP_TRUNCATED} is set).
     */
    private void transport(int protocol, byte[] b, int off, int end, int declaredEnd, int ipFlags, int depth) {
        switch (protocol) {
            case Packet.PROTO_UDP:
                udp(b, off, end, declaredEnd, ipFlags, depth);
                break;
            case Packet.PROTO_TCP:
                tcp(b, off, end, declaredEnd, ipFlags);
                break;
            case Packet.PROTO_SCTP:
                sctp(b, off, end, declaredEnd, ipFlags);
                break;
            case IPPROTO_IPIP:
                if (enterTunnel(depth)) {
                    stats.ipInIpPackets++;
                    ipv4(b, off, end, depth + 1);
                }
                break;
            case IPPROTO_IPV6:
                if (enterTunnel(depth)) {
                    stats.ipInIpPackets++;
                    ipv6(b, off, end, depth + 1);
                }
                break;
            case IPPROTO_GRE:
                gre(b, off, end, ipFlags, depth);
                break;
            default:
                stats.otherIpProtocols[protocol]++;
                break;
        }
    }

    /** RFC 768; RFC 2675 §4 for a zero length in IPv6 jumbograms. */
    private void udp(byte[] b, int off, int end, int declaredEnd, int ipFlags, int depth) {
        if (end - off < 8) {
            cutOr(Malformed.UDP_HEADER, ipFlags);
            return;
        }
        int srcPort = u16(b, off);
        int dstPort = u16(b, off + 2);
        int udpLength = u16(b, off + 4);
        int ipPayload = declaredEnd - off;
        if (udpLength == 0 && (ipFlags & IP_JUMBO) != 0) {
            udpLength = ipPayload;
        } else if (udpLength < 8 || udpLength > ipPayload) {
            malformed(Malformed.UDP_HEADER);
            return;
        }
        stats.udpDatagrams++;
        int payloadEnd = off + udpLength;
        boolean truncated = false;
        if (payloadEnd > end) {
            payloadEnd = end;
            truncated = true;
            countTruncated();
        }
        int payloadOff = off + 8;
        if (vxlanPorts.contains(dstPort)) {
            vxlan(b, payloadOff, payloadEnd, truncated ? IP_TRUNCATED : 0, depth);
            return;
        }
        if (!truncated && (hepPorts.contains(dstPort) || hepPorts.contains(srcPort)) && hep(b, payloadOff, payloadEnd)) {
            return;
        }
        deliver(Packet.PROTO_UDP, srcPort, dstPort, b, payloadOff, payloadEnd, truncated ? Packet.FLAG_TRUNCATED : 0);
    }

    /** RFC 9293 §3.1: header checks, options skipped, the segment goes to the TCP reassembler. */
    private void tcp(byte[] b, int off, int end, int declaredEnd, int ipFlags) {
        if (end - off < 20) {
            cutOr(Malformed.TCP_HEADER, ipFlags);
            return;
        }
        int headerLength = ((b[off + 12] >> 4) & 0x0f) * 4;
        if (headerLength < 20 || headerLength > declaredEnd - off) {
            malformed(Malformed.TCP_HEADER);
            return;
        }
        if (headerLength > end - off) {
            countTruncated();
            return;
        }
        int payloadEnd = Math.min(end, declaredEnd);
        Packet p = packet;
        if (payloadEnd < declaredEnd) {
            countTruncated();
            p.flags |= Packet.FLAG_TRUNCATED;
        }
        stats.tcpSegments++;
        p.protocol = Packet.PROTO_TCP;
        p.srcPort = u16(b, off);
        p.dstPort = u16(b, off + 2);
        p.data = b;
        p.payloadOffset = off + headerLength;
        p.payloadLength = payloadEnd - off - headerLength;
        if (b != frameData) {
            p.ipOffset = -1;
        }
        long seq = IpAddress.readInt(b, off + 4) & 0xffff_ffffL;
        long ack = IpAddress.readInt(b, off + 8) & 0xffff_ffffL;
        int tcpFlags = b[off + 13] & 0xff;
        calloutDepth++;
        tcp.segment(p, seq, ack, tcpFlags, sink);
        calloutDepth--;
    }

    /** RFC 9260 §3: common header, then chunks padded to 4 bytes; DATA (0) and I-DATA (64, RFC 8260) carry user data. */
    private void sctp(byte[] b, int off, int end, int declaredEnd, int ipFlags) {
        if (end - off < 12) {
            cutOr(Malformed.SCTP_HEADER, ipFlags);
            return;
        }
        stats.sctpPackets++;
        int srcPort = u16(b, off);
        int dstPort = u16(b, off + 2);
        int verificationTag = IpAddress.readInt(b, off + 4);
        int limit = Math.min(end, declaredEnd);
        int cur = off + 12;
        while (cur < limit) {
            if (limit - cur < 4) {
                if (limit < declaredEnd) {
                    countTruncated();
                } else {
                    malformed(Malformed.SCTP_HEADER);
                }
                return;
            }
            int type = b[cur] & 0xff;
            int chunkFlags = b[cur + 1] & 0xff;
            int chunkLength = u16(b, cur + 2);
            if (chunkLength < 4) {
                malformed(Malformed.SCTP_HEADER);
                return;
            }
            if (chunkLength > limit - cur) {
                if (limit < declaredEnd && chunkLength <= declaredEnd - cur) {
                    countTruncated();
                } else {
                    malformed(Malformed.SCTP_HEADER);
                }
                return;
            }
            if (type == 0 || type == 64) {
                if (!sctpData(type == 64, b, cur, chunkLength, chunkFlags, srcPort, dstPort, verificationTag)) {
                    return;
                }
            }
            cur += (chunkLength + 3) & ~3;
        }
        if (limit < declaredEnd) {
            // The snap length cut the packet at a chunk boundary: the chunks after it were not captured.
            countTruncated();
        }
    }

    /** One DATA or I-DATA chunk; false when it was malformed (the rest of the packet is then skipped). */
    private boolean sctpData(boolean iData, byte[] b, int chunk, int chunkLength, int chunkFlags,
                             int srcPort, int dstPort, int verificationTag) {
        int headerLength = iData ? 20 : 16;
        if (chunkLength <= headerLength) {
            // Shorter than its header, or without user data (RFC 9260 §3.3.1: an error).
            malformed(Malformed.SCTP_HEADER);
            return false;
        }
        stats.sctpDataChunks++;
        boolean unordered = (chunkFlags & 0x04) != 0;
        boolean begin = (chunkFlags & 0x02) != 0;
        boolean last = (chunkFlags & 0x01) != 0;
        int dataOff = chunk + headerLength;
        int dataEnd = chunk + chunkLength;
        if (begin && last) {
            deliver(Packet.PROTO_SCTP, srcPort, dstPort, b, dataOff, dataEnd, 0);
            return true;
        }
        Packet p = packet;
        int streamId = u16(b, chunk + 8);
        long seq;
        long messageId;
        if (iData) {
            messageId = IpAddress.readInt(b, chunk + 12) & 0xffff_ffffL;
            seq = begin ? 0 : IpAddress.readInt(b, chunk + 16) & 0xffff_ffffL;
        } else {
            messageId = -1;
            seq = IpAddress.readInt(b, chunk + 4) & 0xffff_ffffL;
            // DATA fragments run on consecutive TSNs per direction, whatever their stream.
            streamId = -1;
            unordered = false;
        }
        SctpReassembler.Key key = new SctpReassembler.Key(p.srcHi, p.srcLo, p.dstHi, p.dstLo, srcPort, dstPort,
                verificationTag, streamId, unordered, messageId);
        if (sctp.offer(key, seq, begin, last, b, dataOff, dataEnd - dataOff, nowNanos)) {
            try {
                deliver(Packet.PROTO_SCTP, srcPort, dstPort, sctp.message(), 0, sctp.messageLength(),
                        Packet.FLAG_SCTP_REASSEMBLED);
            } finally {
                sctp.release();
            }
        }
        return true;
    }

    /** GRE: RFC 2784 with RFC 2890 key and sequence, RFC 1701 routing, and RFC 2637 enhanced GRE (version 1). */
    private void gre(byte[] b, int off, int end, int ipFlags, int depth) {
        if (end - off < 4) {
            cutOr(Malformed.TUNNEL, ipFlags);
            return;
        }
        int greFlags = u16(b, off);
        int version = greFlags & 0x07;
        int protocol = u16(b, off + 2);
        boolean checksum = (greFlags & 0x8000) != 0;
        boolean routing = (greFlags & 0x4000) != 0;
        boolean key = (greFlags & 0x2000) != 0;
        boolean sequence = (greFlags & 0x1000) != 0;
        int cur = off + 4;
        if (version == 0) {
            if (checksum || routing) {
                cur += 4;
            }
            if (key) {
                cur += 4;
            }
            if (sequence) {
                cur += 4;
            }
            if (routing) {
                // Source route entries until the NULL one (address family 0, length 0).
                while (true) {
                    if (end - cur < 4) {
                        cutOr(Malformed.TUNNEL, ipFlags);
                        return;
                    }
                    int family = u16(b, cur);
                    int entryLength = b[cur + 3] & 0xff;
                    cur += 4;
                    if (family == 0 && entryLength == 0) {
                        break;
                    }
                    cur += entryLength;
                }
            }
        } else if (version == 1) {
            if (!key || protocol != GRE_PPP) {
                malformed(Malformed.TUNNEL);
                return;
            }
            cur += 4;
            if (sequence) {
                cur += 4;
            }
            if ((greFlags & 0x0080) != 0) {
                cur += 4;
            }
        } else {
            malformed(Malformed.TUNNEL);
            return;
        }
        if (cur > end) {
            cutOr(Malformed.TUNNEL, ipFlags);
            return;
        }
        stats.grePackets++;
        if (!enterTunnel(depth)) {
            return;
        }
        int inner = depth + 1;
        switch (protocol) {
            case GRE_TRANSPARENT_ETHERNET:
                ethernet(b, cur, end, inner);
                break;
            case GRE_ERSPAN_1_2:
                stats.erspanPackets++;
                if (!sequence) {
                    // ERSPAN type I: no ERSPAN header, the mirrored frame follows GRE directly.
                    ethernet(b, cur, end, inner);
                    break;
                }
                if (end - cur < 8) {
                    cutOr(Malformed.TUNNEL, ipFlags);
                    break;
                }
                if (((b[cur] >> 4) & 0x0f) != 1) {
                    malformed(Malformed.TUNNEL);
                    break;
                }
                ethernet(b, cur + 8, end, inner);
                break;
            case GRE_ERSPAN_3:
                stats.erspanPackets++;
                if (end - cur < 12) {
                    cutOr(Malformed.TUNNEL, ipFlags);
                    break;
                }
                if (((b[cur] >> 4) & 0x0f) != 2) {
                    malformed(Malformed.TUNNEL);
                    break;
                }
                int headerLength = (b[cur + 11] & 0x01) != 0 ? 20 : 12;
                if (end - cur < headerLength) {
                    cutOr(Malformed.TUNNEL, ipFlags);
                    break;
                }
                ethernet(b, cur + headerLength, end, inner);
                break;
            case GRE_PPP:
                ppp(b, cur, end, inner);
                break;
            default:
                etherType(b, cur, end, protocol, inner);
                break;
        }
    }

    /** RFC 7348 §5: flags (I bit 0x08 must be set), reserved, 24-bit VNI, reserved; then Ethernet. */
    private void vxlan(byte[] b, int off, int end, int ipFlags, int depth) {
        if (end - off < 8) {
            cutOr(Malformed.TUNNEL, ipFlags);
            return;
        }
        if ((b[off] & 0x08) == 0) {
            malformed(Malformed.TUNNEL);
            return;
        }
        if (!enterTunnel(depth)) {
            return;
        }
        stats.vxlanPackets++;
        ethernet(b, off + 8, end, depth + 1);
    }

    private boolean enterTunnel(int depth) {
        if (depth >= maxTunnelDepth) {
            malformed(Malformed.TOO_DEEP);
            return false;
        }
        stats.tunneledPackets++;
        packet.flags |= Packet.FLAG_TUNNELED;
        return true;
    }

    /**
     * HEP in the UDP payload {@code b[off .. end)}: true when it was consumed as HEP (delivered, or a
     * valid packet without payload); false when it was malformed (counted) and should be delivered as
     * plain UDP.
     */
    private boolean hep(byte[] b, int off, int end) {
        int result = hep.decode(b, off, end - off, nowNanos);
        if (result == HepDecoder.RESULT_MALFORMED) {
            malformed(Malformed.HEP);
            return false;
        }
        if (result == HepDecoder.RESULT_NO_PAYLOAD) {
            stats.hepWithoutPayload++;
            return true;
        }
        stats.hepPackets++;
        hep.fill(packet);
        calloutDepth++;
        sink.onDatagram(packet);
        calloutDepth--;
        return true;
    }

    // ---------------------------------------------------------------- delivery and counting

    private void deliver(int protocol, int srcPort, int dstPort, byte[] b, int off, int end, int extraFlags) {
        Packet p = packet;
        p.protocol = protocol;
        p.srcPort = srcPort;
        p.dstPort = dstPort;
        p.data = b;
        p.payloadOffset = off;
        p.payloadLength = end - off;
        if (b != frameData) {
            p.ipOffset = -1;
        }
        int flagsBefore = p.flags;
        p.flags = flagsBefore | extraFlags;
        calloutDepth++;
        sink.onDatagram(p);
        calloutDepth--;
        p.flags = flagsBefore;
    }

    private void malformed(Malformed reason) {
        stats.malformed[reason.ordinal()]++;
        calloutDepth++;
        sink.onMalformed(frame, reason);
        calloutDepth--;
    }

    private void nonIp(NonIpKind kind) {
        stats.nonIp[kind.ordinal()]++;
    }

    private void countTruncated() {
        if (!truncationCounted) {
            truncationCounted = true;
            stats.truncatedBySnaplen++;
        }
    }

    /** The bytes ran out: a snap-length cut when the frame was cut, else malformed. */
    private void cut(Malformed reason) {
        if (snapTruncated) {
            countTruncated();
        } else {
            malformed(reason);
        }
    }

    /** The bytes of an IP payload ran out: a snap-length cut when the IP packet was cut, else malformed. */
    private void cutOr(Malformed reason, int ipFlags) {
        if ((ipFlags & IP_TRUNCATED) != 0) {
            countTruncated();
        } else {
            malformed(reason);
        }
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
}
