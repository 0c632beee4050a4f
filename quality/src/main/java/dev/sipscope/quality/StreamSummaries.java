package dev.sipscope.quality;

/** Holder of the nested records of {@link StreamSummary}; not instantiable. */
public final class StreamSummaries {
    private StreamSummaries() {
    }

    /**
     * Codec of the stream.
     *
     * @param payloadType    the dominant payload type (most packets, CN and telephone-event excluded), −1 if none
     * @param encodingName   its encoding (rtpmap, or the static name), null when unknown
     * @param clockRateHz    its clock, 0 when unknown
     * @param clockKnown     a clock was known (static type or rtpmap)
     * @param ptimeMs        packet duration: {@code a=ptime}, else the median timestamp step; NaN when unknown
     * @param payloadNames   every payload seen, tshark style ("g711U, CN")
     */
    public record Codec(int payloadType, String encodingName, int clockRateHz, boolean clockKnown, double ptimeMs,
                        String payloadNames) {
    }

    /**
     * Sequence figures of profile ANALYZER (QUALITY.md §3.6, §3.7), summed over segments.
     *
     * @param lostNet   expected − unique: packets never received
     * @param lossPct   100·lostNet/expected
     * @param lostRfc   expected − received (negative with duplicates)
     * @param validated false when the stream never left probation (provisional figures)
     */
    public record Sequence(long expected, long received, long unique, long duplicates, long late, long lostNet,
                           double lossPct, long lostRfc, int restarts, int segments, boolean validated) {
    }

    /**
     * Strict RFC 3550 receiver statistics (profile RFC): what a compliant endpoint would put in its RR.
     *
     * @param lost                  expected − received since the last restart (negative with duplicates)
     * @param cumulativeLostWire    the 24-bit field it would send (clamped)
     * @param extendedHighestSeq    cycles·65536 + max seq
     * @param lastFractionLost8     fraction lost of the last complete report interval (§3.8)
     * @param maxFractionLost8      largest fraction lost of any interval
     * @param jitterMs              RFC 3550 A.8 jitter (float form), null when the clock is unknown
     * @param jitterRtcpField       floor(J) in ticks
     * @param jitterRtcpFieldInteger the integer form's {@code Jscaled >> 4}
     */
    public record Rfc(boolean validated, long expected, long received, long lost, int cumulativeLostWire,
                      long extendedHighestSeq, int lastFractionLost8, int maxFractionLost8, Double jitterMs,
                      Double maxJitterMs, Double meanJitterMs, long jitterRtcpField, long jitterRtcpFieldInteger) {
    }

    /**
     * Interarrival jitter of profile ANALYZER (duplicates and telephone-event excluded, reset after
     * restarts and long gaps; QUALITY.md §4.2). Values are null when no clock is known.
     */
    public record Jitter(Double jitterMs, Double maxJitterMs, Double meanJitterMs, Long jitterRtcpField,
                         long tsDiscontinuities) {
    }

    /**
     * What tshark 4.0 shows (profile WS40, QUALITY.md §5): Pkts, Lost, deltas, jitter, skew, sequence
     * errors, problems; {@code lostCorrected} uses RFC 3550 cycle counting where 4.0 counts an extra wrap.
     * minDelta/minJitter are −1 when never set, as tshark prints them.
     */
    public record Ws40(long packets, long lost, double lostPct, long lostCorrected, double minDeltaMs,
                       double meanDeltaMs, double maxDeltaMs, double minJitterMs, double meanJitterMs,
                       double maxJitterMs, double maxSkewMs, long sequenceErrors, boolean problems,
                       double clockDriftMs, double freqDriftPct) {
    }

    /**
     * One fixed jitter-buffer simulation (QUALITY.md §6.2).
     *
     * @param available  false when the clock is unknown (nothing simulated)
     * @param jbLossPct  100·discards/expected
     * @param effLossPct 100·(lostNet + discards)/expected: the E-model's Ppl for the primary depth
     */
    public record JitterBuffer(double depthMs, boolean available, long discards, double jbLossPct,
                               double effLossPct) {
    }

    /**
     * Loss pattern over the primary buffer's slot outcomes (QUALITY.md §7).
     *
     * @param burstRatio        raw Markov 1/(p+q) (may be below 1, or +∞)
     * @param burstRatioClamped clamped to [1, 8] (the E-model input)
     * @param packetMs          the nominal packet duration used for the burst/gap durations
     */
    public record LossPattern(long slots, long lost, long discarded, double p, double q, double burstRatio,
                              double burstRatioClamped, double pplMarkov, double burstRatioRunLength,
                              int gmin, long bursts, int burstDensity8, int gapDensity8, double burstDurationMs,
                              double gapDurationMs, int lossRate8, int discardRate8, double packetMs) {
    }

    /** Where the one-way delay of the E-model came from (QUALITY.md §8.6). */
    public enum DelaySource {
        /** RTD and end-system delays from XR VoIP Metrics of both endpoints. */
        RTCP_XR,
        /** Half the end-to-end round trip measured from SR/RR (or RRT/DLRR) pairs of both sides. */
        RTCP_RTT,
        /** The configured default network delay. */
        DEFAULT
    }

