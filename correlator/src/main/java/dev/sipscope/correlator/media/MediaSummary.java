package dev.sipscope.correlator.media;

import java.util.List;

/**
 * What one announced RTP endpoint of a call looks like at snapshot time. Immutable.
 *
 * @param side                   the party that announced it (and receives there)
 * @param mediaIndex             position of its m= line, 0-based
 * @param mediaType              {@code audio}, {@code video}, {@code image}...
 * @param proto                  {@code RTP/AVP}, {@code RTP/SAVP}, {@code udptl}...
 * @param endpoint               {@code ip:port} where RTP is expected
 * @param rtcpEndpoint           {@code ip:port} where RTCP is expected (same as endpoint with rtcp-mux), or null
 * @param codecs                 payload types as {@code PCMU/8000}, {@code telephone-event/8000}... in m= line order
 * @param direction              the latest announced direction: {@code sendrecv}, {@code sendonly}, {@code recvonly}, {@code inactive}
 * @param current                false once the party moved the stream, disabled it, or the call ended
 * @param announcedNanos         capture time of the SDP that last announced it
 * @param packets                RTP packets counted to this endpoint by the media sink
 * @param rtcpPackets            RTCP packets counted to its RTCP endpoint
 * @param firstPacketNanos       first counted packet, or {@code Long.MIN_VALUE}
 * @param lastPacketNanos        last counted packet, or {@code Long.MIN_VALUE}
 * @param expectedSource         the other party's announced RTP endpoint for the same m= line, or null
 * @param unexpectedSource       the latest source that was not the announced one, or null
 * @param natSuspected           the unexpected source differs from the announced one in its address (NAT, relay)
 * @param unannouncedDestination the latest address media meant for this endpoint was sent to instead (symmetric RTP
 *                               towards its NAT's public address), or null
 */
public record MediaSummary(
        MediaSide side,
        int mediaIndex,
        String mediaType,
        String proto,
        String endpoint,
        String rtcpEndpoint,
        List<String> codecs,
        String direction,
        boolean current,
        long announcedNanos,
        long packets,
        long rtcpPackets,
        long firstPacketNanos,
        long lastPacketNanos,
        String expectedSource,
        String unexpectedSource,
        boolean natSuspected,
        String unannouncedDestination) {

    static MediaSummary of(MediaBinding b, boolean current) {
        MediaBinding rc = b.companion();
        long rtcpPackets = rc == null ? 0 : rc == b ? 0 : rc.packets();
        MediaBinding peer = b.peer();
        return new MediaSummary(b.side(), b.mediaIndex(), b.mediaType(), b.proto(), b.endpointText(),
                rc == null ? null : rc.endpointText(), b.payloads().codecNames(),
                b.direction() == null ? null : b.direction().attributeName(), current,
                b.announcedNanos(), b.packets(), rtcpPackets, b.firstPacketNanos(), b.lastPacketNanos(),
                peer == null ? null : peer.endpointText(), b.unexpectedSource(), b.unexpectedSourceAddress(),
                b.unannouncedDestination());
    }
}
