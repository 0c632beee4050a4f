package dev.sipscope.correlator.diag;

/**
 * Thresholds of the diagnostics. {@link #DEFAULTS} are what a VoIP engineer would flag: loss above
 * 1 % (5 % is broken), mean jitter above 30 ms, MOS below 3.6 (3.1 is broken), post-dial delay over
 * 5 s, a gap of 2 s in a stream, media more than 2 s after the BYE, an answered call of 2 s or more
 * without media.
 */
public record DiagnosticConfig(double lossWarnPercent, double lossErrorPercent, double meanJitterWarnMs,
                               double mosWarn, double mosError, double postDialDelayWarnMs, double rtpGapWarnMs,
                               double mediaAfterByeGraceMs, double noMediaAfterAnswerMs) {

    public static final DiagnosticConfig DEFAULTS = new DiagnosticConfig(1.0, 5.0, 30.0, 3.6, 3.1, 5000, 2000, 2000,
            2000);
}
