package dev.sipscope.samples.rtp;

import dev.sipscope.samples.net.Endpoint;

/**
 * One RTCP compound packet as sent (RFC 3550 section 6.4): SR or RR, SDES CNAME, and BYE when
 * {@code bye}. The report-block fields are meaningful only when {@code hasReportBlock}.
 *
 * @param tsNanos         capture time
 * @param from            sending transport address (RTP port + 1)
 * @param senderReport    true for SR, false for RR
 * @param ssrc            SSRC of the sender of this packet
 * @param packetCount     SR sender's packet count (sent up to {@code tsNanos})
 * @param octetCount      SR sender's payload octet count
 * @param rtpTimestamp    SR RTP timestamp matching the NTP time of {@code tsNanos}
 * @param reporteeSsrc    SSRC the report block is about
 * @param fractionLost    8-bit fixed-point fraction lost since the previous report
 * @param cumulativeLost  expected minus received since the start (24-bit signed)
 * @param extHighestSeq   extended highest sequence number received
 * @param jitter          interarrival jitter in timestamp units (RFC 3550 A.8)
 * @param lsr             middle 32 bits of the last SR received from the reportee, or 0
 * @param dlsr            delay since that SR in 1/65536 s, or 0
 */
public record RtcpReport(long tsNanos, Endpoint from, boolean senderReport, long ssrc, long packetCount,
                         long octetCount, long rtpTimestamp, boolean hasReportBlock, long reporteeSsrc,
                         int fractionLost, int cumulativeLost, long extHighestSeq, long jitter, long lsr, long dlsr,
                         boolean bye) {
}
