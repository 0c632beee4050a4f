package dev.sipscope.quality;

import java.util.Objects;

/**
 * Where an SDP media description says its author wants to receive RTP (QUALITY.md §10.2), as the
 * correlator declares it to the {@link QualityEngine}: address and port, RTCP port, rtcp-mux, the
 * payload-type map, ptime, and who it belongs to ({@code callRef} is opaque to this module: a call
 * object, a Call-ID, a long...; {@code mLineIndex} is the position of the m= line).
 *
 * <p>Addresses are 128-bit values in two longs, IPv4 in the IPv4-mapped form, exactly as
 * {@link dev.sipscope.decoder.Packet} carries them.
 *
 * @param rtcpPort RTCP port (RFC 3605 {@code a=rtcp}); 0 means RTP port + 1 (RFC 3550 §11)
 * @param ptimeMs  {@code a=ptime}, or NaN when absent
 * @param srtp     the profile is RTP/SAVP(F): RTCP past the header is encrypted
 * @param rtp      false for media that is not RTP (T.38 over udptl, RFC 3362; other protocols): datagrams to
 *                 or from the address and port are then not RTP, and streams already flowing there are
 *                 suspended until an RTP declaration for the same address and port (QUALITY.md §10.6)
 */
public record MediaEndpoint(long addressHi, long addressLo, int port, int rtcpPort, boolean rtcpMux,
                            PayloadMap payloads, double ptimeMs, Object callRef, int mLineIndex, boolean srtp,
                            boolean rtp) {

    public MediaEndpoint {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        if (rtcpPort < 0 || rtcpPort > 65535) {
            throw new IllegalArgumentException("rtcp port must be 0..65535, got " + rtcpPort);
        }
        Objects.requireNonNull(payloads, "payloads");
    }

    /** An endpoint with RTCP on port + 1, no mux, no ptime, no SRTP. */
    public static MediaEndpoint of(String address, int port, PayloadMap payloads, Object callRef, int mLineIndex) {
        long[] a = parseAddress(address);
        return new MediaEndpoint(a[0], a[1], port, 0, false, payloads, Double.NaN, callRef, mLineIndex, false, true);
    }

    /** A media description that is not RTP (e.g. {@code m=image 16756 udptl t38}). */
    public static MediaEndpoint notRtp(String address, int port, Object callRef, int mLineIndex) {
        long[] a = parseAddress(address);
        return new MediaEndpoint(a[0], a[1], port, 0, false, PayloadMap.EMPTY, Double.NaN, callRef, mLineIndex, false,
                false);
    }

    /** The RTCP port in effect: the RTP port with mux, else {@code rtcpPort}, else port + 1. */
    public int effectiveRtcpPort() {
        if (rtcpMux) {
            return port;
        }
        return rtcpPort != 0 ? rtcpPort : Math.min(65535, port + 1);
    }

    /**
     * Parses an IPv4 or IPv6 literal (no name lookup) into {hi, lo} with IPv4 mapped to
     * {@code ::ffff:a.b.c.d}.
     *
     * @throws IllegalArgumentException when the text is not an address literal
     */
    public static long[] parseAddress(String literal) {
        Objects.requireNonNull(literal, "address");
        String s = literal.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        long[] out = new long[2];
        if (!dev.sipscope.decoder.IpAddress.parse(s, out)) {
            throw new IllegalArgumentException("not an IP address literal: \"" + literal + "\"");
        }
        return out;
    }
}
