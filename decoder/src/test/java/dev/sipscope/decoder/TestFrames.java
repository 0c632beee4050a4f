package dev.sipscope.decoder;

import dev.sipscope.capture.Frame;
import java.nio.charset.StandardCharsets;

/**
 * Byte-level builders for every link layer, tag, tunnel and transport the decoder reads. Each
 * method returns the bytes of one layer with its payload; compose them inside out.
 */
final class TestFrames {
    static final int ETH_IPV4 = 0x0800;
    static final int ETH_IPV6 = 0x86dd;
    static final int ETH_ARP = 0x0806;
    static final int ETH_LLDP = 0x88cc;
    static final int ETH_PPPOE_SESSION = 0x8864;
    static final int ETH_MPLS = 0x8847;

    static final int UDP = 17;
    static final int TCP = 6;
    static final int SCTP = 132;
    static final int GRE = 47;

    static final long T0 = 1_700_000_000_000_000_000L;

    private TestFrames() {
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------ frames

    static Frame frame(int linkType, byte[] bytes) {
        return frame(linkType, bytes, T0);
    }

    static Frame frame(int linkType, byte[] bytes, long tsNanos) {
        return new Frame(tsNanos, linkType, 0, bytes, 0, bytes.length, bytes.length);
    }

    /** A frame whose capture kept only the first {@code capturedLength} of {@code bytes} (snap length). */
    static Frame snapped(int linkType, byte[] bytes, int capturedLength) {
        return new Frame(T0, linkType, 0, bytes, 0, capturedLength, bytes.length);
    }

    /** The bytes placed inside a larger array at an offset, as readers do. */
    static Frame framed(int linkType, byte[] bytes, int offset) {
        byte[] big = new byte[offset + bytes.length + 13];
        System.arraycopy(bytes, 0, big, offset, bytes.length);
        return new Frame(T0, linkType, 0, big, offset, bytes.length, bytes.length);
    }

    // ------------------------------------------------------------ link layers

    static byte[] ethernet(int etherType, byte[] payload) {
        return Bytes.of().u32(0x00112233).u16(0x4455).u32(0x66778899).u16(0xaabb).u16(etherType).bytes(payload).array();
    }

    /** Ethernet II: MACs, then each tag (TPID + TCI), then the ethertype. */
    static byte[] ethernetWithTags(int etherType, byte[] payload, int... tpidAndVid) {
        Bytes b = Bytes.of().u32(0x00112233).u16(0x4455).u32(0x66778899).u16(0xaabb);
        for (int i = 0; i < tpidAndVid.length; i += 2) {
            b.u16(tpidAndVid[i]).u16(0x2000 | tpidAndVid[i + 1]);
        }
        return b.u16(etherType).bytes(payload).array();
    }

    /** IEEE 802.3 with a length field and an LLC header (STP BPDU-like). */
    static byte[] ethernet8023(byte[] llcPayload) {
        byte[] llc = Bytes.concat(new byte[] {0x42, 0x42, 0x03}, llcPayload);
        return Bytes.of().u32(0x0180c200).u16(0x0000).u32(0x66778899).u16(0xaabb).u16(llc.length).bytes(llc).array();
    }

    static byte[] sll(int protocol, byte[] payload) {
        return Bytes.of().u16(0).u16(1).u16(6).u32(0x00112233).u16(0x4455).u16(0).u16(protocol).bytes(payload).array();
    }

    static byte[] sll2(int protocol, byte[] payload) {
        return Bytes.of().u16(protocol).u16(0).u32(2).u16(1).u8(0).u8(6).u32(0x00112233).u16(0x4455).u16(0)
                .bytes(payload).array();
    }

    static byte[] bsdNull(int family, boolean littleEndian, byte[] payload) {
        Bytes b = Bytes.of();
        return (littleEndian ? b.le32(family) : b.u32(family)).bytes(payload).array();
    }

    /** PPP with the protocol field, optionally preceded by 0xff 0x03 and optionally compressed to one byte. */
    static byte[] ppp(boolean addressControl, boolean compressedProtocol, int protocol, byte[] payload) {
        Bytes b = Bytes.of();
        if (addressControl) {
            b.u8(0xff).u8(0x03);
        }
        if (compressedProtocol) {
            b.u8(protocol);
        } else {
            b.u16(protocol);
        }
        return b.bytes(payload).array();
    }

    static byte[] ciscoHdlc(int etherType, byte[] payload) {
        return Bytes.of().u8(0x0f).u8(0).u16(etherType).bytes(payload).array();
    }

    static byte[] pppoeSession(int pppProtocol, byte[] payload) {
        return Bytes.of().u8(0x11).u8(0).u16(0x1234).u16(payload.length + 2).u16(pppProtocol).bytes(payload).array();
    }

    static byte[] mpls(byte[] payload, int... labels) {
        Bytes b = Bytes.of();
        for (int i = 0; i < labels.length; i++) {
            boolean bottom = i == labels.length - 1;
            b.u32(((long) labels[i] << 12) | (bottom ? 0x100 : 0) | 64);
        }
        return b.bytes(payload).array();
    }

    // ------------------------------------------------------------ IP

    static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
        return ipv4Fragment(src, dst, protocol, 0x1234, 0, false, payload);
    }

