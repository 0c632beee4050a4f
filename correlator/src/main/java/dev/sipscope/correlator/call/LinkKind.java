package dev.sipscope.correlator.call;

/** Why two calls (two Call-IDs) are shown as related. */
public enum LinkKind {
    /** A B2BUA named the other leg's Call-ID in a header such as {@code X-Call-ID} (configurable). */
    B2BUA_HEADER("b2bua-header"),
    /** Both calls announced the same media endpoint within the link window: a B2BUA passing SDP through. */
    B2BUA_SDP("b2bua-sdp"),
    /**
     * The same RTP stream (same SSRC) flowed in both calls within the link window: a B2BUA anchoring
     * the media on its own ports and relaying packets between the legs.
     */
    B2BUA_RTP("b2bua-rtp"),
    /** A REFER in one call (RFC 3515) led to the other: its Refer-To target, Referred-By (RFC 3892) or embedded Replaces. */
    REFER("refer"),
    /** The other call's INVITE replaces a dialog of this one (RFC 3891 Replaces header). */
    REPLACES("replaces");

    private final String jsonName;

    LinkKind(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
