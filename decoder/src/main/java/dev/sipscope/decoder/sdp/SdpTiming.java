package dev.sipscope.decoder.sdp;

/**
 * A t= line (RFC 4566 §5.9): start and stop as NTP seconds; {@code 0 0} means unbounded.
 */
public record SdpTiming(long startNtpSeconds, long stopNtpSeconds) {
}
