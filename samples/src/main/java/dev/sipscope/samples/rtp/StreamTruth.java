package dev.sipscope.samples.rtp;

import dev.sipscope.samples.net.Endpoint;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;

/**
 * Ground truth of one RTP stream: what was sent and exactly what reached the capture.
 *
 * <p>Definitions (all over captured packets of this SSRC, telephone events included unless said):
 * <ul>
 *   <li>{@code unique}: distinct extended sequence numbers captured; {@code duplicates = captured - unique}.</li>
 *   <li>{@code expected = maxExtSeq - minExtSeq + 1} and {@code lost = expected - unique}, so
 *       {@code lost + unique == expected} always (RFC 3550 A.3 with the base at the lowest number).</li>
 *   <li>{@code cumulativeLostRfc3550}: what an RTCP receiver computes, expected from the <em>first
 *       arriving</em> packet to the highest, minus all packets received (duplicates included);
 *       it can be negative.</li>
 *   <li>{@code lostWireshark}: what {@code tshark -z rtp,streams} reports as "Lost": expected from
 *       the first arriving to the <em>last arriving</em> packet (not the highest), minus all packets
 *       received; it differs from {@code cumulativeLostRfc3550} when the last packet to arrive was
 *       reordered.</li>
 *   <li>{@code lostInNetwork = sent - unique}: includes losses before the first or after the last
 *       captured packet, which no receiver can see.</li>
 *   <li>{@code reordered}: non-duplicate packets captured after a packet with a higher number.</li>
 *   <li>{@code jitterRfc3550}: the RFC 3550 A.8 estimator (J += (|D| - J) / 16) run over every
 *       captured packet of the audio payload type in capture order, duplicates included, with the
 *       arrival time converted to timestamp units; in timestamp units, and in milliseconds.</li>
 *   <li>{@code lossBursts}, {@code maxLossBurst}: runs of consecutive sent packets the network
 *       dropped, and the longest such run.</li>
 * </ul>
 */
public final class StreamTruth {
    private final RtpStreamSpec spec;
    private long sent;
    private long sentOctets;
    private long captured;
    private long unique;
    private long reordered;
    private long markers;
    private long minExtSeq = Long.MAX_VALUE;
    private long maxExtSeq = Long.MIN_VALUE;
    private long firstArrivalExtSeq = -1;
    private long lastArrivalExtSeq = -1;
    private long lossBursts;
    private long maxLossBurst;
    private long currentBurst;
    private long firstSendNanos = -1;
    private long lastSendNanos = -1;
    private long firstArrivalNanos = -1;
    private long lastArrivalNanos = -1;
    private double jitter;
    private boolean haveTransit;
    private double lastTransit;
    private final BitSet seen = new BitSet();
    private final List<RtpArrival> arrivals;
    private final List<DtmfTruth> dtmf = new ArrayList<>();

    StreamTruth(RtpStreamSpec spec) {
        this.spec = spec;
        this.arrivals = spec.recordArrivals() ? new ArrayList<>() : null;
    }

    void onSent(long sendNanos, int payloadBytes, boolean lost) {
        sent++;
        sentOctets += payloadBytes;
        if (firstSendNanos < 0) {
            firstSendNanos = sendNanos;
        }
        lastSendNanos = sendNanos;
        if (lost) {
            if (currentBurst++ == 0) {
                lossBursts++;
            }
            maxLossBurst = Math.max(maxLossBurst, currentBurst);
        } else {
            currentBurst = 0;
        }
    }

    void onDtmf(DtmfTruth event) {
        dtmf.add(event);
    }

