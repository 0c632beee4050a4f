package dev.sipscope.tui.model;

import java.util.List;

/**
 * One RTP stream of a call with its quality figures, as the streams screen and the ladder show it.
 *
 * <p>A stream is identified by source, destination and SSRC. Figures a feed does not have are NaN
 * (doubles) or -1 (counts). The series split the stream's time (first to last packet) into equal
 * buckets, oldest first; they may be empty, and they are copied on the way in so the record stays
 * immutable.
 *
 * @param src               source {@code ip:port}
 * @param dst               destination {@code ip:port}
 * @param ssrc              the synchronisation source (RFC 3550 §5.1), 0..2^32-1
 * @param codec             encoding name and clock rate ({@code PCMU/8000}), or the payload type number
 * @param firstNanos        first packet, ns since the epoch
 * @param lastNanos         last packet
 * @param packets           packets received
 * @param lost              packets lost (RFC 3550 A.3: expected minus received, may be negative with duplicates)
 * @param lossPercent       lost / expected, in percent
 * @param jitterMeanMillis  mean interarrival jitter (RFC 3550 A.8), ms
 * @param jitterMaxMillis   largest interarrival jitter, ms
 * @param mos               estimated MOS (E-model, ITU-T G.107), NaN when unknown
 * @param jitterSeriesMillis jitter per time bucket (the largest in the bucket), ms
 * @param lossSeriesPercent  loss per time bucket, percent of the packets expected in it
 * @param dtmf              DTMF digits seen (RFC 4733 events), in order; empty when none
 * @param diagnostics       problems found, each one plain sentence
 */
public record StreamRow(String src, String dst, long ssrc, String codec, long firstNanos, long lastNanos,
                        long packets, long lost, double lossPercent, double jitterMeanMillis,
                        double jitterMaxMillis, double mos, double[] jitterSeriesMillis,
                        double[] lossSeriesPercent, String dtmf, List<String> diagnostics) {

    public StreamRow {
        src = src == null ? "" : src;
        dst = dst == null ? "" : dst;
        codec = codec == null ? "" : codec;
        dtmf = dtmf == null ? "" : dtmf;
        jitterSeriesMillis = jitterSeriesMillis == null ? new double[0] : jitterSeriesMillis.clone();
        lossSeriesPercent = lossSeriesPercent == null ? new double[0] : lossSeriesPercent.clone();
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }

    /** The jitter series (a copy). */
    @Override
    public double[] jitterSeriesMillis() {
        return jitterSeriesMillis.clone();
    }

    /** The loss series (a copy). */
    @Override
    public double[] lossSeriesPercent() {
        return lossSeriesPercent.clone();
    }

    /** Number of buckets in the series. */
    public int seriesLength() {
        return Math.max(jitterSeriesMillis.length, lossSeriesPercent.length);
    }

    /** Jitter of bucket {@code i}, NaN past the end. */
    public double jitterAt(int i) {
        return i < jitterSeriesMillis.length ? jitterSeriesMillis[i] : Double.NaN;
    }

    /** Loss of bucket {@code i}, NaN past the end. */
    public double lossAt(int i) {
        return i < lossSeriesPercent.length ? lossSeriesPercent[i] : Double.NaN;
    }
}
