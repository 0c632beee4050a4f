package dev.sipscope.decoder.sip;

import java.nio.charset.StandardCharsets;

/**
 * One {@code name-addr} or {@code addr-spec} with its header parameters (RFC 3261 §20.10, §25.1):
 * the value of From, To, Contact, Route, Record-Route, Refer-To, P-Asserted-Identity...
 *
 * <p>Forms understood: {@code "Quoted \"Name\"" <sip:a@b;lr>;tag=1}, {@code Token Name <sip:a@b>},
 * {@code <sip:a@b>}, {@code sip:a@b;tag=1} (without angle brackets every {@code ;parameter} after
 * the host belongs to the header, not to the URI, RFC 3261 §20.10) and the Contact wildcard {@code *}.
 * Immutable; never throws on malformed input.
 */
public final class SipAddress {
    private final String text;
    private final String displayName;
    private final SipUri uri;
    private final SipParams params;
    private final boolean wildcard;
    private final boolean angleBrackets;

    private SipAddress(String text, String displayName, SipUri uri, SipParams params, boolean wildcard,
                       boolean angleBrackets) {
        this.text = text;
        this.displayName = displayName;
        this.uri = uri;
        this.params = params;
        this.wildcard = wildcard;
        this.angleBrackets = angleBrackets;
    }

