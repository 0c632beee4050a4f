package dev.sipscope.samples;

import dev.sipscope.capture.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent reader of what the builder writes, for tests: parses Ethernet (802.1Q), IPv4,
 * IPv6 (with a Fragment header), UDP and TCP, verifies every checksum and length, reassembles IP
 * fragments, and fails with a message naming the frame when anything is off. Written from the
 * RFCs, sharing no code with the builder.
 */
public final class WireCheck {
    /** One frame decoded down to the transport layer. */
    public record Packet(long frameNumber, long tsNanos, int vlan, int ipVersion, String src, String dst, int protocol,
                         int ipId, boolean fragment, int fragmentOffset, boolean moreFragments, int srcPort, int dstPort,
                         long tcpSeq, long tcpAck, int tcpFlags, byte[] payload) {
        public String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private WireCheck() {
    }

    /** Parses and checks every frame; fragments come back with {@code fragment == true} and their raw piece. */
    public static List<Packet> parseAll(List<Frame> frames) {
        List<Packet> out = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            out.add(parse(i + 1, frames.get(i)));
        }
        return out;
    }

    public static Packet parse(long number, Frame f) {
        byte[] b = f.bytes();
        String where = "frame " + number;
        check(b.length >= 60, where + ": shorter than the Ethernet minimum of 60 bytes");
        check(f.originalLength() == b.length, where + ": original length differs from captured length");
        check((b[0] & 1) == 0 && (b[6] & 1) == 0, where + ": multicast MAC");
        int p = 12;
        int vlan = -1;
        int etherType = u16(b, p);
        if (etherType == 0x8100) {
            vlan = u16(b, p + 2) & 0x0FFF;
            p += 4;
            etherType = u16(b, p);
        }
        p += 2;
        if (etherType == 0x0800) {
            check((b[p] & 0xFF) == 0x45, where + ": IPv4 header must be version 4, IHL 5");
            int total = u16(b, p + 2);
            check(p + total <= b.length, where + ": IPv4 total length beyond the frame");
            for (int k = p + total; k < b.length; k++) {
                check(b[k] == 0, where + ": non-zero Ethernet padding");
            }
            check(checksum(b, p, 20, 0) == 0, where + ": bad IPv4 header checksum");
            int id = u16(b, p + 4);
            int flags = u16(b, p + 6);
            int offset = (flags & 0x1FFF) * 8;
            boolean mf = (flags & 0x2000) != 0;
            boolean df = (flags & 0x4000) != 0;
            check(!(df && (mf || offset > 0)), where + ": DF on a fragment");
            int proto = b[p + 9] & 0xFF;
            String src = ip(b, p + 12, 4);
            String dst = ip(b, p + 16, 4);
            byte[] l4 = Arrays.copyOfRange(b, p + 20, p + total);
            if (mf || offset > 0) {
                check(!mf || l4.length % 8 == 0, where + ": a non-final fragment must carry a multiple of 8 bytes");
                return new Packet(number, f.timestampNanos(), vlan, 4, src, dst, proto, id, true, offset, mf, -1, -1, 0, 0, 0, l4);
            }
            return transport(number, f.timestampNanos(), vlan, 4, b, p + 12, p + 16, 4, src, dst, proto, id, l4, where);
        }
        check(etherType == 0x86DD, where + ": unexpected EtherType 0x" + Integer.toHexString(etherType));
        check((b[p] & 0xF0) == 0x60, where + ": IPv6 version must be 6");
        int payloadLength = u16(b, p + 4);
        int next = b[p + 6] & 0xFF;
        check(p + 40 + payloadLength <= b.length, where + ": IPv6 payload length beyond the frame");
        String src = ip(b, p + 8, 16);
        String dst = ip(b, p + 24, 16);
        byte[] rest = Arrays.copyOfRange(b, p + 40, p + 40 + payloadLength);
        if (next == 44) {
            int inner = rest[0] & 0xFF;
            int word = u16(rest, 2);
            int id = (int) u32(rest, 4);
            byte[] piece = Arrays.copyOfRange(rest, 8, rest.length);
            return new Packet(number, f.timestampNanos(), vlan, 6, src, dst, inner, id, true, word & 0xFFF8,
                    (word & 1) != 0, -1, -1, 0, 0, 0, piece);
        }
        return transport(number, f.timestampNanos(), vlan, 6, b, p + 8, p + 24, 16, src, dst, next, 0, rest, where);
    }

