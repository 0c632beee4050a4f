package dev.sipscope.quality;

import dev.sipscope.quality.dtmf.DtmfEvent;
import java.util.List;

/**
 * Everything known about one RTP stream at the moment the summary was taken: an immutable value built
 * by {@link QualityEngine#summaries()} and safe to hand to another thread. A stream is one SSRC on one
 * (source, destination) address/port pair (QUALITY.md §1.3).
 *
 * <p>The JSON {@code streams} array uses {@link #src()}, {@link #dst()}, {@link #ssrcHex()},
 * {@link #packets()}, {@link #lost()}, {@link #maxDeltaMs()}, {@link #meanJitterMs()} and
 * {@link #maxJitterMs()}: the figures {@code tshark -q -z rtp,streams} prints (profile WS40), with
 * {@code lost} counting sequence wraps the RFC 3550 way (see {@link StreamSummaries.Ws40}). The other
 * profiles are in the nested records.
 *
 * @param srcAddress            source address text (dotted quad or RFC 5952)
 * @param ipVersion             4 or 6
 * @param binding               how the stream was recognised
 * @param callRef               the {@link MediaEndpoint#callRef()} of the SDP it is bound to, else null
 * @param mLineIndex            the m= line of that SDP, −1 when unbound
 * @param ssrcIndexOnTuple      0 for the first SSRC seen on this 5-tuple, 1 for the next...
 * @param ssrcChangesOnTuple    SSRC changes seen on the 5-tuple so far (A→B→A counts 2)
 * @param firstNanos            capture time of the first packet
 * @param lastNanos             capture time of the last packet
 * @param packets               RTP packets of the stream (duplicates included)
 * @param rtpBytes              UDP payload octets (RTP header included)
 * @param payloadBytes          RTP payload octets (header, extension and padding excluded)
 * @param ipBytes               octets on the wire above the link layer: RTP + UDP + IP headers (28 IPv4, 48 IPv6)
 * @param bitrateKbps           ipBytes·8 over the stream's duration, kbit/s (0 for a single packet)
 * @param markerPackets         packets with the marker bit
 * @param payloadTypeChanges    packets whose payload type differs from the previous packet's
 * @param comfortNoisePackets   CN packets (PT 13, 19 or an rtpmap CN)
 * @param telephoneEventPackets RFC 4733 packets
 * @param dtmf                  decoded events (bounded)
 * @param dtmfDropped           events beyond the bound
 * @param series                the stream over time in buckets of capture time (packets, loss, jitter)
 */
public record StreamSummary(
        String srcAddress, int srcPort, String dstAddress, int dstPort, long ssrc, int ipVersion,
        Binding binding, Object callRef, int mLineIndex, int ssrcIndexOnTuple, int ssrcChangesOnTuple,
        long firstNanos, long lastNanos, long packets, long rtpBytes, long payloadBytes, long ipBytes,
        double bitrateKbps, long markerPackets, long payloadTypeChanges, long comfortNoisePackets,
        long telephoneEventPackets,
        StreamSummaries.Codec codec,
        StreamSummaries.Sequence sequence,
        StreamSummaries.Rfc rfc,
        StreamSummaries.Jitter jitter,
        StreamSummaries.Ws40 ws40,
        List<StreamSummaries.JitterBuffer> jitterBuffers,
        StreamSummaries.LossPattern lossPattern,
        StreamSummaries.EModel emodel,
        StreamSummaries.Rtcp rtcp,
        List<DtmfEvent> dtmf,
        long dtmfDropped,
        StreamSummaries.Series series) {

    /** {@code a.b.c.d:port} or {@code [v6]:port}. */
    public String src() {
        return ipVersion == 6 ? "[" + srcAddress + "]:" + srcPort : srcAddress + ":" + srcPort;
    }

    public String dst() {
        return ipVersion == 6 ? "[" + dstAddress + "]:" + dstPort : dstAddress + ":" + dstPort;
    }

    /** SSRC as tshark prints it in reference.json: {@code 0x} and 8 lower-case hex digits. */
    public String ssrcHex() {
        // As String.format("0x%08x", ssrc), without a Formatter per stream (slow until compiled).
        String hex = Long.toHexString(ssrc);
        return hex.length() >= 8 ? "0x" + hex : "0x00000000".substring(0, 10 - hex.length()) + hex;
    }

    /** Duration from the first to the last packet, ms. */
    public double durationMs() {
        return (lastNanos - firstNanos) / 1e6;
    }

    /** tshark's "Lost" with RFC 3550 wrap counting (can be negative with duplicates). */
    public long lost() {
        return ws40.lostCorrected();
    }

    public double maxDeltaMs() {
        return ws40.maxDeltaMs();
    }

    /** tshark's mean jitter (0 when the clock is unknown, as tshark prints it). */
    public double meanJitterMs() {
        return ws40.meanJitterMs();
    }

    public double maxJitterMs() {
        return ws40.maxJitterMs();
    }

    /** The primary jitter-buffer simulation. */
    public StreamSummaries.JitterBuffer primaryJitterBuffer() {
        return jitterBuffers.get(0);
    }
}
