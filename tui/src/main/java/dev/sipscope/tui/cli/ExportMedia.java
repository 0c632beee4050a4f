package dev.sipscope.tui.cli;

import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.export.StreamsJson;
import dev.sipscope.correlator.media.MediaSummary;
import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;
import dev.sipscope.quality.StreamSummary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RTP and RTCP datagrams of chosen calls, decided datagram by datagram in the copy pass of
 * {@code export} from what the first pass learned (the calls' SDP endpoints, the RTP streams bound
 * to them).
 *
 * <ul>
 *   <li>RTP: a datagram on the 5-tuple of a stream bound to a chosen call, between its first and
 *       last packet.</li>
 *   <li>RTCP (version 2, packet type 192..223: the RFC 5761 §4 test): a datagram from or to an
 *       endpoint that a chosen call owns at that time. A call claims, from its first message until
 *       its end plus {@code graceNanos} (for ever when it never ended), the RTCP endpoint of every
 *       m= line it announced (a=rtcp, RFC 3605, else the RTP port + 1, RFC 3550 §11) and the RTP
 *       endpoint itself (rtcp-mux, RFC 5761); a stream bound to a call claims, from its first packet to
 *       {@code graceNanos} after its last (RTCP reports follow the media they report on), both its RTP endpoints and the ports
 *       above them (RTCP of a party behind a NAT, whose public address no SDP names). When several
 *       calls claim one endpoint at the same time (a port reused by a later call within the grace,
 *       a B2BUA passing SDP through) the call that started last owns it, as the correlator's media
 *       registry gives an endpoint to its latest announcement.</li>
 * </ul>
 *
 * <p>Memory: a few entries per stream and per announced endpoint of the capture's calls, all built
 * before the copy pass. A lookup allocates nothing (one reused probe key, two or three hash probes).
 */
final class ExportMedia {
    /** One endpoint (address, port) as a hash key; the probe instance is mutated per lookup. */
    private static final class Endpoint {
        long hi;
        long lo;
        int port;

        Endpoint set(long hi, long lo, int port) {
            this.hi = hi;
            this.lo = lo;
            this.port = port;
            return this;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Endpoint e && e.hi == hi && e.lo == lo && e.port == port;
        }

        @Override
        public int hashCode() {
            long h = hi * 0x9E3779B97F4A7C15L ^ lo * 0xC2B2AE3D27D4EB4FL ^ port;
            return (int) (h ^ (h >>> 32));
        }
    }

    /** A chosen stream's source and time span, filed under its destination. */
    private record RtpWindow(long srcHi, long srcLo, int srcPort, long firstNanos, long lastNanos) {
    }

    /** A call's claim on an endpoint during [startNanos, endNanos]; the claim with the latest priority wins. */
    private record Claim(long startNanos, long endNanos, long priority, boolean chosen) {
    }

    private final Map<Endpoint, List<RtpWindow>> rtp = new HashMap<>();
    private final Map<Endpoint, List<Claim>> claims = new HashMap<>();
    private final Endpoint probe = new Endpoint();
    private final long[] parsed = new long[2];

