package dev.sipscope.decoder.sip;

import dev.sipscope.decoder.Packet;

/**
 * Receives what a {@link SipDecoder} finds. Callbacks run on the decoding thread.
 *
 * <p>{@code packet} is the transport context: addresses, ports and time of the datagram, or of the
 * TCP segment that completed the message. Like every {@link Packet} it is valid only during the
 * call; the {@link SipMessage} is an independent copy and may be kept.
 */
public interface SipSink {

    /** A message; one with a {@link SipMessage#problem()} was damaged but kept its start line and headers. */
    void onSipMessage(SipMessage message, SipTransport transport, Packet packet);

    /**
     * Bytes offered as SIP that gave no message. {@code packet} is null when the problem was found
     * without a packet at hand (a TCP gap or the end of a connection).
     */
    default void onSipMalformed(SipMalformed reason, SipTransport transport, Packet packet) {
    }
}
