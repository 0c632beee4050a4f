package dev.sipscope.quality;

import java.util.Locale;
import java.util.Objects;

/**
 * One payload type as SDP describes it ({@code a=rtpmap:<pt> <encoding>/<clock>[/<channels>]}, RFC
 * 8866 §6.6), or as the static table of RFC 3551 §6 gives it.
 *
 * @param payloadType  0..127
 * @param encodingName as written in the rtpmap (case is kept; comparisons ignore it)
 * @param clockRateHz  RTP clock rate, > 0
 * @param channels     audio channels, 1 when absent
 */
public record PayloadFormat(int payloadType, String encodingName, int clockRateHz, int channels) {
    public PayloadFormat {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127, got " + payloadType);
        }
        Objects.requireNonNull(encodingName, "encodingName");
        if (clockRateHz <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, got " + clockRateHz);
        }
        if (channels <= 0) {
            throw new IllegalArgumentException("channels must be positive, got " + channels);
        }
    }

    public PayloadFormat(int payloadType, String encodingName, int clockRateHz) {
        this(payloadType, encodingName, clockRateHz, 1);
    }

    /** RFC 4733 named events (DTMF). */
    public boolean isTelephoneEvent() {
        return encodingName.equalsIgnoreCase("telephone-event");
    }

    /** RFC 3389 comfort noise. */
    public boolean isComfortNoise() {
        return encodingName.equalsIgnoreCase("CN");
    }

    // equals and hashCode written out, as in SdpRtpMap: the generated ones link through
    // java.lang.runtime.ObjectMethods (method handles spun at first use) and stay method-handle chains
    // the quick compiler does not inline.
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof PayloadFormat f && f.payloadType == payloadType
                && f.clockRateHz == clockRateHz && f.channels == channels && f.encodingName.equals(encodingName));
    }

    @Override
    public int hashCode() {
        int h = payloadType;
        h = 31 * h + encodingName.hashCode();
        h = 31 * h + clockRateHz;
        return 31 * h + channels;
    }

    /** Upper-case encoding name, for table lookups. */
    public String upperName() {
        return encodingName.toUpperCase(Locale.ROOT);
    }
}
