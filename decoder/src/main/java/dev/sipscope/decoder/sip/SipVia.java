package dev.sipscope.decoder.sip;

import java.nio.charset.StandardCharsets;

/**
 * One Via value (RFC 3261 §20.42): {@code SIP/2.0/UDP host:port;branch=z9hG4bK...;rport;received=...}.
 * White space is allowed around the slashes and before parameters. Immutable; never throws; a value
 * that does not follow the grammar is kept with {@link #isValid()} false and as much as could be read.
 */
public final class SipVia {
    /** RFC 3261 §8.1.1.7: branches that start with this cookie are unique per transaction. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    // The value's bytes (never changed after parsing: a message's own copy or a private copy) and
    // where each part lies; the Strings are made when first asked for and then kept. Each cache is
    // one reference to an immutable value, so a racy first call can only compute the same value twice.
    private final byte[] b;
    private final int off;
    private final int end;
    private final int nameStart;
    private final int nameEnd;
    private final int versionStart;
    private final int versionEnd;
    private final int transportStart;
    private final int transportEnd;
    private final int hostStart;
    private final int hostEnd;
    private final boolean ipv6;
    private final int port;
    /**
     * End of the sent-by when its bytes are already {@link #sentBy()}'s text: ASCII, not IPv6, no
     * white space around the colon, the port's digits as {@code Integer.toString} writes them (or no
     * port); -1 otherwise.
     */
    private final int sentByEnd;
    private final int paramsStart;
    private final boolean valid;

    private String text;
    private String protocolName;
    private String protocolVersion;
    private String transport;
    private String host;
    private String sentBy;
    private String sentByLower;
    private SipParams params;
    private Object branch;

    /** Marks a cached parameter that was looked for and is absent. */
    private static final Object ABSENT = new Object();

    private SipVia(byte[] b, int off, int end, int[] spans, int hostStart, int hostEnd, boolean ipv6, int port,
                   int sentByEnd, int paramsStart, boolean valid) {
        this.b = b;
        this.off = off;
        this.end = end;
        this.nameStart = spans[0];
        this.nameEnd = spans[1];
        this.versionStart = spans[2];
        this.versionEnd = spans[3];
        this.transportStart = spans[4];
        this.transportEnd = spans[5];
        this.hostStart = hostStart;
        this.hostEnd = hostEnd;
        this.ipv6 = ipv6;
        this.port = port;
        this.sentByEnd = sentByEnd;
        this.paramsStart = paramsStart;
        this.valid = valid;
    }

    public static SipVia parse(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        return parseOwned(b, 0, b.length);
    }

    /** Parses {@code b[off, end)}; the range is copied, so {@code b} may be reused afterwards. */
    public static SipVia parse(byte[] b, int off, int end) {
        return parseOwned(java.util.Arrays.copyOfRange(b, off, end), 0, end - off);
    }

    /**
     * Parses {@code b[off, end)} without copying: the caller guarantees those bytes never change
     * (a {@link SipMessage}'s own bytes).
     */
    static SipVia parseOwned(byte[] b, int off, int end) {
        off = SipBytes.skipLws(b, off, end);
        end = SipBytes.trimEnd(b, off, end);
        boolean valid = true;
        int p = off;
        // name, version and transport spans; a part not reached reads as empty
        int[] spans = {off, off, off, off, off, off};
        int[] span = new int[2];
        p = token(b, p, end, span);
        spans[0] = span[0];
        spans[1] = span[1];
        p = slash(b, p, end);
        valid &= p >= 0;
        if (p >= 0) {
            p = token(b, p, end, span);
            spans[2] = span[0];
            spans[3] = span[1];
            p = slash(b, p, end);
            valid &= p >= 0;
            if (p >= 0) {
                p = token(b, p, end, span);
                spans[4] = span[0];
                spans[5] = span[1];
            }
        }
        if (p < 0) {
            return new SipVia(b, off, end, spans, -1, -1, false, -1, -1, -1, false);
        }
        valid &= spans[1] > spans[0] && spans[3] > spans[2] && spans[5] > spans[4];
        p = SipBytes.skipLws(b, p, end);
        int hostStart;
        int hostEnd;
        boolean ipv6 = false;
        boolean ascii = true;
        if (p < end && b[p] == '[') {
            int close = SipBytes.indexOf(b, p, end, ']');
            if (close < 0) {
                valid = false;
                close = end;
            }
            hostStart = p + 1;
            hostEnd = close;
            ipv6 = true;
            p = Math.min(close + 1, end);
        } else {
            int hs = p;
            while (p < end && b[p] != ':' && b[p] != ';' && !SipBytes.isLws(b[p])) {
                ascii &= b[p] >= 0;
                p++;
            }
            hostStart = hs;
            hostEnd = p;
        }
        valid &= hostEnd > hostStart;
        int sentByEnd = ascii && !ipv6 && hostEnd > hostStart ? hostEnd : -1;
        p = SipBytes.skipLws(b, p, end);
        int port = -1;
        if (p < end && b[p] == ':') {
            if (p != hostEnd) {
                sentByEnd = -1;
            }
            int colon = p;
            p = SipBytes.skipLws(b, p + 1, end);
            int ps = p;
            while (p < end && SipBytes.isDigit(b[p])) {
                p++;
            }
            long v = SipBytes.parseDecimal(b, ps, p - ps);
            if (v < 0 || v > 65535) {
                valid = false; // not a port number: sentBy() is the host alone, as sentByEnd still says
            } else {
                port = (int) v;
                if (ps != colon + 1 || (b[ps] == '0' && p - ps > 1)) {
                    sentByEnd = -1;
                } else if (sentByEnd >= 0) {
                    sentByEnd = p;
                }
            }
            p = SipBytes.skipLws(b, p, end);
        }
        int paramsStart = -1;
        if (p < end) {
            if (b[p] == ';') {
                paramsStart = p;
            } else {
                valid = false;
            }
        }
        return new SipVia(b, off, end, spans, hostStart, hostEnd, ipv6, port, sentByEnd, paramsStart, valid);
    }

