package dev.sipscope.quality;

/** Test helper: builds RTP and RTCP datagrams and feeds them to an engine with fixed addresses. */
public final class RtpPackets {
    public static final long A_HI = 0;
    public static final long A_LO = MediaEndpoint.parseAddress("10.0.0.1")[1];
    public static final long B_HI = 0;
    public static final long B_LO = MediaEndpoint.parseAddress("10.0.0.2")[1];

    private RtpPackets() {
    }

    /** An RTP packet: version 2, no CSRC/extension/padding, {@code payloadLength} bytes of 0xff. */
    public static byte[] rtp(int seq, long ts, int pt, boolean marker, long ssrc, int payloadLength) {
        byte[] b = new byte[12 + payloadLength];
        b[0] = (byte) 0x80;
        b[1] = (byte) ((marker ? 0x80 : 0) | pt);
        b[2] = (byte) (seq >>> 8);
        b[3] = (byte) seq;
        put32(b, 4, ts);
        put32(b, 8, ssrc);
        for (int i = 12; i < b.length; i++) {
            b[i] = (byte) 0xff;
        }
        return b;
    }

    /** An RFC 4733 event packet. */
    public static byte[] event(int seq, long ts, int pt, boolean marker, long ssrc, int event, boolean end, int volume,
                               int duration) {
        byte[] b = rtp(seq, ts, pt, marker, ssrc, 4);
        b[12] = (byte) event;
        b[13] = (byte) ((end ? 0x80 : 0) | (volume & 0x3f));
        b[14] = (byte) (duration >>> 8);
        b[15] = (byte) duration;
        return b;
    }

    public static void put32(byte[] b, int o, long v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }

    public static void put16(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 8);
        b[o + 1] = (byte) v;
    }

    /** Feeds a datagram from 10.0.0.1:srcPort to 10.0.0.2:dstPort. */
    public static MediaClass send(QualityEngine q, long nanos, int srcPort, int dstPort, byte[] b) {
        return q.onDatagram(nanos, A_HI, A_LO, srcPort, B_HI, B_LO, dstPort, 4, b, 0, b.length);
    }

    /** Feeds a datagram from 10.0.0.2:srcPort to 10.0.0.1:dstPort. */
    public static MediaClass sendBack(QualityEngine q, long nanos, int srcPort, int dstPort, byte[] b) {
        return q.onDatagram(nanos, B_HI, B_LO, srcPort, A_HI, A_LO, dstPort, 4, b, 0, b.length);
    }

    /** Milliseconds to nanoseconds, exactly for values with at most 6 decimals. */
    public static long ms(double millis) {
        return Math.round(millis * 1e6);
    }
}
