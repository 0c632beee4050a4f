package dev.sipscope.quality;

import dev.sipscope.decoder.IpAddress;
import dev.sipscope.quality.dtmf.DtmfEvent;
import dev.sipscope.quality.emodel.CodecImpairment;
import dev.sipscope.quality.emodel.EModel;
import dev.sipscope.quality.emodel.EModelParameters;
import dev.sipscope.quality.emodel.EModelResult;
import dev.sipscope.quality.emodel.Mos;
import dev.sipscope.quality.emodel.QualityClass;
import dev.sipscope.quality.jb.FixedJitterBuffer;
import dev.sipscope.quality.loss.LossPattern;
import dev.sipscope.quality.rtcp.XrVoipMetrics;
import dev.sipscope.quality.seq.RfcSequenceTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a stream's accumulators into an immutable {@link StreamSummary} (QUALITY.md §11), computing
 * what is computed only on demand: the loss pattern including the slots still pending in the window
 * (on a copy), the one-way delay estimate (§8.6) and the E-model (§8.5, §8.8). Runs on the engine
 * thread; allocates freely.
 */
final class SummaryBuilder {
    /** Packet duration assumed when neither SDP nor the stream tells it. */
    static final double DEFAULT_PTIME_MS = 20;

    private final QualityConfig config;
    private final Function<RtpStream, RtpStream> reverse;

    SummaryBuilder(QualityConfig config, Function<RtpStream, RtpStream> reverse) {
        this.config = config;
        this.reverse = reverse;
    }

    StreamSummary build(RtpStream s) {
        PayloadProfile pp = s.profile;
        int pt = s.dominantPayloadType();
        int clock = pt >= 0 ? pp.analyzerClock[pt] : 0;
        String encoding = pt >= 0 ? pp.encoding[pt] : null;
        double ptime = s.ptimeMs(clock);
        StreamSummaries.Codec codec = new StreamSummaries.Codec(pt, encoding, clock, clock > 0, ptime,
                payloadNames(s));

        long expected = s.seq.expected();
        long lostNet = s.seq.lostNet();
        StreamSummaries.Sequence sequence = new StreamSummaries.Sequence(expected, s.seq.received(), s.seq.unique(),
                s.seq.duplicates(), s.seq.late(), lostNet, pct(lostNet, expected), s.seq.lostRfc(), s.seq.restarts(),
                s.seq.segments(), s.seq.validated());

        boolean rfcClock = s.rfcJitter.clockHz() > 0 || clock > 0;
        StreamSummaries.Rfc rfc = new StreamSummaries.Rfc(s.rfcSeq.validated(), s.rfcSeq.expected(),
                s.rfcSeq.received(), s.rfcSeq.lost(), RfcSequenceTracker.cumulativeLostWire(s.rfcSeq.lost()),
                s.rfcSeq.extendedMax(), s.lastFraction8, s.maxFraction8,
                rfcClock ? s.rfcJitter.jitterMs() : null, rfcClock ? s.rfcJitter.maxJitterMs() : null,
                rfcClock ? s.rfcJitter.meanJitterMs() : null, s.rfcJitter.rtcpField(), s.rfcJitter.rtcpFieldInteger());

        boolean anClock = s.jitter.clockHz() > 0 || clock > 0;
        StreamSummaries.Jitter jitter = new StreamSummaries.Jitter(anClock ? s.jitter.jitterMs() : null,
                anClock ? s.jitter.maxJitterMs() : null, anClock ? s.jitter.meanJitterMs() : null,
                anClock ? s.jitter.rtcpField() : null, s.jitter.discontinuities());

        StreamSummaries.Ws40 ws = new StreamSummaries.Ws40(s.ws40.packets(), s.ws40.lost(), s.ws40.lostPct(),
                s.ws40.lostCorrected(), s.ws40.minDeltaMs(), s.ws40.meanDeltaMs(), s.ws40.maxDeltaMs(),
                s.ws40.minJitterMs(), s.ws40.meanJitterMs(), s.ws40.maxJitterMs(), s.ws40.maxSkewMs(),
                s.ws40.sequenceErrors(), s.ws40.problems(), s.ws40.clockDriftMs(), s.ws40.freqDriftPct());

        boolean jbAvailable = clock > 0;
        List<StreamSummaries.JitterBuffer> jbs = new ArrayList<>(s.buffers.length);
        for (FixedJitterBuffer b : s.buffers) {
            long d = b.discards();
            jbs.add(new StreamSummaries.JitterBuffer(b.depthMs(), jbAvailable, d, pct(d, expected),
                    pct(lostNet + d, expected)));
        }

        LossPattern lp = s.pattern.copy();
        if (s.seq.validated()) {
            s.seq.window().peekPending(lp);
        }
        double packetMs = Double.isNaN(ptime) ? DEFAULT_PTIME_MS : ptime;
        StreamSummaries.LossPattern pattern = new StreamSummaries.LossPattern(lp.slots(), lp.lost(), lp.discarded(),
                lp.p(), lp.q(), lp.burstRatio(), lp.burstRatioClamped(), lp.pplMarkov(), lp.burstRatioRunLength(),
                lp.gmin(), lp.bursts(), lp.burstDensity8(), lp.gapDensity8(), lp.burstDurationMs(packetMs),
                lp.gapDurationMs(packetMs), lp.lossRate8(), lp.discardRate8(), packetMs);

        StreamSummaries.EModel emodel = emodel(s, pt, encoding, expected, jbAvailable ? jbs.get(0).effLossPct()
                : pct(lostNet, expected), lp.burstRatioClamped(), packetMs);

        StreamSummaries.Rtcp rtcp = rtcp(s);

        List<DtmfEvent> dtmf = s.dtmf == null ? List.of() : List.copyOf(s.dtmf.events());
        long durationNanos = s.lastNanos - s.firstNanos;
        double bitrate = durationNanos > 0 ? s.ipBytes * 8.0 / (durationNanos / 1e6) : 0;
        return new StreamSummary(IpAddress.format(s.srcHi, s.srcLo), s.srcPort, IpAddress.format(s.dstHi, s.dstLo),
                s.dstPort, s.ssrc, s.ipVersion, s.binding, s.callRef, s.mLineIndex, s.ssrcIndexOnTuple, s.tuple.ssrcChanges,
                s.firstNanos, s.lastNanos, s.packets, s.rtpBytes, s.payloadBytes, s.ipBytes, bitrate, s.markers,
                s.payloadTypeChanges, s.comfortNoise, s.events, codec, sequence, rfc, jitter, ws, List.copyOf(jbs),
                pattern, emodel, rtcp, dtmf, s.dtmf == null ? 0 : s.dtmf.overflow(), s.series.snapshot());
    }

