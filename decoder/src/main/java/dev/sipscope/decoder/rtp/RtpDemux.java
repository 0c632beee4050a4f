package dev.sipscope.decoder.rtp;

/**
 * Tells RTP from RTCP when both share one port (rtcp-mux, RFC 5761 §4): with version 2, a second octet
 * in 192..223 is an RTCP packet type (RTP would need payload types 64..95 with the marker bit, which
 * RFC 5761 forbids). Looks at two octets; allocates nothing.
 */
public final class RtpDemux {
    public static final int NEITHER = 0;
    public static final int RTP = 1;
    public static final int RTCP = 2;

    private RtpDemux() {
    }

    /** {@link #RTP}, {@link #RTCP} or {@link #NEITHER} (too short or version ≠ 2); no deeper validation. */
    public static int classify(byte[] b, int off, int len) {
        if (b == null || off < 0 || len < 8 || len > b.length - off || ((b[off] & 0xff) >>> 6) != 2) {
            return NEITHER;
        }
        int second = b[off + 1] & 0xff;
        if (second >= 192 && second <= 223) {
            return RTCP;
        }
        return len >= RtpView.FIXED_HEADER_LENGTH ? RTP : NEITHER;
    }
}
