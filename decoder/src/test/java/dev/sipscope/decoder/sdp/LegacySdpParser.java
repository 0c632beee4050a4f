package dev.sipscope.decoder.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.sipscope.decoder.sdp.SdpParser.MediaBuilder;
import dev.sipscope.decoder.sdp.SdpParser.SessionBuilder;

/**
 * The regular-expression SDP reader that {@link SdpParser} replaced, kept verbatim as the oracle
 * its byte scanner is compared with ({@code SdpParserEquivalenceTest}). Reads SDP text (RFC 4566 §5, RFC 8866) into an {@link SdpSession}.
 *
 * <p>Lenient by design: lines end in CRLF or LF; the order of line types is not enforced; a line
 * that is not {@code <letter>=<value>}, or whose value does not follow its type's grammar, is
 * counted in {@link SdpSession#malformedLines()} and skipped (a malformed m= line still opens a
 * media section, marked invalid, so that its attributes are not given to the previous one).
 * Attributes before the first m= are session-level, the others belong to the last m=. Never throws;
 * the work is linear in the input.
 */
final class LegacySdpParser {
    private LegacySdpParser() {
    }

    public static SdpSession parse(String text) {
        return parseText(text);
    }

    /** Parses {@code b[off, off+len)} as UTF-8 text. */
    public static SdpSession parse(byte[] b, int off, int len) {
        return parseText(new String(b, off, len, StandardCharsets.UTF_8));
    }

    private static SdpSession parseText(String t) {
        SessionBuilder s = new SessionBuilder();
        List<MediaBuilder> media = new ArrayList<>();
        MediaBuilder m = null;
        int p = 0;
        int n = t.length();
        while (p < n) {
            int lf = t.indexOf('\n', p);
            int e = lf < 0 ? n : lf;
            int ce = e > p && t.charAt(e - 1) == '\r' ? e - 1 : e;
            String line = t.substring(p, ce);
            p = lf < 0 ? n : lf + 1;
            if (line.isBlank()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                s.malformedLines++;
                continue;
            }
            char type = line.charAt(0);
            String v = line.substring(2);
            boolean ok;
            switch (type) {
                case 'v':
                    s.version = parseInt(v.trim());
                    ok = s.version >= 0;
                    break;
                case 'o':
                    ok = origin(s, v);
                    break;
                case 's':
                    s.sessionName = v;
                    ok = true;
                    break;
                case 'c': {
                    SdpConnection c = connection(v);
                    ok = c != null;
                    if (ok) {
                        if (m != null) {
                            m.connection = c;
                        } else {
                            s.connection = c;
                        }
                    }
                    break;
                }
                case 'b': {
                    SdpBandwidth bw = bandwidth(v);
                    ok = bw != null;
                    if (ok) {
                        (m != null ? m.bandwidths : s.bandwidths).add(bw);
                    }
                    break;
                }
                case 't': {
                    String[] f = fields(v);
                    long start = f.length == 2 ? parseLong(f[0]) : -1;
                    long stop = f.length == 2 ? parseLong(f[1]) : -1;
                    ok = start >= 0 && stop >= 0;
                    if (ok) {
                        s.timings.add(new SdpTiming(start, stop));
                    }
                    break;
                }
                case 'm':
                    m = new MediaBuilder();
                    media.add(m);
                    ok = mediaLine(m, v);
                    break;
                case 'a':
                    ok = attribute(s, m, v);
                    break;
                default:
                    // i= u= e= p= z= k= r= and unknown letters: valid lines we do not need.
                    ok = true;
                    break;
            }
            if (!ok) {
                s.malformedLines++;
            }
        }
        List<SdpMedia> built = new ArrayList<>(media.size());
        for (MediaBuilder mb : media) {
            built.add(new SdpMedia(mb, s));
        }
        return new SdpSession(s, built);
    }

    private static boolean origin(SessionBuilder s, String v) {
        String[] f = fields(v);
        if (f.length != 6) {
            return false;
        }
        s.origin = new SdpOrigin(f[0], f[1], f[2], f[3], f[4], f[5]);
        return true;
    }

    /** {@code IN IP4 224.2.1.1/127/3}; null when malformed. */
    static SdpConnection connection(String v) {
        String[] f = fields(v);
        if (f.length != 3) {
            return null;
        }
        String[] a = f[2].split("/", -1);
        if (a[0].isEmpty() || a.length > 3) {
            return null;
        }
        int ttl = -1;
        int count = 1;
        boolean ip6 = f[1].equalsIgnoreCase("IP6");
        if (a.length >= 2) {
            int x = parseInt(a[1]);
            if (x < 0) {
                return null;
            }
            if (ip6) {
                count = x;
            } else {
                ttl = x;
            }
        }
        if (a.length == 3) {
            count = parseInt(a[2]);
            if (count < 0 || ip6) {
                return null;
            }
        }
        return new SdpConnection(f[0], f[1], a[0], ttl, Math.max(count, 1));
    }

    private static SdpBandwidth bandwidth(String v) {
        int colon = v.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        long bw = parseLong(v.substring(colon + 1).trim());
        return bw < 0 ? null : new SdpBandwidth(v.substring(0, colon).trim(), bw);
    }

