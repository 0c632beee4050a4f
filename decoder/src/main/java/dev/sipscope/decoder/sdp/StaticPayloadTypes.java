package dev.sipscope.decoder.sdp;

/**
 * The static RTP payload types of RFC 3551 §6 (tables 4 and 5), used when an m= line lists a
 * payload type below 96 without an a=rtpmap. Unassigned and reserved numbers give null.
 */
public final class StaticPayloadTypes {
    private static final SdpRtpMap[] TABLE = new SdpRtpMap[128];

    static {
        audio(0, "PCMU", 8000, 1);
        audio(3, "GSM", 8000, 1);
        audio(4, "G723", 8000, 1);
        audio(5, "DVI4", 8000, 1);
        audio(6, "DVI4", 16000, 1);
        audio(7, "LPC", 8000, 1);
        audio(8, "PCMA", 8000, 1);
        // G722 samples at 16 kHz but its RTP clock is 8000 Hz (RFC 3551 §4.5.2).
        audio(9, "G722", 8000, 1);
        audio(10, "L16", 44100, 2);
        audio(11, "L16", 44100, 1);
        audio(12, "QCELP", 8000, 1);
        audio(13, "CN", 8000, 1);
        audio(14, "MPA", 90000, 1);
        audio(15, "G728", 8000, 1);
        audio(16, "DVI4", 11025, 1);
        audio(17, "DVI4", 22050, 1);
        audio(18, "G729", 8000, 1);
        audio(25, "CelB", 90000, 1);
        audio(26, "JPEG", 90000, 1);
        audio(28, "nv", 90000, 1);
        audio(31, "H261", 90000, 1);
        audio(32, "MPV", 90000, 1);
        audio(33, "MP2T", 90000, 1);
        audio(34, "H263", 90000, 1);
    }

    private StaticPayloadTypes() {
    }

    private static void audio(int pt, String name, int clockHz, int channels) {
        TABLE[pt] = new SdpRtpMap(pt, name, clockHz, channels, true);
    }

    /** The static assignment of {@code payloadType}, or null when it has none. */
    public static SdpRtpMap lookup(int payloadType) {
        return payloadType >= 0 && payloadType < TABLE.length ? TABLE[payloadType] : null;
    }
}