    private static double pct(long part, long whole) {
        return whole <= 0 ? 0 : 100.0 * part / whole;
    }

    private static String payloadNames(RtpStream s) {
        StringBuilder sb = new StringBuilder();
        for (int pt = 0; pt < 128; pt++) {
            if (s.packetsPerPt[pt] > 0) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(s.profile.name[pt]);
            }
        }
        return sb.toString();
    }

    private StreamSummaries.EModel emodel(RtpStream s, int pt, String encoding, long expected, double pplRaw,
                                          double burstR, double packetMs) {
        CodecImpairment codec = config.codecs().lookup(encoding, pt);
        double bpl = codec.effectiveBpl();
        double ppl = Math.max(0, Math.min(100, pplRaw));

        StreamSummaries.DelaySource source = StreamSummaries.DelaySource.DEFAULT;
        double network = config.defaultNetworkOneWayMs();
        double ta;
        XrVoipMetrics mine = s.rtcp == null ? null : s.rtcp.voipMetrics();
        RtpStream back = reverse.apply(s);
        XrVoipMetrics theirs = back == null || back.rtcp == null ? null : back.rtcp.voipMetrics();
        if (mine != null && theirs != null && mine.roundTripDelayMs() > 0 && mine.endSystemDelayMs() > 0
                && theirs.endSystemDelayMs() > 0) {
            source = StreamSummaries.DelaySource.RTCP_XR;
            ta = (mine.roundTripDelayMs() + mine.endSystemDelayMs() + theirs.endSystemDelayMs()) / 2.0;
            network = mine.roundTripDelayMs() / 2.0;
        } else {
            if (s.rtcp != null && s.rtcp.receiverHalf.size() > 0 && s.rtcp.senderHalf.size() > 0) {
                source = StreamSummaries.DelaySource.RTCP_RTT;
                network = (s.rtcp.receiverHalf.median() + s.rtcp.senderHalf.median()) * 1000 / 2;
            }
            ta = network + packetMs + codec.lookaheadMs() + config.primaryJitterBufferMs() + config.deviceDelayMs();
        }

        String reason = null;
        if (!s.seq.validated()) {
            reason = "NOT_VALIDATED";
        } else if (expected < config.minExpectedForMos()) {
            reason = "TOO_FEW_PACKETS";
        }
        IntervalQuality iq = s.intervals.copy();
        if (s.seq.validated()) {
            s.seq.window().peekPending(iq);
        }
        iq.close();
        EModelParameters base = EModelParameters.DEFAULTS.withCodec(codec.ie(), bpl).withLoss(ppl, burstR)
                .withAdvantage(config.advantageFactor());
        EModelResult cq = EModel.compute(base.withOneWayDelay(ta));
        EModelResult lq = EModel.compute(base.withOneWayDelay(0));
        boolean ok = reason == null;
        return new StreamSummaries.EModel(reason, ok ? cq.r() : null, ok ? cq.mos() : null, ok ? lq.r() : null,
                ok ? lq.mos() : null, codec.codec(), codec.kind().name(), codec.ie(), bpl, ppl, burstR, ta, source,
                network, cq.idte(), cq.idle(), cq.idd(), cq.ieEff(), "FULL", ppl > 20,
                ok ? Mos.goodOrBetterPct(cq.r()) : null, ok ? Mos.poorOrWorsePct(cq.r()) : null,
                ok ? QualityClass.of(cq.r()).name() : null, iq.ratedIntervals(),
                iq.ratedIntervals() > 0 ? iq.minMos() : null, iq.ratedIntervals() > 0 ? iq.meanMos() : null);
    }

    private static StreamSummaries.Rtcp rtcp(RtpStream s) {
        RtcpState r = s.rtcp;
        if (r == null) {
            return new StreamSummaries.Rtcp(0, null, null, null, false, 0, List.of(), null, null, null, 0, null, false);
        }
        Double toReceiver = r.receiverHalf.size() > 0 ? r.receiverHalf.median() * 1000 : null;
        Double toSender = r.senderHalf.size() > 0 ? r.senderHalf.median() * 1000 : null;
        Double rtt = toReceiver != null && toSender != null ? toReceiver + toSender : null;
        return new StreamSummaries.Rtcp(r.senderReports, r.lastSenderPacketCount < 0 ? null : r.lastSenderPacketCount,
                r.lastSenderOctetCount < 0 ? null : r.lastSenderOctetCount,
                r.cname == null ? null : new String(r.cname, java.nio.charset.StandardCharsets.UTF_8), r.bye,
                r.reportBlocks, List.copyOf(r.blocks()), rtt, toSender, toReceiver, r.xrBlocks, r.voipMetrics(),
                r.inconsistent);
    }
}
