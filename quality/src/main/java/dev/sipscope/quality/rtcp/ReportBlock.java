package dev.sipscope.quality.rtcp;

/**
 * One SR/RR report block (RFC 3550 §6.4.1, QUALITY.md §9.2) attached to the stream it describes.
 *
 * @param captureNanos        capture time of the RTCP packet that carried it
 * @param reporterSsrc        SSRC of the endpoint that sent the report (the stream's receiver)
 * @param fractionLost8       fraction lost since the previous report, value/256
 * @param cumulativeLost      cumulative lost, sign-extended from 24 bits
 * @param extendedHighestSeq  cycles (upper 16 bits) and highest sequence number (lower 16)
 * @param jitterTs            interarrival jitter in timestamp units
 * @param jitterMs            the same in ms with the stream's clock, NaN when the clock is unknown
 * @param lsr                 middle 32 bits of the last SR's NTP time, 0 if none
 * @param dlsr                delay since that SR, 1/65536 s
 * @param probeRoundTripMs    round trip probe ↔ reporter measured with this block (§9.4 segment method), NaN
 *                            when the matching SR was not captured
 * @param inconsistent        the block disagrees with what the probe saw (§9.3 sanity checks)
 */
public record ReportBlock(long captureNanos, long reporterSsrc, int fractionLost8, int cumulativeLost,
                          long extendedHighestSeq, long jitterTs, double jitterMs, long lsr, long dlsr,
                          double probeRoundTripMs, boolean inconsistent) {

    /** fraction8/256 as a percentage. */
    public double fractionLostPct() {
        return fractionLost8 * 100.0 / 256;
    }

    public int cycles() {
        return (int) (extendedHighestSeq >>> 16);
    }

    public int highestSeq() {
        return (int) (extendedHighestSeq & 0xffff);
    }

    /** DLSR in seconds. */
    public double dlsrSeconds() {
        return dlsr / 65536.0;
    }
}
