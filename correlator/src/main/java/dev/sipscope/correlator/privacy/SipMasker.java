package dev.sipscope.correlator.privacy;

import dev.sipscope.decoder.sip.ByteKey;
import dev.sipscope.decoder.sip.SipValueReader;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Masks, in place and without changing any length, what identifies people in a SIP message:
 *
 * <ul>
 *   <li>the user part (user and password before {@code @}) of every {@code sip:} and {@code sips:}
 *   URI (RFC 3261 §19.1.1) and the number of every {@code tel:} URI (RFC 3966), wherever they
 *   appear: request line, From, To, Contact, P-Asserted-Identity, Remote-Party-ID, Diversion,
 *   Referred-By, Refer-To, History-Info, the digest {@code uri} parameter, bodies;</li>
 *   <li>display names (RFC 3261 §25.1 {@code display-name}, quoted or not) in the identity headers
 *   From, To, Contact, Reply-To, Referred-By, Refer-To, P-Asserted-Identity, P-Preferred-Identity,
 *   P-Called-Party-ID, Remote-Party-ID, Diversion, History-Info (compact forms f, t, m, b, r);</li>
 *   <li>digest credentials (RFC 3261 §22.4, RFC 7616): the {@code username}, {@code nonce},
 *   {@code cnonce}, {@code response}, {@code opaque}, {@code nextnonce} and {@code rspauth}
 *   parameters of Authorization, Proxy-Authorization, WWW-Authenticate, Proxy-Authenticate and
 *   Authentication-Info. The scheme, {@code realm}, {@code algorithm}, {@code qop} and {@code nc}
 *   are kept: they describe the service, not the user;</li>
 *   <li>the user name of an SDP {@code o=} line (RFC 8866 §5.2) unless it is {@code -}.</li>
 * </ul>
 *
 * <p>A mask keeps the shape of the value: a digit becomes a digit, a lower-case letter a lower-case
 * letter, an upper-case letter an upper-case letter, and every other byte ({@code + - . %} and so
 * on) stays, so a masked message still parses the same way and a masked number still looks like a
 * number. The mask of a value is drawn from HMAC-SHA256 of the whole value under the masker's key:
 * equal values get equal masks (the same user is the same masked user in every message, so calls,
 * transfers and registrations still correlate), different keys give unrelated masks, and without
 * the key a mask cannot be reversed by trying numbers. Call-IDs, tags, branches and hosts are not
 * masked (correlation and the {@code --call} option need them).
 *
 * <p>Works on any bytes: the text is scanned line by line (a header continued on the next line keeps
 * its kind; an empty line ends the headers, a start line begins the next message's), and nothing
 * outside the given range is read
 * or written. Not thread-safe (one {@link Mac}).
 */
public final class SipMasker {
    private static final int NONE = 0;
    private static final int IDENTITY = 1;
    private static final int AUTH = 2;

    private static final String[] IDENTITY_HEADERS = {"from", "f", "to", "t", "contact", "m", "reply-to",
        "referred-by", "b", "refer-to", "r", "p-asserted-identity", "p-preferred-identity", "p-called-party-id",
        "remote-party-id", "diversion", "history-info"};
    private static final String[] AUTH_HEADERS = {"authorization", "proxy-authorization", "www-authenticate",
        "proxy-authenticate", "authentication-info"};
    private static final String[] SECRET_PARAMS = {"username", "nonce", "cnonce", "response", "opaque", "nextnonce",
        "rspauth"};

    private final Mac mac;
    private byte[] scratch = new byte[64];
    /**
     * Masks of recent values, value to mask: the same users recur in every message of a call (From, To, Contact,
     * the request URI), and an HMAC costs about a microsecond. Emptied when it holds {@link #RECENT_VALUES}.
     */
    private final HashMap<ByteKey, byte[]> recent = new HashMap<>();
    private static final int RECENT_VALUES = 4096;
    private long valuesMasked;

    /** A masker with this key (any length but empty): the same key gives the same masks. */
    public SipMasker(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A masker with a fresh random 256-bit key: masks are consistent within its lifetime only. */
    public static SipMasker withKey(String key) {
        return new SipMasker(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A masker with a fresh random 256-bit key: masks are consistent within its lifetime only. */
    public static SipMasker withRandomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SipMasker(key);
    }

    /** Values masked so far (each occurrence counts). */
    public long valuesMasked() {
        return valuesMasked;
    }

    /**
     * Masks {@code b[off, off + len)} in place; returns true when a byte changed. The range is taken
     * to start at the beginning of a line (of a SIP message, or of a TCP segment carrying one).
     */
    public boolean mask(byte[] b, int off, int len) {
        int end = off + len;
        boolean changed = false;
        boolean body = false;
        int kind = NONE;
        int line = off;
        while (line < end) {
            int eol = line;
            while (eol < end && b[eol] != '\n') {
                eol++;
            }
            int textEnd = eol > line && b[eol - 1] == '\r' ? eol - 1 : eol;
            if (textEnd == line) {
                body = true;
                kind = NONE;
            } else if (body && isStartLine(b, line, textEnd)) {
                // the next message in the same datagram or segment (or a message/sipfrag body): headers again
                body = false;
                kind = NONE;
            } else if (body) {
                if (textEnd - line > 2 && b[line] == 'o' && b[line + 1] == '=') {
                    int u = line + 2;
                    int ue = u;
                    while (ue < textEnd && b[ue] != ' ') {
                        ue++;
                    }
                    if (!(ue - u == 1 && b[u] == '-')) {
                        changed |= maskValue(b, u, ue);
                    }
                }
            } else if (b[line] == ' ' || b[line] == '\t') {
                changed |= maskHeaderValue(b, line, textEnd, kind);
            } else {
                int colon = headerColon(b, line, textEnd);
                if (colon < 0) {
                    kind = NONE;
                } else {
                    kind = kindOf(b, line, colon);
                    changed |= maskHeaderValue(b, colon + 1, textEnd, kind);
                }
            }
            changed |= maskUris(b, line, textEnd);
            line = eol + 1;
        }
        return changed;
    }

    /** RFC 3261 §7.1, §7.2: {@code SIP/2.0 code reason} or {@code METHOD uri SIP/2.0}. */
    private static boolean isStartLine(byte[] b, int line, int end) {
        return (end - line >= 8 && equalsIgnoreCase(b, line, line + 8, "sip/2.0 "))
                || (end - line >= 8 && equalsIgnoreCase(b, end - 8, end, " sip/2.0"));
    }

    private boolean maskHeaderValue(byte[] b, int from, int to, int kind) {
        if (kind == IDENTITY) {
            return maskDisplayNames(b, from, to);
        }
        if (kind == AUTH) {
            return maskDigest(b, from, to);
        }
        return false;
    }

    /** The offset of the colon ending a header name at {@code line}, or -1 when the line is not a header. */
    private static int headerColon(byte[] b, int line, int end) {
        int i = line;
        while (i < end && isTokenChar(b[i])) {
            i++;
        }
        if (i == line) {
            return -1;
        }
        int name = i;
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return i < end && b[i] == ':' && name > line ? i : -1;
    }

    private static int kindOf(byte[] b, int line, int colon) {
        int nameEnd = line;
        while (nameEnd < colon && isTokenChar(b[nameEnd])) {
            nameEnd++;
        }
        for (String h : IDENTITY_HEADERS) {
            if (equalsIgnoreCase(b, line, nameEnd, h)) {
                return IDENTITY;
            }
        }
        for (String h : AUTH_HEADERS) {
            if (equalsIgnoreCase(b, line, nameEnd, h)) {
                return AUTH;
            }
        }
        return NONE;
    }

    /**
     * Display names of each comma-separated element of an identity header value: a quoted string
     * at the start of an element, or the words before a {@code <}.
     */
    private boolean maskDisplayNames(byte[] b, int from, int to) {
        boolean changed = false;
        int i = from;
        while (i < to) {
            while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == ',')) {
                i++;
            }
            if (i >= to) {
                break;
            }
            if (b[i] == '"') {
                int q = i + 1;
                while (q < to && b[q] != '"') {
                    q += b[q] == '\\' && q + 1 < to ? 2 : 1;
                }
                changed |= maskValue(b, i + 1, Math.min(q, to));
                i = q + 1;
            } else {
                int j = i;
                while (j < to && b[j] != '<' && b[j] != ',' && b[j] != ':' && b[j] != ';') {
                    j++;
                }
                if (j < to && b[j] == '<') {
                    int nameEnd = j;
                    while (nameEnd > i && (b[nameEnd - 1] == ' ' || b[nameEnd - 1] == '\t')) {
                        nameEnd--;
                    }
                    changed |= maskValue(b, i, nameEnd);
                }
                i = j;
            }
            // skip to the next element: past the name-addr's '>' and any parameters, outside quotes
            i = SipValueReader.nextListComma(b, i, to);
        }
        return changed;
    }

    /** The secret parameters of a challenge or credentials value ({@code name=value} or {@code name="value"}). */
    private boolean maskDigest(byte[] b, int from, int to) {
        boolean changed = false;
        int i = from;
        while (i < to) {
            while (i < to && !isTokenChar(b[i])) {
                if (b[i] == '"') {
                    // a quoted value not after a name we look for: skip it whole
                    i++;
                    while (i < to && b[i] != '"') {
                        i += b[i] == '\\' ? 2 : 1;
                    }
                }
                i++;
            }
            int name = i;
            while (i < to && isTokenChar(b[i])) {
                i++;
            }
            int nameEnd = i;
            while (i < to && (b[i] == ' ' || b[i] == '\t')) {
                i++;
            }
            if (i >= to || b[i] != '=') {
                continue;
            }
            i++;
            while (i < to && (b[i] == ' ' || b[i] == '\t')) {
                i++;
            }
            int vs;
            int ve;
            if (i < to && b[i] == '"') {
                vs = i + 1;
                ve = vs;
                while (ve < to && b[ve] != '"') {
                    ve += b[ve] == '\\' && ve + 1 < to ? 2 : 1;
                }
                ve = Math.min(ve, to);
                i = ve + 1;
            } else {
                vs = i;
                ve = i;
                while (ve < to && b[ve] != ',' && b[ve] != ' ' && b[ve] != '\t') {
                    ve++;
                }
                i = ve;
            }
            for (String p : SECRET_PARAMS) {
                if (equalsIgnoreCase(b, name, nameEnd, p)) {
                    changed |= maskValue(b, vs, ve);
                    break;
                }
            }
        }
        return changed;
    }

    /** User parts of sip:, sips: and tel: URIs in {@code b[from, to)}. */
    private boolean maskUris(byte[] b, int from, int to) {
        boolean changed = false;
        for (int i = from; i + 4 <= to; i++) {
            byte c = b[i];
            if (c != 's' && c != 'S' && c != 't' && c != 'T') {
                continue;
            }
            if (i > from && isAlnum(b[i - 1])) {
                continue;
            }
            int userStart;
            boolean tel = false;
            if (equalsIgnoreCase(b, i, i + 4, "sip:")) {
                userStart = i + 4;
            } else if (i + 5 <= to && equalsIgnoreCase(b, i, i + 5, "sips:")) {
                userStart = i + 5;
            } else if (equalsIgnoreCase(b, i, i + 4, "tel:")) {
                userStart = i + 4;
                tel = true;
            } else {
                continue;
            }
            int j = userStart;
            if (tel) {
                while (j < to && !telEnd(b[j])) {
                    j++;
                }
                changed |= maskValue(b, userStart, j);
            } else {
                while (j < to && !uriUserEnd(b[j])) {
                    j++;
                }
                if (j < to && b[j] == '@') {
                    changed |= maskValue(b, userStart, j);
                }
            }
            i = Math.max(i, j - 1);
        }
        return changed;
    }

    private static boolean uriUserEnd(byte c) {
        return c == '@' || c == '>' || c == '<' || c == ' ' || c == '\t' || c == '"' || c == ',' || c == '\r'
                || c == '\n';
    }

    private static boolean telEnd(byte c) {
        return c == ';' || c == '>' || c == '<' || c == ' ' || c == '\t' || c == '"' || c == ',' || c == '\r'
                || c == '\n' || c == '@';
    }

    /**
     * Replaces the letters and digits of {@code b[from, to)} by the keyed mask of the whole value. A
     * mask that would equal the value itself (a one-digit user, say) is drawn again from the next
     * round, so no masked value is left as it was; the result still depends on the value only.
     */
    private boolean maskValue(byte[] b, int from, int to) {
        if (to <= from) {
            return false;
        }
        int n = to - from;
        ByteKey value = ByteKey.of(b, from, n);
        byte[] known = recent.get(value);
        if (known != null) {
            System.arraycopy(known, 0, b, from, n);
            valuesMasked++;
            return !value.contentEquals(known, 0, n);
        }
        boolean changed = drawMask(b, from, n);
        if (recent.size() >= RECENT_VALUES) {
            recent.clear();
        }
        recent.put(value, Arrays.copyOfRange(b, from, to));
        return changed;
    }

    /** {@link #maskValue} without the table of recent values: draws the mask of {@code b[from, from+n)} in place. */
    private boolean drawMask(byte[] b, int from, int n) {
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, 2 * scratch.length)];
        }
        System.arraycopy(b, from, scratch, 0, n);
        boolean changed = false;
        for (int round = 0; round < 16 && !changed; round++) {
            mac.update(scratch, 0, n);
            mac.update((byte) round);
            byte[] h = mac.doFinal();
            int block = 0;
            for (int k = 0; k < n; k++) {
                if (k > 0 && k % h.length == 0) {
                    // values longer than one digest: chain with a block counter
                    mac.update(h);
                    mac.update((byte) ++block);
                    h = mac.doFinal();
                }
                int r = h[k % h.length] & 0xff;
                byte c = scratch[k];
                byte m;
                if (c >= '0' && c <= '9') {
                    m = (byte) ('0' + r % 10);
                } else if (c >= 'a' && c <= 'z') {
                    m = (byte) ('a' + r % 26);
                } else if (c >= 'A' && c <= 'Z') {
                    m = (byte) ('A' + r % 26);
                } else {
                    m = c;
                }
                b[from + k] = m;
                changed |= m != c;
            }
        }
        valuesMasked++;
        return changed;
    }

    private static boolean isAlnum(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** RFC 3261 §25.1 token characters. */
    private static boolean isTokenChar(byte c) {
        return isAlnum(c) || c == '-' || c == '.' || c == '!' || c == '%' || c == '*' || c == '_' || c == '+'
                || c == '`' || c == '\'' || c == '~';
    }

    private static boolean equalsIgnoreCase(byte[] b, int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            int c = b[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