    /**
     * E-model rating of the stream (QUALITY.md §8.5–§8.8), full G.107 form. Null R/MOS with a reason
     * when it cannot be computed.
     *
     * @param reason           null, or TOO_FEW_PACKETS / NOT_VALIDATED
     * @param codecProfile     EXACT, PARTIAL or FALLBACK
     * @param pplPct           packet loss fed to the model (effective loss of the primary buffer)
     * @param taMs             mouth-to-ear delay used for rCQ
     * @param outsideG107Range Ppl above 20 %
     * @param goodOrBetterPct  G.107 Annex B GoB for rCQ, null with R
     * @param poorOrWorsePct   G.107 Annex B PoW for rCQ, null with R
     * @param qualityClass     ITU-T G.109 class of rCQ (BEST, HIGH, MEDIUM, LOW, POOR, NOT_RECOMMENDED), null with R
     * @param intervalsRated   report intervals (default 10 s) rated on their own loss pattern (§8.12)
     * @param intervalMosMin   lowest interval MOS-CQ, null when no interval was rated
     * @param intervalMosAvg   slot-weighted mean of the interval MOS-CQ values, null when none
     */
    public record EModel(String reason, Double rCq, Double mosCq, Double rLq, Double mosLq, String codec,
                         String codecProfile, double ie, double bpl, double pplPct, double burstR, double taMs,
                         DelaySource delaySource, double networkOneWayMs, double idte, double idle, double idd,
                         double ieEff, String modelForm, boolean outsideG107Range, Double goodOrBetterPct,
                         Double poorOrWorsePct, String qualityClass, long intervalsRated, Double intervalMosMin,
                         Double intervalMosAvg) {
    }

    /**
     * What RTCP said about the stream (QUALITY.md §9).
     *
     * @param senderReports      SRs the stream's sender sent
     * @param reports            report blocks about the stream received (the most recent, bounded)
     * @param reportBlocks       all report blocks about the stream
     * @param roundTripMs        end-to-end round trip from the segment method (both halves), null when unknown
     * @param probeToSenderMs    round trip probe ↔ sender, null when unknown
     * @param probeToReceiverMs  round trip probe ↔ receiver, null when unknown
     * @param xrVoipMetrics      the last XR VoIP Metrics block about the stream, null if none
     * @param rtcpInconsistent   a report block disagreed with the probe's view (§9.3)
     */
    public record Rtcp(long senderReports, Long lastSenderPacketCount, Long lastSenderOctetCount, String cname,
                       boolean bye, long reportBlocks, java.util.List<dev.sipscope.quality.rtcp.ReportBlock> reports,
                       Double roundTripMs, Double probeToSenderMs, Double probeToReceiverMs,
                       long xrVoipMetricsBlocks, dev.sipscope.quality.rtcp.XrVoipMetrics xrVoipMetrics,
                       boolean rtcpInconsistent) {
    }

    /**
     * The stream over time: equal buckets of capture time from the first packet (oldest first), as kept
     * by the engine: at most 512 buckets, a long stream gets wider buckets. Meant for display (a
     * sparkline of loss and jitter over the call). Arrays are copied in and out.
     *
     * @param startNanos   capture time where bucket 0 starts (the stream's first packet)
     * @param bucketNanos  width of every bucket, ns (1 s, doubled each time the stream outgrew the buckets)
     * @param received     packets received per bucket (duplicates included)
     * @param lost         expected − received that became visible in the bucket (RFC 3550 §6.4.1); negative
     *                     when late packets filled gaps; the sum is {@link Sequence#lostRfc()}
     * @param maxJitterMs  the largest Wireshark-style jitter seen in the bucket, ms (0 when none)
     */
    public record Series(long startNanos, long bucketNanos, int[] received, int[] lost, double[] maxJitterMs) {
        public Series {
            received = received.clone();
            lost = lost.clone();
            maxJitterMs = maxJitterMs.clone();
            if (received.length != lost.length || received.length != maxJitterMs.length) {
                throw new IllegalArgumentException("series arrays differ in length");
            }
        }

        /** An empty series (no packet). */
        public static Series empty() {
            return new Series(0, 1_000_000_000L, new int[0], new int[0], new double[0]);
        }

        /** Number of buckets. */
        public int length() {
            return received.length;
        }

        @Override
        public int[] received() {
            return received.clone();
        }

        @Override
        public int[] lost() {
            return lost.clone();
        }

        @Override
        public double[] maxJitterMs() {
            return maxJitterMs.clone();
        }

        /** Packets received in bucket {@code i}. */
        public int receivedAt(int i) {
            return received[i];
        }

        /** Packets lost in bucket {@code i} (may be negative, see the class comment). */
        public int lostAt(int i) {
            return lost[i];
        }

        /** Worst jitter in bucket {@code i}, ms. */
        public double maxJitterMsAt(int i) {
            return maxJitterMs[i];
        }

        /** Loss of bucket {@code i} in percent of the packets expected in it (received + lost), clamped to 0..100. */
        public double lossPercentAt(int i) {
            long l = Math.max(0, lost[i]);
            long expected = received[i] + l;
            return expected == 0 ? 0 : 100.0 * l / expected;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Series s && startNanos == s.startNanos && bucketNanos == s.bucketNanos
                    && java.util.Arrays.equals(received, s.received) && java.util.Arrays.equals(lost, s.lost)
                    && java.util.Arrays.equals(maxJitterMs, s.maxJitterMs);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(startNanos, bucketNanos, java.util.Arrays.hashCode(received),
                    java.util.Arrays.hashCode(lost), java.util.Arrays.hashCode(maxJitterMs));
        }

        @Override
        public String toString() {
            return "Series[" + received.length + " buckets of " + bucketNanos / 1_000_000 + " ms]";
        }
    }
}
