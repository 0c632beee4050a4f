package dev.sipscope.correlator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a pass over one capture (or several merged) found at the frame and transport layers.
 * Immutable once built.
 *
 * @param inputs                  the input names, in the order given
 * @param frames                  frames read
 * @param capturedBytes           sum of captured lengths
 * @param firstTimeNanos          earliest frame time (ns since epoch), or {@code Long.MIN_VALUE} when no frames
 * @param lastTimeNanos           latest frame time, or {@code Long.MIN_VALUE} when no frames
 * @param linkTypes               frames per link-type name, in order of first appearance
 * @param udpDatagrams            UDP datagrams decoded (after reassembly and decapsulation)
 * @param tcpSegments             TCP segments decoded
 * @param tcpStreams              TCP connections seen
 * @param ipFragmentsReassembled  IP datagrams rebuilt from fragments
 * @param malformed               frames or layers that could not be decoded, total
 * @param malformedReasons        malformed counts per reason name
 * @param truncated               true when an input ended inside a record or at a corrupt length
 * @param warnings                one sentence per problem: an input's (naming it), or a limit the analysis reached
 * @param sipMessages             SIP messages with a Call-ID, retransmissions and every message of a TCP segment
 *                                included (what tshark counts); 0 without an {@link Engine}
 * @param sipMalformed            SIP decoding problems, plus messages without Call-ID
 * @param sipMalformedReasons     the same per reason name
 * @param calls                   calls (distinct Call-IDs) seen; a Call-ID evicted while still active and seen again
 *                                counts twice
 * @param callsEvicted            of those, calls left out of the report to bound memory (the oldest finished ones)
 */
public record CaptureSummary(
        List<String> inputs,
        long frames,
        long capturedBytes,
        long firstTimeNanos,
        long lastTimeNanos,
        Map<String, Long> linkTypes,
        long ipv4Packets,
        long ipv6Packets,
        long udpDatagrams,
        long tcpSegments,
        long tcpStreams,
        long sctpChunks,
        long hepPackets,
        long ipFragmentsReassembled,
        long malformed,
        Map<String, Long> malformedReasons,
        boolean truncated,
        List<String> warnings,
        long sipMessages,
        long sipMalformed,
        Map<String, Long> sipMalformedReasons,
        long calls,
        long callsEvicted) {

    public boolean hasFrames() {
        return frames > 0;
    }

    /** This summary with {@code more} warnings after its own (itself when there are none). */
    public CaptureSummary withWarnings(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new CaptureSummary(inputs, frames, capturedBytes, firstTimeNanos, lastTimeNanos, linkTypes,
                ipv4Packets, ipv6Packets, udpDatagrams, tcpSegments, tcpStreams, sctpChunks, hepPackets,
                ipFragmentsReassembled, malformed, malformedReasons, truncated, List.copyOf(all), sipMessages,
                sipMalformed, sipMalformedReasons, calls, callsEvicted);
    }
}
