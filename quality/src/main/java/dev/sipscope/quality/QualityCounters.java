package dev.sipscope.quality;

/**
 * Engine-wide counters (a snapshot; see {@link QualityEngine#counters()}).
 *
 * @param datagrams               datagrams offered
 * @param rtpPackets              RTP packets counted into a stream (probation packets once replayed included)
 * @param rtcpDatagrams           RTCP compound datagrams parsed
 * @param invalidRtpPackets       packets of known streams that failed the RTP validity checks (QUALITY.md §1.2)
 * @param probationPackets        packets held by the heuristic (some were later replayed)
 * @param heuristicDiscarded      packets the heuristic dropped (inconsistent, full buffer, evicted)
 * @param candidatesEvicted       heuristic candidates evicted to stay within the candidate limit
 * @param streams                 streams held now
 * @param streamsCreated          streams created since the start
 * @param streamsRefused          new streams refused at the stream limit (an SSRC once while it keeps asking on its
 *                                5-tuple)
 * @param packetsDroppedAtLimit   RTP packets of refused streams
 * @param rtcpMalformed           RTCP-looking datagrams that failed the compound checks
 * @param rtcpUnparsed            RTCP datagrams with a non-RTCP tail (SRTCP), counted not parsed
 * @param reportBlocksUnmatched   report blocks about an SSRC no stream has
 * @param endpoints               SDP endpoints declared now
 * @param endpointsRefused        declarations refused at the endpoint limit
 * @param streamsRetired          summaries kept now of streams retired at the stream limit, quiet long enough
 *                                ({@link QualityEngine#QualityEngine(QualityConfig, long, int)}; not drained)
 * @param retiredDropped          summaries of retired streams dropped, the oldest first, to bound memory
 */
public record QualityCounters(long datagrams, long rtpPackets, long rtcpDatagrams, long invalidRtpPackets,
                              long probationPackets, long heuristicDiscarded, long candidatesEvicted, int streams,
                              long streamsCreated, long streamsRefused, long packetsDroppedAtLimit,
                              long rtcpMalformed, long rtcpUnparsed, long reportBlocksUnmatched, int endpoints,
                              long endpointsRefused, int streamsRetired, long retiredDropped) {
}
