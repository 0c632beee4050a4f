package dev.sipscope.decoder.sip;

import java.nio.charset.StandardCharsets;

/**
 * Well-known header names, recognised during the header scan without allocating: names compare
 * case-insensitively as bytes (RFC 3261 §7.3.1) and one-letter compact forms map to their long form
 * (RFC 3261 §7.3.3 and the extensions that define the others: RFC 3265/6665 {@code o u}, RFC 3515
 * {@code r}, RFC 3892 {@code b}, RFC 4028 {@code x}, RFC 3841 {@code a j d}, RFC 8224 {@code y},
 * RFC 4474 {@code n}). Anything else is {@link #OTHER}.
 *
 * <p>{@link #multiValue()} says whether the header's grammar is a comma-separated list, so that
 * several values may share one line (RFC 3261 §7.3.1); only those are split on commas.
 */
public enum SipHeaderId {
    ACCEPT("Accept", 0, true),
    ACCEPT_CONTACT("Accept-Contact", 'a', true),
    ACCEPT_ENCODING("Accept-Encoding", 0, true),
    ACCEPT_LANGUAGE("Accept-Language", 0, true),
    ALERT_INFO("Alert-Info", 0, true),
    ALLOW("Allow", 0, true),
    ALLOW_EVENTS("Allow-Events", 'u', true),
    AUTHENTICATION_INFO("Authentication-Info", 0, false),
    AUTHORIZATION("Authorization", 0, false),
    CALL_ID("Call-ID", 'i', false),
    CALL_INFO("Call-Info", 0, true),
    CONTACT("Contact", 'm', true),
    CONTENT_DISPOSITION("Content-Disposition", 0, false),
    CONTENT_ENCODING("Content-Encoding", 'e', true),
    CONTENT_ID("Content-ID", 0, false),
    CONTENT_LANGUAGE("Content-Language", 0, true),
    CONTENT_LENGTH("Content-Length", 'l', false),
    CONTENT_TRANSFER_ENCODING("Content-Transfer-Encoding", 0, false),
    CONTENT_TYPE("Content-Type", 'c', false),
    CSEQ("CSeq", 0, false),
    DATE("Date", 0, false),
    ERROR_INFO("Error-Info", 0, true),
    EVENT("Event", 'o', false),
    EXPIRES("Expires", 0, false),
    FROM("From", 'f', false),
    HISTORY_INFO("History-Info", 0, true),
    IDENTITY("Identity", 'y', false),
    IDENTITY_INFO("Identity-Info", 'n', false),
    IN_REPLY_TO("In-Reply-To", 0, true),
    MAX_FORWARDS("Max-Forwards", 0, false),
    MIME_VERSION("MIME-Version", 0, false),
    MIN_EXPIRES("Min-Expires", 0, false),
    MIN_SE("Min-SE", 0, false),
    ORGANIZATION("Organization", 0, false),
    P_ASSERTED_IDENTITY("P-Asserted-Identity", 0, true),
    P_PREFERRED_IDENTITY("P-Preferred-Identity", 0, true),
    PATH("Path", 0, true),
    PRIORITY("Priority", 0, false),
    PRIVACY("Privacy", 0, false),
    PROXY_AUTHENTICATE("Proxy-Authenticate", 0, false),
    PROXY_AUTHORIZATION("Proxy-Authorization", 0, false),
    PROXY_REQUIRE("Proxy-Require", 0, true),
    RACK("RAck", 0, false),
    REASON("Reason", 0, true),
    RECORD_ROUTE("Record-Route", 0, true),
    REFER_TO("Refer-To", 'r', false),
    REFERRED_BY("Referred-By", 'b', false),
    REJECT_CONTACT("Reject-Contact", 'j', true),
    REPLACES("Replaces", 0, false),
    REPLY_TO("Reply-To", 0, false),
    REQUEST_DISPOSITION("Request-Disposition", 'd', true),
    REQUIRE("Require", 0, true),
    RETRY_AFTER("Retry-After", 0, false),
    ROUTE("Route", 0, true),
    RSEQ("RSeq", 0, false),
    SECURITY_CLIENT("Security-Client", 0, true),
    SECURITY_SERVER("Security-Server", 0, true),
    SECURITY_VERIFY("Security-Verify", 0, true),
    SERVER("Server", 0, false),
    SERVICE_ROUTE("Service-Route", 0, true),
    SESSION_EXPIRES("Session-Expires", 'x', false),
    SUBJECT("Subject", 's', false),
    SUBSCRIPTION_STATE("Subscription-State", 0, false),
    SUPPORTED("Supported", 'k', true),
    TIMESTAMP("Timestamp", 0, false),
    TO("To", 't', false),
    UNSUPPORTED("Unsupported", 0, true),
    /** HTTP/1.1 {@code Upgrade}, read in the WebSocket handshake (RFC 6455 §4). */
    UPGRADE("Upgrade", 0, true),
    USER_AGENT("User-Agent", 0, false),
    VIA("Via", 'v', true),
    WARNING("Warning", 0, true),
    WWW_AUTHENTICATE("WWW-Authenticate", 0, false),
    /** Any header not listed here. */
    OTHER("", 0, false);

