package dev.sipscope.quality;

import dev.sipscope.quality.emodel.CodecTable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Settings of the {@link QualityEngine}: memory bounds, the RFC 3550 sequence constants, the RTP
 * heuristic, the jitter-buffer simulation, the loss-pattern and E-model parameters. Immutable; start
 * from {@link #DEFAULTS} and change what you need with the {@code with...} methods. Every value is
 * checked when the record is built.
 *
 * @param maxStreams              streams held at once; packets of further new streams are counted and dropped
 * @param maxCandidates           5-tuples on heuristic probation at once; the oldest is evicted beyond
 * @param minSequential           RFC 3550 A.1 MIN_SEQUENTIAL (probation), ≥ 1
 * @param maxDropout              RFC 3550 A.1 MAX_DROPOUT
 * @param maxMisorder             RFC 3550 A.1 MAX_MISORDER
 * @param slotWindow              recent sequence slots kept per stream for duplicates and slot outcomes; a power of
 *                                two larger than 2·maxMisorder. QUALITY.md §3.6 A3 asks for at least 1024; the
 *                                default is 256 because no lookup ever reaches further back than MAX_MISORDER (a
 *                                packet further behind is a jump, RFC 3550 A.1), so every larger window gives the
 *                                same answers, and a stream's summary then walks a quarter of the pending slots
 * @param heuristic               find RTP on ports no SDP announced (QUALITY.md §10.3 rule 4)
 * @param heuristicPackets        consecutive, consistent packets (same SSRC, sequence +1..+maxGap, timestamp moving
 *                                forward at most as fast as a 90 kHz clock allows) before an unannounced 5-tuple
 *                                counts as RTP; the probation packets are then replayed into the stream
 * @param heuristicMaxGap         largest sequence step accepted between two probation packets
 * @param heuristicBufferPackets  probation packets held per candidate (≥ heuristicPackets)
 * @param heuristicRequireEvenPort require an even source or destination port (RFC 3550 §11)
 * @param heuristicMinPort        both ports at least this (RTP uses dynamic ports)
 * @param unboundEventPayloadType payload type taken as telephone-event (RFC 4733) on streams without SDP, −1 for none
 * @param jitterBufferDepthsMs    fixed jitter-buffer depths simulated per stream; the first is the primary, whose
 *                                discards feed the loss pattern and the E-model
 * @param resyncOnMarker          the simulated buffer re-anchors at a marker packet after draining (§6.2)
 * @param jitterResetGapMs        ANALYZER jitter restarts its baseline after an arrival gap this long (§4.3)
 * @param jitterStepGuard         ANALYZER ignores a jitter step larger than jitterStepGuardMs (§4.3, default off)
 * @param jitterStepGuardMs       threshold of the step guard
 * @param gmin                    RFC 3611 Gmin (§7.2)
 * @param reportIntervalMs        interval of the RFC 3550 A.3 fraction lost (§3.8)
 * @param defaultNetworkOneWayMs  network one-way delay assumed without RTCP round trips (§8.6)
 * @param deviceDelayMs           end-device delay added to the one-way delay (§8.6)
 * @param advantageFactor         E-model A (§8.2)
 * @param minExpectedForMos       fewer expected packets give no R/MOS (reason TOO_FEW_PACKETS, §8.12)
 * @param codecs                  E-model codec values (§8.9)
 * @param maxDtmfEvents           DTMF events kept per stream (further ones are counted)
 * @param maxReportsKept          RTCP report blocks kept per stream (the most recent)
 * @param mosIntervalMs           length of the intervals rated for the interval MOS (§8.12)
 */
public record QualityConfig(
        int maxStreams,
        int maxCandidates,
        int minSequential,
        int maxDropout,
        int maxMisorder,
        int slotWindow,
        boolean heuristic,
        int heuristicPackets,
        int heuristicMaxGap,
        int heuristicBufferPackets,
        boolean heuristicRequireEvenPort,
        int heuristicMinPort,
        int unboundEventPayloadType,
        double[] jitterBufferDepthsMs,
        boolean resyncOnMarker,
        double jitterResetGapMs,
        boolean jitterStepGuard,
        double jitterStepGuardMs,
        int gmin,
        double reportIntervalMs,
        double defaultNetworkOneWayMs,
        double deviceDelayMs,
        double advantageFactor,
        int minExpectedForMos,
        CodecTable codecs,
        int maxDtmfEvents,
        int maxReportsKept,
        double mosIntervalMs) {

    /**
     * 20 000 streams, 2 048 candidates; RFC 3550 constants 2/3000/100; 1024-slot window; heuristic on
     * (4 packets, gap ≤ 10, even port, ports ≥ 1024, PT 101 as telephone-event); jitter buffers of 60 ms
     * (primary) and 200 ms; Gmin 16; 5 s report interval; 20 ms default one-way delay.
     */
    public static final QualityConfig DEFAULTS = new QualityConfig(
            20_000, 2_048, 2, 3000, 100, 256,
            true, 4, 10, 16, true, 1024, 101,
            new double[] {60, 200}, true, 5000, false, 5000,
            16, 5000, 20, 0, 0, 50, CodecTable.DEFAULT, 256, 16, 10_000);

    public QualityConfig {
        positive(maxStreams, "maxStreams");
        positive(maxCandidates, "maxCandidates");
        positive(minSequential, "minSequential");
        positive(maxDropout, "maxDropout");
        positive(maxMisorder, "maxMisorder");
        if (maxDropout + maxMisorder > 65536) {
            throw new IllegalArgumentException("maxDropout + maxMisorder must not exceed 65536");
        }
        if (slotWindow < 2 * maxMisorder + 2 || Integer.bitCount(slotWindow) != 1 || slotWindow > (1 << 20)) {
            throw new IllegalArgumentException("slotWindow must be a power of two above 2·maxMisorder and at most 2^20, got "
                    + slotWindow);
        }
        if (heuristicPackets < 2) {
            throw new IllegalArgumentException("heuristicPackets must be at least 2, got " + heuristicPackets);
        }
        positive(heuristicMaxGap, "heuristicMaxGap");
        if (heuristicBufferPackets < heuristicPackets || heuristicBufferPackets > 1024) {
            throw new IllegalArgumentException("heuristicBufferPackets must be heuristicPackets..1024, got "
                    + heuristicBufferPackets);
        }
        if (heuristicMinPort < 0 || heuristicMinPort > 65535) {
            throw new IllegalArgumentException("heuristicMinPort must be 0..65535, got " + heuristicMinPort);
        }
        if (unboundEventPayloadType < -1 || unboundEventPayloadType > 127) {
            throw new IllegalArgumentException("unboundEventPayloadType must be -1..127, got " + unboundEventPayloadType);
        }
        Objects.requireNonNull(jitterBufferDepthsMs, "jitterBufferDepthsMs");
        if (jitterBufferDepthsMs.length == 0 || jitterBufferDepthsMs.length > 8) {
            throw new IllegalArgumentException("between 1 and 8 jitter-buffer depths, got " + jitterBufferDepthsMs.length);
        }
        jitterBufferDepthsMs = jitterBufferDepthsMs.clone();
        for (double d : jitterBufferDepthsMs) {
            if (!(d >= 0 && d <= 10_000)) {
                throw new IllegalArgumentException("jitter-buffer depth must be 0..10000 ms, got " + d);
            }
        }
        nonNegative(jitterResetGapMs, "jitterResetGapMs");
        nonNegative(jitterStepGuardMs, "jitterStepGuardMs");
        positive(gmin, "gmin");
        if (!(reportIntervalMs > 0)) {
            throw new IllegalArgumentException("reportIntervalMs must be positive, got " + reportIntervalMs);
        }
        nonNegative(defaultNetworkOneWayMs, "defaultNetworkOneWayMs");
        nonNegative(deviceDelayMs, "deviceDelayMs");
        if (!(advantageFactor >= 0 && advantageFactor <= 20)) {
            throw new IllegalArgumentException("advantageFactor must be 0..20, got " + advantageFactor);
        }
        if (minExpectedForMos < 0) {
            throw new IllegalArgumentException("minExpectedForMos must be >= 0, got " + minExpectedForMos);
        }
        Objects.requireNonNull(codecs, "codecs");
        positive(maxDtmfEvents, "maxDtmfEvents");
        positive(maxReportsKept, "maxReportsKept");
        if (!(mosIntervalMs >= 100)) {
            throw new IllegalArgumentException("mosIntervalMs must be at least 100, got " + mosIntervalMs);
        }
    }

    private static void positive(long v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }

    private static void nonNegative(double v, String name) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        }
    }

    /** The depths simulated (a copy). */
    @Override
    public double[] jitterBufferDepthsMs() {
        return jitterBufferDepthsMs.clone();
    }

    /** The primary jitter-buffer depth (the first). */
    public double primaryJitterBufferMs() {
        return jitterBufferDepthsMs[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QualityConfig c && toString().equals(c.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "QualityConfig[maxStreams=" + maxStreams + ", maxCandidates=" + maxCandidates + ", minSequential="
                + minSequential + ", maxDropout=" + maxDropout + ", maxMisorder=" + maxMisorder + ", slotWindow="
                + slotWindow + ", heuristic=" + heuristic + ", heuristicPackets=" + heuristicPackets
                + ", heuristicMaxGap=" + heuristicMaxGap + ", heuristicBufferPackets=" + heuristicBufferPackets
                + ", heuristicRequireEvenPort=" + heuristicRequireEvenPort + ", heuristicMinPort=" + heuristicMinPort
                + ", unboundEventPayloadType=" + unboundEventPayloadType + ", jitterBufferDepthsMs="
                + Arrays.toString(jitterBufferDepthsMs) + ", resyncOnMarker=" + resyncOnMarker + ", jitterResetGapMs="
                + jitterResetGapMs + ", jitterStepGuard=" + jitterStepGuard + ", jitterStepGuardMs=" + jitterStepGuardMs
                + ", gmin=" + gmin + ", reportIntervalMs=" + reportIntervalMs + ", defaultNetworkOneWayMs="
                + defaultNetworkOneWayMs + ", deviceDelayMs=" + deviceDelayMs + ", advantageFactor=" + advantageFactor
                + ", minExpectedForMos=" + minExpectedForMos + ", codecs=" + codecs + ", maxDtmfEvents=" + maxDtmfEvents
                + ", maxReportsKept=" + maxReportsKept + ", mosIntervalMs=" + mosIntervalMs + "]";
    }

    /** The same with {@code slots} recent sequence slots per stream (see {@code slotWindow}). */
    public QualityConfig withSlotWindow(int slots) {
        return new QualityConfig(maxStreams, maxCandidates, minSequential, maxDropout, maxMisorder, slots, heuristic,
                heuristicPackets, heuristicMaxGap, heuristicBufferPackets, heuristicRequireEvenPort, heuristicMinPort,
                unboundEventPayloadType, jitterBufferDepthsMs, resyncOnMarker, jitterResetGapMs, jitterStepGuard,
                jitterStepGuardMs, gmin, reportIntervalMs, defaultNetworkOneWayMs, deviceDelayMs, advantageFactor,
                minExpectedForMos, codecs, maxDtmfEvents, maxReportsKept, mosIntervalMs);
    }

    public QualityConfig withLimits(int streams, int candidates) {
        return new QualityConfig(streams, candidates, minSequential, maxDropout, maxMisorder, slotWindow, heuristic,
                heuristicPackets, heuristicMaxGap, heuristicBufferPackets, heuristicRequireEvenPort, heuristicMinPort,
                unboundEventPayloadType, jitterBufferDepthsMs, resyncOnMarker, jitterResetGapMs, jitterStepGuard,
                jitterStepGuardMs, gmin, reportIntervalMs, defaultNetworkOneWayMs, deviceDelayMs, advantageFactor,
                minExpectedForMos, codecs, maxDtmfEvents, maxReportsKept, mosIntervalMs);
    }

    public QualityConfig withHeuristic(boolean on, int packets) {
        return new QualityConfig(maxStreams, maxCandidates, minSequential, maxDropout, maxMisorder, slotWindow, on,
                packets, heuristicMaxGap, Math.max(heuristicBufferPackets, packets), heuristicRequireEvenPort,
                heuristicMinPort, unboundEventPayloadType, jitterBufferDepthsMs, resyncOnMarker, jitterResetGapMs,
                jitterStepGuard, jitterStepGuardMs, gmin, reportIntervalMs, defaultNetworkOneWayMs, deviceDelayMs,
                advantageFactor, minExpectedForMos, codecs, maxDtmfEvents, maxReportsKept, mosIntervalMs);
    }

    public QualityConfig withJitterBuffers(double... depthsMs) {
        return new QualityConfig(maxStreams, maxCandidates, minSequential, maxDropout, maxMisorder, slotWindow,
                heuristic, heuristicPackets, heuristicMaxGap, heuristicBufferPackets, heuristicRequireEvenPort,
                heuristicMinPort, unboundEventPayloadType, depthsMs, resyncOnMarker, jitterResetGapMs, jitterStepGuard,
                jitterStepGuardMs, gmin, reportIntervalMs, defaultNetworkOneWayMs, deviceDelayMs, advantageFactor,
                minExpectedForMos, codecs, maxDtmfEvents, maxReportsKept, mosIntervalMs);
    }

    public QualityConfig withDelays(double networkOneWayMs, double deviceMs) {
        return new QualityConfig(maxStreams, maxCandidates, minSequential, maxDropout, maxMisorder, slotWindow,
                heuristic, heuristicPackets, heuristicMaxGap, heuristicBufferPackets, heuristicRequireEvenPort,
                heuristicMinPort, unboundEventPayloadType, jitterBufferDepthsMs, resyncOnMarker, jitterResetGapMs,
                jitterStepGuard, jitterStepGuardMs, gmin, reportIntervalMs, networkOneWayMs, deviceMs, advantageFactor,
                minExpectedForMos, codecs, maxDtmfEvents, maxReportsKept, mosIntervalMs);
    }

    public QualityConfig withJitterStepGuard(boolean on, double thresholdMs) {
        return new QualityConfig(maxStreams, maxCandidates, minSequential, maxDropout, maxMisorder, slotWindow,
                heuristic, heuristicPackets, heuristicMaxGap, heuristicBufferPackets, heuristicRequireEvenPort,
                heuristicMinPort, unboundEventPayloadType, jitterBufferDepthsMs, resyncOnMarker, jitterResetGapMs, on,
                thresholdMs, gmin, reportIntervalMs, defaultNetworkOneWayMs, deviceDelayMs, advantageFactor,
                minExpectedForMos, codecs, maxDtmfEvents, maxReportsKept, mosIntervalMs);
    }

    public QualityConfig withCodecs(CodecTable table) {
        return new QualityConfig(maxStreams, maxCandidates, minSequential, maxDropout, maxMisorder, slotWindow,
                heuristic, heuristicPackets, heuristicMaxGap, heuristicBufferPackets, heuristicRequireEvenPort,
                heuristicMinPort, unboundEventPayloadType, jitterBufferDepthsMs, resyncOnMarker, jitterResetGapMs,
                jitterStepGuard, jitterStepGuardMs, gmin, reportIntervalMs, defaultNetworkOneWayMs, deviceDelayMs,
                advantageFactor, minExpectedForMos, table, maxDtmfEvents, maxReportsKept, mosIntervalMs);
    }

    public QualityConfig withAdvantage(double a) {
        return new QualityConfig(maxStreams, maxCandidates, minSequential, maxDropout, maxMisorder, slotWindow,
                heuristic, heuristicPackets, heuristicMaxGap, heuristicBufferPackets, heuristicRequireEvenPort,
                heuristicMinPort, unboundEventPayloadType, jitterBufferDepthsMs, resyncOnMarker, jitterResetGapMs,
                jitterStepGuard, jitterStepGuardMs, gmin, reportIntervalMs, defaultNetworkOneWayMs, deviceDelayMs, a,
                minExpectedForMos, codecs, maxDtmfEvents, maxReportsKept, mosIntervalMs);
    }
}
