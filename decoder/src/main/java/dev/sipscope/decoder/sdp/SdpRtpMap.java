package dev.sipscope.decoder.sdp;

/**
 * A payload type's codec: from {@code a=rtpmap:<pt> <encoding>/<clock>[/<channels>]} (RFC 4566 §6)
 * or, without rtpmap, from the RFC 3551 static table.
 *
 * @param payloadType  0..127
 * @param encodingName as written, e.g. {@code PCMU}, {@code opus}, {@code telephone-event}
 * @param clockRateHz  RTP clock rate (note G722 uses 8000, RFC 3551 §4.5.2)
 * @param channels     audio channels, 1 when not given
 * @param fromStaticTable true when no rtpmap gave it and it came from {@link StaticPayloadTypes}
 */
public record SdpRtpMap(int payloadType, String encodingName, int clockRateHz, int channels,
                        boolean fromStaticTable) {
    @Override
    public String toString() {
        return payloadType + " " + encodingName + "/" + clockRateHz + (channels > 1 ? "/" + channels : "");
    }
}
