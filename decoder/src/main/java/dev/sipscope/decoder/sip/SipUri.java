package dev.sipscope.decoder.sip;

import java.nio.charset.StandardCharsets;

/**
 * A parsed URI from a request line or a name-addr: {@code sip:} and {@code sips:} (RFC 3261
 * §19.1: user, host, port, uri-parameters, headers), {@code tel:} (RFC 3966: the number and its
 * parameters), and any other scheme kept as text only.
 *
 * <p>The password of a {@code user:password@host} form is never kept (only {@link #hasPassword()}):
 * such URIs are deprecated (RFC 3261 §19.1.1) and a capture viewer has no use for the secret.
 * User and parameter values stay %-escaped as written. IPv6 hosts are given without brackets
 * ({@link #isIpv6()} tells). Immutable; never throws on malformed input ({@link #isValid()} false).
 */
public final class SipUri {
    /** URI schemes told apart. */
    public enum Scheme { SIP, SIPS, TEL, OTHER }

    private final String text;
    private final Scheme scheme;
    private final String schemeName;
    private final String user;
    private final boolean hasPassword;
    private final String host;
    private final boolean ipv6;
    private final int port;
    private final SipParams params;
    private final SipParams headers;
    private final boolean valid;

    private SipUri(String text, Scheme scheme, String schemeName, String user, boolean hasPassword, String host,
                   boolean ipv6, int port, SipParams params, SipParams headers, boolean valid) {
        this.text = text;
        this.scheme = scheme;
        this.schemeName = schemeName;
        this.user = user;
        this.hasPassword = hasPassword;
        this.host = host;
        this.ipv6 = ipv6;
        this.port = port;
        this.params = params;
        this.headers = headers;
        this.valid = valid;
    }

    public static SipUri parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    /** Parses {@code b[off, end)} (surrounding white space ignored). */
    public static SipUri parse(byte[] b, int off, int end) {
        off = SipBytes.skipLws(b, off, end);
        end = SipBytes.trimEnd(b, off, end);
        String text = SipBytes.text(b, off, end - off);
        int colon = SipBytes.indexOf(b, off, end, ':');
        boolean schemeOk = colon > off && SipBytes.isAlpha(b[off]);
        for (int i = off; schemeOk && i < colon; i++) {
            byte c = b[i];
            schemeOk = SipBytes.isAlpha(c) || SipBytes.isDigit(c) || c == '+' || c == '-' || c == '.';
        }
        if (!schemeOk) {
            return new SipUri(text, Scheme.OTHER, "", null, false, null, false, -1, SipParams.EMPTY, SipParams.EMPTY,
                    false);
        }
        String schemeName = SipBytes.lowerAscii(b, off, colon - off);
        int p = colon + 1;
        switch (schemeName) {
            case "sip":
                return parseSip(b, p, end, text, Scheme.SIP, schemeName);
            case "sips":
                return parseSip(b, p, end, text, Scheme.SIPS, schemeName);
            case "tel": {
                int semi = SipBytes.indexOf(b, p, end, ';');
                int numberEnd = semi < 0 ? end : semi;
                String number = SipBytes.text(b, p, numberEnd - p);
                SipParams ps = semi < 0 ? SipParams.EMPTY : SipParams.parseUriPairs(b, semi + 1, end, ';');
                return new SipUri(text, Scheme.TEL, schemeName, number, false, null, false, -1, ps, SipParams.EMPTY,
                        numberEnd > p);
            }
            default:
                return new SipUri(text, Scheme.OTHER, schemeName, null, false, null, false, -1, SipParams.EMPTY,
                        SipParams.EMPTY, end > p);
        }
    }

    private static SipUri parseSip(byte[] b, int p, int end, String text, Scheme scheme, String schemeName) {
        boolean valid = true;
        String user = null;
        boolean password = false;
        int at = SipBytes.indexOf(b, p, end, '@');
        if (at >= 0) {
            int colon = SipBytes.indexOf(b, p, at, ':');
            int userEnd = colon < 0 ? at : colon;
            password = colon >= 0;
            user = SipBytes.text(b, p, userEnd - p);
            p = at + 1;
        }
        String host;
        boolean ipv6 = false;
        int q;
        if (p < end && b[p] == '[') {
            int close = SipBytes.indexOf(b, p, end, ']');
            if (close < 0) {
                valid = false;
                close = end;
            }
            host = SipBytes.text(b, p + 1, close - p - 1);
            ipv6 = true;
            q = Math.min(close + 1, end);
        } else {
            q = p;
            while (q < end && b[q] != ':' && b[q] != ';' && b[q] != '?') {
                q++;
            }
            host = SipBytes.text(b, p, q - p);
        }
        if (host.isEmpty()) {
            valid = false;
        }
        int port = -1;
        if (q < end && b[q] == ':') {
            int ps = ++q;
            while (q < end && b[q] != ';' && b[q] != '?') {
                q++;
            }
            long v = SipBytes.parseDecimal(b, ps, q - ps);
            if (v < 0 || v > 65535) {
                valid = false;
            } else {
                port = (int) v;
            }
        }
        SipParams params = SipParams.EMPTY;
        SipParams headers = SipParams.EMPTY;
        if (q < end && b[q] == ';') {
            int qm = SipBytes.indexOf(b, q, end, '?');
            int pe = qm < 0 ? end : qm;
            params = SipParams.parseUriPairs(b, q + 1, pe, ';');
            q = pe;
        }
        if (q < end && b[q] == '?') {
            headers = SipParams.parseUriPairs(b, q + 1, end, '&');
            q = end;
        }
        if (q != end) {
            valid = false;
        }
        return new SipUri(text, scheme, schemeName, user, password, host, ipv6, port, params, headers, valid);
    }

    /** The URI exactly as written (trimmed). */
    public String text() {
        return text;
    }

    public Scheme scheme() {
        return scheme;
    }

    /** The scheme in lower case, e.g. {@code sip}, {@code tel}, {@code urn}; empty when there is none. */
    public String schemeName() {
        return schemeName;
    }

    /** The user part ({@code sip:}/{@code sips:}) or the number ({@code tel:}); null when absent. */
    public String user() {
        return user;
    }

    /** Whether the userinfo carried a password (which is not kept). */
    public boolean hasPassword() {
        return hasPassword;
    }

    /** Host name or address, IPv6 without brackets; null for {@code tel:} and other schemes. */
    public String host() {
        return host;
    }

    public boolean isIpv6() {
        return ipv6;
    }

    /** The explicit port, or -1 when the URI has none. */
    public int port() {
        return port;
    }

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; null when there is no host. */
    public String hostPort() {
        if (host == null) {
            return null;
        }
        String h = ipv6 ? "[" + host + "]" : host;
        return port < 0 ? h : h + ":" + port;
    }

    /** URI parameters ({@code ;transport=tcp;lr}); for {@code tel:} the number's parameters. */
    public SipParams params() {
        return params;
    }

    /** The value of URI parameter {@code name}; null when absent or a flag. */
    public String param(String name) {
        return params.get(name);
    }

    /** The {@code ?name=value&...} headers part. */
    public SipParams headers() {
        return headers;
    }

    /** Whether the URI follows its scheme's grammar as far as this parser checks. */
    public boolean isValid() {
        return valid;
    }

    public boolean isSip() {
        return scheme == Scheme.SIP || scheme == Scheme.SIPS;
    }

    @Override
    public String toString() {
        return text;
    }
}
