package dev.sipscope.quality;

import dev.sipscope.decoder.rtp.RtcpView;
import dev.sipscope.quality.rtcp.ReportBlock;
import dev.sipscope.quality.rtcp.RoundTripSamples;
import dev.sipscope.quality.rtcp.XrVoipMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RTCP attached to one stream (created on the first RTCP that concerns it): the sender's SRs, the
 * receiver's report blocks about it (a ring of the most recent), the two halves of the passive round
 * trip, the last XR VoIP Metrics block about it, CNAME and BYE. Updates allocate nothing once the
 * state exists, except when the CNAME changes.
 */
final class RtcpState {
    long senderReports;
    long lastSenderPacketCount = -1;
    long lastSenderOctetCount = -1;
    byte[] cname;
    boolean bye;

    // Report blocks about the stream (ring).
    private final long[] rbNanos;
    private final long[] rbReporter;
    private final int[] rbFraction;
    private final int[] rbCumulative;
    private final long[] rbExtHighest;
    private final long[] rbJitter;
    private final double[] rbJitterMs;
    private final long[] rbLsr;
    private final long[] rbDlsr;
    private final double[] rbRtt;
    private final boolean[] rbInconsistent;
    private int rbNext;
    long reportBlocks;
    boolean inconsistent;

    /** Round trip probe ↔ the stream's receiver (from the receiver's reports about this stream). */
    final RoundTripSamples receiverHalf = new RoundTripSamples();
    /** Round trip probe ↔ the stream's sender (from the sender's reports about the reverse direction). */
    final RoundTripSamples senderHalf = new RoundTripSamples();

    byte[] xr;
    long xrNanos;
    long xrReporter;
    long xrBlocks;

    RtcpState(int keep) {
        rbNanos = new long[keep];
        rbReporter = new long[keep];
        rbFraction = new int[keep];
        rbCumulative = new int[keep];
        rbExtHighest = new long[keep];
        rbJitter = new long[keep];
        rbJitterMs = new double[keep];
        rbLsr = new long[keep];
        rbDlsr = new long[keep];
        rbRtt = new double[keep];
        rbInconsistent = new boolean[keep];
    }

    void addBlock(long nanos, long reporter, int fraction, int cumulative, long extHighest, long jitter,
                  double jitterMs, long lsr, long dlsr, double rttMs, boolean bad) {
        int i = rbNext;
        rbNanos[i] = nanos;
        rbReporter[i] = reporter;
        rbFraction[i] = fraction;
        rbCumulative[i] = cumulative;
        rbExtHighest[i] = extHighest;
        rbJitter[i] = jitter;
        rbJitterMs[i] = jitterMs;
        rbLsr[i] = lsr;
        rbDlsr[i] = dlsr;
        rbRtt[i] = rttMs;
        rbInconsistent[i] = bad;
        rbNext = (i + 1) % rbNanos.length;
        reportBlocks++;
        inconsistent |= bad;
    }

    void setVoipMetrics(RtcpView view, long nanos, long reporter) {
        if (xr == null) {
            xr = new byte[RtcpView.VOIP_METRICS_LENGTH];
        }
        XrVoipMetrics.copyBlock(view, xr);
        xrNanos = nanos;
        xrReporter = reporter;
        xrBlocks++;
    }

    /** Stores a CNAME unless it is the same as the one kept. */
    void setCname(byte[] b, int off, int len) {
        if (cname != null && Arrays.equals(cname, 0, cname.length, b, off, off + len)) {
            return;
        }
        cname = Arrays.copyOfRange(b, off, off + len);
    }

    /** The kept blocks, oldest first (allocates). */
    List<ReportBlock> blocks() {
        int keep = rbNanos.length;
        int n = (int) Math.min(keep, reportBlocks);
        List<ReportBlock> l = new ArrayList<>(n);
        int start = reportBlocks <= keep ? 0 : rbNext;
        for (int k = 0; k < n; k++) {
            int i = (start + k) % keep;
            l.add(new ReportBlock(rbNanos[i], rbReporter[i], rbFraction[i], rbCumulative[i], rbExtHighest[i],
                    rbJitter[i], rbJitterMs[i], rbLsr[i], rbDlsr[i], rbRtt[i], rbInconsistent[i]));
        }
        return l;
    }

    XrVoipMetrics voipMetrics() {
        return xr == null ? null : XrVoipMetrics.decode(xr, 0, xrNanos, xrReporter);
    }
}
