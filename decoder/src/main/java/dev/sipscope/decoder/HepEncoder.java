package dev.sipscope.decoder;

import java.nio.charset.StandardCharsets;

/**
 * Encodes HEPv3 packets (the format Homer collectors receive), the inverse of {@link HepDecoder}.
 *
 * <p>Layout: {@code "HEP3" | total length (16)} then chunks {@code vendor 0 | type (16) | length
 * (16, header included) | value}: 1 IP family (2 or 10), 2 IP protocol, 3/4 IPv4 or 5/6 IPv6
 * source/destination, 7/8 ports, 9/10 time seconds/microseconds, 11 payload type, 12 capture
 * agent id (32 bits), 14 authentication key (when set), 15 payload. All big-endian.
 *
 * <p>Writes into a reused buffer; not thread-safe. A payload too large for one HEP packet (total
 * length is 16 bits) is refused by {@link #encode} returning -1.
 */
public final class HepEncoder {
    /** Largest HEP packet: the total length field is 16 bits. */
    public static final int MAX_PACKET_BYTES = 0xffff;

    private final int captureId;
    private final byte[] authKey;
    private final byte[] buffer = new byte[MAX_PACKET_BYTES];

    /**
     * @param captureId the capture agent id Homer shows for this sender
     * @param authKey   the collector's password, or null for none
     */
    public HepEncoder(int captureId, String authKey) {
        this.captureId = captureId;
        this.authKey = authKey == null || authKey.isEmpty() ? null : authKey.getBytes(StandardCharsets.UTF_8);
    }

    /** The buffer {@link #encode} wrote into; valid until the next call. */
    public byte[] buffer() {
        return buffer;
    }

    /**
     * Encodes one packet: addresses, ports, protocol and time from {@code p}, the given payload type
     * (e.g. {@link HepDecoder#TYPE_SIP}) and payload bytes. Returns the packet length, or -1 when the
     * payload does not fit.
     */
    public int encode(Packet p, int payloadType, byte[] payload, int off, int len) {
        boolean v4 = IpAddress.isV4(p.srcHi, p.srcLo) && IpAddress.isV4(p.dstHi, p.dstLo);
        int addressBytes = v4 ? 4 : 16;
        int fixed = 6 + 7 + 7 + 2 * (6 + addressBytes) + 2 * 8 + 2 * 10 + 7 + 10
                + (authKey == null ? 0 : 6 + authKey.length) + 6;
        if (len < 0 || fixed + len > MAX_PACKET_BYTES) {
            return -1;
        }
        int o = 0;
        buffer[o++] = 'H';
        buffer[o++] = 'E';
        buffer[o++] = 'P';
        buffer[o++] = '3';
        o = put16(buffer, o, fixed + len);
        o = chunk8(o, 1, v4 ? 2 : 10);
        o = chunk8(o, 2, p.protocol);
        if (v4) {
            o = chunk32(o, 3, (int) p.srcLo);
            o = chunk32(o, 4, (int) p.dstLo);
        } else {
            o = chunk128(o, 5, p.srcHi, p.srcLo);
            o = chunk128(o, 6, p.dstHi, p.dstLo);
        }
        o = chunk16(o, 7, p.srcPort);
        o = chunk16(o, 8, p.dstPort);
        long seconds = Math.floorDiv(p.timestampNanos, 1_000_000_000L);
        long micros = Math.floorMod(p.timestampNanos, 1_000_000_000L) / 1000;
        o = chunk32(o, 9, (int) seconds);
        o = chunk32(o, 10, (int) micros);
        o = chunk8(o, 11, payloadType);
        o = chunk32(o, 12, captureId);
        if (authKey != null) {
            o = header(o, 14, authKey.length);
            System.arraycopy(authKey, 0, buffer, o, authKey.length);
            o += authKey.length;
        }
        o = header(o, 15, len);
        System.arraycopy(payload, off, buffer, o, len);
        return o + len;
    }

    private int header(int o, int type, int valueLength) {
        o = put16(buffer, o, 0);
        o = put16(buffer, o, type);
        return put16(buffer, o, 6 + valueLength);
    }

    private int chunk8(int o, int type, int v) {
        o = header(o, type, 1);
        buffer[o] = (byte) v;
        return o + 1;
    }

    private int chunk16(int o, int type, int v) {
        return put16(buffer, header(o, type, 2), v);
    }

    private int chunk32(int o, int type, int v) {
        o = header(o, type, 4);
        o = put16(buffer, o, v >>> 16);
        return put16(buffer, o, v);
    }

    private int chunk128(int o, int type, long hi, long lo) {
        o = header(o, type, 16);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[o++] = (byte) (hi >>> shift);
        }
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[o++] = (byte) (lo >>> shift);
        }
        return o;
    }

    private static int put16(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 8);
        b[o + 1] = (byte) v;
        return o + 2;
    }
}
