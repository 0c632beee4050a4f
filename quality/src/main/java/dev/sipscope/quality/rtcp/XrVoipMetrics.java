package dev.sipscope.quality.rtcp;

import dev.sipscope.decoder.rtp.RtcpView;

/**
 * An RTCP XR VoIP Metrics block (RFC 3611 §4.7, QUALITY.md §9.5) as an endpoint reported it, kept
 * verbatim next to the analyzer's own figures (never merged). Fields whose wire value 127 means
 * "unavailable" are null.
 *
 * @param captureNanos capture time of the XR packet
 * @param reporterSsrc the endpoint that sent it (the stream's receiver)
 * @param plc          packet-loss concealment: 0 unspecified, 1 disabled, 2 enhanced, 3 standard
 * @param jba          jitter-buffer adaptive: 0 unknown, 2 non-adaptive, 3 adaptive
 */
public record XrVoipMetrics(long captureNanos, long reporterSsrc, long ssrc, int lossRate8, int discardRate8,
                            int burstDensity8, int gapDensity8, int burstDurationMs, int gapDurationMs,
                            int roundTripDelayMs, int endSystemDelayMs, Integer signalLevelDbm0,
                            Integer noiseLevelDbm0, Integer rerlDb, int gmin, Integer rFactor, Integer extRFactor,
                            Double mosLq, Double mosCq, int plc, int jba, int jbRate, int jbNominalMs,
                            int jbMaximumMs, int jbAbsMaxMs) {

    public double lossRatePct() {
        return lossRate8 * 100.0 / 256;
    }

    public double discardRatePct() {
        return discardRate8 * 100.0 / 256;
    }

    public double burstDensityPct() {
        return burstDensity8 * 100.0 / 256;
    }

    public double gapDensityPct() {
        return gapDensity8 * 100.0 / 256;
    }

    /** Decodes a 36-octet block copied from the wire ({@code raw[off]} is the BT octet). */
    public static XrVoipMetrics decode(byte[] raw, int off, long captureNanos, long reporterSsrc) {
        int rx = raw[off + 28] & 0xff;
        return new XrVoipMetrics(captureNanos, reporterSsrc, u32(raw, off + 4),
                raw[off + 8] & 0xff, raw[off + 9] & 0xff, raw[off + 10] & 0xff, raw[off + 11] & 0xff,
                u16(raw, off + 12), u16(raw, off + 14), u16(raw, off + 16), u16(raw, off + 18),
                signedOrNull(raw[off + 20]), signedOrNull(raw[off + 21]), unsignedOrNull(raw[off + 22]),
                raw[off + 23] & 0xff, unsignedOrNull(raw[off + 24]), unsignedOrNull(raw[off + 25]),
                mosOrNull(raw[off + 26]), mosOrNull(raw[off + 27]),
                rx >>> 6, (rx >>> 4) & 3, rx & 15, u16(raw, off + 30), u16(raw, off + 32), u16(raw, off + 34));
    }

    /** Copies the current VoIP Metrics block of a view into {@code dst[0..36)}. */
    public static void copyBlock(RtcpView view, byte[] dst) {
        System.arraycopy(view.array(), view.xrBlockOffset(), dst, 0, RtcpView.VOIP_METRICS_LENGTH);
    }

    private static Integer signedOrNull(byte b) {
        return b == RtcpView.XR_UNAVAILABLE ? null : (int) b;
    }

    private static Integer unsignedOrNull(byte b) {
        int v = b & 0xff;
        return v == RtcpView.XR_UNAVAILABLE ? null : v;
    }

    private static Double mosOrNull(byte b) {
        int v = b & 0xff;
        return v == RtcpView.XR_UNAVAILABLE ? null : v / 10.0;
    }

    private static int u16(byte[] b, int o) {
        return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff);
    }

    private static long u32(byte[] b, int o) {
        return ((long) (b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }
}
