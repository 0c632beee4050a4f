package dev.sipscope.correlator.privacy;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;

/**
 * Masks the SIP carried by one captured frame, in place: finds the UDP or TCP payload behind the
 * link header (Ethernet with 802.1Q/QinQ tags, Linux cooked v1 and v2, raw IP, BSD loopback) and
 * the IPv4 or IPv6 header (IPv6 hop-by-hop, routing and destination options skipped), hands it to
 * a {@link SipMasker}, and when a byte changed fixes the transport checksum (RFC 768, RFC 9293
 * §3.1, pseudo-header of RFC 791 or RFC 8200 §8.1), so that the frame stays valid and its length
 * does not change.
 *
 * <p>Which payloads: every TCP payload, and every UDP payload whose first byte is not that of an
 * RTP or RTCP packet (version 2, RFC 3550 §5.1): SIP, HEP (whose SIP is masked where it sits) and
 * anything else that may name a SIP URI. Checksums: recomputed when the whole datagram or segment
 * was captured; an IPv4 UDP checksum that was zero stays zero. When the capture cut the packet
 * (snap length) or it is an IP fragment, the checksum cannot be recomputed: an IPv4 UDP checksum is
 * then set to zero (RFC 768: no checksum), an IPv6 or TCP one is left as it was (so it is wrong).
 * Fragments are masked one by one, so a value cut by a fragment boundary may be masked only in
 * part. WebSocket frames in TCP (SIP over WebSocket) are masked frame by frame, client frames under
 * their XOR mask. Not handled (left as they were): tunnels (GRE, VXLAN, IP in IP), SCTP, TLS and
 * other link types. In a TCP stream, a header line
 * cut by a segment boundary is masked as far as its URIs go, but its display name or digest
 * parameters in the second segment are not recognised.
 */
public final class FrameMasker {
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;

    private final SipMasker masker;
    private long framesMasked;

    public FrameMasker(SipMasker masker) {
        this.masker = masker;
    }

    /** Frames changed so far. */
    public long framesMasked() {
        return framesMasked;
    }

    /** Masks the frame's bytes in place; returns true when one changed. Never throws on bad bytes. */
    public boolean mask(Frame f) {
        byte[] b = f.data();
        int off = f.offset();
        int end = off + f.capturedLength();
        if (b == null || end > b.length || off < 0) {
            return false;
        }
        int ip = ipOffset(f.linkType(), b, off, end);
        if (ip < 0 || ip >= end) {
            return false;
        }
        int version = (b[ip] >> 4) & 0x0f;
        boolean changed = version == 4 ? ipv4(b, ip, end) : version == 6 && ipv6(b, ip, end);
        if (changed) {
            framesMasked++;
        }
        return changed;
    }

    /** The offset of the IP header, or -1 for a link type or an ethertype not handled. */
    private static int ipOffset(int linkType, byte[] b, int off, int end) {
        switch (linkType) {
            case LinkType.ETHERNET: {
                int p = off + 12;
                while (p + 2 <= end) {
                    int type = u16(b, p);
                    if (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
                        p += 4;
                        continue;
                    }
                    return type == ETHERTYPE_IPV4 || type == ETHERTYPE_IPV6 ? p + 2 : -1;
                }
                return -1;
            }
            case LinkType.LINUX_SLL:
                return end - off >= 16 && isIp(u16(b, off + 14)) ? off + 16 : -1;
            case LinkType.LINUX_SLL2:
                return end - off >= 20 && isIp(u16(b, off)) ? off + 20 : -1;
            case LinkType.RAW:
            case LinkType.RAW_OPENBSD:
            case LinkType.RAW_BSDOS:
            case LinkType.IPV4:
            case LinkType.IPV6:
                return off;
            case LinkType.NULL:
            case LinkType.LOOP:
                return off + 4;
            default:
                return -1;
        }
    }

    private static boolean isIp(int ethertype) {
        return ethertype == ETHERTYPE_IPV4 || ethertype == ETHERTYPE_IPV6;
    }

    private boolean ipv4(byte[] b, int ip, int end) {
        if (end - ip < 20) {
            return false;
        }
        int headerLength = (b[ip] & 0x0f) * 4;
        int total = u16(b, ip + 2);
        if (headerLength < 20 || total < headerLength || ip + headerLength > end) {
            return false;
        }
        int declaredEnd = ip + total;
        int dataEnd = Math.min(end, declaredEnd);
        int protocol = b[ip + 9] & 0xff;
        int fragment = u16(b, ip + 6);
        boolean fragmented = (fragment & 0x2000) != 0 || (fragment & 0x1fff) != 0;
        int start = ip + headerLength;
        if (fragmented && (fragment & 0x1fff) != 0) {
            // a later fragment: transport payload only, no transport header
            return start < dataEnd && masker.mask(b, start, dataEnd - start);
        }
        boolean complete = !fragmented && declaredEnd <= end;
        return transport(b, protocol, start, dataEnd, complete, 4, ip);
    }

