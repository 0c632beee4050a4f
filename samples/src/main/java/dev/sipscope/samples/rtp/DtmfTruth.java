package dev.sipscope.samples.rtp;

/**
 * One RFC 4733 event as sent.
 *
 * @param digit            the key
 * @param eventCode        its event code
 * @param rtpTimestamp     timestamp shared by all packets of the event (the event start)
 * @param durationSamples  final duration field, in timestamp units
 * @param firstSendNanos   when the first packet of the event was sent
 * @param packets          packets sent for the event, the two end-of-event repeats included
 */
public record DtmfTruth(char digit, int eventCode, long rtpTimestamp, int durationSamples, long firstSendNanos,
                        int packets) {
}