    /**
     * The media of the calls {@code chosen} (Call-IDs) among {@code calls}, whose streams are among
     * {@code streams} (every stream of the capture: the other calls' ones decide what is not ours).
     */
    static ExportMedia of(List<CallSummary> calls, Set<String> chosen, List<StreamSummary> streams, long graceNanos) {
        ExportMedia m = new ExportMedia();
        Map<String, Long> starts = new HashMap<>();
        for (CallSummary c : calls) {
            long start = c.startNanos() == CallSummary.NO_TIME ? Long.MIN_VALUE : c.startNanos();
            starts.put(c.callId(), start);
            long end = Long.MAX_VALUE;
            if (c.endNanos() != CallSummary.NO_TIME) {
                long last = c.lastMessageNanos() == CallSummary.NO_TIME ? c.endNanos()
                        : Math.max(c.endNanos(), c.lastMessageNanos());
                end = saturatedAdd(last, graceNanos);
            }
            boolean ours = chosen.contains(c.callId());
            for (MediaSummary ms : c.media()) {
                Claim claim = new Claim(start, end, start, ours);
                m.claim(ms.endpoint(), claim);
                if (ms.rtcpEndpoint() != null && !ms.rtcpEndpoint().equals(ms.endpoint())) {
                    m.claim(ms.rtcpEndpoint(), claim);
                }
            }
        }
        for (StreamSummary s : streams) {
            String owner = StreamsJson.callIdOf(s);
            if (owner == null) {
                continue;
            }
            boolean ours = chosen.contains(owner);
            long[] src = new long[2];
            long[] dst = new long[2];
            if (!IpAddress.parse(s.srcAddress(), src) || !IpAddress.parse(s.dstAddress(), dst)) {
                continue;
            }
            if (ours) {
                m.rtp.computeIfAbsent(new Endpoint().set(dst[0], dst[1], s.dstPort()), k -> new ArrayList<>(2))
                        .add(new RtpWindow(src[0], src[1], s.srcPort(), s.firstNanos(), s.lastNanos()));
            }
            Long callStart = starts.get(owner);
            Claim claim = new Claim(s.firstNanos(), saturatedAdd(s.lastNanos(), graceNanos),
                    callStart != null ? callStart : s.firstNanos(), ours);
            m.claim(src, s.srcPort(), claim);
            m.claim(dst, s.dstPort(), claim);
            if (s.srcPort() < 65535) {
                m.claim(src, s.srcPort() + 1, claim);
            }
            if (s.dstPort() < 65535) {
                m.claim(dst, s.dstPort() + 1, claim);
            }
        }
        return m;
    }

    /** True when the UDP datagram {@code p} is RTP or RTCP of a chosen call. */
    boolean takes(Packet p) {
        if (p.protocol != Packet.PROTO_UDP) {
            return false;
        }
        long t = p.timestampNanos;
        List<RtpWindow> windows = rtp.get(probe.set(p.dstHi, p.dstLo, p.dstPort));
        if (windows != null) {
            for (int i = 0; i < windows.size(); i++) {
                RtpWindow w = windows.get(i);
                if (w.srcPort == p.srcPort && w.srcLo == p.srcLo && w.srcHi == p.srcHi
                        && t >= w.firstNanos && t <= w.lastNanos) {
                    return true;
                }
            }
        }
        return isRtcp(p) && (ownedByChosen(p.dstHi, p.dstLo, p.dstPort, t) || ownedByChosen(p.srcHi, p.srcLo, p.srcPort, t));
    }

    /** RFC 5761 §4: version 2 and a second octet in 192..223 (RTCP packet types 200..204, 205..207 and the rest). */
    static boolean isRtcp(Packet p) {
        if (p.payloadLength < 8 || p.data == null) {
            return false;
        }
        int b0 = p.data[p.payloadOffset] & 0xff;
        int b1 = p.data[p.payloadOffset + 1] & 0xff;
        return (b0 & 0xc0) == 0x80 && b1 >= 192 && b1 <= 223;
    }

    private boolean ownedByChosen(long hi, long lo, int port, long t) {
        List<Claim> list = claims.get(probe.set(hi, lo, port));
        if (list == null) {
            return false;
        }
        Claim best = null;
        for (int i = 0; i < list.size(); i++) {
            Claim c = list.get(i);
            if (t >= c.startNanos && t <= c.endNanos && (best == null || c.priority > best.priority
                    || c.priority == best.priority && c.chosen)) {
                best = c;
            }
        }
        return best != null && best.chosen;
    }

    /** Claims the endpoint written {@code ip:port} or {@code [v6]:port}; unreadable text claims nothing. */
    private void claim(String endpoint, Claim claim) {
        if (endpoint == null) {
            return;
        }
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1) {
            return;
        }
        String address = endpoint.substring(0, colon);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(endpoint.substring(colon + 1));
        } catch (NumberFormatException e) {
            return;
        }
        if (port < 0 || port > 65535 || !IpAddress.parse(address, parsed)) {
            return;
        }
        claim(parsed, port, claim);
    }

    private void claim(long[] address, int port, Claim claim) {
        List<Claim> list = claims.computeIfAbsent(new Endpoint().set(address[0], address[1], port), k -> new ArrayList<>(2));
        if (list.isEmpty() || !list.get(list.size() - 1).equals(claim)) {
            list.add(claim);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return b < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }
}