    void onCaptured(long arrivalNanos, long extSeq, long unwrappedTimestamp, int payloadType, boolean marker) {
        captured++;
        int index = (int) (extSeq - spec.startSeq());
        boolean duplicate = seen.get(index);
        if (!duplicate) {
            seen.set(index);
            unique++;
            if (extSeq < maxExtSeq) {
                reordered++;
            }
            if (marker) {
                markers++;
            }
        }
        if (firstArrivalExtSeq < 0) {
            firstArrivalExtSeq = extSeq;
            firstArrivalNanos = arrivalNanos;
        }
        lastArrivalNanos = arrivalNanos;
        lastArrivalExtSeq = extSeq;
        minExtSeq = Math.min(minExtSeq, extSeq);
        maxExtSeq = Math.max(maxExtSeq, extSeq);
        if (payloadType == spec.payloadType()) {
            double arrivalUnits = (arrivalNanos - spec.startNanos()) * (double) spec.clockRateHz() / 1e9;
            double transit = arrivalUnits - (unwrappedTimestamp - spec.startTimestamp());
            if (haveTransit) {
                double d = Math.abs(transit - lastTransit);
                jitter += (d - jitter) / 16.0;
            }
            lastTransit = transit;
            haveTransit = true;
        }
        if (arrivals != null) {
            arrivals.add(new RtpArrival(arrivalNanos, (int) (extSeq & 0xFFFF), extSeq, unwrappedTimestamp & 0xFFFF_FFFFL,
                    payloadType, marker, duplicate));
        }
    }

    public RtpStreamSpec spec() {
        return spec;
    }

    public String label() {
        return spec.label();
    }

    public long ssrc() {
        return spec.ssrc();
    }

    public Endpoint src() {
        return spec.src();
    }

    public Endpoint dst() {
        return spec.dst();
    }

    public Codec codec() {
        return spec.codec();
    }

    public int payloadType() {
        return spec.payloadType();
    }

    public int clockRateHz() {
        return spec.clockRateHz();
    }

    public long sent() {
        return sent;
    }

    public long sentOctets() {
        return sentOctets;
    }

    public long captured() {
        return captured;
    }

    public long unique() {
        return unique;
    }

    public long duplicates() {
        return captured - unique;
    }

    public long reordered() {
        return reordered;
    }

    /** Captured (non-duplicate) packets with the marker bit. */
    public long markers() {
        return markers;
    }

    /** Lowest extended sequence number captured, or -1 when nothing was. */
    public long minExtSeq() {
        return captured == 0 ? -1 : minExtSeq;
    }

    /** Highest extended sequence number captured, or -1 when nothing was. */
    public long maxExtSeq() {
        return captured == 0 ? -1 : maxExtSeq;
    }

    /** Extended sequence number of the first packet captured (the RFC 3550 base), or -1. */
    public long firstArrivalExtSeq() {
        return firstArrivalExtSeq;
    }

    public long expected() {
        return captured == 0 ? 0 : maxExtSeq - minExtSeq + 1;
    }

    public long lost() {
        return expected() - unique;
    }

    public long cumulativeLostRfc3550() {
        return captured == 0 ? 0 : (maxExtSeq - firstArrivalExtSeq + 1) - captured;
    }

    public long lostWireshark() {
        return captured == 0 ? 0 : (lastArrivalExtSeq - firstArrivalExtSeq + 1) - captured;
    }

    /** Extended sequence number of the last packet captured, or -1. */
    public long lastArrivalExtSeq() {
        return lastArrivalExtSeq;
    }

    public long lostInNetwork() {
        return sent - unique;
    }

    public long lossBursts() {
        return lossBursts;
    }

    public long maxLossBurst() {
        return maxLossBurst;
    }

    /** RFC 3550 A.8 jitter in timestamp units (see the class doc). */
    public double jitterRfc3550() {
        return jitter;
    }

    public double jitterMillis() {
        return jitter * 1000.0 / spec.clockRateHz();
    }

    public long firstSendNanos() {
        return firstSendNanos;
    }

    public long lastSendNanos() {
        return lastSendNanos;
    }

    public long firstArrivalNanos() {
        return firstArrivalNanos;
    }

    public long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    public List<DtmfTruth> dtmf() {
        return Collections.unmodifiableList(dtmf);
    }

    /** Every captured packet in capture order, or an empty list when recording was off. */
    public List<RtpArrival> arrivals() {
        return arrivals == null ? List.of() : Collections.unmodifiableList(arrivals);
    }

    public boolean arrivalsRecorded() {
        return arrivals != null;
    }

    @Override
    public String toString() {
        return "StreamTruth[" + label() + " ssrc=0x" + Long.toHexString(ssrc()) + " sent=" + sent + " captured=" + captured
                + " unique=" + unique + " expected=" + expected() + " lost=" + lost() + " dup=" + duplicates()
                + " reordered=" + reordered + " jitter=" + String.format(java.util.Locale.ROOT, "%.3f", jitterMillis()) + "ms]";
    }
}
