package dev.sipscope.decoder.sip;

import java.nio.charset.StandardCharsets;

/**
 * The eager Via reader that {@link SipVia} replaced, kept as the oracle it is compared with
 * ({@code SipAccessorEquivalenceTest}). One Via value (RFC 3261 §20.42): {@code SIP/2.0/UDP host:port;branch=z9hG4bK...;rport;received=...}.
 * White space is allowed around the slashes and before parameters. Immutable; never throws; a value
 * that does not follow the grammar is kept with {@link #isValid()} false and as much as could be read.
 */
final class LegacySipVia {
    /** RFC 3261 §8.1.1.7: branches that start with this cookie are unique per transaction. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private final String text;
    private final String protocolName;
    private final String protocolVersion;
    private final String transport;
    private final String host;
    private final boolean ipv6;
    private final int port;
    private final SipParams params;
    private final boolean valid;

    private LegacySipVia(String text, String protocolName, String protocolVersion, String transport, String host,
                   boolean ipv6, int port, SipParams params, boolean valid) {
        this.text = text;
        this.protocolName = protocolName;
        this.protocolVersion = protocolVersion;
        this.transport = transport;
        this.host = host;
        this.ipv6 = ipv6;
        this.port = port;
        this.params = params;
        this.valid = valid;
    }

    public static LegacySipVia parse(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    /** Parses one Via value {@code b[off, end)} (already split from its neighbours). */
    public static LegacySipVia parse(byte[] b, int off, int end) {
        off = SipBytes.skipLws(b, off, end);
        end = SipBytes.trimEnd(b, off, end);
        String text = SipBytes.text(b, off, end - off);
        boolean valid = true;
        int p = off;
        int[] span = new int[2];
        p = token(b, p, end, span);
        String name = SipBytes.text(b, span[0], span[1] - span[0]);
        p = slash(b, p, end);
        valid &= p >= 0;
        String version = "";
        String transport = "";
        if (p >= 0) {
            p = token(b, p, end, span);
            version = SipBytes.text(b, span[0], span[1] - span[0]);
            p = slash(b, p, end);
            valid &= p >= 0;
            if (p >= 0) {
                p = token(b, p, end, span);
                transport = SipBytes.text(b, span[0], span[1] - span[0]).toUpperCase(java.util.Locale.ROOT);
            }
        }
        if (p < 0) {
            return new LegacySipVia(text, name, version, transport, null, false, -1, SipParams.EMPTY, false);
        }
        valid &= !name.isEmpty() && !version.isEmpty() && !transport.isEmpty();
        p = SipBytes.skipLws(b, p, end);
        String host;
        boolean ipv6 = false;
        if (p < end && b[p] == '[') {
            int close = SipBytes.indexOf(b, p, end, ']');
            if (close < 0) {
                valid = false;
                close = end;
            }
            host = SipBytes.text(b, p + 1, close - p - 1);
            ipv6 = true;
            p = Math.min(close + 1, end);
        } else {
            int hs = p;
            while (p < end && b[p] != ':' && b[p] != ';' && !SipBytes.isLws(b[p])) {
                p++;
            }
            host = SipBytes.text(b, hs, p - hs);
        }
        valid &= !host.isEmpty();
        p = SipBytes.skipLws(b, p, end);
        int port = -1;
        if (p < end && b[p] == ':') {
            p = SipBytes.skipLws(b, p + 1, end);
            int ps = p;
            while (p < end && SipBytes.isDigit(b[p])) {
                p++;
            }
            long v = SipBytes.parseDecimal(b, ps, p - ps);
            if (v < 0 || v > 65535) {
                valid = false;
            } else {
                port = (int) v;
            }
            p = SipBytes.skipLws(b, p, end);
        }
        SipParams params = SipParams.EMPTY;
        if (p < end) {
            if (b[p] == ';') {
                params = SipParams.parseHeaderParams(b, p, end);
            } else {
                valid = false;
            }
        }
        return new LegacySipVia(text, name, version, transport, host, ipv6, port, params, valid);
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
        return text;
    }

    /** Normally {@code SIP}. */
    public String protocolName() {
        return protocolName;
    }

    /** Normally {@code 2.0}. */
    public String protocolVersion() {
        return protocolVersion;
    }

    /** Upper case: {@code UDP}, {@code TCP}, {@code TLS}, {@code SCTP}, {@code WS}, {@code WSS}... */
    public String transport() {
        return transport;
    }

    /** The sent-by host, IPv6 without brackets; null when unreadable. */
    public String host() {
        return host;
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
        if (host == null) {
            return null;
        }
        String h = ipv6 ? "[" + host + "]" : host;
        return port < 0 ? h : h + ":" + port;
    }

    public SipParams params() {
        return params;
    }

    /** The {@code branch} parameter, or null. */
    public String branch() {
        return params.get("branch");
    }

    /** Whether the branch starts with the RFC 3261 magic cookie {@code z9hG4bK}. */
    public boolean hasRfc3261Branch() {
        String br = branch();
        return br != null && br.startsWith(MAGIC_COOKIE);
    }

    /** The {@code received} parameter, or null. */
    public String received() {
        return params.get("received");
    }

    /** Whether an {@code rport} parameter is present, with or without value (RFC 3581). */
    public boolean hasRport() {
        return params.has("rport");
    }

    /** The {@code rport} value, or -1 when absent, empty or not a port number. */
    public int rport() {
        String v = params.get("rport");
        long p = v == null ? -1 : SipAddress.parseLong(v);
        return p >= 0 && p <= 65535 ? (int) p : -1;
    }

    /** The {@code maddr} parameter, or null. */
    public String maddr() {
        return params.get("maddr");
    }

    /** The {@code ttl} parameter, or -1 when absent or not a number. */
    public int ttl() {
        String v = params.get("ttl");
        long t = v == null ? -1 : SipAddress.parseLong(v);
        return t >= 0 && t <= 255 ? (int) t : -1;
    }

    public boolean isValid() {
        return valid;
    }

    @Override
    public String toString() {
        return text;
    }
}
