package dev.sipscope.quality;

import dev.sipscope.quality.emodel.CodecImpairment;
import dev.sipscope.quality.emodel.CodecTable;
import java.util.Locale;

/**
 * Per-payload-type lookup tables one stream uses on every packet, built once per SDP payload map (or
 * once for streams without SDP) and shared: the clock the {@code RFC}/{@code ANALYZER} profiles use,
 * the clock {@code WS40} uses (tshark's rules, QUALITY.md §5.2 step 5), the packet kind (audio, comfort
 * noise, telephone-event) and names.
 *
 * <p>Clocks: RFC 3551 §6 static table (PTs 1, 2 and 19 at 8000 as Wireshark keeps them; G.722 at 8000,
 * §2.3); an rtpmap overrides a static type for the analyzer profiles but not for WS40, which looks at the
 * rtpmap only for PT ≥ 96 and gives telephone-event clock 0. Immutable.
 */
final class PayloadProfile {
    static final byte AUDIO = 0;
    static final byte COMFORT_NOISE = 1;
    static final byte EVENT = 2;

    private static final int[] STATIC_CLOCK = new int[128];
    private static final String[] STATIC_NAME = new String[128];
    private static final String[] STATIC_ENCODING = new String[128];

    static {
        staticType(0, 8000, "g711U", "PCMU");
        staticType(1, 8000, "1016", "1016");
        staticType(2, 8000, "g721", "G721");
        staticType(3, 8000, "GSM", "GSM");
        staticType(4, 8000, "g723", "G723");
        staticType(5, 8000, "DVI4 8k", "DVI4");
        staticType(6, 16000, "DVI4 16k", "DVI4");
        staticType(7, 8000, "LPC", "LPC");
        staticType(8, 8000, "g711A", "PCMA");
        staticType(9, 8000, "g722", "G722");
        staticType(10, 44100, "L16", "L16");
        staticType(11, 44100, "L16", "L16");
        staticType(12, 8000, "QCELP", "QCELP");
        staticType(13, 8000, "CN", "CN");
        staticType(14, 90000, "MPA", "MPA");
        staticType(15, 8000, "g728", "G728");
        staticType(16, 11025, "DVI4 11k", "DVI4");
        staticType(17, 22050, "DVI4 22k", "DVI4");
        staticType(18, 8000, "g729", "G729");
        staticType(19, 8000, "CN_OLD", "CN");
        staticType(25, 90000, "CelB", "CelB");
        staticType(26, 90000, "JPEG", "JPEG");
        staticType(28, 90000, "NV", "nv");
        staticType(31, 90000, "h261", "H261");
        staticType(32, 90000, "MPV", "MPV");
        staticType(33, 90000, "MP2T", "MP2T");
        staticType(34, 90000, "h263", "H263");
    }

    private static void staticType(int pt, int clock, String name, String encoding) {
        STATIC_CLOCK[pt] = clock;
        STATIC_NAME[pt] = name;
        STATIC_ENCODING[pt] = encoding;
    }

    /** RFC 3551 static clock for a payload type, 0 when none is assigned. */
    static int staticClock(int pt) {
        return pt >= 0 && pt < 128 ? STATIC_CLOCK[pt] : 0;
    }

    /** A payload type a stream without SDP may plausibly carry: an assigned static type or a dynamic one. */
    static boolean plausibleWithoutSdp(int pt) {
        return (pt < 96 && STATIC_CLOCK[pt] != 0) || (pt >= 96 && pt <= 127);
    }

    final int[] analyzerClock = new int[128];
    final int[] ws40Clock = new int[128];
    final byte[] kind = new byte[128];
    final String[] name = new String[128];
    final String[] encoding = new String[128];
    /** E-model values per payload type (looked up once, so interval ratings need no lookup). */
    final CodecImpairment[] impairment = new CodecImpairment[128];
    final PayloadMap map;

    private PayloadProfile(PayloadMap map) {
        this.map = map;
    }

    /** The profile of streams without SDP: static types only, {@code eventPt} (or −1) taken as telephone-event. */
    static PayloadProfile unbound(int eventPt, CodecTable codecs) {
        PayloadProfile p = new PayloadProfile(PayloadMap.EMPTY);
        for (int pt = 0; pt < 128; pt++) {
            p.analyzerClock[pt] = STATIC_CLOCK[pt];
            p.ws40Clock[pt] = STATIC_CLOCK[pt];
            p.encoding[pt] = STATIC_ENCODING[pt];
            p.name[pt] = STATIC_NAME[pt] != null ? STATIC_NAME[pt] : "RTPType-" + pt;
            p.kind[pt] = (pt == 13 || pt == 19) ? COMFORT_NOISE : AUDIO;
        }
        if (eventPt >= 96) {
            p.kind[eventPt] = EVENT;
            p.name[eventPt] = "rtpevent";
            p.encoding[eventPt] = "telephone-event";
        }
        p.lookUpImpairments(codecs);
        return p;
    }

    /** The profile for packets decoded with an SDP payload map. */
    static PayloadProfile bound(PayloadMap map, CodecTable codecs) {
        PayloadProfile p = new PayloadProfile(map);
        for (int pt = 0; pt < 128; pt++) {
            PayloadFormat f = map.get(pt);
            int staticClock = STATIC_CLOCK[pt];
            if (f == null) {
                p.analyzerClock[pt] = staticClock;
                p.ws40Clock[pt] = staticClock;
                p.encoding[pt] = STATIC_ENCODING[pt];
                p.name[pt] = STATIC_NAME[pt] != null ? STATIC_NAME[pt] : "RTPType-" + pt;
                p.kind[pt] = (pt == 13 || pt == 19) ? COMFORT_NOISE : AUDIO;
                continue;
            }
            String upper = f.encodingName().toUpperCase(Locale.ROOT);
            boolean event = f.isTelephoneEvent();
            p.encoding[pt] = f.encodingName();
            p.name[pt] = pt < 96 && STATIC_NAME[pt] != null ? STATIC_NAME[pt] : f.encodingName();
            p.kind[pt] = event ? EVENT : (f.isComfortNoise() || pt == 13 || pt == 19) ? COMFORT_NOISE : AUDIO;
            // G.722 keeps the historical 8000 Hz RTP clock whatever the SDP says (RFC 3551 §4.5.2).
            p.analyzerClock[pt] = upper.equals("G722") ? 8000 : f.clockRateHz();
            if (pt < 96) {
                p.ws40Clock[pt] = staticClock;
            } else {
                p.ws40Clock[pt] = event ? 0 : f.clockRateHz();
            }
        }
        p.lookUpImpairments(codecs);
        return p;
    }

    private void lookUpImpairments(CodecTable codecs) {
        for (int pt = 0; pt < 128; pt++) {
            impairment[pt] = codecs.lookup(encoding[pt], pt);
        }
    }
}
