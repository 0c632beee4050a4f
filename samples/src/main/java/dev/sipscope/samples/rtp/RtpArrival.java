package dev.sipscope.samples.rtp;

/**
 * One captured RTP packet, as the ground truth records it.
 *
 * @param arrivalNanos capture time
 * @param seq          16-bit sequence number on the wire
 * @param extSeq       extended sequence number: the first sent packet has {@code startSeq}, each
 *                     later one +1 without wrapping (so {@code seq == extSeq & 0xFFFF})
 * @param timestamp    32-bit RTP timestamp on the wire
 * @param payloadType  7-bit payload type (audio or telephone-event)
 * @param marker       marker bit
 * @param duplicate    true when this sequence number was captured before
 */
public record RtpArrival(long arrivalNanos, int seq, long extSeq, long timestamp, int payloadType, boolean marker,
                         boolean duplicate) {
}
