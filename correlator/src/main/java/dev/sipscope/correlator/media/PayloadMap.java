package dev.sipscope.correlator.media;

import dev.sipscope.decoder.sdp.SdpMedia;
import dev.sipscope.decoder.sdp.SdpRtpMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The RTP payload types one m= line announces and their codecs: the {@code a=rtpmap} of each
 * format, else the static assignment of RFC 3551 §6 (see {@link SdpMedia#codec(int)}). Payload
 * types without either (a dynamic type with no rtpmap) are kept with a null codec, so that a packet
 * using them can still be told "announced, codec unknown" from "not announced".
 *
 * <p>Immutable. Lookups scan at most {@link #MAX_FORMATS} entries and allocate nothing; an m= line
 * normally lists fewer than ten formats.
 */
public final class PayloadMap {
    /** Formats kept per m= line; more are ignored (a hostile SDP cannot make lookups slow). */
    public static final int MAX_FORMATS = 32;

    /** A map with no payload types (non-RTP media such as T.38 over UDPTL). */
    public static final PayloadMap EMPTY = new PayloadMap(new byte[0], new SdpRtpMap[0]);

    private final byte[] payloadTypes;
    private final SdpRtpMap[] codecs;
    /** {@link #codecNames()} once made; immutable, so a racy first call only makes it twice. */
    private List<String> names;

    private PayloadMap(byte[] payloadTypes, SdpRtpMap[] codecs) {
        this.payloadTypes = payloadTypes;
        this.codecs = codecs;
    }

    /** The payload types of {@code media} in m= line order, each with its codec. */
    public static PayloadMap of(SdpMedia media) {
        List<Integer> pts = media.payloadTypes();
        int n = Math.min(pts.size(), MAX_FORMATS);
        byte[] types = new byte[n];
        SdpRtpMap[] maps = new SdpRtpMap[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int pt = pts.get(i);
            boolean dup = false;
            for (int j = 0; j < k; j++) {
                dup |= types[j] == pt;
            }
            if (!dup) {
                types[k] = (byte) pt;
                maps[k] = media.codec(pt);
                k++;
            }
        }
        return k == 0 ? EMPTY : new PayloadMap(Arrays.copyOf(types, k), Arrays.copyOf(maps, k));
    }

    public int size() {
        return payloadTypes.length;
    }

    /** The {@code i}-th payload type (0..127), in m= line order. */
    public int payloadType(int i) {
        return payloadTypes[i];
    }

    /** The codec of the {@code i}-th payload type, or null when the SDP did not say. */
    public SdpRtpMap codecAt(int i) {
        return codecs[i];
    }

    /** Whether {@code payloadType} was announced. Allocates nothing. */
    public boolean contains(int payloadType) {
        return indexOf(payloadType) >= 0;
    }

    /** The codec of {@code payloadType}, or null when it was not announced or has no known codec. */
    public SdpRtpMap codec(int payloadType) {
        int i = indexOf(payloadType);
        return i < 0 ? null : codecs[i];
    }

    /** The RTP clock rate of {@code payloadType} in Hz, or -1 when unknown. Allocates nothing. */
    public int clockRateHz(int payloadType) {
        int i = indexOf(payloadType);
        return i < 0 || codecs[i] == null ? -1 : codecs[i].clockRateHz();
    }

    private int indexOf(int payloadType) {
        for (int i = 0; i < payloadTypes.length; i++) {
            if (payloadTypes[i] == payloadType) {
                return i;
            }
        }
        return -1;
    }

    /** {@code PCMU/8000}, {@code telephone-event/8000}... in m= line order; {@code 96} for an unknown dynamic type. */
    public List<String> codecNames() {
        List<String> cached = names;
        if (cached != null) {
            return cached;
        }
        List<String> out = new ArrayList<>(codecs.length);
        for (int i = 0; i < codecs.length; i++) {
            SdpRtpMap c = codecs[i];
            out.add(c == null ? Integer.toString(payloadTypes[i])
                    : c.encodingName() + "/" + c.clockRateHz() + (c.channels() > 1 ? "/" + c.channels() : ""));
        }
        cached = List.copyOf(out);
        names = cached;
        return cached;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PayloadMap p && Arrays.equals(p.payloadTypes, payloadTypes) && Arrays.equals(p.codecs, codecs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payloadTypes) * 31 + Arrays.hashCode(codecs);
    }

    @Override
    public String toString() {
        return String.join(" ", codecNames());
    }
}
