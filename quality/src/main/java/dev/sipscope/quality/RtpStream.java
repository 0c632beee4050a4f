package dev.sipscope.quality;

import dev.sipscope.quality.dtmf.DtmfTracker;
import dev.sipscope.quality.jb.FixedJitterBuffer;
import dev.sipscope.quality.jitter.InterarrivalJitter;
import dev.sipscope.quality.jitter.Ws40Analysis;
import dev.sipscope.quality.loss.LossPattern;
import dev.sipscope.quality.seq.AnalyzerSequenceTracker;
import dev.sipscope.quality.emodel.CodecImpairment;
import dev.sipscope.quality.emodel.EModel;
import dev.sipscope.quality.seq.RfcSequenceTracker;
import dev.sipscope.quality.seq.SlotSink;
import dev.sipscope.quality.seq.SlotWindow;
import dev.sipscope.quality.seq.TimestampUnwrapper;

/**
 * The mutable accumulators of one RTP stream (one SSRC on one 5-tuple), updated once per packet in
 * capture order by {@link #onPacket}: counters, timestamp unwrapping, the RFC and ANALYZER sequence
 * trackers and jitter estimators, the jitter-buffer simulations feeding the slot window and loss
 * pattern, the WS40 analysis, DTMF, the report-interval fraction lost, the packet-time histogram
 * (QUALITY.md Appendix A) and the time series of packets, loss and jitter ({@link SeriesBuckets}).
 * Owned by the engine thread; nothing here allocates per packet once the
 * stream exists (DTMF storage grows by doubling, and the RTCP state is created on first use).
 */
final class RtpStream implements IntervalQuality.Rater {
    /** No event word: the payload is shorter than 4 octets (a real word is 0..2^32-1). */
    static final long NO_EVENT = -1L;

    final long srcHi;
    final long srcLo;
    final long dstHi;
    final long dstLo;
    final int srcPort;
    final int dstPort;
    final long ssrc;
    final int ipVersion;
    final TupleState tuple;
    final int ssrcIndexOnTuple;
    final StreamSettings settings;

    Binding binding;
    MediaEndpoint endpoint;
    PayloadProfile profile;

    RtpStream nextSameSsrc;
    RtpStream nextSameDst;
    RtpStream nextSameSrc;

    long firstNanos;
    long lastNanos;
    long packets;
    long rtpBytes;
    long payloadBytes;
    long ipBytes;
    long markers;
    long payloadTypeChanges;
    long comfortNoise;
    long events;
    long invalidPackets;
    /** An SDP declared the address and port non-RTP (T.38...): packets are counted here, not analysed. */
    boolean suspended;
    long suspendedPackets;
    private int lastPt = -1;
    final int[] packetsPerPt = new int[128];

    private final TimestampUnwrapper timestamps = new TimestampUnwrapper();
    final RfcSequenceTracker rfcSeq;
    final InterarrivalJitter rfcJitter = new InterarrivalJitter();
    final LossPattern pattern;
    final IntervalQuality intervals;
    final AnalyzerSequenceTracker seq;
    final InterarrivalJitter jitter = new InterarrivalJitter(false); // its integer form is never reported
    final FixedJitterBuffer[] buffers;
    long jbSkipped;
    final Ws40Analysis ws40 = new Ws40Analysis();
    final SeriesBuckets series = new SeriesBuckets();
    DtmfTracker dtmf;
    RtcpState rtcp;

    // The probation packets of the ANALYZER tracker (same ring as the tracker's), replayed when it validates (A1).
    private final long[] runNanos;
    private final long[] runTs;
    private final boolean[] runMarker;
    private final byte[] runKind;
    private final int[] runClock;
    private int runStart;
    private int runSize;

    // The packet that announced a restart, replayed when it is confirmed (A2).
    private boolean hasSuspect;
    private long suspectNanos;
    private long suspectTs;
    private boolean suspectMarker;
    private byte suspectKind;
    private int suspectClock;

    private long prevJitterNanos = Long.MIN_VALUE;
    private long lastFedExt = Long.MIN_VALUE;
    private long lastFedTs;
    private boolean lastFedAudio;
    private int lastAudioClock;

    // Timestamp steps between consecutive audio packets (for ptime), a few distinct values.
    final long[] stepValue = new long[8];
    final long[] stepCount = new long[8];

    private long nextIntervalNanos;
    /** Capture time from which the interval number may exceed {@code intervals.nowInterval}. */
    private long nextMosIntervalNanos;
    int lastFraction8 = -1;
    int maxFraction8;

