package dev.sipscope.decoder.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One m= line and the lines that follow it up to the next m= (RFC 4566 §5.14), with the values it
 * inherits from the session level already resolved: {@link #effectiveConnection()} (media c=, else
 * session c=) and {@link #effectiveDirection()} (media direction attribute, else session, else
 * sendrecv), fingerprint and ICE credentials (media, else session). Immutable.
 */
public final class SdpMedia {
    private final String mediaType;
    private final int port;
    private final int portCount;
    private final String proto;
    private final List<String> formats;
    private final SdpConnection connection;
    private final SdpConnection effectiveConnection;
    private final List<SdpBandwidth> bandwidths;
    private final List<SdpAttribute> attributes;
    private final List<SdpRtpMap> rtpMaps;
    private final int ptimeMillis;
    private final int maxptimeMillis;
    private final int rtcpPort;
    private final SdpConnection rtcpConnection;
    private final boolean rtcpMux;
    private final SdpDirection direction;
    private final SdpDirection effectiveDirection;
    private final String fingerprint;
    private final String setup;
    private final boolean iceUfrag;
    private final boolean valid;

    SdpMedia(SdpParser.MediaBuilder m, SdpParser.SessionBuilder s) {
        this.mediaType = m.mediaType;
        this.port = m.port;
        this.portCount = m.portCount;
        this.proto = m.proto;
        this.formats = List.copyOf(m.formats);
        this.connection = m.connection;
        this.effectiveConnection = m.connection != null ? m.connection : s.connection;
        this.bandwidths = List.copyOf(m.bandwidths);
        this.attributes = List.copyOf(m.attributes);
        this.rtpMaps = List.copyOf(m.rtpMaps);
        this.ptimeMillis = m.ptimeMillis;
        this.maxptimeMillis = m.maxptimeMillis;
        this.rtcpPort = m.rtcpPort;
        this.rtcpConnection = m.rtcpConnection;
        this.rtcpMux = m.rtcpMux;
        this.direction = m.direction;
        this.effectiveDirection = m.direction != null ? m.direction
                : s.direction != null ? s.direction : SdpDirection.SENDRECV;
        this.fingerprint = m.fingerprint != null ? m.fingerprint : s.fingerprint;
        this.setup = m.setup != null ? m.setup : s.setup;
        this.iceUfrag = m.iceUfrag || s.iceUfrag;
        this.valid = m.valid;
    }

    /** {@code audio}, {@code video}, {@code image}, {@code application}, {@code text}, ... as written. */
    public String mediaType() {
        return mediaType;
    }

    /** The transport port, 0 for a disabled (rejected or removed) stream, -1 when unreadable. */
    public int port() {
        return port;
    }

    /** The {@code /<number of ports>} suffix, 1 when absent. */
    public int portCount() {
        return portCount;
    }

    /** Port 0: the stream is rejected or disabled (RFC 3264 §6, §8.2). */
    public boolean isDisabled() {
        return port == 0;
    }

    /** {@code RTP/AVP}, {@code RTP/SAVP}, {@code RTP/AVPF}, {@code RTP/SAVPF}, {@code UDP/TLS/RTP/SAVPF}, {@code udptl}... */
    public String proto() {
        return proto;
    }

    /** Whether the transport carries RTP (the proto names RTP). */
    public boolean isRtp() {
        return proto.toUpperCase(java.util.Locale.ROOT).contains("RTP/");
    }

    /** T.38 fax over UDPTL (RFC 3362, ITU-T T.38 Annex D). */
    public boolean isUdptl() {
        return proto.equalsIgnoreCase("udptl");
    }

    /** The format list as written: payload type numbers for RTP, e.g. {@code t38} for udptl. */
    public List<String> formats() {
        return formats;
    }

