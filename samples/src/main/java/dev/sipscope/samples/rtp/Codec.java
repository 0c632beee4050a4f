package dev.sipscope.samples.rtp;

import dev.sipscope.samples.net.SeededRandom;

/**
 * Audio codecs the generator can send: RTP payload type (static per RFC 3551 table 4, or the
 * dynamic number most softphones use), RTP clock rate, SDP rtpmap/fmtp, and payload bytes per packet.
 */
public enum Codec {
    PCMU(0, "PCMU", 8000, 1, 8, 0, null),
    PCMA(8, "PCMA", 8000, 1, 8, 0, null),
    GSM(3, "GSM", 8000, 1, 0, 33, null),
    G722(9, "G722", 8000, 1, 8, 0, null),
    G729(18, "G729", 8000, 1, 1, 0, "annexb=no"),
    ILBC(97, "iLBC", 8000, 1, 0, 38, "mode=20"),
    OPUS(111, "opus", 48000, 2, 0, 0, "minptime=10;useinbandfec=1");

    private final int payloadType;
    private final String encodingName;
    private final int clockRateHz;
    private final int channels;
    private final int bytesPerMilli;
    private final int bytesPer20Millis;
    private final String fmtp;

    Codec(int payloadType, String encodingName, int clockRateHz, int channels, int bytesPerMilli, int bytesPer20Millis,
          String fmtp) {
        this.payloadType = payloadType;
        this.encodingName = encodingName;
        this.clockRateHz = clockRateHz;
        this.channels = channels;
        this.bytesPerMilli = bytesPerMilli;
        this.bytesPer20Millis = bytesPer20Millis;
        this.fmtp = fmtp;
    }

    /** Default payload type (static, or the usual dynamic choice). */
    public int payloadType() {
        return payloadType;
    }

    public String encodingName() {
        return encodingName;
    }

    /** RTP timestamp clock (RFC 3551 section 4.5; 8000 for G.722 by the historical erratum; 48000 for Opus, RFC 7587). */
    public int clockRateHz() {
        return clockRateHz;
    }

    /** SDP {@code a=rtpmap} value after the payload type, e.g. {@code PCMU/8000} or {@code opus/48000/2}. */
    public String rtpmap() {
        return encodingName + "/" + clockRateHz + (channels > 1 ? "/" + channels : "");
    }

    /** SDP {@code a=fmtp} parameters, or null. */
    public String fmtp() {
        return fmtp;
    }

    /** True for payload types 96..127, which SDP must map (RFC 3551 section 6). */
    public boolean dynamic() {
        return payloadType >= 96;
    }

    /** RTP timestamp increment for one packet of {@code ptimeMillis}. */
    public int samplesPerPacket(int ptimeMillis) {
        return clockRateHz / 1000 * ptimeMillis;
    }

    /** Checks that {@code ptimeMillis} is a whole number of codec frames. */
    public void checkPtime(int ptimeMillis) {
        boolean ok = ptimeMillis >= 10 && ptimeMillis <= 200 && (bytesPer20Millis == 0 ? ptimeMillis % 10 == 0 : ptimeMillis % 20 == 0);
        if (this == OPUS) {
            ok = ptimeMillis >= 10 && ptimeMillis <= 120 && ptimeMillis % 10 == 0;
        }
        if (!ok) {
            throw new IllegalArgumentException(name() + " cannot use a packet time of " + ptimeMillis + " ms");
        }
    }

    /** Payload bytes of one packet; Opus varies from packet to packet (drawn from {@code random}). */
    public int payloadBytes(int ptimeMillis, SeededRandom random) {
        if (this == OPUS) {
            int base = 3 * ptimeMillis;  // about 24 kbit/s
            return base + random.nextInt(-ptimeMillis / 2, ptimeMillis / 2);
        }
        return bytesPer20Millis > 0 ? bytesPer20Millis * ptimeMillis / 20 : bytesPerMilli * ptimeMillis;
    }

    /** Codec by encoding name (case-insensitive) or enum name. */
    public static Codec byName(String name) {
        for (Codec c : values()) {
            if (c.name().equalsIgnoreCase(name) || c.encodingName.equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown codec \"" + name + "\"");
    }
}
