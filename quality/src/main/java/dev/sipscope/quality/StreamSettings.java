package dev.sipscope.quality;

/** The per-stream part of {@link QualityConfig}, resolved once into plain fields and shared by every stream. */
final class StreamSettings {
    final int minSequential;
    final int maxDropout;
    final int maxMisorder;
    final int slotWindow;
    final int gmin;
    final double[] jitterBufferDepthsMs;
    final boolean resyncOnMarker;
    final double jitterStepGuardMs;
    final long jitterResetGapNanos;
    final long reportIntervalNanos;
    final int maxDtmfEvents;
    final int maxReportsKept;
    final long mosIntervalNanos;
    final double defaultNetworkOneWayMs;
    final double deviceDelayMs;
    final double advantageFactor;
    final double primaryJitterBufferMs;

    StreamSettings(QualityConfig c) {
        minSequential = c.minSequential();
        maxDropout = c.maxDropout();
        maxMisorder = c.maxMisorder();
        slotWindow = c.slotWindow();
        gmin = c.gmin();
        jitterBufferDepthsMs = c.jitterBufferDepthsMs();
        resyncOnMarker = c.resyncOnMarker();
        jitterStepGuardMs = c.jitterStepGuard() ? c.jitterStepGuardMs() : Double.POSITIVE_INFINITY;
        jitterResetGapNanos = (long) (c.jitterResetGapMs() * 1e6);
        reportIntervalNanos = Math.max(1, (long) (c.reportIntervalMs() * 1e6));
        maxDtmfEvents = c.maxDtmfEvents();
        maxReportsKept = c.maxReportsKept();
        mosIntervalNanos = (long) (c.mosIntervalMs() * 1e6);
        defaultNetworkOneWayMs = c.defaultNetworkOneWayMs();
        deviceDelayMs = c.deviceDelayMs();
        advantageFactor = c.advantageFactor();
        primaryJitterBufferMs = c.primaryJitterBufferMs();
    }
}