    /** The numeric formats (RTP payload types 0..127), in m= line order. */
    public List<Integer> payloadTypes() {
        List<Integer> out = new ArrayList<>(formats.size());
        for (String f : formats) {
            int pt = SdpParser.parseInt(f);
            if (pt >= 0 && pt <= 127) {
                out.add(pt);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The codec of {@code payloadType}: its a=rtpmap, else the static RFC 3551 entry; null if neither. */
    public SdpRtpMap codec(int payloadType) {
        for (SdpRtpMap r : rtpMaps) {
            if (r.payloadType() == payloadType) {
                return r;
            }
        }
        return payloadType < 96 ? StaticPayloadTypes.lookup(payloadType) : null;
    }

    /** The codec of each payload type of the m= line that has one, in m= line order. */
    public List<SdpRtpMap> codecs() {
        List<SdpRtpMap> out = new ArrayList<>();
        for (int pt : payloadTypes()) {
            SdpRtpMap c = codec(pt);
            if (c != null) {
                out.add(c);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The a=rtpmap lines as given. */
    public List<SdpRtpMap> rtpMaps() {
        return rtpMaps;
    }

    /** The a=fmtp parameters of {@code format} (e.g. {@code "0-16"} for telephone-event), or null. */
    public String fmtp(String format) {
        for (SdpAttribute a : attributes) {
            if (a.name().equals("fmtp") && a.value() != null) {
                String v = a.value();
                int sp = v.indexOf(' ');
                String f = sp < 0 ? v : v.substring(0, sp);
                if (f.equals(format)) {
                    return sp < 0 ? "" : v.substring(sp + 1).trim();
                }
            }
        }
        return null;
    }

    public String fmtp(int payloadType) {
        return fmtp(Integer.toString(payloadType));
    }

    /** The media-level c= line, or null. */
    public SdpConnection connection() {
        return connection;
    }

    /** The media-level c= line, else the session-level one; null when neither is present. */
    public SdpConnection effectiveConnection() {
        return effectiveConnection;
    }

    /** The address media should be sent to (effective c= address), or null. */
    public String effectiveAddress() {
        return effectiveConnection == null ? null : effectiveConnection.address();
    }

    public List<SdpBandwidth> bandwidths() {
        return bandwidths;
    }

    /** Every a= line of this media section, in order. */
    public List<SdpAttribute> attributes() {
        return attributes;
    }

    /** The value of the first attribute named {@code name} (empty string for a property attribute), or null. */
    public String attribute(String name) {
        for (SdpAttribute a : attributes) {
            if (a.name().equals(name)) {
                return a.value() == null ? "" : a.value();
            }
        }
        return null;
    }

    public boolean hasAttribute(String name) {
        return attribute(name) != null;
    }

    /** a=ptime in milliseconds (fraction dropped), or -1. */
    public int ptimeMillis() {
        return ptimeMillis;
    }

    /** a=maxptime in milliseconds, or -1. */
    public int maxptimeMillis() {
        return maxptimeMillis;
    }

    /** The a=rtcp port (RFC 3605), or -1 when absent (RTCP then uses port + 1, or the RTP port with rtcp-mux). */
    public int rtcpPort() {
        return rtcpPort;
    }

    /** The address given on the a=rtcp line, or null. */
    public SdpConnection rtcpConnection() {
        return rtcpConnection;
    }

    /** a=rtcp-mux (RFC 5761). */
    public boolean rtcpMux() {
        return rtcpMux;
    }

    /** The direction attribute of this media section, or null when it has none. */
    public SdpDirection direction() {
        return direction;
    }

    /** Media direction, else session direction, else {@link SdpDirection#SENDRECV} (RFC 4566 §6). */
    public SdpDirection effectiveDirection() {
        return effectiveDirection;
    }

    /** Whether a=crypto lines are present (SDES-SRTP, RFC 4568). */
    public boolean hasCrypto() {
        return attribute("crypto") != null;
    }

    /** The crypto suites offered ({@code AES_CM_128_HMAC_SHA1_80}, ...), in order. */
    public List<String> cryptoSuites() {
        List<String> out = new ArrayList<>();
        for (SdpAttribute a : attributes) {
            if (a.name().equals("crypto") && a.value() != null) {
                String[] f = a.value().trim().split("\\s+");
                if (f.length >= 2) {
                    out.add(f[1]);
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** a=fingerprint (RFC 8122) of the media, else of the session, e.g. {@code sha-256 4A:AD:...}; null if none. */
    public String fingerprint() {
        return fingerprint;
    }

    /** a=setup (RFC 4145): {@code active}, {@code passive}, {@code actpass}, {@code holdconn}; null if none. */
    public String setup() {
        return setup;
    }

    /** DTLS-SRTP (RFC 5763): a fingerprint applies and the proto is a secure RTP profile. */
    public boolean isDtlsSrtp() {
        return fingerprint != null && proto.toUpperCase(java.util.Locale.ROOT).contains("SAVP");
    }

    /** Secure RTP: a SAVP profile, or a=crypto. */
    public boolean isSrtp() {
        return proto.toUpperCase(java.util.Locale.ROOT).contains("SAVP") || hasCrypto();
    }

    /** a=ice-ufrag present in this media section or at the session level (RFC 8839). */
    public boolean hasIceUfrag() {
        return iceUfrag;
    }

    /** False when the m= line itself was malformed (port or proto unreadable). */
    public boolean isValid() {
        return valid;
    }

    @Override
    public String toString() {
        return mediaType + " " + port + (portCount > 1 ? "/" + portCount : "") + " " + proto + " "
                + String.join(" ", formats);
    }
}
