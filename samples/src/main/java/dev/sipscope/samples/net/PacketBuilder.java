package dev.sipscope.samples.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Ethernet II frames carrying IPv4 or IPv6 with UDP or TCP, every checksum correct.
 *
 * <p>Link layer: destination and source MAC derived from the IP addresses (locally administered,
 * {@code 02:5a:...}), an optional 802.1Q tag (TPID 0x8100, priority 0), and zero padding up to the
 * 60-byte Ethernet minimum (the frame check sequence is not included, as in most captures).
 *
 * <p>IPv4 (RFC 791): IHL 5, DSCP as given, identification from a per-source counter starting at a
 * seeded random value, DF set on TCP and clear on UDP, header checksum computed. A datagram longer
 * than the path MTU is cut into fragments whose payloads are multiples of 8 bytes.
 * IPv6 (RFC 8200): flow label 0, a larger datagram gets a Fragment extension header
 * (section 4.5) with a per-source 32-bit identification.
 *
 * <p>Two ways to build: {@link #udp} and {@link #tcp} return fresh arrays (for SIP and other rare
 * traffic); {@link #udpPayloadOffset} plus {@link #sealUdp} lay a single-frame datagram into a
 * caller-owned buffer without allocating (for RTP). Not thread-safe.
 */
public final class PacketBuilder {
    public static final int ETHERNET_HEADER = 14;
    public static final int VLAN_TAG = 4;
    public static final int IPV4_HEADER = 20;
    public static final int IPV6_HEADER = 40;
    public static final int IPV6_FRAGMENT_HEADER = 8;
    public static final int UDP_HEADER = 8;
    public static final int TCP_HEADER = 20;
    public static final int MIN_ETHERNET_FRAME = 60;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_IPV6_FRAGMENT = 44;
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    public static final int ETHERTYPE_VLAN = 0x8100;

    public static final int TCP_FIN = 0x01;
    public static final int TCP_SYN = 0x02;
    public static final int TCP_RST = 0x04;
    public static final int TCP_PSH = 0x08;
    public static final int TCP_ACK = 0x10;

    /** DSCP code points (RFC 4594): SIP signalling is usually CS3, voice EF. */
    public static final int DSCP_CS3 = 24;
    public static final int DSCP_EF = 46;

    private final SeededRandom random;
    private final Map<IpAddress, long[]> nextIdBySource = new HashMap<>();

    public PacketBuilder(SeededRandom random) {
        this.random = random;
    }

    /** Link header length (Ethernet plus optional VLAN tag). */
    public static int linkHeaderLength(NetPath path) {
        return ETHERNET_HEADER + (path.vlanId() >= 0 ? VLAN_TAG : 0);
    }

    /** IP header length (without extension headers) for the address family of {@code ip}. */
    public static int ipHeaderLength(IpAddress ip) {
        return ip.isV6() ? IPV6_HEADER : IPV4_HEADER;
    }

    /** Where a single-frame UDP payload starts inside the frame built by {@link #sealUdp}. */
    public static int udpPayloadOffset(IpAddress src, NetPath path) {
        return linkHeaderLength(path) + ipHeaderLength(src) + UDP_HEADER;
    }

    /** The largest UDP payload that fits in one frame on this path. */
    public static int maxUnfragmentedUdpPayload(IpAddress src, NetPath path) {
        return path.mtu() - ipHeaderLength(src) - UDP_HEADER;
    }

    /**
     * Completes a single-frame UDP datagram whose payload the caller already wrote at
     * {@link #udpPayloadOffset}; writes link, IP and UDP headers and checksums.
     *
     * @return the frame length (padding to the Ethernet minimum included)
     */
    public int sealUdp(byte[] buf, Endpoint src, Endpoint dst, NetPath path, int dscp, int payloadLength) {
        return sealUdp(buf, src, dst, path, dscp, payloadLength, nextIpv4Id(src.ip()));
    }

    /**
     * As {@link #sealUdp(byte[], Endpoint, Endpoint, NetPath, int, int)} with an IPv4 identification
     * taken earlier from {@link #nextIpv4Id} (so a packet keeps the id of the moment it was sent
     * even when it is emitted later, and a duplicate repeats it). Ignored for IPv6.
     */
    public int sealUdp(byte[] buf, Endpoint src, Endpoint dst, NetPath path, int dscp, int payloadLength, int ipv4Id) {
        checkFamilies(src.ip(), dst.ip());
        int udpLength = UDP_HEADER + payloadLength;
        if (udpLength > maxUnfragmentedUdpPayload(src.ip(), path) + UDP_HEADER) {
            throw new IllegalArgumentException("UDP payload of " + payloadLength + " bytes does not fit in one frame on MTU "
                    + path.mtu() + "; use udp(...) to fragment");
        }
        int ipOff = linkHeaderLength(path);
        int udpOff = ipOff + ipHeaderLength(src.ip());
        writeUdpHeader(buf, udpOff, src, dst, payloadLength);
        writeLink(buf, 0, src.ip(), dst.ip(), path);
        if (src.ip().isV6()) {
            writeIpv6Header(buf, ipOff, src.ip(), dst.ip(), path, dscp, PROTO_UDP, udpLength);
        } else {
            writeIpv4Header(buf, ipOff, src.ip(), dst.ip(), path, dscp, PROTO_UDP, IPV4_HEADER + udpLength,
                    ipv4Id, false, false, 0);
        }
        return padded(buf, udpOff + udpLength);
    }

    /** A UDP datagram as one frame, or several IP fragments when it exceeds the path MTU. */
    public List<byte[]> udp(Endpoint src, Endpoint dst, NetPath path, int dscp, byte[] payload, int off, int len) {
        checkFamilies(src.ip(), dst.ip());
        byte[] l4 = new byte[UDP_HEADER + len];
        System.arraycopy(payload, off, l4, UDP_HEADER, len);
        writeUdpHeader(l4, 0, src, dst, len);
        return ipDatagram(src.ip(), dst.ip(), path, dscp, PROTO_UDP, l4, false);
    }

    /**
     * One TCP segment as one frame (RFC 793 header, options padded to a 4-byte boundary).
     * {@code seq} and {@code ack} are taken modulo 2^32. Segments are never fragmented: keep them
     * within the MSS.
     */
    public byte[] tcp(Endpoint src, Endpoint dst, NetPath path, int dscp, long seq, long ack, int flags, int window,
                      byte[] options, byte[] payload, int off, int len) {
        checkFamilies(src.ip(), dst.ip());
        int optLen = options == null ? 0 : options.length;
        int headerLen = TCP_HEADER + ((optLen + 3) & ~3);
        byte[] l4 = new byte[headerLen + len];
        putShort(l4, 0, src.port());
        putShort(l4, 2, dst.port());
        putInt(l4, 4, (int) seq);
        putInt(l4, 8, (int) ack);
        l4[12] = (byte) ((headerLen / 4) << 4);
        l4[13] = (byte) flags;
        putShort(l4, 14, window);
        if (optLen > 0) {
            System.arraycopy(options, 0, l4, TCP_HEADER, optLen);
        }
        if (len > 0) {
            System.arraycopy(payload, off, l4, headerLen, len);
        }
        long acc = Checksums.pseudoHeader(src.ip(), dst.ip(), PROTO_TCP, l4.length);
        putShort(l4, 16, Checksums.finish(Checksums.sum(l4, 0, l4.length, acc)));
        List<byte[]> frames = ipDatagram(src.ip(), dst.ip(), path, dscp, PROTO_TCP, l4, true);
        if (frames.size() != 1) {
            throw new IllegalArgumentException("TCP segment of " + l4.length + " bytes exceeds MTU " + path.mtu());
        }
        return frames.get(0);
    }

    /** Wraps an upper-layer datagram in IP (fragmenting if needed) and Ethernet. */
    private List<byte[]> ipDatagram(IpAddress src, IpAddress dst, NetPath path, int dscp, int protocol, byte[] l4,
                                    boolean dontFragment) {
        int link = linkHeaderLength(path);
        List<byte[]> frames = new ArrayList<>(2);
        if (!src.isV6()) {
            int id = nextIpv4Id(src);
            if (IPV4_HEADER + l4.length <= path.mtu() || dontFragment) {
                if (IPV4_HEADER + l4.length > path.mtu()) {
                    return frames; // DF set and too large: nothing leaves the host; caller reports it
                }
                byte[] f = new byte[Math.max(MIN_ETHERNET_FRAME, link + IPV4_HEADER + l4.length)];
                writeLink(f, 0, src, dst, path);
                writeIpv4Header(f, link, src, dst, path, dscp, protocol, IPV4_HEADER + l4.length, id, dontFragment, false, 0);
                System.arraycopy(l4, 0, f, link + IPV4_HEADER, l4.length);
                frames.add(f);
                return frames;
            }
            int chunk = ((path.mtu() - IPV4_HEADER) / 8) * 8;
            for (int start = 0; start < l4.length; start += chunk) {
                int n = Math.min(chunk, l4.length - start);
                boolean more = start + n < l4.length;
                byte[] f = new byte[Math.max(MIN_ETHERNET_FRAME, link + IPV4_HEADER + n)];
                writeLink(f, 0, src, dst, path);
                writeIpv4Header(f, link, src, dst, path, dscp, protocol, IPV4_HEADER + n, id, false, more, start / 8);
                System.arraycopy(l4, start, f, link + IPV4_HEADER, n);
                frames.add(f);
            }
        } else {
            if (IPV6_HEADER + l4.length <= path.mtu()) {
                byte[] f = new byte[Math.max(MIN_ETHERNET_FRAME, link + IPV6_HEADER + l4.length)];
                writeLink(f, 0, src, dst, path);
                writeIpv6Header(f, link, src, dst, path, dscp, protocol, l4.length);
                System.arraycopy(l4, 0, f, link + IPV6_HEADER, l4.length);
                frames.add(f);
                return frames;
            }
            if (dontFragment) {
                return frames;
            }
            int id = nextIpv6Id(src);
            int chunk = ((Math.max(path.mtu(), 1280) - IPV6_HEADER - IPV6_FRAGMENT_HEADER) / 8) * 8;
            for (int start = 0; start < l4.length; start += chunk) {
                int n = Math.min(chunk, l4.length - start);
                boolean more = start + n < l4.length;
                byte[] f = new byte[Math.max(MIN_ETHERNET_FRAME, link + IPV6_HEADER + IPV6_FRAGMENT_HEADER + n)];
                writeLink(f, 0, src, dst, path);
                writeIpv6Header(f, link, src, dst, path, dscp, PROTO_IPV6_FRAGMENT, IPV6_FRAGMENT_HEADER + n);
                int fh = link + IPV6_HEADER;
                f[fh] = (byte) protocol;
                f[fh + 1] = 0;
                putShort(f, fh + 2, start | (more ? 1 : 0)); // offset in 8-octet units sits in the top 13 bits
                putInt(f, fh + 4, id);
                System.arraycopy(l4, start, f, fh + IPV6_FRAGMENT_HEADER, n);
                frames.add(f);
            }
        }
        if (path.reverseFragments()) {
            java.util.Collections.reverse(frames);
        }
        return frames;
    }

    private void writeUdpHeader(byte[] b, int off, Endpoint src, Endpoint dst, int payloadLength) {
        int udpLength = UDP_HEADER + payloadLength;
        putShort(b, off, src.port());
        putShort(b, off + 2, dst.port());
        putShort(b, off + 4, udpLength);
        putShort(b, off + 6, 0);
        long acc = Checksums.pseudoHeader(src.ip(), dst.ip(), PROTO_UDP, udpLength);
        int sum = Checksums.finish(Checksums.sum(b, off, udpLength, acc));
        putShort(b, off + 6, sum == 0 ? 0xFFFF : sum); // RFC 768: a computed zero is sent as all ones
    }

    private static void writeLink(byte[] b, int off, IpAddress src, IpAddress dst, NetPath path) {
        writeMac(b, off, dst);
        writeMac(b, off + 6, src);
        int p = off + 12;
        if (path.vlanId() >= 0) {
            putShort(b, p, ETHERTYPE_VLAN);
            putShort(b, p + 2, path.vlanId() & 0x0FFF);
            p += 4;
        }
        putShort(b, p, src.isV6() ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4);
    }

    /** A locally administered unicast MAC derived from the IP address: {@code 02:5a:h1:h2:h3:h4}. */
    public static void writeMac(byte[] b, int off, IpAddress ip) {
        int h = 0;
        for (int i = 0; i < ip.length(); i++) {
            h = h * 31 + (ip.byteAt(i) & 0xFF);
        }
        if (!ip.isV6()) {
            h = ((ip.byteAt(0) & 0xFF) << 24) | ((ip.byteAt(1) & 0xFF) << 16) | ((ip.byteAt(2) & 0xFF) << 8) | (ip.byteAt(3) & 0xFF);
        }
        b[off] = 0x02;
        b[off + 1] = 0x5a;
        putInt(b, off + 2, h);
    }

    private static void writeIpv4Header(byte[] b, int off, IpAddress src, IpAddress dst, NetPath path, int dscp,
                                        int protocol, int totalLength, int id, boolean dontFragment, boolean moreFragments,
                                        int fragmentOffset8) {
        b[off] = 0x45;
        b[off + 1] = (byte) (dscp << 2);
        putShort(b, off + 2, totalLength);
        putShort(b, off + 4, id);
        putShort(b, off + 6, (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | (fragmentOffset8 & 0x1FFF));
        b[off + 8] = (byte) path.ttl();
        b[off + 9] = (byte) protocol;
        putShort(b, off + 10, 0);
        src.copyTo(b, off + 12);
        dst.copyTo(b, off + 16);
        putShort(b, off + 10, Checksums.of(b, off, IPV4_HEADER));
    }

    private static void writeIpv6Header(byte[] b, int off, IpAddress src, IpAddress dst, NetPath path, int dscp,
                                        int nextHeader, int payloadLength) {
        int trafficClass = dscp << 2;
        putInt(b, off, (6 << 28) | (trafficClass << 20));
        putShort(b, off + 4, payloadLength);
        b[off + 6] = (byte) nextHeader;
        b[off + 7] = (byte) path.ttl();
        src.copyTo(b, off + 8);
        dst.copyTo(b, off + 24);
    }

    /** The next IPv4 identification for datagrams from {@code src} (0 for IPv6, nothing consumed). */
    public int nextIpv4Id(IpAddress src) {
        if (src.isV6()) {
            return 0;
        }
        long[] counter = nextIdBySource.computeIfAbsent(src, k -> new long[] {random.nextInt(65536)});
        int id = (int) (counter[0] & 0xFFFF);
        counter[0]++;
        return id;
    }

    private int nextIpv6Id(IpAddress src) {
        long[] counter = nextIdBySource.computeIfAbsent(src, k -> new long[] {random.nextUnsignedInt()});
        int id = (int) counter[0];
        counter[0]++;
        return id;
    }

    private static int padded(byte[] buf, int length) {
        if (length >= MIN_ETHERNET_FRAME) {
            return length;
        }
        java.util.Arrays.fill(buf, length, MIN_ETHERNET_FRAME, (byte) 0);
        return MIN_ETHERNET_FRAME;
    }

    private static void checkFamilies(IpAddress src, IpAddress dst) {
        if (src.isV6() != dst.isV6()) {
            throw new IllegalArgumentException("source " + src + " and destination " + dst + " are of different IP families");
        }
    }

    public static void putShort(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    public static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
