package dev.sipscope.samples;

/** SIP transport of a call or registration (the Via transport token). */
public enum Transport {
    UDP,
    TCP,
    /** SIP over WebSocket (RFC 7118): an HTTP Upgrade on a TCP connection, then one SIP message per WebSocket message. */
    WS;

    /** True for the connection-oriented transports (no SIP retransmissions, RFC 3261 17.1.1.2). */
    public boolean reliable() {
        return this != UDP;
    }
}
