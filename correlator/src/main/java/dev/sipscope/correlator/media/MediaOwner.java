package dev.sipscope.correlator.media;

import dev.sipscope.decoder.sip.ByteKey;

/**
 * Whoever announced media: a call. The registry keeps this reference in each binding so that a
 * packet's binding leads back to its call without the media package knowing what a call is.
 */
public interface MediaOwner {
    /** The engine's number of the call (1-based, in order of first message), stable for its lifetime. */
    long callNumber();

    /** The SIP Call-ID of the call. */
    ByteKey callId();
}
