package dev.sipscope.decoder.sip;

/** The transport a SIP message arrived on, as the Via header names them (RFC 3261 §18, RFC 4168, RFC 7118). */
public enum SipTransport {
    UDP, TCP,
    /** A TCP stream that was TLS, decrypted before it reached the framer. */
    TLS,
    SCTP,
    /** WebSocket over TCP (RFC 7118). */
    WS,
    /** WebSocket over TLS, decrypted before it reached the framer. */
    WSS;

    /** The transport a WebSocket upgrade of this stream transport gives. */
    SipTransport webSocket() {
        return this == TLS ? WSS : WS;
    }
}
