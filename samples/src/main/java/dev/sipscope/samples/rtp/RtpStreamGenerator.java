package dev.sipscope.samples.rtp;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import dev.sipscope.samples.net.FrameEmitter;
import dev.sipscope.samples.net.FrameGenerator;
import dev.sipscope.samples.net.PacketBuilder;
import dev.sipscope.samples.net.SeededRandom;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Emits one RTP stream in capture order while it is being "sent" in send order.
 *
 * <p>Each send slot decides, with independent seeded draws: silence or talk, telephone event or
 * audio, lost or not (loss model), network delay (jitter model, plus 1.1..1.9 packet times when
 * chosen for reordering), and whether a duplicate follows. Surviving packets wait in a small
 * priority queue keyed by arrival time; a packet leaves only when no packet still to be sent could
 * arrive before it (arrival is never earlier than sending), so memory stays within the largest
 * delay's worth of packets. Ground truth is accumulated as frames are emitted and handed to the
 * listener by {@link #finish()}.
 */
public final class RtpStreamGenerator implements FrameGenerator {
    private static final int RTP_HEADER = 12;
    private static final int EVENT_PAYLOAD = 4;
    private static final int END_REPEATS = 2;

    private static final class Pending implements Comparable<Pending> {
        long arrivalNanos;
        long order;
        long extSeq;
        long unwrappedTimestamp;
        int payloadType;
        boolean marker;
        int payloadBytes;
        int ipId;
        int eventCode = -1;
        boolean eventEnd;
        int eventDuration;
        int eventVolume;

        Pending copy() {
            Pending p = new Pending();
            p.extSeq = extSeq;
            p.unwrappedTimestamp = unwrappedTimestamp;
            p.payloadType = payloadType;
            p.marker = marker;
            p.payloadBytes = payloadBytes;
            p.ipId = ipId;
            p.eventCode = eventCode;
            p.eventEnd = eventEnd;
            p.eventDuration = eventDuration;
            p.eventVolume = eventVolume;
            return p;
        }

        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(arrivalNanos, o.arrivalNanos);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final RtpStreamSpec spec;
    private final PacketBuilder builder;
    private final StreamTruth truth;
    private final Consumer<StreamTruth> onFinish;
    private final SeededRandom lossRandom;
    private final SeededRandom delayRandom;
    private final SeededRandom reorderRandom;
    private final SeededRandom duplicateRandom;
    private final SeededRandom sizeRandom;
    private final SeededRandom talkRandom;
    private final LossModel.Process loss;
    private final long ptimeNanos;
    private final int samplesPerPacket;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private final byte[] buf = new byte[2048];
    private final Frame frame = new Frame();
    private final ArrayDeque<long[]> sendHistory;

    private long slot;
    private long nextSendNanos;
    private long sentPackets;
    private long order;
    private boolean markNext = true;
    private boolean talking = true;
    private long talkStateUntilNanos;
    private int dtmfIndex;
    private DtmfEvent event;
    private int eventPosition;
    private int eventPackets;
    private long eventTimestamp;
    private long eventFirstSendNanos;
    private long confirmedPackets;
    private long confirmedOctets;
    private boolean finished;

    /**
     * @param random   the stream's own random source (children are derived for each decision)
     * @param onFinish receives the ground truth once the last packet was emitted (nullable)
     */
    public RtpStreamGenerator(RtpStreamSpec spec, PacketBuilder builder, SeededRandom random,
                              Consumer<StreamTruth> onFinish) {
        this.spec = spec;
        this.builder = builder;
        this.truth = new StreamTruth(spec);
        this.onFinish = onFinish;
        this.lossRandom = random.child(1);
        this.delayRandom = random.child(2);
        this.reorderRandom = random.child(3);
        this.duplicateRandom = random.child(4);
        this.sizeRandom = random.child(5);
        this.talkRandom = random.child(6);
        this.loss = spec.loss().start(lossRandom);
        this.ptimeNanos = spec.ptimeNanos();
        this.samplesPerPacket = spec.samplesPerPacket();
        this.nextSendNanos = spec.startNanos();
        this.sendHistory = spec.trackSenderHistory() ? new ArrayDeque<>() : null;
        if (spec.meanTalkMillis() > 0) {
            talkStateUntilNanos = spec.startNanos() + Math.max(ptimeNanos,
                    Math.round(talkRandom.nextExponential(spec.meanTalkMillis()) * 1e6));
        }
    }

    public RtpStreamSpec spec() {
        return spec;
    }

    /** The truth gathered so far (complete after {@link #finish()}). */
    public StreamTruth truth() {
        return truth;
    }

    @Override
    public long nextNanos() {
        fill();
        Pending head = pending.peek();
        return head == null ? DONE : head.arrivalNanos;
    }

    @Override
    public void emitNext(FrameEmitter out) throws IOException {
        fill();
        Pending p = pending.poll();
        if (p == null) {
            throw new IllegalStateException("stream " + spec.label() + " has nothing more to emit");
        }
        int off = PacketBuilder.udpPayloadOffset(spec.src().ip(), spec.path());
        buf[off] = (byte) 0x80; // V=2, no padding, no extension, no CSRC (RFC 3550 section 5.1)
        buf[off + 1] = (byte) ((p.marker ? 0x80 : 0) | p.payloadType);
        PacketBuilder.putShort(buf, off + 2, (int) (p.extSeq & 0xFFFF));
        PacketBuilder.putInt(buf, off + 4, (int) p.unwrappedTimestamp);
        PacketBuilder.putInt(buf, off + 8, (int) spec.ssrc());
        int body = off + RTP_HEADER;
        if (p.eventCode >= 0) {
            buf[body] = (byte) p.eventCode; // RFC 4733 section 2.3
            buf[body + 1] = (byte) ((p.eventEnd ? 0x80 : 0) | p.eventVolume);
            PacketBuilder.putShort(buf, body + 2, p.eventDuration);
        } else {
            AudioPayloads.fill(spec.codec(), p.unwrappedTimestamp, buf, body, p.payloadBytes);
        }
        int length = builder.sealUdp(buf, spec.src(), spec.dst(), spec.path(), PacketBuilder.DSCP_EF,
                RTP_HEADER + p.payloadBytes, p.ipId);
        frame.set(p.arrivalNanos, LinkType.ETHERNET, 0, buf, 0, length, length);
        out.emit(frame);
        truth.onCaptured(p.arrivalNanos, p.extSeq, p.unwrappedTimestamp, p.payloadType, p.marker);
    }

    @Override
    public void finish() {
        if (!finished) {
            finished = true;
            if (onFinish != null) {
                onFinish.accept(truth);
            }
        }
    }

    /**
     * Packets and payload octets sent at or before {@code tNanos} (for an RTCP sender report).
     * Needs {@link RtpStreamSpec#trackSenderHistory()}; queries must not go back in time, and
     * everything sent before {@code tNanos} must already have been generated (true when
     * {@code tNanos} is not later than this generator's {@link #nextNanos()}).
     */
    public long[] sentUpTo(long tNanos) {
        if (sendHistory == null) {
            throw new IllegalStateException("stream " + spec.label() + " does not track sender history");
        }
        while (!sendHistory.isEmpty() && sendHistory.peekFirst()[0] <= tNanos) {
            long[] h = sendHistory.pollFirst();
            confirmedPackets++;
            confirmedOctets += h[1];
        }
        return new long[] {confirmedPackets, confirmedOctets};
    }

    /** Generates send slots until the head of the queue can no longer be overtaken. */
    private void fill() {
        while (nextSendNanos < spec.endNanos() && (pending.isEmpty() || nextSendNanos <= pending.peek().arrivalNanos)) {
            generateSlot();
        }
    }

    private void generateSlot() {
        long t = nextSendNanos;
        long ts = spec.startTimestamp() + slot * samplesPerPacket;
        slot++;
        nextSendNanos = spec.startNanos() + slot * ptimeNanos;

        Pending p = null;
        if (event == null && dtmfIndex < spec.dtmf().size()
                && t >= spec.startNanos() + spec.dtmf().get(dtmfIndex).atMillis() * 1_000_000L) {
            event = spec.dtmf().get(dtmfIndex++);
            eventPosition = 0;
            int held = (int) Math.max(1, (event.durationMillis() + spec.ptimeMillis() - 1) / spec.ptimeMillis());
            eventPackets = held + END_REPEATS;
            eventTimestamp = ts;
            eventFirstSendNanos = t;
        }
        if (event != null) {
            int held = eventPackets - END_REPEATS;
            p = new Pending();
            p.payloadType = spec.eventPayloadType();
            p.unwrappedTimestamp = eventTimestamp;
            p.marker = eventPosition == 0; // RFC 4733 section 2.5.1.2: marker on the first packet of an event
            p.payloadBytes = EVENT_PAYLOAD;
            p.eventCode = DtmfEvent.eventCode(event.digit());
            p.eventVolume = event.volume();
            p.eventEnd = eventPosition >= held - 1;
            p.eventDuration = Math.min(65535, Math.min(eventPosition + 1, held) * samplesPerPacket);
            eventPosition++;
            if (eventPosition == eventPackets) {
                truth.onDtmf(new DtmfTruth(event.digit(), p.eventCode, eventTimestamp & 0xFFFF_FFFFL, p.eventDuration,
                        eventFirstSendNanos, eventPackets));
                event = null;
                markNext = true;
            }
        } else if (inPause(t) || !talkingAt(t)) {
            markNext = true;
        } else {
            p = new Pending();
            p.payloadType = spec.payloadType();
            p.unwrappedTimestamp = ts;
            p.marker = markNext; // RFC 3551 section 4.1: first packet of a talk spurt
            markNext = false;
            p.payloadBytes = spec.codec().payloadBytes(spec.ptimeMillis(), sizeRandom);
        }
        if (p == null) {
            return;
        }
        p.extSeq = spec.startSeq() + sentPackets;
        sentPackets++;
        p.ipId = builder.nextIpv4Id(spec.src().ip());
        if (sendHistory != null) {
            sendHistory.addLast(new long[] {t, p.payloadBytes});
        }
        boolean lost = loss.nextLost();
        long delay = spec.jitter().delayNanos(delayRandom);
        boolean reorder = reorderRandom.chance(spec.reorderRate());
        if (reorder) {
            delay += Math.round((1.1 + 0.8 * reorderRandom.nextDouble()) * ptimeNanos);
        }
        boolean duplicate = duplicateRandom.chance(spec.duplicateRate());
        long duplicateGap = duplicate ? 100_000 + Math.round(duplicateRandom.nextDouble() * ptimeNanos / 2) : 0;
        truth.onSent(t, p.payloadBytes, lost);
        if (lost) {
            return;
        }
        p.arrivalNanos = t + delay;
        p.order = order++;
        pending.add(p);
        if (duplicate) {
            Pending d = p.copy();
            d.arrivalNanos = p.arrivalNanos + duplicateGap;
            d.order = order++;
            pending.add(d);
        }
    }

    private boolean inPause(long t) {
        for (TimeWindow w : spec.pauses()) {
            if (w.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private boolean talkingAt(long t) {
        if (spec.meanTalkMillis() <= 0) {
            return true;
        }
        while (t >= talkStateUntilNanos) {
            talking = !talking;
            double mean = talking ? spec.meanTalkMillis() : spec.meanSilenceMillis();
            talkStateUntilNanos += Math.max(ptimeNanos, Math.round(talkRandom.nextExponential(mean) * 1e6));
        }
        return talking;
    }

    @Override
    public String toString() {
        return "RtpStreamGenerator[" + spec.label() + "]";
    }
}