    private static int token(byte[] b, int p, int end, int[] span) {
        p = SipBytes.skipLws(b, p, end);
        span[0] = p;
        while (p < end && SipBytes.isTokenChar(b[p])) {
            p++;
        }
        span[1] = p;
        return p;
    }

    private static int slash(byte[] b, int p, int end) {
        p = SipBytes.skipLws(b, p, end);
        return p < end && b[p] == '/' ? p + 1 : -1;
    }

    public String text() {
        String t = text;
        if (t == null) {
            t = SipBytes.text(b, off, end - off);
            text = t;
        }
        return t;
    }

    /** Normally {@code SIP}. */
    public String protocolName() {
        String t = protocolName;
        if (t == null) {
            t = SipBytes.text(b, nameStart, nameEnd - nameStart);
            protocolName = t;
        }
        return t;
    }

    /** Normally {@code 2.0}. */
    public String protocolVersion() {
        String t = protocolVersion;
        if (t == null) {
            t = SipBytes.text(b, versionStart, versionEnd - versionStart);
            protocolVersion = t;
        }
        return t;
    }

    /** Upper case: {@code UDP}, {@code TCP}, {@code TLS}, {@code SCTP}, {@code WS}, {@code WSS}... */
    public String transport() {
        String t = transport;
        if (t == null) {
            t = SipBytes.text(b, transportStart, transportEnd - transportStart).toUpperCase(java.util.Locale.ROOT);
            transport = t;
        }
        return t;
    }

    /** The sent-by host, IPv6 without brackets; null when unreadable. */
    public String host() {
        if (hostStart < 0) {
            return null;
        }
        String t = host;
        if (t == null) {
            t = SipBytes.text(b, hostStart, hostEnd - hostStart);
            host = t;
        }
        return t;
    }

    public boolean isIpv6() {
        return ipv6;
    }

    /** The sent-by port, or -1 when absent. */
    public int port() {
        return port;
    }

    /** {@code host[:port]} with IPv6 in brackets, as used for transaction matching (RFC 3261 §17.2.3). */
    public String sentBy() {
        String host = host();
        if (host == null) {
            return null;
        }
        String s = sentBy;
        if (s == null) {
            String h = ipv6 ? "[" + host + "]" : host;
            s = port < 0 ? h : h + ":" + port;
            sentBy = s;
        }
        return s;
    }

    public SipParams params() {
        SipParams ps = params;
        if (ps == null) {
            ps = paramsStart < 0 ? SipParams.EMPTY : SipParams.parseHeaderParams(b, paramsStart, end);
            params = ps;
        }
        return ps;
    }

    /** The {@code branch} parameter, or null. */
    /**
     * {@link #sentBy()} in lower case (host names compare without case; the correlator's transaction
     * keys use this), or null; made once.
     */
    public String sentByLowerCase() {
        String s = sentByLower;
        if (s == null) {
            if (sentByEnd >= 0) {
                // The common case, on every message: one string straight from the bytes, instead of
                // the host's, their concatenation with the port and its lower-case copy.
                s = SipBytes.lowerAscii(b, hostStart, sentByEnd - hostStart);
            } else {
                String v = sentBy();
                if (v == null) {
                    return null;
                }
                s = v.toLowerCase(java.util.Locale.ROOT);
            }
            sentByLower = s;
        }
        return s;
    }

    public String branch() {
        Object br = branch;
        if (br == null) {
            // Only the branch parameter is read (the correlator asks for it on every message).
            SipParams ps = params;
            String v = ps != null ? ps.get("branch")
                    : paramsStart < 0 ? null : SipParams.find(b, paramsStart, end, "branch");
            br = v == null ? ABSENT : v;
            branch = br;
        }
        return br == ABSENT ? null : (String) br;
    }

    /** Whether the branch starts with the RFC 3261 magic cookie {@code z9hG4bK}. */
    public boolean hasRfc3261Branch() {
        String br = branch();
        return br != null && br.startsWith(MAGIC_COOKIE);
    }

    /** The {@code received} parameter, or null. */
    public String received() {
        return params().get("received");
    }

    /** Whether an {@code rport} parameter is present, with or without value (RFC 3581). */
    public boolean hasRport() {
        return params().has("rport");
    }

    /** The {@code rport} value, or -1 when absent, empty or not a port number. */
    public int rport() {
        String v = params().get("rport");
        long p = v == null ? -1 : SipAddress.parseLong(v);
        return p >= 0 && p <= 65535 ? (int) p : -1;
    }

    /** The {@code maddr} parameter, or null. */
    public String maddr() {
        return params().get("maddr");
    }

    /** The {@code ttl} parameter, or -1 when absent or not a number. */
    public int ttl() {
        String v = params().get("ttl");
        long t = v == null ? -1 : SipAddress.parseLong(v);
        return t >= 0 && t <= 255 ? (int) t : -1;
    }

    public boolean isValid() {
        return valid;
    }

    @Override
    public String toString() {
        return text();
    }
}
