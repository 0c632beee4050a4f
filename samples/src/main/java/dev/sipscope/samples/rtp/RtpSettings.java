package dev.sipscope.samples.rtp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Per-stream RTP settings shared by calls ({@link RtpOptions}) and stand-alone streams
 * ({@link RtpStreamBuilder}): packet time, identifiers, impairments and extras. Values left unset
 * (SSRC, first sequence number, first timestamp) are drawn from the stream's seeded random source.
 *
 * @param <T> the concrete builder type, returned by every setter for chaining
 */
public abstract class RtpSettings<T extends RtpSettings<T>> {
    int ptimeMillis = 20;
    Long ssrc;
    Integer startSeq;
    Long startTimestamp;
    Integer payloadType;
    int eventPayloadType = 101;
    LossModel loss = LossModel.none();
    JitterModel jitter = JitterModel.none();
    double reorderRate;
    double duplicateRate;
    final List<DtmfEvent> dtmf = new ArrayList<>();
    long meanTalkMillis;
    long meanSilenceMillis;
    boolean rtcp;
    int rtcpIntervalMillis = 5000;
    boolean recordArrivals = true;
    boolean enabled = true;

    RtpSettings() {
    }

    protected abstract T self();

    /** Packet time in milliseconds (20 by default). */
    public T ptime(int millis) {
        this.ptimeMillis = millis;
        return self();
    }

    public T ssrc(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("SSRC is a 32-bit unsigned value, got " + value);
        }
        this.ssrc = value;
        return self();
    }

    /** First RTP sequence number (e.g. 65500 to force a wrap within the first second). */
    public T startSeq(int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException("sequence number is 16-bit, got " + value);
        }
        this.startSeq = value;
        return self();
    }

    /** First RTP timestamp (e.g. near 2^32 to force a timestamp wrap). */
    public T startTimestamp(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("RTP timestamp is 32-bit unsigned, got " + value);
        }
        this.startTimestamp = value;
        return self();
    }

    /** Overrides the codec's payload type (e.g. a dynamic number for a static codec). */
    public T payloadType(int value) {
        if (value < 0 || value > 127) {
            throw new IllegalArgumentException("payload type is 7-bit, got " + value);
        }
        this.payloadType = value;
        return self();
    }

    /** Payload type of RFC 4733 events (101 by default). */
    public T eventPayloadType(int value) {
        if (value < 96 || value > 127) {
            throw new IllegalArgumentException("telephone-event needs a dynamic payload type 96..127, got " + value);
        }
        this.eventPayloadType = value;
        return self();
    }

    public T loss(LossModel model) {
        this.loss = model;
        return self();
    }

    /** Independent loss at {@code rate}. */
    public T randomLoss(double rate) {
        return loss(LossModel.random(rate));
    }

    /** Gilbert loss at mean {@code rate} with bursts of {@code meanBurstPackets}. */
    public T burstyLoss(double rate, double meanBurstPackets) {
        return loss(LossModel.bursty(rate, meanBurstPackets));
    }

    public T jitter(JitterModel model) {
        this.jitter = model;
        return self();
    }

    /** Gaussian network jitter with this standard deviation. */
    public T jitterMillis(double stdDevMillis) {
        return jitter(JitterModel.gaussian(stdDevMillis));
    }

    /** Fraction of packets held back by 1.1 to 1.9 packet times, so they arrive after their successor. */
    public T reorder(double rate) {
        checkRate("reorder rate", rate);
        this.reorderRate = rate;
        return self();
    }

    /** Fraction of packets that arrive twice (the copy 0.1 ms to half a packet time later). */
    public T duplicates(double rate) {
        checkRate("duplicate rate", rate);
        this.duplicateRate = rate;
        return self();
    }

    /** Sends one RFC 4733 event. */
    public T dtmf(DtmfEvent event) {
        this.dtmf.add(event);
        return self();
    }

    /** Sends {@code digits} from {@code atMillis}, each held 100 ms with 100 ms between digits. */
    public T dtmf(long atMillis, String digits) {
        for (int i = 0; i < digits.length(); i++) {
            dtmf(new DtmfEvent(atMillis + 200L * i, digits.charAt(i), 100));
        }
        return self();
    }

    /**
     * Voice activity: talk spurts and silences of exponentially distributed lengths with these
     * means; no packets are sent in silence and the first packet of each spurt has the marker bit.
     */
    public T talkSpurts(long meanTalkMillis, long meanSilenceMillis) {
        if (meanTalkMillis <= 0 || meanSilenceMillis <= 0) {
            throw new IllegalArgumentException("talk spurt and silence means must be positive");
        }
        this.meanTalkMillis = meanTalkMillis;
        this.meanSilenceMillis = meanSilenceMillis;
        return self();
    }

    /** RTCP compound packets (SR or RR, SDES CNAME; BYE at the end) every {@link #rtcpInterval} ms. */
    public T rtcp(boolean on) {
        this.rtcp = on;
        return self();
    }

    public T rtcpInterval(int millis) {
        if (millis < 100) {
            throw new IllegalArgumentException("RTCP interval must be at least 100 ms, got " + millis);
        }
        this.rtcpIntervalMillis = millis;
        return self();
    }

    /** Keep the per-packet arrival list in the ground truth (default on; off for huge captures). */
    public T recordArrivals(boolean on) {
        this.recordArrivals = on;
        return self();
    }

    /** No packets at all in this direction (one-way audio). */
    public T disabled() {
        this.enabled = false;
        return self();
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean rtcpEnabled() {
        return rtcp;
    }

    public int rtcpIntervalMillis() {
        return rtcpIntervalMillis;
    }

    public int ptimeMillis() {
        return ptimeMillis;
    }

    /** The RFC 4733 events, in time order. */
    public List<DtmfEvent> dtmfEvents() {
        List<DtmfEvent> copy = new ArrayList<>(dtmf);
        copy.sort((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
        return Collections.unmodifiableList(copy);
    }

    private static void checkRate(String what, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(what + " must be within [0, 1), got " + rate);
        }
    }
}
