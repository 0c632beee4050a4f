package dev.sipscope.decoder;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decapsulates HEP (Homer Encapsulation Protocol) packets: HEPv3/EEP and the older HEPv1/HEPv2.
 *
 * <p>HEPv3 ({@code "HEP3"} or {@code "EEP1"}, then a 16-bit total length) is a list of chunks, each
 * {@code vendor id (16) | type (16) | length (16, header included) | value}. Generic chunks
 * (vendor 0) used here: 1 IP family, 2 IP protocol, 3/4 IPv4 source/destination, 5/6 IPv6
 * source/destination, 7/8 ports, 9/10 time seconds/microseconds, 11 payload type, 12 capture agent
 * id (32 bits, or 16 as some agents send), 15 payload, 16 compressed payload (zlib or gzip), 18 VLAN
 * id; others (keep-alive 13, auth key 14, correlation id 17, MACs, MOS...) and every vendor chunk
 * are skipped. A payload and a
 * source/destination address pair of one family are mandatory; missing ports are 0 and a missing
 * time means the time of the frame.
 *
 * <p>HEPv1/v2: {@code version (8) | length (8) | family (8) | protocol (8) | sport (16) | dport (16)},
 * then the two addresses (4 or 16 bytes each), then for v2 {@code seconds (32) | microseconds (32) |
 * capture id (16) | padding (16)} in the agent's byte order (little-endian in practice; big-endian is
 * recognised when only it gives a valid microsecond count), then the SIP payload to the end of the
 * datagram. The length byte is written inconsistently by agents and is not relied on.
 *
 * <p>Compressed payloads inflate into one reusable buffer that grows up to {@code maxInflatedBytes};
 * larger or broken streams make the packet malformed. The decoded fields stay valid until the next
 * {@link #decode}. Not thread-safe.
 */
public final class HepDecoder {
    /** HEP payload types (chunk 11) worth naming. */
    public static final int TYPE_SIP = 1;
    public static final int TYPE_RTP = 4;
    /** An RTCP report rendered as JSON by the agent. */
    public static final int TYPE_RTCP_JSON = 5;
    public static final int TYPE_LOG = 100;

    /** {@link #decode} results. */
    public static final int RESULT_PAYLOAD = 0;
    public static final int RESULT_NO_PAYLOAD = 1;
    public static final int RESULT_MALFORMED = 2;

    private static final int AF_INET = 2;
    private static final int AF_INET6_LINUX = 10;
    private static final int INITIAL_INFLATE_BUFFER = 8 * 1024;
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final int maxInflatedBytes;
    private Inflater zlibInflater;
    private Inflater rawInflater;
    private byte[] inflated = new byte[0];

    // Result of the last decode.
    int ipVersion;
    int protocol;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int srcPort;
    int dstPort;
    long timestampNanos;
    int payloadType;
    long captureId;
    int vlanId;
    byte[] payload;
    int payloadOffset;
    int payloadLength;

    public HepDecoder(int maxInflatedBytes) {
        if (maxInflatedBytes <= 0) {
            throw new IllegalArgumentException("maxInflatedBytes must be positive");
        }
        this.maxInflatedBytes = maxInflatedBytes;
    }

    /**
     * Decodes the HEP packet {@code b[off .. off+len)}; {@code frameNanos} is used when it carries
     * no time. Returns {@link #RESULT_PAYLOAD} (fields set), {@link #RESULT_NO_PAYLOAD} (a valid
     * packet without payload) or {@link #RESULT_MALFORMED}.
     */
    public int decode(byte[] b, int off, int len, long frameNanos) {
        if (len >= 6 && b[off] == 'H' && b[off + 1] == 'E' && b[off + 2] == 'P' && b[off + 3] == '3') {
            return decodeV3(b, off, len, frameNanos);
        }
        if (len >= 6 && b[off] == 'E' && b[off + 1] == 'E' && b[off + 2] == 'P' && b[off + 3] == '1') {
            return decodeV3(b, off, len, frameNanos);
        }
        if (len >= 1 && (b[off] == 1 || b[off] == 2)) {
            return decodeV1V2(b, off, len, frameNanos);
        }
        return RESULT_MALFORMED;
    }

    /** Copies the decoded inner packet into {@code p} (addresses, ports, protocol, time, payload, VLAN). */
    public void fill(Packet p) {
        p.ipVersion = ipVersion;
        p.protocol = protocol;
        p.srcHi = srcHi;
        p.srcLo = srcLo;
        p.dstHi = dstHi;
        p.dstLo = dstLo;
        p.srcPort = srcPort;
        p.dstPort = dstPort;
        p.timestampNanos = timestampNanos;
        p.hepPayloadType = payloadType;
        p.hepCaptureId = captureId;
        p.vlanId = vlanId;
        p.flags = Packet.FLAG_HEP | (vlanId >= 0 ? Packet.FLAG_VLAN : 0);
        p.data = payload;
        p.payloadOffset = payloadOffset;
        p.payloadLength = payloadLength;
        p.ipOffset = -1;
    }

    private int decodeV3(byte[] b, int off, int len, long frameNanos) {
        int total = u16(b, off + 4);
        if (total < 6 || total > len) {
            return RESULT_MALFORMED;
        }
        int end = off + total;
        int family = -1;
        int proto = 0;
        long s4 = -1;
        long d4 = -1;
        boolean haveS6 = false;
        boolean haveD6 = false;
        long s6Hi = 0;
        long s6Lo = 0;
        long d6Hi = 0;
        long d6Lo = 0;
        int sport = 0;
        int dport = 0;
        long seconds = -1;
        long micros = 0;
        int type = 0;
        long agent = -1;
        int vlan = -1;
        int dataOff = -1;
        int dataLen = 0;
        boolean compressed = false;

        int cur = off + 6;
        while (cur < end) {
            if (end - cur < 6) {
                return RESULT_MALFORMED;
            }
            int vendor = u16(b, cur);
            int chunkType = u16(b, cur + 2);
            int chunkLen = u16(b, cur + 4);
            if (chunkLen < 6 || chunkLen > end - cur) {
                return RESULT_MALFORMED;
            }
            int v = cur + 6;
            int vlen = chunkLen - 6;
            cur += chunkLen;
            if (vendor != 0) {
                continue;
            }
            switch (chunkType) {
                case 1:
                    if (vlen < 1) {
                        return RESULT_MALFORMED;
                    }
                    family = b[v] & 0xff;
                    break;
                case 2:
                    if (vlen < 1) {
                        return RESULT_MALFORMED;
                    }
                    proto = b[v] & 0xff;
                    break;
                case 3:
                case 4:
                    if (vlen != 4) {
                        return RESULT_MALFORMED;
                    }
                    if (chunkType == 3) {
                        s4 = IpAddress.readInt(b, v) & 0xffff_ffffL;
                    } else {
                        d4 = IpAddress.readInt(b, v) & 0xffff_ffffL;
                    }
                    break;
                case 5:
                case 6:
                    if (vlen != 16) {
                        return RESULT_MALFORMED;
                    }
                    if (chunkType == 5) {
                        haveS6 = true;
                        s6Hi = IpAddress.readLong(b, v);
                        s6Lo = IpAddress.readLong(b, v + 8);
                    } else {
                        haveD6 = true;
                        d6Hi = IpAddress.readLong(b, v);
                        d6Lo = IpAddress.readLong(b, v + 8);
                    }
                    break;
                case 7:
                case 8:
                    if (vlen < 2) {
                        return RESULT_MALFORMED;
                    }
                    if (chunkType == 7) {
                        sport = u16(b, v);
                    } else {
                        dport = u16(b, v);
                    }
                    break;
                case 9:
                case 10:
                    if (vlen < 4) {
                        return RESULT_MALFORMED;
                    }
                    if (chunkType == 9) {
                        seconds = IpAddress.readInt(b, v) & 0xffff_ffffL;
                    } else {
                        micros = IpAddress.readInt(b, v) & 0xffff_ffffL;
                    }
                    break;
                case 11:
                    if (vlen < 1) {
                        return RESULT_MALFORMED;
                    }
                    type = b[v] & 0xff;
                    break;
                case 12:
                    // uint32 by the specification; some agents send 16 bits.
                    if (vlen == 4) {
                        agent = IpAddress.readInt(b, v) & 0xffff_ffffL;
                    } else if (vlen == 2) {
                        agent = u16(b, v);
                    } else {
                        return RESULT_MALFORMED;
                    }
                    break;
                case 15:
                case 16:
                    dataOff = v;
                    dataLen = vlen;
                    compressed = chunkType == 16;
                    break;
                case 18:
                    if (vlen < 2) {
                        return RESULT_MALFORMED;
                    }
                    vlan = u16(b, v) & 0xfff;
                    break;
                default:
                    break;
            }
        }

        boolean v4 = s4 >= 0 && d4 >= 0;
        boolean v6 = haveS6 && haveD6;
        if (family == AF_INET) {
            if (!v4) {
                return RESULT_MALFORMED;
            }
            v6 = false;
        } else if (family >= 0) {
            if (!isInet6(family) || !v6) {
                return RESULT_MALFORMED;
            }
            v4 = false;
        } else if (v4 == v6) {
            return RESULT_MALFORMED;
        }
        if (dataOff < 0) {
            return RESULT_NO_PAYLOAD;
        }
        if (compressed) {
            int n = inflate(b, dataOff, dataLen);
            if (n < 0) {
                return RESULT_MALFORMED;
            }
            payload = inflated;
            payloadOffset = 0;
            payloadLength = n;
        } else {
            payload = b;
            payloadOffset = dataOff;
            payloadLength = dataLen;
        }
        if (v4) {
            ipVersion = 4;
            srcHi = 0;
            srcLo = IpAddress.v4Lo((int) s4);
            dstHi = 0;
            dstLo = IpAddress.v4Lo((int) d4);
        } else {
            ipVersion = 6;
            srcHi = s6Hi;
            srcLo = s6Lo;
            dstHi = d6Hi;
            dstLo = d6Lo;
        }
        protocol = proto;
        srcPort = sport;
        dstPort = dport;
        payloadType = type;
        captureId = agent;
        vlanId = vlan;
        timestampNanos = seconds >= 0 && micros < MICROS_PER_SECOND
                ? seconds * 1_000_000_000L + micros * 1000L
                : frameNanos;
        return RESULT_PAYLOAD;
    }

    private int decodeV1V2(byte[] b, int off, int len, long frameNanos) {
        int version = b[off];
        if (len < 8) {
            return RESULT_MALFORMED;
        }
        int family = b[off + 2] & 0xff;
        int proto = b[off + 3] & 0xff;
        if (proto != Packet.PROTO_UDP && proto != Packet.PROTO_TCP && proto != Packet.PROTO_SCTP) {
            return RESULT_MALFORMED;
        }
        int cur = off + 8;
        int end = off + len;
        boolean v4 = family == AF_INET;
        if (!v4 && !isInet6(family)) {
            return RESULT_MALFORMED;
        }
        int addressBytes = v4 ? 8 : 32;
        int timeBytes = version == 2 ? 12 : 0;
        if (end - cur < addressBytes + timeBytes) {
            return RESULT_MALFORMED;
        }
        if (v4) {
            ipVersion = 4;
            srcHi = 0;
            srcLo = IpAddress.v4Lo(IpAddress.readInt(b, cur));
            dstHi = 0;
            dstLo = IpAddress.v4Lo(IpAddress.readInt(b, cur + 4));
        } else {
            ipVersion = 6;
            srcHi = IpAddress.readLong(b, cur);
            srcLo = IpAddress.readLong(b, cur + 8);
            dstHi = IpAddress.readLong(b, cur + 16);
            dstLo = IpAddress.readLong(b, cur + 24);
        }
        cur += addressBytes;
        timestampNanos = frameNanos;
        captureId = -1;
        if (version == 2) {
            long seconds = le32(b, cur);
            long micros = le32(b, cur + 4);
            captureId = (b[cur + 8] & 0xff) | ((b[cur + 9] & 0xff) << 8);
            if (micros >= MICROS_PER_SECOND) {
                seconds = IpAddress.readInt(b, cur) & 0xffff_ffffL;
                micros = IpAddress.readInt(b, cur + 4) & 0xffff_ffffL;
                captureId = u16(b, cur + 8);
            }
            if (micros < MICROS_PER_SECOND) {
                timestampNanos = seconds * 1_000_000_000L + micros * 1000L;
            }
            cur += timeBytes;
        }
        if (cur >= end) {
            return RESULT_NO_PAYLOAD;
        }
        protocol = proto;
        srcPort = u16(b, off + 4);
        dstPort = u16(b, off + 6);
        payloadType = TYPE_SIP;
        vlanId = -1;
        payload = b;
        payloadOffset = cur;
        payloadLength = end - cur;
        return RESULT_PAYLOAD;
    }

    private static boolean isInet6(int family) {
        // Linux 10; the BSDs and macOS: 24, 28, 30.
        return family == AF_INET6_LINUX || family == 24 || family == 28 || family == 30;
    }

    /** Inflates a zlib (RFC 1950) or gzip (RFC 1952) stream into {@link #inflated}; -1 on failure. */
    private int inflate(byte[] b, int off, int len) {
        Inflater inflater;
        int start = off;
        int end = off + len;
        if (len >= 2 && (b[off] & 0x0f) == 8 && (((b[off] & 0xff) << 8) | (b[off + 1] & 0xff)) % 31 == 0) {
            if (zlibInflater == null) {
                zlibInflater = new Inflater(false);
            }
            inflater = zlibInflater;
        } else if (len >= 18 && (b[off] & 0xff) == 0x1f && (b[off + 1] & 0xff) == 0x8b && b[off + 2] == 8) {
            start = gzipBodyStart(b, off, end);
            if (start < 0) {
                return -1;
            }
            if (rawInflater == null) {
                rawInflater = new Inflater(true);
            }
            inflater = rawInflater;
        } else {
            return -1;
        }
        inflater.reset();
        inflater.setInput(b, start, end - start);
        int total = 0;
        try {
            while (!inflater.finished()) {
                if (total == inflated.length) {
                    if (inflated.length >= maxInflatedBytes) {
                        return -1;
                    }
                    int grown = Math.min(maxInflatedBytes, Math.max(INITIAL_INFLATE_BUFFER, inflated.length * 2));
                    inflated = Arrays.copyOf(inflated, grown);
                }
                int n = inflater.inflate(inflated, total, inflated.length - total);
                if (n == 0 && !inflater.finished()) {
                    // With room to write and no output, the stream is truncated or wants a dictionary.
                    return -1;
                }
                total += n;
            }
        } catch (DataFormatException e) {
            return -1;
        }
        return total;
    }

    /** Skips the gzip member header (RFC 1952 §2.3); returns where the deflate data starts, or -1. */
    private static int gzipBodyStart(byte[] b, int off, int end) {
        int flags = b[off + 3] & 0xff;
        int p = off + 10;
        if ((flags & 0x04) != 0) {
            if (end - p < 2) {
                return -1;
            }
            p += 2 + ((b[p] & 0xff) | ((b[p + 1] & 0xff) << 8));
        }
        if ((flags & 0x08) != 0) {
            p = afterZero(b, p, end);
        }
        if ((flags & 0x10) != 0) {
            p = afterZero(b, p, end);
        }
        if ((flags & 0x02) != 0) {
            p += 2;
        }
        return p < end ? p : -1;
    }

    /** The index after the next zero byte at or after {@code p} (FNAME, FCOMMENT), or {@code end}. */
    private static int afterZero(byte[] b, int p, int end) {
        while (p < end && b[p] != 0) {
            p++;
        }
        return Math.min(p + 1, end);
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static long le32(byte[] b, int i) {
        return (b[i] & 0xffL) | ((b[i + 1] & 0xffL) << 8) | ((b[i + 2] & 0xffL) << 16) | ((b[i + 3] & 0xffL) << 24);
    }
}