    public static SipAddress parse(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    /** Parses {@code b[off, end)}. */
    public static SipAddress parse(byte[] b, int off, int end) {
        off = SipBytes.skipLws(b, off, end);
        end = SipBytes.trimEnd(b, off, end);
        String text = SipBytes.text(b, off, end - off);
        if (off < end && b[off] == '*') {
            int after = SipBytes.skipLws(b, off + 1, end);
            if (after == end || b[after] == ';') {
                return new SipAddress(text, null, null, SipParams.parseHeaderParams(b, after, end), true, false);
            }
        }
        String display = null;
        int lt;
        if (off < end && b[off] == '"') {
            int qe = SipValueReader.quotedEnd(b, off, end);
            display = SipValueReader.unquote(b, off, qe);
            lt = SipBytes.indexOf(b, qe, end, '<');
            if (lt < 0) {
                // A quoted name with no <uri>: keep what follows as an addr-spec.
                return addrSpec(b, SipBytes.skipLws(b, qe, end), end, text, display);
            }
        } else {
            lt = SipValueReader.indexOfUnquoted(b, off, end, '<');
            if (lt < 0) {
                return addrSpec(b, off, end, text, null);
            }
            if (lt > off) {
                String d = SipValueReader.collapsedText(b, off, lt);
                display = d.isEmpty() ? null : d;
            }
        }
        int gt = SipBytes.indexOf(b, lt + 1, end, '>');
        int uriEnd = gt < 0 ? end : gt;
        SipUri uri = SipUri.parse(b, lt + 1, uriEnd);
        SipParams params = gt < 0 ? SipParams.EMPTY : SipParams.parseHeaderParams(b, gt + 1, end);
        return new SipAddress(text, display, uri, params, false, true);
    }

    /**
     * The {@code tag} parameter of the address in {@code b[off, end)}: exactly
     * {@code parse(b, off, end).tag()}, found by the same steps as {@link #parse} but without
     * reading the URI or the display name, and making a String only for the tag.
     */
    static String tagOf(byte[] b, int off, int end) {
        off = SipBytes.skipLws(b, off, end);
        end = SipBytes.trimEnd(b, off, end);
        int params = headerParamsStart(b, off, end);
        return params < 0 ? null : SipParams.find(b, params, end, "tag");
    }

    /**
     * The URI's text of the address in {@code b[off, end)}: exactly {@code parse(b, off, end).uri().text()}
     * (null for the Contact wildcard), found by the same steps as {@link #parse} but without reading
     * the display name, the URI's parts or the parameters, and making a String only for the URI.
     */
    static String uriTextOf(byte[] b, int off, int end) {
        off = SipBytes.skipLws(b, off, end);
        end = SipBytes.trimEnd(b, off, end);
        int u = uriOpening(b, off, end);
        if (u == WILDCARD) {
            return null;
        }
        if (u < 0) {
            int p = ~u;
            int semi = addrSpecParamsStart(b, p, end);
            return trimmedText(b, p, semi < 0 ? end : semi);
        }
        int gt = SipBytes.indexOf(b, u + 1, end, '>');
        return trimmedText(b, u + 1, gt < 0 ? end : gt);
    }

    /** {@code b[off, end)} without surrounding white space, as {@link SipUri#parse} keeps it for its text. */
    private static String trimmedText(byte[] b, int off, int end) {
        off = SipBytes.skipLws(b, off, end);
        end = SipBytes.trimEnd(b, off, end);
        return SipBytes.text(b, off, end - off);
    }

    /** {@link #uriOpening} of the Contact wildcard. */
    private static final int WILDCARD = Integer.MIN_VALUE;

    /**
     * Where {@link #parse} finds the URI of the trimmed {@code b[off, end)}: the index of the
     * {@code <} that opens it; {@code ~p} for an addr-spec (no angle brackets) starting at {@code p};
     * {@link #WILDCARD} for the Contact wildcard. The one reading of these steps that
     * {@link #tagOf} and {@link #uriTextOf} share.
     */
    private static int uriOpening(byte[] b, int off, int end) {
        if (off < end && b[off] == '*') {
            int after = SipBytes.skipLws(b, off + 1, end);
            if (after == end || b[after] == ';') {
                return WILDCARD;
            }
        }
        if (off < end && b[off] == '"') {
            int qe = SipValueReader.quotedEnd(b, off, end);
            int lt = SipBytes.indexOf(b, qe, end, '<');
            return lt >= 0 ? lt : ~SipBytes.skipLws(b, qe, end);
        }
        int lt = SipValueReader.indexOfUnquoted(b, off, end, '<');
        return lt >= 0 ? lt : ~off;
    }

    /** Where {@link #parse} reads the header parameters of the trimmed {@code b[off, end)}, or -1 for none. */
    private static int headerParamsStart(byte[] b, int off, int end) {
        int u = uriOpening(b, off, end);
        if (u == WILDCARD) {
            return SipBytes.skipLws(b, off + 1, end);
        }
        if (u < 0) {
            return addrSpecParamsStart(b, ~u, end);
        }
        int gt = SipBytes.indexOf(b, u + 1, end, '>');
        return gt < 0 ? -1 : gt + 1;
    }

    private static int addrSpecParamsStart(byte[] b, int p, int end) {
        int at = SipBytes.indexOf(b, p, end, '@');
        return SipBytes.indexOf(b, at < 0 ? p : at, end, ';');
    }

    private static SipAddress addrSpec(byte[] b, int p, int end, String text, String display) {
        // Header parameters start at the first ';' after the userinfo (a user part may hold ';').
        int at = SipBytes.indexOf(b, p, end, '@');
        int semi = SipBytes.indexOf(b, at < 0 ? p : at, end, ';');
        int uriEnd = semi < 0 ? end : semi;
        SipUri uri = SipUri.parse(b, p, uriEnd);
        SipParams params = semi < 0 ? SipParams.EMPTY : SipParams.parseHeaderParams(b, semi, end);
        return new SipAddress(text, display, uri, params, false, false);
    }

    /** The whole value as written. */
    public String text() {
        return text;
    }

    /** The display name, unquoted; null when there is none. */
    public String displayName() {
        return displayName;
    }

    /** The URI; null only for the Contact wildcard. */
    public SipUri uri() {
        return uri;
    }

    /** Header parameters ({@code tag}, {@code expires}, {@code q}, ...). */
    public SipParams params() {
        return params;
    }

    /** The {@code tag} parameter (RFC 3261 §19.3), or null. */
    public String tag() {
        return params.get("tag");
    }

    /** The {@code expires} parameter in seconds, or -1 when absent or not a number. */
    public long expiresSeconds() {
        String e = params.get("expires");
        return e == null ? -1 : parseLong(e);
    }

    /** The {@code q} parameter as written (e.g. {@code 0.7}), or null. */
    public String q() {
        return params.get("q");
    }

    /** The Contact wildcard {@code *} (RFC 3261 §10.2.2). */
    public boolean isWildcard() {
        return wildcard;
    }

    /** Whether the URI was enclosed in angle brackets (name-addr form). */
    public boolean hasAngleBrackets() {
        return angleBrackets;
    }

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

    @Override
    public String toString() {
        return text;
    }
}
