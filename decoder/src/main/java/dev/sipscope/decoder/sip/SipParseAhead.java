package dev.sipscope.decoder.sip;

/**
 * A source of SIP messages parsed ahead of the {@link SipDecoder} (see {@link SipLookahead}): asked
 * for each datagram the decoder would parse, it answers the message that parse would give, or null,
 * and the decoder parses the datagram itself.
 */
public interface SipParseAhead {
    /** The message parsed from exactly these bytes of the current frame, or null. */
    SipMessage take(byte[] data, int offset, int length);
}