    /** {@code <media> <port>[/<number of ports>] <proto> <fmt> ...}. */
    private static boolean mediaLine(MediaBuilder m, String v) {
        String[] f = fields(v);
        if (f.length < 3) {
            m.valid = false;
            if (f.length > 0) {
                m.mediaType = f[0];
            }
            return false;
        }
        m.mediaType = f[0];
        String portField = f[1];
        int slash = portField.indexOf('/');
        m.port = parseInt(slash < 0 ? portField : portField.substring(0, slash));
        if (slash >= 0) {
            m.portCount = parseInt(portField.substring(slash + 1));
        }
        m.proto = f[2];
        for (int i = 3; i < f.length; i++) {
            m.formats.add(f[i]);
        }
        m.valid = m.port >= 0 && m.port <= 65535 && m.portCount >= 1;
        if (!m.valid) {
            m.portCount = Math.max(m.portCount, 1);
            if (m.port > 65535) {
                m.port = -1;
            }
        }
        return m.valid;
    }

    private static boolean attribute(SessionBuilder s, MediaBuilder m, String v) {
        int colon = v.indexOf(':');
        String name = (colon < 0 ? v : v.substring(0, colon)).trim();
        String value = colon < 0 ? null : v.substring(colon + 1);
        if (name.isEmpty()) {
            return false;
        }
        String lname = name.toLowerCase(Locale.ROOT);
        SdpAttribute attr = new SdpAttribute(lname, value);
        (m != null ? m.attributes : s.attributes).add(attr);
        SdpDirection dir = value == null ? SdpDirection.ofAttribute(lname) : null;
        if (dir != null) {
            if (m != null) {
                m.direction = dir;
            } else {
                s.direction = dir;
            }
            return true;
        }
        switch (lname) {
            case "rtpmap":
                return m != null && rtpmap(m, value);
            case "ptime":
            case "maxptime": {
                int ms = value == null ? -1 : parseLeadingInt(value.trim());
                if (m == null || ms < 0) {
                    return m == null && ms >= 0;
                }
                if (lname.equals("ptime")) {
                    m.ptimeMillis = ms;
                } else {
                    m.maxptimeMillis = ms;
                }
                return true;
            }
            case "rtcp":
                return m != null && rtcp(m, value);
            case "rtcp-mux":
                if (m != null) {
                    m.rtcpMux = true;
                }
                return true;
            case "fingerprint":
                if (value == null || fields(value).length != 2) {
                    return false;
                }
                if (m != null) {
                    m.fingerprint = value.trim();
                } else {
                    s.fingerprint = value.trim();
                }
                return true;
            case "setup":
                if (value == null || value.isBlank()) {
                    return false;
                }
                if (m != null) {
                    m.setup = value.trim().toLowerCase(Locale.ROOT);
                } else {
                    s.setup = value.trim().toLowerCase(Locale.ROOT);
                }
                return true;
            case "ice-ufrag":
                if (m != null) {
                    m.iceUfrag = true;
                } else {
                    s.iceUfrag = true;
                }
                return value != null && !value.isBlank();
            case "fmtp":
            case "crypto":
                return value != null && fields(value).length >= 2;
            default:
                return true;
        }
    }

    /** {@code <payload type> <encoding name>/<clock rate>[/<encoding parameters>]}. */
    private static boolean rtpmap(MediaBuilder m, String v) {
        if (v == null) {
            return false;
        }
        String[] f = fields(v);
        if (f.length != 2) {
            return false;
        }
        int pt = parseInt(f[0]);
        String[] enc = f[1].split("/", -1);
        if (pt < 0 || pt > 127 || enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
            return false;
        }
        int clock = parseInt(enc[1]);
        int channels = enc.length == 3 ? parseInt(enc[2]) : 1;
        if (clock <= 0 || channels <= 0) {
            return false;
        }
        m.rtpMaps.add(new SdpRtpMap(pt, enc[0], clock, channels, false));
        return true;
    }

    /** {@code <port> [<nettype> <addrtype> <connection-address>]} (RFC 3605). */
    private static boolean rtcp(MediaBuilder m, String v) {
        if (v == null) {
            return false;
        }
        String[] f = fields(v);
        if (f.length != 1 && f.length != 4) {
            return false;
        }
        int port = parseInt(f[0]);
        if (port < 0 || port > 65535) {
            return false;
        }
        m.rtcpPort = port;
        if (f.length == 4) {
            m.rtcpConnection = connection(f[1] + " " + f[2] + " " + f[3]);
            return m.rtcpConnection != null;
        }
        return true;
    }

    private static String[] fields(String v) {
        String t = v.trim();
        return t.isEmpty() ? new String[0] : t.split("[ \t]+");
    }

    /** A non-negative decimal int of at most 9 digits, or -1. */
    static int parseInt(String s) {
        long v = parseLong(s);
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    /** A non-negative decimal of at most 18 digits, or -1. */
    static long parseLong(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The leading digits of {@code s} (e.g. 20 for {@code 20.5}), or -1 when it does not start with one. */
    private static int parseLeadingInt(String s) {
        int i = 0;
        while (i < s.length() && i < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i == 0 ? -1 : Integer.parseInt(s.substring(0, i));
    }
}