    RtpStream(TupleState tuple, long ssrc, int ipVersion, int ssrcIndexOnTuple, StreamSettings settings) {
        this.tuple = tuple;
        this.srcHi = tuple.srcHi;
        this.srcLo = tuple.srcLo;
        this.srcPort = tuple.srcPort;
        this.dstHi = tuple.dstHi;
        this.dstLo = tuple.dstLo;
        this.dstPort = tuple.dstPort;
        this.ssrc = ssrc;
        this.ipVersion = ipVersion;
        this.ssrcIndexOnTuple = ssrcIndexOnTuple;
        this.settings = settings;
        this.rfcSeq = new RfcSequenceTracker(settings.minSequential, settings.maxDropout, settings.maxMisorder);
        this.pattern = new LossPattern(settings.gmin);
        this.intervals = new IntervalQuality(this);
        LossPattern lp = pattern;
        IntervalQuality iq = intervals;
        SlotSink both = new SlotSink() {
            @Override
            public void slot(int outcome) {
                lp.slot(outcome);
                iq.slot(outcome);
            }

            @Override
            public void slot(int outcome, int tag) {
                lp.slot(outcome);
                iq.slot(outcome, tag);
            }

            @Override
            public void segmentBreak() {
                lp.segmentBreak();
                iq.segmentBreak();
            }
        };
        this.seq = new AnalyzerSequenceTracker(settings.minSequential, settings.maxDropout, settings.maxMisorder,
                settings.slotWindow, both);
        this.buffers = new FixedJitterBuffer[settings.jitterBufferDepthsMs.length];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new FixedJitterBuffer(settings.jitterBufferDepthsMs[i], settings.resyncOnMarker,
                    Double.POSITIVE_INFINITY);
        }
        jitter.setStepGuardMs(settings.jitterStepGuardMs);
        int run = AnalyzerSequenceTracker.probationCapacity(settings.minSequential);
        runNanos = new long[run];
        runTs = new long[run];
        runMarker = new boolean[run];
        runKind = new byte[run];
        runClock = new int[run];
    }

    void bind(Binding b, MediaEndpoint e, PayloadProfile p) {
        binding = b;
        endpoint = e;
        profile = p;
        if (callRef == null && e != null) {
            callRef = e.callRef();
            mLineIndex = e.mLineIndex();
        }
    }

    /**
     * The call of the first SDP that bound this stream. A later declaration of the same endpoint
     * (a re-INVITE, or another call reusing the port once this stream has ended) may change how the
     * stream is decoded, but not whose it is: an SSRC that flowed in one call stays in that call.
     */
    Object callRef;
    int mLineIndex = -1;

    boolean matchesKey(long sh, long sl, int sp, long dh, long dl, int dp) {
        return sp == srcPort && dp == dstPort && sl == srcLo && dl == dstLo && sh == srcHi && dh == dstHi;
    }

    RtcpState rtcp() {
        if (rtcp == null) {
            rtcp = new RtcpState(settings.maxReportsKept);
        }
        return rtcp;
    }

    /**
     * One RTP packet of this stream, in capture order.
     *
     * @param eventWord the first 4 payload octets for a 4+ octet payload, else {@link #NO_EVENT}
     */
    void onPacket(long ns, int sq, long ts32, int pt, boolean marker, int rtpLength, int payloadLength,
                  long eventWord) {
        PayloadProfile pp = profile;
        byte kind = pp.kind[pt];
        int clock = pp.analyzerClock[pt];
        if (packets == 0) {
            firstNanos = ns;
            nextIntervalNanos = ns + settings.reportIntervalNanos;
            nextMosIntervalNanos = ns;
        }
        lastNanos = ns;
        packets++;
        rtpBytes += rtpLength;
        payloadBytes += payloadLength;
        ipBytes += rtpLength + (ipVersion == 6 ? 48 : 28);
        if (marker) {
            markers++;
        }
        if (lastPt >= 0 && pt != lastPt) {
            payloadTypeChanges++;
        }
        lastPt = pt;
        packetsPerPt[pt]++;
        if (kind == PayloadProfile.COMFORT_NOISE) {
            comfortNoise++;
        } else if (kind == PayloadProfile.EVENT) {
            events++;
            if (eventWord != NO_EVENT) {
                if (dtmf == null) {
                    dtmf = new DtmfTracker(settings.maxDtmfEvents);
                }
                dtmf.onPacket(ns, ts32, (int) eventWord, clock > 0 ? clock : lastAudioClock);
            }
        }
        long tsExt = timestamps.next(ts32);

        double arrivalMs = (ns - firstNanos) / 1e6;
        ws40.update(arrivalMs, sq, ts32, pt, marker, pp.ws40Clock[pt], kind == PayloadProfile.EVENT);

        if (ns >= nextIntervalNanos) {
            int f = rfcSeq.fractionLostAndAdvance();
            if (rfcSeq.validated()) {
                lastFraction8 = f;
                if (f > maxFraction8) {
                    maxFraction8 = f;
                }
            }
            nextIntervalNanos += settings.reportIntervalNanos;
            if (nextIntervalNanos <= ns) {
                nextIntervalNanos = ns + settings.reportIntervalNanos;
            }
        }
        int r = rfcSeq.update(sq);
        if (r != RfcSequenceTracker.PROBATION && r != RfcSequenceTracker.JUMP) {
            if (r == RfcSequenceTracker.RESTART) {
                rfcJitter.resetBaseline();
            }
            if (kind != PayloadProfile.EVENT && clock > 0) {
                rfcJitter.update(ns, tsExt, clock);
            }
        }

        if (ns >= nextMosIntervalNanos) {
            // (ns − first) / length only when a new interval may have begun: no division per packet.
            long interval = (ns - firstNanos) / settings.mosIntervalNanos;
            if (interval > intervals.nowInterval) {
                intervals.nowInterval = interval;
            }
            nextMosIntervalNanos = firstNanos + (intervals.nowInterval + 1) * settings.mosIntervalNanos;
        }
        seq.window().setTag((int) intervals.nowInterval);
        int c = seq.update(sq);
        series.onPacket(ns, seq.lostRfc(), ws40.jitterMs());
        switch (c) {
            case AnalyzerSequenceTracker.PROBATION: {
                int cap = runNanos.length;
                if (runSize == cap) {
                    runStart = (runStart + 1) % cap;
                    runSize--;
                }
                int i = (runStart + runSize) % cap;
                runNanos[i] = ns;
                runTs[i] = tsExt;
                runMarker[i] = marker;
                runKind[i] = kind;
                runClock[i] = clock;
                runSize++;
                break;
            }
            case AnalyzerSequenceTracker.JUMP:
                hasSuspect = true;
                suspectNanos = ns;
                suspectTs = tsExt;
                suspectMarker = marker;
                suspectKind = kind;
                suspectClock = clock;
                break;
            case AnalyzerSequenceTracker.VALIDATED: {
                int cap = runNanos.length;
                for (int a = 0; a < seq.acceptedCount(); a++) {
                    if (seq.acceptedDuplicate(a)) {
                        continue;
                    }
                    int i = (runStart + seq.acceptedArrivalIndex(a)) % cap;
                    feed(seq.acceptedExtSeq(a), runNanos[i], (runNanos[i] - firstNanos) / 1e6, runTs[i], runMarker[i],
                            runKind[i], runClock[i]);
                }
                runStart = 0;
                runSize = 0;
                feed(seq.lastExtSeq(), ns, arrivalMs, tsExt, marker, kind, clock);
                break;
            }
            case AnalyzerSequenceTracker.RESTART:
                jitter.resetBaseline();
                prevJitterNanos = Long.MIN_VALUE;
                for (FixedJitterBuffer b : buffers) {
                    b.reset();
                }
                lastFedExt = Long.MIN_VALUE;
                if (hasSuspect) {
                    feed(seq.baseSeq(), suspectNanos, (suspectNanos - firstNanos) / 1e6, suspectTs, suspectMarker,
                            suspectKind, suspectClock);
                    hasSuspect = false;
                }
                feed(seq.lastExtSeq(), ns, arrivalMs, tsExt, marker, kind, clock);
                break;
            case AnalyzerSequenceTracker.DUPLICATE:
                break;
            default:
                feed(seq.lastExtSeq(), ns, arrivalMs, tsExt, marker, kind, clock);
                break;
        }
    }

    /**
     * One valid, non-duplicate packet through ANALYZER jitter, the jitter buffers and the ptime histogram.
     *
     * @param arrMs {@code (ns − firstNanos) / 1e6}, computed once by the caller
     */
    private void feed(long ext, long ns, double arrMs, long tsExt, boolean marker, byte kind, int clock) {
        boolean audioLike = kind != PayloadProfile.EVENT && clock > 0;
        if (audioLike) {
            if (prevJitterNanos != Long.MIN_VALUE && ns - prevJitterNanos > settings.jitterResetGapNanos) {
                jitter.resetBaseline();
            }
            jitter.update(ns, tsExt, clock);
            prevJitterNanos = ns;
        }
        int jbClock = clock > 0 ? clock : (kind == PayloadProfile.EVENT ? lastAudioClock : 0);
        if (jbClock > 0) {
            boolean event = kind == PayloadProfile.EVENT;
            // The buffers are offered the same packets and reset together, so their timestamp offsets
            // agree; the conversion to ms is done once per distinct offset.
            long lastOffset = 0;
            double tsMs = 0;
            for (int i = 0; i < buffers.length; i++) {
                FixedJitterBuffer b = buffers[i];
                long offset = b.timestampOffset(tsExt);
                if (i == 0 || offset != lastOffset) {
                    tsMs = FixedJitterBuffer.tsMs(offset, jbClock);
                    lastOffset = offset;
                }
                int d = b.offerAtMs(tsMs, arrMs, marker, event);
                if (i == 0) {
                    seq.window().set(ext, d == FixedJitterBuffer.PLAYED ? SlotWindow.PLAYED : SlotWindow.DISCARDED);
                }
            }
        } else {
            jbSkipped++;
        }
        boolean audio = kind == PayloadProfile.AUDIO && clock > 0;
        if (audio && lastFedAudio && ext == lastFedExt + 1) {
            long step = tsExt - lastFedTs;
            if (step > 0) {
                countStep(step);
            }
        }
        lastFedExt = ext;
        lastFedTs = tsExt;
        lastFedAudio = audio;
        if (audio) {
            lastAudioClock = clock;
        }
    }

    private void countStep(long step) {
        for (int i = 0; i < stepValue.length; i++) {
            if (stepCount[i] == 0) {
                stepValue[i] = step;
                stepCount[i] = 1;
                return;
            }
            if (stepValue[i] == step) {
                stepCount[i]++;
                return;
            }
        }
    }

    /** Median of the counted timestamp steps (weighted by their counts), 0 when none. Allocation-free. */
    long medianStep() {
        long total = 0;
        for (int i = 0; i < stepValue.length; i++) {
            total += stepCount[i];
        }
        if (total == 0) {
            return 0;
        }
        long half = (total + 1) / 2;
        long seen = 0;
        long floor = Long.MIN_VALUE;
        while (true) {
            // The smallest step value above floor, and how often it occurred.
            long next = Long.MAX_VALUE;
            for (int i = 0; i < stepValue.length; i++) {
                if (stepCount[i] > 0 && stepValue[i] > floor && stepValue[i] < next) {
                    next = stepValue[i];
                }
            }
            if (next == Long.MAX_VALUE) {
                return floor;
            }
            for (int i = 0; i < stepValue.length; i++) {
                if (stepCount[i] > 0 && stepValue[i] == next) {
                    seen += stepCount[i];
                }
            }
            if (seen >= half) {
                return next;
            }
            floor = next;
        }
    }

    /** Packet duration: {@code a=ptime}, else the median timestamp step of the dominant clock, else NaN. */
    double ptimeMs(int clock) {
        if (endpoint != null && !Double.isNaN(endpoint.ptimeMs())) {
            return endpoint.ptimeMs();
        }
        long step = clock > 0 ? medianStep() : 0;
        return step > 0 ? step * 1000.0 / clock : Double.NaN;
    }

    /**
     * Rates one interval (IntervalQuality.Rater): the E-model with the dominant codec, the interval's loss
     * and burst ratio, and the one-way delay known now (RTCP round trip of both halves, else the default),
     * plus packetisation, look-ahead, jitter buffer and device delay (QUALITY.md §8.6). Allocation-free.
     */
    @Override
    public double rate(double pplPercent, double burstRatio) {
        int pt = dominantPayloadType();
        CodecImpairment codec = profile.impairment[pt < 0 ? 0 : pt];
        int clock = pt < 0 ? 0 : profile.analyzerClock[pt];
        double ptime = ptimeMs(clock);
        double network = settings.defaultNetworkOneWayMs;
        if (rtcp != null && rtcp.receiverHalf.size() > 0 && rtcp.senderHalf.size() > 0) {
            network = (rtcp.receiverHalf.median() + rtcp.senderHalf.median()) * 1000 / 2;
        }
        double ta = network + (Double.isNaN(ptime) ? 20 : ptime) + codec.lookaheadMs() + settings.primaryJitterBufferMs
                + settings.deviceDelayMs;
        return EModel.rating(codec.ie(), codec.effectiveBpl(), pplPercent, burstRatio, ta, ta, 2 * ta,
                settings.advantageFactor);
    }

    /** The most frequent payload type that is neither CN nor telephone-event, −1 if none. */
    int dominantPayloadType() {
        int best = -1;
        for (int pt = 0; pt < 128; pt++) {
            if (packetsPerPt[pt] > 0 && profile.kind[pt] == PayloadProfile.AUDIO
                    && (best < 0 || packetsPerPt[pt] > packetsPerPt[best])) {
                best = pt;
            }
        }
        return best;
    }

    /** Forces every jitter-buffer simulation to re-anchor on the next packet (after hold/resume). */
    void reanchor() {
        for (FixedJitterBuffer b : buffers) {
            b.reanchorNext();
        }
        jitter.resetBaseline();
    }
}