    static byte[] ipv4Fragment(String src, String dst, int protocol, int identification, int offsetBytes,
                               boolean more, byte[] payload) {
        return ipv4Raw(src, dst, protocol, identification, (more ? 0x2000 : 0) | (offsetBytes >> 3),
                20 + payload.length, new byte[0], payload);
    }

    static byte[] ipv4WithOptions(String src, String dst, int protocol, byte[] options, byte[] payload) {
        return ipv4Raw(src, dst, protocol, 1, 0x4000, 20 + options.length + payload.length, options, payload);
    }

    /** IPv4 with every field chosen by the caller (total length may lie); header checksum computed. */
    static byte[] ipv4Raw(String src, String dst, int protocol, int identification, int flagsAndOffset,
                          int totalLength, byte[] options, byte[] payload) {
        int ihl = 5 + options.length / 4;
        byte[] header = Bytes.of().u8(0x40 | ihl).u8(0).u16(totalLength).u16(identification).u16(flagsAndOffset)
                .u8(64).u8(protocol).u16(0).bytes(Bytes.ip(src)).bytes(Bytes.ip(dst)).bytes(options).array();
        int sum = 0;
        for (int i = 0; i < header.length; i += 2) {
            sum += ((header[i] & 0xff) << 8) | (header[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int checksum = ~sum & 0xffff;
        header[10] = (byte) (checksum >>> 8);
        header[11] = (byte) checksum;
        return Bytes.concat(header, payload);
    }

    static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
        return ipv6Raw(src, dst, nextHeader, payload.length, payload);
    }

    static byte[] ipv6Raw(String src, String dst, int nextHeader, int payloadLength, byte[] payload) {
        return Bytes.of().u32(0x6000_0000L).u16(payloadLength).u8(nextHeader).u8(64)
                .bytes(Bytes.ip(src)).bytes(Bytes.ip(dst)).bytes(payload).array();
    }

    /** A generic IPv6 extension header (hop-by-hop, routing, destination options...) padded to 8n bytes. */
    static byte[] ipv6Extension(int nextHeader, byte[] rest) {
        int total = (2 + rest.length + 7) / 8 * 8;
        Bytes b = Bytes.of().u8(nextHeader).u8(total / 8 - 1).bytes(rest);
        b.zeros(total - 2 - rest.length);
        return b.array();
    }

    /** Authentication header: 12 fixed bytes plus an ICV, length in 4-octet units minus 2. */
    static byte[] ipv6Ah(int nextHeader, int icvBytes, byte[] payload) {
        int total = 12 + icvBytes;
        return Bytes.of().u8(nextHeader).u8(total / 4 - 2).u16(0).u32(0x100).u32(1).zeros(icvBytes).bytes(payload)
                .array();
    }

    static byte[] ipv6FragmentHeader(int nextHeader, int offsetBytes, boolean more, long identification,
                                     byte[] fragment) {
        return Bytes.of().u8(nextHeader).u8(0).u16(offsetBytes | (more ? 1 : 0)).u32(identification)
                .bytes(fragment).array();
    }

    // ------------------------------------------------------------ transports

    static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        return udpRaw(srcPort, dstPort, 8 + payload.length, payload);
    }

    static byte[] udpRaw(int srcPort, int dstPort, int length, byte[] payload) {
        return Bytes.of().u16(srcPort).u16(dstPort).u16(length).u16(0).bytes(payload).array();
    }

    static byte[] tcp(int srcPort, int dstPort, long seq, long ack, int flags, byte[] options, byte[] payload) {
        int dataOffset = (20 + options.length) / 4;
        return Bytes.of().u16(srcPort).u16(dstPort).u32(seq).u32(ack).u8(dataOffset << 4).u8(flags).u16(65535)
                .u16(0).u16(0).bytes(options).bytes(payload).array();
    }

    static byte[] sctp(int srcPort, int dstPort, int verificationTag, byte[]... chunks) {
        Bytes b = Bytes.of().u16(srcPort).u16(dstPort).u32(verificationTag).u32(0);
        for (byte[] c : chunks) {
            b.bytes(c);
        }
        return b.array();
    }

    /** DATA chunk, padded to 4 bytes; flags: 0x04 unordered, 0x02 begin, 0x01 end. */
    static byte[] sctpData(int flags, long tsn, int streamId, int ssn, byte[] data) {
        Bytes b = Bytes.of().u8(0).u8(flags).u16(16 + data.length).u32(tsn).u16(streamId).u16(ssn).u32(0)
                .bytes(data);
        b.zeros((4 - data.length % 4) % 4);
        return b.array();
    }

    /** I-DATA chunk (RFC 8260): the last word is the PPID in the first fragment, the FSN in the others. */
    static byte[] sctpIData(int flags, long tsn, int streamId, long messageId, long ppidOrFsn, byte[] data) {
        Bytes b = Bytes.of().u8(64).u8(flags).u16(20 + data.length).u32(tsn).u16(streamId).u16(0).u32(messageId)
                .u32(ppidOrFsn).bytes(data);
        b.zeros((4 - data.length % 4) % 4);
        return b.array();
    }

    /** A SACK chunk (not user data). */
    static byte[] sctpSack() {
        return Bytes.of().u8(3).u8(0).u16(16).u32(7).u32(65536).u16(0).u16(0).array();
    }

    // ------------------------------------------------------------ tunnels

    /** GRE version 0; {@code optional} holds the checksum/key/sequence words the flags announce. */
    static byte[] gre(int flags, int protocol, byte[] optional, byte[] payload) {
        return Bytes.of().u16(flags).u16(protocol).bytes(optional).bytes(payload).array();
    }

    static byte[] erspanII(int sessionId, byte[] ethernet) {
        return Bytes.of().u16(0x1000 | 10).u16(sessionId & 0x3ff).u32(5).bytes(ethernet).array();
    }

    static byte[] erspanIII(int sessionId, boolean platformSubHeader, byte[] ethernet) {
        Bytes b = Bytes.of().u16(0x2000 | 10).u16(sessionId & 0x3ff).u32(0x01020304).u16(0).u16(platformSubHeader ? 1 : 0);
        if (platformSubHeader) {
            b.u32(0x0c000000L).u32(0x12345678L);
        }
        return b.bytes(ethernet).array();
    }

    static byte[] vxlan(int vni, byte[] ethernet) {
        return Bytes.of().u8(0x08).u8(0).u16(0).u16(vni >>> 8).u8(vni).u8(0).bytes(ethernet).array();
    }

    // ------------------------------------------------------------ convenience

    /** Ethernet / IPv4 / UDP around {@code payload}. */
    static byte[] ethIpv4Udp(String src, int srcPort, String dst, int dstPort, byte[] payload) {
        return ethernet(ETH_IPV4, ipv4(src, dst, UDP, udp(srcPort, dstPort, payload)));
    }
}
