package dev.sipscope.decoder.sdp;

/**
 * The o= line (RFC 4566 §5.2): {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <address>}.
 * Session id and version are kept as written (they may exceed 64 bits).
 */
public record SdpOrigin(String username, String sessionId, String sessionVersion, String netType, String addrType,
                        String address) {
}