    private static final SipHeaderId[] VALUES = values();
    private static final SipHeaderId[] COMPACT = new SipHeaderId[26];
    private static final int TABLE_SIZE = 256;
    private static final SipHeaderId[] TABLE = new SipHeaderId[TABLE_SIZE];

    static {
        for (SipHeaderId id : VALUES) {
            if (id == OTHER) {
                continue;
            }
            if (id.compact != 0) {
                COMPACT[id.compact - 'a'] = id;
            }
            int slot = hashLower(id.lowerName, 0, id.lowerName.length) & (TABLE_SIZE - 1);
            while (TABLE[slot] != null) {
                slot = (slot + 1) & (TABLE_SIZE - 1);
            }
            TABLE[slot] = id;
        }
    }

    private final String canonicalName;
    private final char compact;
    private final boolean multiValue;
    private final byte[] lowerName;

    SipHeaderId(String canonicalName, int compact, boolean multiValue) {
        this.canonicalName = canonicalName;
        this.compact = (char) compact;
        this.multiValue = multiValue;
        this.lowerName = canonicalName.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    }

    /** The usual spelling of the long form, e.g. {@code Call-ID}; empty for {@link #OTHER}. */
    public String canonicalName() {
        return canonicalName;
    }

    /** The compact form letter (lower case), or 0 when the header has none. */
    public char compactForm() {
        return compact;
    }

    /** Whether several comma-separated values may share one header line. */
    public boolean multiValue() {
        return multiValue;
    }

    /** The id at {@link #ordinal()} {@code ordinal}. */
    public static SipHeaderId ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** The id of the header named {@code b[off, off+len)} (long or compact form, any case). Allocates nothing. */
    public static SipHeaderId lookup(byte[] b, int off, int len) {
        if (len == 1) {
            int c = SipBytes.toLower(b[off]);
            if (c >= 'a' && c <= 'z') {
                SipHeaderId id = COMPACT[c - 'a'];
                return id != null ? id : OTHER;
            }
            return OTHER;
        }
        if (len < 1) {
            return OTHER;
        }
        int slot = hashLower(b, off, len) & (TABLE_SIZE - 1);
        for (int probes = 0; probes < TABLE_SIZE; probes++) {
            SipHeaderId id = TABLE[slot];
            if (id == null) {
                return OTHER;
            }
            byte[] n = id.lowerName;
            if (n.length == len && matchesLower(b, off, n)) {
                return id;
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        return OTHER;
    }

    /** The id for a header name given as text (long or compact form, any case). */
    public static SipHeaderId lookup(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        return lookup(b, 0, b.length);
    }

    private static boolean matchesLower(byte[] b, int off, byte[] lower) {
        for (int i = 0; i < lower.length; i++) {
            if (SipBytes.toLower(b[off + i]) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A hash of the lower-cased name from its length and three of its bytes (first, middle, last),
     * so that the name is read once, by the comparison, instead of twice: the known names differ
     * there often enough that lookups probe about one slot. Needs {@code len >= 1}.
     */
    private static int hashLower(byte[] b, int off, int len) {
        int h = len * 0x9E3779B1;
        h += SipBytes.toLower(b[off]) * 961 + SipBytes.toLower(b[off + (len >> 1)]) * 31
                + SipBytes.toLower(b[off + len - 1]);
        return h ^ (h >>> 11) ^ (h >>> 17);
    }
}