    /** Reassembles IP fragments (RFC 791 / RFC 8200 4.5) and checks the transport layer of the whole datagram. */
    public static List<Packet> reassemble(List<Packet> packets, List<Frame> frames) {
        Map<String, List<Packet>> groups = new LinkedHashMap<>();
        List<Packet> out = new ArrayList<>();
        for (Packet pk : packets) {
            if (!pk.fragment()) {
                out.add(pk);
                continue;
            }
            String key = pk.src() + ">" + pk.dst() + "/" + pk.protocol() + "/" + pk.ipId();
            List<Packet> g = groups.computeIfAbsent(key, k -> new ArrayList<>());
            g.add(pk);
            boolean haveLast = g.stream().anyMatch(x -> !x.moreFragments());
            if (!haveLast) {
                continue;
            }
            g.sort((x, y) -> Integer.compare(x.fragmentOffset(), y.fragmentOffset()));
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            int expectedOffset = 0;
            boolean complete = true;
            for (Packet x : g) {
                if (x.fragmentOffset() != expectedOffset) {
                    complete = false;
                    break;
                }
                whole.writeBytes(x.payload());
                expectedOffset += x.payload().length;
            }
            if (!complete) {
                continue;
            }
            groups.remove(key);
            byte[] l4 = whole.toByteArray();
            Packet last = g.stream().max((x, y) -> Long.compare(x.frameNumber(), y.frameNumber())).orElseThrow();
            byte[] srcRaw = raw(last.src());
            byte[] dstRaw = raw(last.dst());
            byte[] pseudo = new byte[srcRaw.length * 2];
            System.arraycopy(srcRaw, 0, pseudo, 0, srcRaw.length);
            System.arraycopy(dstRaw, 0, pseudo, srcRaw.length, dstRaw.length);
            out.add(transport(last.frameNumber(), last.tsNanos(), last.vlan(), last.ipVersion(), pseudo, 0, srcRaw.length,
                    srcRaw.length, last.src(), last.dst(), last.protocol(), last.ipId(), l4,
                    "datagram ending in frame " + last.frameNumber()));
        }
        check(groups.isEmpty(), "incomplete fragment groups: " + groups.keySet());
        return out;
    }

    private static Packet transport(long number, long ts, int vlan, int version, byte[] b, int srcAt, int dstAt, int alen,
                                    String src, String dst, int proto, int ipId, byte[] l4, String where) {
        long pseudo = 0;
        for (int i = 0; i < alen; i += 2) {
            pseudo += u16(b, srcAt + i) + u16(b, dstAt + i);
        }
        pseudo += proto + (l4.length & 0xFFFF) + (l4.length >>> 16);
        if (proto == 17) {
            check(l4.length >= 8 && u16(l4, 4) == l4.length, where + ": UDP length field disagrees with the IP length");
            check(u16(l4, 6) != 0, where + ": UDP checksum missing");
            check(checksum(l4, 0, l4.length, pseudo) == 0, where + ": bad UDP checksum");
            return new Packet(number, ts, vlan, version, src, dst, proto, ipId, false, 0, false, u16(l4, 0), u16(l4, 2),
                    0, 0, 0, Arrays.copyOfRange(l4, 8, l4.length));
        }
        check(proto == 6, where + ": unexpected IP protocol " + proto);
        int headerLen = ((l4[12] & 0xFF) >> 4) * 4;
        check(headerLen >= 20 && headerLen <= l4.length, where + ": bad TCP data offset");
        check(checksum(l4, 0, l4.length, pseudo) == 0, where + ": bad TCP checksum");
        return new Packet(number, ts, vlan, version, src, dst, proto, ipId, false, 0, false, u16(l4, 0), u16(l4, 2),
                u32(l4, 4), u32(l4, 8), l4[13] & 0xFF, Arrays.copyOfRange(l4, headerLen, l4.length));
    }

    /** The Internet checksum over a region plus an initial sum; 0 means the region verifies. */
    static int checksum(byte[] b, int off, int len, long initial) {
        long sum = initial;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += ((b[off + i] & 0xFF) << 8) | (b[off + i + 1] & 0xFF);
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xFF) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static long u32(byte[] b, int off) {
        return ((long) u16(b, off) << 16) | u16(b, off + 2);
    }

    private static String ip(byte[] b, int off, int len) {
        try {
            return java.net.InetAddress.getByAddress(Arrays.copyOfRange(b, off, off + len)).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] raw(String ip) {
        try {
            return java.net.InetAddress.getByName(ip).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    /** Content-Length of a SIP message equals its body length (RFC 3261 20.14). */
    public static void checkSipFraming(byte[] message, String where) {
        String text = new String(message, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        check(end > 0, where + ": SIP message without an empty line");
        String head = text.substring(0, end);
        int body = message.length - (end + 4);
        Integer declared = null;
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                declared = Integer.parseInt(line.substring(15).trim());
            }
        }
        check(declared != null, where + ": no Content-Length");
        check(declared == body, where + ": Content-Length " + declared + " but body has " + body + " bytes");
    }
}