    private boolean ipv6(byte[] b, int ip, int end) {
        if (end - ip < 40) {
            return false;
        }
        int declaredEnd = ip + 40 + u16(b, ip + 4);
        int dataEnd = Math.min(end, declaredEnd);
        int next = b[ip + 6] & 0xff;
        int p = ip + 40;
        boolean fragmented = false;
        for (int hops = 0; hops < 8; hops++) {
            if (next == 0 || next == 43 || next == 60) {
                if (p + 8 > dataEnd) {
                    return false;
                }
                int length = ((b[p + 1] & 0xff) + 1) * 8;
                next = b[p] & 0xff;
                p += length;
            } else if (next == 44) {
                if (p + 8 > dataEnd) {
                    return false;
                }
                fragmented = true;
                int offset = u16(b, p + 2) & 0xfff8;
                next = b[p] & 0xff;
                p += 8;
                if (offset != 0) {
                    return p < dataEnd && masker.mask(b, p, dataEnd - p);
                }
            } else {
                break;
            }
        }
        boolean complete = !fragmented && declaredEnd <= end && u16(b, ip + 4) != 0;
        return transport(b, next, p, dataEnd, complete, 6, ip);
    }

    private boolean transport(byte[] b, int protocol, int start, int end, boolean complete, int version, int ip) {
        if (protocol == 17) {
            if (end - start < 8) {
                return false;
            }
            int udpLength = u16(b, start + 4);
            if (udpLength >= 8 && udpLength <= end - start) {
                end = start + udpLength;
            } else if (complete) {
                return false; // a UDP length the IP header contradicts: leave the packet alone
            }
            int payload = start + 8;
            if (payload >= end) {
                return false;
            }
            int first = b[payload] & 0xff;
            if (first >= 0x80 && first <= 0xbf) {
                return false; // RTP or RTCP
            }
            if (!masker.mask(b, payload, end - payload)) {
                return false;
            }
            int checksum = u16(b, start + 6);
            if (version == 4 && checksum == 0) {
                return true;
            }
            if (complete) {
                writeChecksum(b, start + 6, checksum(b, start, end - start, 17, version, ip, start + 6), true);
            } else if (version == 4) {
                b[start + 6] = 0;
                b[start + 7] = 0;
            }
            return true;
        }
        if (protocol == 6) {
            if (end - start < 20) {
                return false;
            }
            int headerLength = ((b[start + 12] >> 4) & 0x0f) * 4;
            int payload = start + headerLength;
            if (headerLength < 20 || payload >= end) {
                return false;
            }
            int first = b[payload] & 0xff;
            boolean changed = first >= 0x80 || first < 0x20 ? webSocket(b, payload, end)
                    : masker.mask(b, payload, end - payload);
            if (!changed) {
                return false;
            }
            if (complete) {
                writeChecksum(b, start + 16, checksum(b, start, end - start, 6, version, ip, start + 16), false);
            }
            return true;
        }
        return false;
    }

    /**
     * A TCP payload that starts with a WebSocket frame header (RFC 6455 §5.2, as SIP over WebSocket,
     * RFC 7118, sends it): each frame of the segment is masked on its own, a client frame's XOR mask
     * (§5.3) taken off first and put back after. A frame cut by the segment end is masked as far as
     * it goes; a segment that does not start at a frame is not recognised (left as it was).
     */
    private boolean webSocket(byte[] b, int p, int end) {
        boolean changed = false;
        while (end - p >= 2) {
            int opcode = b[p] & 0x0f;
            if ((b[p] & 0x70) != 0 || (opcode != 0 && opcode != 1 && opcode != 2)) {
                return changed;
            }
            boolean xor = (b[p + 1] & 0x80) != 0;
            long length = b[p + 1] & 0x7f;
            int h = p + 2;
            if (length == 126) {
                if (end - h < 2) {
                    return changed;
                }
                length = u16(b, h);
                h += 2;
            } else if (length == 127) {
                if (end - h < 8) {
                    return changed;
                }
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | (b[h + i] & 0xff);
                }
                h += 8;
            }
            int key = h;
            if (xor) {
                h += 4;
            }
            if (h > end || length < 0) {
                return changed;
            }
            int dataEnd = (int) Math.min(end, h + length);
            if (xor) {
                unmask(b, h, dataEnd, key);
            }
            changed |= masker.mask(b, h, dataEnd - h);
            if (xor) {
                unmask(b, h, dataEnd, key);
            }
            p = dataEnd;
        }
        return changed;
    }

    /** XOR with the 4-byte key at {@code key} (its own inverse). */
    private static void unmask(byte[] b, int from, int to, int key) {
        for (int i = from; i < to; i++) {
            b[i] ^= b[key + ((i - from) & 3)];
        }
    }

    /**
     * The Internet checksum (RFC 1071) of the pseudo-header and {@code b[start, start + length)},
     * the checksum field at {@code field} counted as zero.
     */
    private static int checksum(byte[] b, int start, int length, int protocol, int version, int ip, int field) {
        long sum = 0;
        if (version == 4) {
            sum += u16(b, ip + 12) + u16(b, ip + 14) + u16(b, ip + 16) + u16(b, ip + 18);
        } else {
            for (int i = 8; i < 40; i += 2) {
                sum += u16(b, ip + i);
            }
        }
        sum += protocol;
        sum += length;
        int i = start;
        int end = start + length;
        for (; i + 1 < end; i += 2) {
            if (i != field) {
                sum += u16(b, i);
            }
        }
        if (i < end) {
            sum += (b[i] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static void writeChecksum(byte[] b, int at, int value, boolean udp) {
        if (udp && value == 0) {
            value = 0xffff; // RFC 768: a computed zero is sent as all ones
        }
        b[at] = (byte) (value >> 8);
        b[at + 1] = (byte) value;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
