package dev.sipscope.quality;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The payload types one SDP media description maps (its {@code a=rtpmap} lines, RFC 8866 §6.6):
 * immutable, indexed by payload type, equal when they map the same formats. Per QUALITY.md §10.1 the numbers are those the SDP's author
 * expects to <em>receive</em>, so a packet sent to an announced address is decoded with that
 * address's map.
 */
public final class PayloadMap {
    public static final PayloadMap EMPTY = new PayloadMap(new PayloadFormat[128]);

    private final PayloadFormat[] byType;

    private PayloadMap(PayloadFormat[] byType) {
        this.byType = byType;
    }

    /** The format mapped for a payload type, or null. */
    public PayloadFormat get(int payloadType) {
        return payloadType < 0 || payloadType > 127 ? null : byType[payloadType];
    }

    /** Every mapped format in payload-type order. */
    public List<PayloadFormat> formats() {
        List<PayloadFormat> l = new ArrayList<>();
        for (PayloadFormat f : byType) {
            if (f != null) {
                l.add(f);
            }
        }
        return Collections.unmodifiableList(l);
    }

    public static PayloadMap of(PayloadFormat... formats) {
        Builder b = builder();
        for (PayloadFormat f : formats) {
            b.add(f);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PayloadMap m && java.util.Arrays.equals(byType, m.byType);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(byType);
    }

    @Override
    public String toString() {
        return formats().toString();
    }

    /** Collects formats; a later one for the same payload type replaces the earlier. */
    public static final class Builder {
        private final PayloadFormat[] byType = new PayloadFormat[128];

        public Builder add(PayloadFormat f) {
            byType[f.payloadType()] = f;
            return this;
        }

        public Builder add(int payloadType, String encodingName, int clockRateHz) {
            return add(new PayloadFormat(payloadType, encodingName, clockRateHz));
        }

        public PayloadMap build() {
            return new PayloadMap(byType.clone());
        }
    }
}
