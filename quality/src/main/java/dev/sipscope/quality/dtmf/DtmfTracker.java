package dev.sipscope.quality.dtmf;

import dev.sipscope.decoder.rtp.TelephoneEventView;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a stream's RFC 4733 telephone-event packets into events (digits with time and duration).
 *
 * <p>RFC 4733 §2.5: all packets of one event carry the event's start timestamp and a growing duration;
 * the last ones have the End bit and are usually sent three times. So a packet starts a new event when
 * its timestamp or event code differs from the current event's; otherwise it extends the current one
 * (largest duration wins, End bit sticks). Packets are taken in arrival order; a reordered packet of an
 * earlier event that arrives after a newer one would start a spurious event, which is counted in
 * {@link #outOfOrderPackets()} and dropped when it matches an earlier kept event.
 *
 * <p>At most {@code maxEvents} events are kept (the rest are counted in {@link #overflow()}). Storage is
 * parallel primitive arrays grown by doubling, so a packet allocates only when the count crosses a power
 * of two.
 */
public final class DtmfTracker {
    private final int maxEvents;
    private int count;
    private int[] event = new int[4];
    private long[] startNanos = new long[4];
    private long[] lastNanos = new long[4];
    private int[] durationTicks = new int[4];
    private int[] clockHz = new int[4];
    private int[] volume = new int[4];
    private boolean[] ended = new boolean[4];
    private long[] timestamp = new long[4];
    private int[] packets = new int[4];
    private long overflow;
    private long outOfOrder;

    public DtmfTracker(int maxEvents) {
        this.maxEvents = maxEvents;
    }

    /**
     * Feeds one telephone-event packet.
     *
     * @param word    the first 4 payload octets ({@link TelephoneEventView#word})
     * @param ts32    its RTP timestamp
     * @param clockHz clock of the event payload type (8000 when unknown)
     */
    public void onPacket(long nanos, long ts32, int word, int clockHz) {
        int code = TelephoneEventView.event(word);
        int c = count - 1;
        if (c >= 0 && timestamp[c] == ts32 && event[c] == code) {
            extend(c, nanos, word);
            return;
        }
        // A straggler of an earlier event (reordered): extend it instead of opening a new one.
        for (int i = Math.max(0, count - 4); i < count - 1; i++) {
            if (timestamp[i] == ts32 && event[i] == code) {
                outOfOrder++;
                extend(i, nanos, word);
                return;
            }
        }
        if (count >= maxEvents) {
            overflow++;
            return;
        }
        if (count == event.length) {
            grow();
        }
        int n = count++;
        event[n] = code;
        startNanos[n] = nanos;
        lastNanos[n] = nanos;
        durationTicks[n] = TelephoneEventView.duration(word);
        this.clockHz[n] = clockHz > 0 ? clockHz : 8000;
        volume[n] = TelephoneEventView.volume(word);
        ended[n] = TelephoneEventView.end(word);
        timestamp[n] = ts32;
        packets[n] = 1;
    }

    private void extend(int i, long nanos, int word) {
        int d = TelephoneEventView.duration(word);
        if (d > durationTicks[i]) {
            durationTicks[i] = d;
        }
        if (nanos > lastNanos[i]) {
            lastNanos[i] = nanos;
        }
        volume[i] = TelephoneEventView.volume(word);
        ended[i] |= TelephoneEventView.end(word);
        packets[i]++;
    }

    private void grow() {
        int n = Math.min(maxEvents, event.length * 2);
        event = java.util.Arrays.copyOf(event, n);
        startNanos = java.util.Arrays.copyOf(startNanos, n);
        lastNanos = java.util.Arrays.copyOf(lastNanos, n);
        durationTicks = java.util.Arrays.copyOf(durationTicks, n);
        clockHz = java.util.Arrays.copyOf(clockHz, n);
        volume = java.util.Arrays.copyOf(volume, n);
        ended = java.util.Arrays.copyOf(ended, n);
        timestamp = java.util.Arrays.copyOf(timestamp, n);
        packets = java.util.Arrays.copyOf(packets, n);
    }

    public int count() {
        return count;
    }

    /** Events not kept because {@code maxEvents} was reached. */
    public long overflow() {
        return overflow;
    }

    /** Packets that belonged to an event older than the latest. */
    public long outOfOrderPackets() {
        return outOfOrder;
    }

    /** The events in the order they started (allocates). */
    public List<DtmfEvent> events() {
        List<DtmfEvent> l = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            l.add(new DtmfEvent(event[i], TelephoneEventView.dtmfChar(event[i]), startNanos[i], lastNanos[i],
                    durationTicks[i] * 1000.0 / clockHz[i], volume[i], ended[i], timestamp[i], packets[i]));
        }
        return l;
    }

    /** The digits as a string, e.g. "123#" (allocates). */
    public String digits() {
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append(TelephoneEventView.dtmfChar(event[i]));
        }
        return sb.toString();
    }
}
