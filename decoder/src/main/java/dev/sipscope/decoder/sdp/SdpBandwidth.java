package dev.sipscope.decoder.sdp;

/**
 * A b= line (RFC 4566 §5.8): {@code b=<bwtype>:<bandwidth>}, e.g. {@code AS:64} (kbit/s), or
 * {@code RS}/{@code RR} (RFC 3556, bit/s).
 *
 * @param type  the bandwidth type as written ({@code AS}, {@code CT}, {@code TIAS}, {@code RS}, {@code RR})
 * @param value the number (its unit depends on the type)
 */
public record SdpBandwidth(String type, long value) {
}
