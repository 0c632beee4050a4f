package dev.sipscope.decoder.rtp;

/**
 * A reusable view of one RTP packet (RFC 3550 §5.1) over {@code (bytes, offset, length)}.
 *
 * <p>{@link #wrap} checks the packet against the validity rules of RFC 3550 A.1 as QUALITY.md §1.2
 * states them and returns {@link #VALID} or the first rule that failed; the accessors are meaningful
 * only after {@link #VALID}. Nothing is copied or allocated: the view keeps a reference to the caller's
 * array, so it is valid only while those bytes are.
 *
 * <p>Layout: fixed 12-octet header, then CC × 4 octets of CSRC, then (X bit) the extension
 * ({@code profile:16, length:16} in 32-bit words, then the data), then the payload, then (P bit)
 * padding whose last octet counts the padding octets, itself included.
 *
 * <p>Not thread-safe; one view per thread.
 */
public final class RtpView {
    /** The packet passes every check. */
    public static final int VALID = 0;
    /** Fewer than 12 octets. */
    public static final int TOO_SHORT = 1;
    /** Version field is not 2. */
    public static final int BAD_VERSION = 2;
    /**
     * Payload type 72..76: with the marker bit these octets read as RTCP SR/RR/SDES/BYE/APP, so RFC 5761
     * §4 forbids them for RTP.
     */
    public static final int RTCP_PAYLOAD_TYPE = 3;
    /** The CSRC list or the header extension runs past the end of the packet. */
    public static final int HEADER_OVERRUN = 4;
    /** Padding flag set, but the count is 0 or larger than what follows the header. */
    public static final int BAD_PADDING = 5;

    public static final int FIXED_HEADER_LENGTH = 12;

    private byte[] b;
    private int off;
    private int len;
    private int headerLength;
    private int paddingLength;

    /** Points the view at a packet and validates it; returns {@link #VALID} or the failed rule. */
    public int wrap(byte[] bytes, int offset, int length) {
        b = bytes;
        off = offset;
        len = length;
        headerLength = 0;
        paddingLength = 0;
        if (bytes == null || offset < 0 || length < FIXED_HEADER_LENGTH || length > bytes.length - offset) {
            return TOO_SHORT;
        }
        int b0 = bytes[offset] & 0xff;
        if ((b0 >>> 6) != 2) {
            return BAD_VERSION;
        }
        int pt = bytes[offset + 1] & 0x7f;
        if (pt >= 72 && pt <= 76) {
            return RTCP_PAYLOAD_TYPE;
        }
        int h = FIXED_HEADER_LENGTH + 4 * (b0 & 0x0f);
        if (h > length) {
            return HEADER_OVERRUN;
        }
        if ((b0 & 0x10) != 0) {
            if (h + 4 > length) {
                return HEADER_OVERRUN;
            }
            int words = ((bytes[offset + h + 2] & 0xff) << 8) | (bytes[offset + h + 3] & 0xff);
            h += 4 + 4 * words;
            if (h > length) {
                return HEADER_OVERRUN;
            }
        }
        headerLength = h;
        if ((b0 & 0x20) != 0) {
            int pad = bytes[offset + length - 1] & 0xff;
            if (pad == 0 || pad > length - h) {
                return BAD_PADDING;
            }
            paddingLength = pad;
        }
        return VALID;
    }

    /** The array the view reads. */
    public byte[] array() {
        return b;
    }

    public int offset() {
        return off;
    }

    /** Length of the whole packet (header, payload and padding), in octets. */
    public int length() {
        return len;
    }

    public int version() {
        return (b[off] & 0xff) >>> 6;
    }

    public boolean padding() {
        return (b[off] & 0x20) != 0;
    }

    public boolean extension() {
        return (b[off] & 0x10) != 0;
    }

    public int csrcCount() {
        return b[off] & 0x0f;
    }

    public boolean marker() {
        return (b[off + 1] & 0x80) != 0;
    }

    /** 0..127. */
    public int payloadType() {
        return b[off + 1] & 0x7f;
    }

    /** 0..65535. */
    public int sequence() {
        return ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    /** Unsigned 32-bit RTP timestamp. */
    public long timestamp() {
        return readUnsigned32(b, off + 4);
    }

    /** Unsigned 32-bit SSRC. */
    public long ssrc() {
        return readUnsigned32(b, off + 8);
    }

    /** The i-th contributing source, {@code 0 <= i < csrcCount()}. */
    public long csrc(int i) {
        if (i < 0 || i >= csrcCount()) {
            throw new IndexOutOfBoundsException("csrc " + i + " of " + csrcCount());
        }
        return readUnsigned32(b, off + FIXED_HEADER_LENGTH + 4 * i);
    }

    /** The 16-bit profile-defined value of the header extension (0xBEDE for RFC 8285 one-byte headers), -1 without one. */
    public int extensionProfile() {
        if (!extension()) {
            return -1;
        }
        int x = off + FIXED_HEADER_LENGTH + 4 * csrcCount();
        return ((b[x] & 0xff) << 8) | (b[x + 1] & 0xff);
    }

    /** Absolute offset of the extension data (after its 4-octet header), -1 without an extension. */
    public int extensionDataOffset() {
        return extension() ? off + FIXED_HEADER_LENGTH + 4 * csrcCount() + 4 : -1;
    }

    /** Length of the extension data in octets (excluding its 4-octet header), 0 without an extension. */
    public int extensionDataLength() {
        if (!extension()) {
            return 0;
        }
        int x = off + FIXED_HEADER_LENGTH + 4 * csrcCount();
        return 4 * (((b[x + 2] & 0xff) << 8) | (b[x + 3] & 0xff));
    }

    /** Octets before the payload: 12 + 4·CC + the extension. */
    public int headerLength() {
        return headerLength;
    }

    /** Padding octets at the end (0 without the P bit). */
    public int paddingLength() {
        return paddingLength;
    }

    /** Absolute offset of the payload in {@link #array()}. */
    public int payloadOffset() {
        return off + headerLength;
    }

    /** Payload octets: the packet minus header, CSRC list, extension and padding. */
    public int payloadLength() {
        return len - headerLength - paddingLength;
    }

    static long readUnsigned32(byte[] a, int i) {
        return (((long) (a[i] & 0xff)) << 24) | ((a[i + 1] & 0xff) << 16) | ((a[i + 2] & 0xff) << 8) | (a[i + 3] & 0xff);
    }

    /** A short name for a validity code, for counters and messages. */
    public static String describe(int validity) {
        switch (validity) {
            case VALID:
                return "valid";
            case TOO_SHORT:
                return "shorter than the 12-octet RTP header";
            case BAD_VERSION:
                return "RTP version is not 2";
            case RTCP_PAYLOAD_TYPE:
                return "payload type 72..76 collides with RTCP";
            case HEADER_OVERRUN:
                return "CSRC list or header extension runs past the packet";
            case BAD_PADDING:
                return "padding count is 0 or larger than the payload";
            default:
                return "unknown code " + validity;
        }
    }
}
