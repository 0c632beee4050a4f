package dev.sipscope.quality.dtmf;

/**
 * One RFC 4733 event as decoded from a stream's telephone-event packets.
 *
 * @param event         event code (0-9 digits, 10 '*', 11 '#', 12-15 A-D, 16 flash, others per RFC 4734)
 * @param digit         the DTMF character, '?' for codes that are not DTMF
 * @param startNanos    capture time of the first packet of the event
 * @param lastNanos     capture time of its last packet
 * @param durationMs    the largest duration field seen, converted with the event clock
 * @param volume        volume of the last packet, −dBm0 (0..63)
 * @param ended         a packet with the End bit was seen
 * @param rtpTimestamp  the event's RTP timestamp (its start, RFC 4733 §2.5.1.2)
 * @param packets       packets carrying the event (retransmitted end packets included)
 */
public record DtmfEvent(int event, char digit, long startNanos, long lastNanos, double durationMs, int volume,
                        boolean ended, long rtpTimestamp, int packets) {
}
