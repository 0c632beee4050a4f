package dev.sipscope.decoder.sdp;

import dev.sipscope.decoder.ByteScan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads SDP text (RFC 4566 §5, RFC 8866) into an {@link SdpSession}.
 *
 * <p>Lenient by design: lines end in CRLF or LF; the order of line types is not enforced; a line
 * that is not {@code <letter>=<value>}, or whose value does not follow its type's grammar, is
 * counted in {@link SdpSession#malformedLines()} and skipped (a malformed m= line still opens a
 * media section, marked invalid, so that its attributes are not given to the previous one).
 * Attributes before the first m= are session-level, the others belong to the last m=. Never throws;
 * the work is linear in the input.
 *
 * <h2>How</h2>
 * One scan over the UTF-8 bytes: lines, {@code <type>=} and the whitespace-separated fields of a
 * value are found as byte ranges (every delimiter is ASCII, so no range splits a multi-byte
 * character), numbers are read from the bytes, and a String is made only for a value the session
 * keeps; short tokens that nearly every SDP carries ({@code IN}, {@code IP4}, {@code RTP/AVP},
 * {@code PCMU}, {@code rtpmap}, ...) come from {@link SdpTokens} without allocating. Fields are split
 * on runs of spaces and tabs after trimming the value of every character up to U+0020, as
 * {@code value.trim().split("[ \t]+")} would.
 */
public final class SdpParser {
    private SdpParser() {
    }

