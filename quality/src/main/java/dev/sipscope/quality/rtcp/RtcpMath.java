package dev.sipscope.quality.rtcp;

/** Small RTCP conversions of QUALITY.md §9 (TV-RTCP, TV-RTT). Pure functions. */
public final class RtcpMath {
    private RtcpMath() {
    }

    /** fraction8/256 as a percentage. */
    public static double fractionPct(int fraction8) {
        return fraction8 * 100.0 / 256;
    }

    /** Sign-extends a 24-bit cumulative-lost field. */
    public static int cumulativeLost(int wire24) {
        return (wire24 << 8) >> 8;
    }

    /** Interarrival jitter field (ticks) to ms for a clock. */
    public static double jitterMs(long ticks, int clockHz) {
        return clockHz > 0 ? ticks * 1000.0 / clockHz : Double.NaN;
    }

    /**
     * One half of the passive round trip (§9.4 step 2): {@code (tReport − tSR) − DLSR/65536} seconds, with
     * the capture times of the SR and of the report that echoes it.
     */
    public static double probeRoundTripSeconds(long srCaptureNanos, long reportCaptureNanos, long dlsr) {
        return (reportCaptureNanos - srCaptureNanos) / 1e9 - dlsr / 65536.0;
    }
}
