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
    // equals and hashCode written out: a record's generated ones link through
    // java.lang.runtime.ObjectMethods the first time they run (about 40 method-handle classes spun
    // in the interpreter, ~15 ms of start-up), and stay method-handle chains the quick compiler
    // does not inline. Payload maps of every offer are hashed and compared with these.
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof SdpRtpMap m && m.payloadType == payloadType
                && m.clockRateHz == clockRateHz && m.channels == channels
                && m.fromStaticTable == fromStaticTable && java.util.Objects.equals(m.encodingName, encodingName));
    }

    @Override
    public int hashCode() {
        int h = payloadType;
        h = 31 * h + java.util.Objects.hashCode(encodingName);
        h = 31 * h + clockRateHz;
        h = 31 * h + channels;
        return 31 * h + (fromStaticTable ? 1 : 0);
    }

    @Override
    public String toString() {
        return payloadType + " " + encodingName + "/" + clockRateHz + (channels > 1 ? "/" + channels : "");
    }
}
