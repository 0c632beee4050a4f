package dev.sipscope.samples;

/**
 * A relation between two calls (two Call-IDs) that an analyzer should recover.
 *
 * @param kind       what relates them
 * @param fromCallId the earlier call: the one the REFER was sent in (TRANSFER), the replaced call
 *                   (REPLACES), or the B2BUA's inbound leg (B2BUA)
 * @param toCallId   the later call: the call the transferee made, the call carrying Replaces, or
 *                   the B2BUA's outbound leg
 * @param evidence   what on the wire shows the link: a header name ({@code Referred-By},
 *                   {@code Replaces}, {@code X-Call-ID}, {@code X-CID}) or {@code media} when only
 *                   the B2BUA's SDP addresses and the relayed RTP tie the legs together
 */
public record CallLink(Kind kind, String fromCallId, String toCallId, String evidence) {
    /** The kinds of relation. */
    public enum Kind {
        /** A REFER in {@code fromCallId} made the transferee place {@code toCallId} (RFC 3515, RFC 3892). */
        TRANSFER,
        /** {@code toCallId} carries a Replaces header naming a dialog of {@code fromCallId} (RFC 3891). */
        REPLACES,
        /** A back-to-back user agent bridged the two legs. */
        B2BUA
    }
}