    /** Parses {@code text} (its UTF-8 encoding; an unpaired surrogate reads as {@code ?}). */
    public static SdpSession parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    /** Parses {@code b[off, off+len)} as UTF-8 text. */
    public static SdpSession parse(byte[] b, int off, int len) {
        return new SdpParser.Scan(b).run(off, off + len);
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

    /** A non-negative decimal of at most 18 digits in {@code b[s, e)}, or -1. */
    static long parseLong(byte[] b, int s, int e) {
        if (e <= s || e - s > 18) {
            return -1;
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            int c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** A non-negative decimal int of at most 9 digits in {@code b[s, e)}, or -1. */
    static int parseInt(byte[] b, int s, int e) {
        long v = parseLong(b, s, e);
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    /**
     * One parse: the input and a reusable table of field ranges ({@code start, end} pairs), grown
     * only for a line with more fields than it holds, so never beyond the line's length.
     */
    private static final class Scan {
        private final byte[] b;
        private int[] fields = new int[32];

        Scan(byte[] b) {
            this.b = b;
        }

        SdpSession run(int off, int end) {
            SessionBuilder s = new SessionBuilder();
            List<MediaBuilder> media = new ArrayList<>(2);
            MediaBuilder m = null;
            int p = off;
            while (p < end) {
                int lf = ByteScan.indexOf(b, p, end, (byte) '\n');
                int e = lf < 0 ? end : lf;
                int ls = p;
                int le = e > p && b[e - 1] == '\r' ? e - 1 : e;
                p = lf < 0 ? end : lf + 1;
                if (isBlank(ls, le)) {
                    continue;
                }
                if (le - ls < 2 || b[ls + 1] != '=' || b[ls] < 'a' || b[ls] > 'z') {
                    s.malformedLines++;
                    continue;
                }
                byte type = b[ls];
                int vs = ls + 2;
                boolean ok;
                switch (type) {
                    case 'v': {
                        int ts = trimStart(vs, le);
                        s.version = parseInt(b, ts, trimEnd(ts, le));
                        ok = s.version >= 0;
                        break;
                    }
                    case 'o':
                        ok = origin(s, vs, le);
                        break;
                    case 's':
                        s.sessionName = text(vs, le);
                        ok = true;
                        break;
                    case 'c': {
                        SdpConnection c = connection(vs, le);
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
                        SdpBandwidth bw = bandwidth(vs, le);
                        ok = bw != null;
                        if (ok) {
                            (m != null ? m.bandwidths : s.bandwidths).add(bw);
                        }
                        break;
                    }
                    case 't': {
                        int n = split(vs, le);
                        long start = n == 2 ? parseLong(b, fields[0], fields[1]) : -1;
                        long stop = n == 2 ? parseLong(b, fields[2], fields[3]) : -1;
                        ok = start >= 0 && stop >= 0;
                        if (ok) {
                            s.timings.add(new SdpTiming(start, stop));
                        }
                        break;
                    }
                    case 'm':
                        m = new MediaBuilder();
                        media.add(m);
                        ok = mediaLine(m, vs, le);
                        break;
                    case 'a':
                        ok = attribute(s, m, vs, le);
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

        private boolean origin(SessionBuilder s, int vs, int ve) {
            if (split(vs, ve) != 6) {
                return false;
            }
            s.origin = new SdpOrigin(field(0), field(1), field(2), field(3), field(4), field(5));
            return true;
        }

        /** {@code <nettype> <addrtype> <address>[/<ttl>][/<count>]} in {@code b[vs, ve)}; null when malformed. */
        SdpConnection connection(int vs, int ve) {
            if (split(vs, ve) != 3) {
                return null;
            }
            return connection(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
        }

        private SdpConnection connection(int ns, int ne, int ts, int te, int as, int ae) {
            // The address field splits on '/' into one to three parts: address, TTL (IPv4) or count.
            int slash1 = ByteScan.indexOf(b, as, ae, (byte) '/');
            int slash2 = slash1 < 0 ? -1 : ByteScan.indexOf(b, slash1 + 1, ae, (byte) '/');
            if (slash2 >= 0 && ByteScan.indexOf(b, slash2 + 1, ae, (byte) '/') >= 0) {
                return null;
            }
            int addrEnd = slash1 < 0 ? ae : slash1;
            if (addrEnd == as) {
                return null;
            }
            int ttl = -1;
            int count = 1;
            boolean ip6 = equalsIgnoreCase(ts, te, "IP6");
            if (slash1 >= 0) {
                int x = parseInt(b, slash1 + 1, slash2 < 0 ? ae : slash2);
                if (x < 0) {
                    return null;
                }
                if (ip6) {
                    count = x;
                } else {
                    ttl = x;
                }
            }
            if (slash2 >= 0) {
                count = parseInt(b, slash2 + 1, ae);
                if (count < 0 || ip6) {
                    return null;
                }
            }
            return new SdpConnection(text(ns, ne), text(ts, te), text(as, addrEnd), ttl, Math.max(count, 1));
        }

        private SdpBandwidth bandwidth(int vs, int ve) {
            int colon = ByteScan.indexOf(b, vs, ve, (byte) ':');
            if (colon <= vs) {
                return null;
            }
            int ns = trimStart(colon + 1, ve);
            long bw = parseLong(b, ns, trimEnd(ns, ve));
            if (bw < 0) {
                return null;
            }
            int ts = trimStart(vs, colon);
            return new SdpBandwidth(text(ts, trimEnd(ts, colon)), bw);
        }

        /** {@code <media> <port>[/<number of ports>] <proto> <fmt> ...}. */
        private boolean mediaLine(MediaBuilder m, int vs, int ve) {
            int n = split(vs, ve);
            if (n < 3) {
                m.valid = false;
                if (n > 0) {
                    m.mediaType = field(0);
                }
                return false;
            }
            m.mediaType = field(0);
            int ps = fields[2];
            int pe = fields[3];
            int slash = ByteScan.indexOf(b, ps, pe, (byte) '/');
            m.port = parseInt(b, ps, slash < 0 ? pe : slash);
            if (slash >= 0) {
                m.portCount = parseInt(b, slash + 1, pe);
            }
            m.proto = field(2);
            for (int i = 3; i < n; i++) {
                m.formats.add(field(i));
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

        private boolean attribute(SessionBuilder s, MediaBuilder m, int vs, int ve) {
            int colon = ByteScan.indexOf(b, vs, ve, (byte) ':');
            int ns = trimStart(vs, colon < 0 ? ve : colon);
            int ne = trimEnd(ns, colon < 0 ? ve : colon);
            if (ne == ns) {
                return false;
            }
            String lname = lowerName(ns, ne);
            int valueStart = colon + 1;
            String value = colon < 0 ? null : text(valueStart, ve);
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
                    return m != null && value != null && rtpmap(m, valueStart, ve);
                case "ptime":
                case "maxptime": {
                    int ms = -1;
                    if (value != null) {
                        int ts = trimStart(valueStart, ve);
                        ms = parseLeadingInt(ts, trimEnd(ts, ve));
                    }
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
                    return m != null && value != null && rtcp(m, valueStart, ve);
                case "rtcp-mux":
                    if (m != null) {
                        m.rtcpMux = true;
                    }
                    return true;
                case "fingerprint":
                    if (value == null || split(valueStart, ve) != 2) {
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
                    return value != null && split(valueStart, ve) >= 2;
                default:
                    return true;
            }
        }

        /** {@code <payload type> <encoding name>/<clock rate>[/<encoding parameters>]}. */
        private boolean rtpmap(MediaBuilder m, int vs, int ve) {
            if (split(vs, ve) != 2) {
                return false;
            }
            int pt = parseInt(b, fields[0], fields[1]);
            int es = fields[2];
            int ee = fields[3];
            int slash1 = ByteScan.indexOf(b, es, ee, (byte) '/');
            int slash2 = slash1 < 0 ? -1 : ByteScan.indexOf(b, slash1 + 1, ee, (byte) '/');
            if (pt < 0 || pt > 127 || slash1 < 0 || slash1 == es
                    || slash2 >= 0 && ByteScan.indexOf(b, slash2 + 1, ee, (byte) '/') >= 0) {
                return false;
            }
            int clock = parseInt(b, slash1 + 1, slash2 < 0 ? ee : slash2);
            int channels = slash2 >= 0 ? parseInt(b, slash2 + 1, ee) : 1;
            if (clock <= 0 || channels <= 0) {
                return false;
            }
            m.rtpMaps.add(new SdpRtpMap(pt, text(es, slash1), clock, channels, false));
            return true;
        }

        /** {@code <port> [<nettype> <addrtype> <connection-address>]} (RFC 3605). */
        private boolean rtcp(MediaBuilder m, int vs, int ve) {
            int n = split(vs, ve);
            if (n != 1 && n != 4) {
                return false;
            }
            int port = parseInt(b, fields[0], fields[1]);
            if (port < 0 || port > 65535) {
                return false;
            }
            m.rtcpPort = port;
            if (n == 4) {
                // The three fields are read as one connection value, trimmed and split again.
                m.rtcpConnection = connection(fields[2], fields[7]);
                return m.rtcpConnection != null;
            }
            return true;
        }

        /**
         * Splits {@code b[vs, ve)}, trimmed, at runs of spaces and tabs into {@link #fields}; returns
         * how many fields (0 for an empty value).
         */
        private int split(int vs, int ve) {
            int s = trimStart(vs, ve);
            int e = trimEnd(s, ve);
            int n = 0;
            int i = s;
            while (i < e) {
                int fs = i;
                while (i < e && b[i] != ' ' && b[i] != '\t') {
                    i++;
                }
                if (2 * n + 2 > fields.length) {
                    fields = Arrays.copyOf(fields, fields.length * 2);
                }
                fields[2 * n] = fs;
                fields[2 * n + 1] = i;
                n++;
                while (i < e && (b[i] == ' ' || b[i] == '\t')) {
                    i++;
                }
            }
            return n;
        }

        private String field(int i) {
            return text(fields[2 * i], fields[2 * i + 1]);
        }

        /** As {@code String.trim}: skips every byte up to U+0020 (never part of a multi-byte character). */
        private int trimStart(int s, int e) {
            while (s < e && (b[s] & 0xff) <= ' ') {
                s++;
            }
            return s;
        }

        private int trimEnd(int s, int e) {
            while (e > s && (b[e - 1] & 0xff) <= ' ') {
                e--;
            }
            return e;
        }

        /** As {@code String.isBlank} on the decoded line. */
        private boolean isBlank(int s, int e) {
            boolean nonAscii = false;
            for (int i = s; i < e; i++) {
                int c = b[i] & 0xff;
                if (c >= 0x80) {
                    nonAscii = true;
                } else if (!Character.isWhitespace(c)) {
                    return false;
                }
            }
            return !nonAscii || text(s, e).isBlank();
        }

        /** The leading digits (at most 9) of {@code b[s, e)}, or -1 when it does not start with one. */
        private int parseLeadingInt(int s, int e) {
            int i = s;
            while (i < e && i - s < 9 && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            return i == s ? -1 : parseInt(b, s, i);
        }

        /** As {@code String.equalsIgnoreCase} on the decoded range. */
        private boolean equalsIgnoreCase(int s, int e, String ascii) {
            for (int i = s; i < e; i++) {
                if (b[i] < 0) {
                    return text(s, e).equalsIgnoreCase(ascii);
                }
            }
            if (e - s != ascii.length()) {
                return false;
            }
            for (int i = 0; i < ascii.length(); i++) {
                if (Character.toLowerCase((char) b[s + i]) != Character.toLowerCase(ascii.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private String text(int s, int e) {
            return SdpTokens.text(b, s, e);
        }

        /** The attribute name lower-cased as {@code toLowerCase(Locale.ROOT)} would. */
        private String lowerName(int s, int e) {
            String known = SdpTokens.lowerCaseName(b, s, e);
            return known != null ? known : text(s, e).toLowerCase(Locale.ROOT);
        }
    }

    /** Session-level state while reading. */
    static final class SessionBuilder {
        int version = -1;
        SdpOrigin origin;
        String sessionName;
        SdpConnection connection;
        final List<SdpBandwidth> bandwidths = new ArrayList<>();
        final List<SdpTiming> timings = new ArrayList<>();
        final List<SdpAttribute> attributes = new ArrayList<>();
        SdpDirection direction;
        String fingerprint;
        String setup;
        boolean iceUfrag;
        int malformedLines;
    }

    /** One media section while reading. */
    static final class MediaBuilder {
        String mediaType = "";
        int port = -1;
        int portCount = 1;
        String proto = "";
        final List<String> formats = new ArrayList<>();
        SdpConnection connection;
        final List<SdpBandwidth> bandwidths = new ArrayList<>();
        final List<SdpAttribute> attributes = new ArrayList<>();
        final List<SdpRtpMap> rtpMaps = new ArrayList<>();
        int ptimeMillis = -1;
        int maxptimeMillis = -1;
        int rtcpPort = -1;
        SdpConnection rtcpConnection;
        boolean rtcpMux;
        SdpDirection direction;
        String fingerprint;
        String setup;
        boolean iceUfrag;
        boolean valid = true;
    }
}
