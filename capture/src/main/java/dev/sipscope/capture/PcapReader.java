package dev.sipscope.capture;

import java.io.IOException;
import java.util.List;

/**
 * Reads classic libpcap files (draft-ietf-opsawg-pcap): a 24-byte file header, then records of a
 * 16-byte header and the captured bytes.
 *
 * <p>Accepted: both byte orders; microsecond ({@code a1b2c3d4}) and nanosecond ({@code a1b23c4d})
 * magic; the "modified" (Alexey Kuznetzov) format ({@code a1b2cd34}), whose records carry 8 more
 * header bytes (interface index, protocol, packet type, padding: read past, not reported);
 * versions 2.x and 543.0, with libpcap's rule that files older than 2.4 may have the captured and
 * original lengths swapped. Any snapshot length. The upper bits of the link-type field (FCS
 * length, draft section 4) are masked off as libpcap does ({@code & 0x03FFFFFF}). The
 * {@code thiszone} field is ignored, as libpcap and Wireshark do.
 *
 * <p>Timestamps: unsigned seconds since the epoch plus the fraction, in nanoseconds. Frames
 * always report interface 0. A record longer than {@link CaptureFiles#MAX_FRAME_BYTES} is corrupt:
 * the read stops there with a warning; so does a record the input cuts short. {@link #next()} does
 * not allocate.
 */
public final class PcapReader extends FileFrameSource {
    public static final int HEADER_BYTES = 24;
    public static final int MAGIC_MICROS = 0xa1b2c3d4;
    public static final int MAGIC_NANOS = 0xa1b23c4d;
    public static final int MAGIC_MODIFIED = 0xa1b2cd34;
    /** libpcap's mask for the link type proper within the header's link-type field. */
    static final int LINKTYPE_MASK = 0x03FFFFFF;

    private enum LengthOrder { NORMAL, SWAPPED, MAYBE_SWAPPED }

    private final boolean swapped;
    private final boolean nanosecond;
    private final int recordHeaderBytes;
    private final int linkType;
    private final int snapLength;
    private final int versionMajor;
    private final int versionMinor;
    private final LengthOrder lengthOrder;
    private final List<InterfaceInfo> interfaces;

    /** Parses the file header; {@code in} starts at the first byte of the file. */
    PcapReader(String name, ByteInput input, RecordBuffer in, long size) throws IOException {
        super(name, input, in, size);
        if (!in.require(HEADER_BYTES)) {
            throw new CaptureFormatException(displayName + ": too short for a pcap file (" + in.available()
                    + " bytes; the file header alone takes " + HEADER_BYTES + ")");
        }
        byte[] b = in.buf;
        int p = in.pos;
        int magic = RecordBuffer.intLE(b, p);
        int canonical = isMagic(magic) ? magic : Integer.reverseBytes(magic);
        if (!isMagic(canonical)) {
            throw new CaptureFormatException(displayName + ": not a pcap file (found bytes "
                    + CaptureFiles.hex(b, p, 4) + ")");
        }
        swapped = canonical != magic;
        nanosecond = canonical == MAGIC_NANOS;
        recordHeaderBytes = canonical == MAGIC_MODIFIED ? 24 : 16;
        versionMajor = RecordBuffer.uint16(b, p + 4, swapped);
        versionMinor = RecordBuffer.uint16(b, p + 6, swapped);
        if (versionMajor == 2) {
            lengthOrder = versionMinor < 3 ? LengthOrder.SWAPPED
                    : versionMinor == 3 ? LengthOrder.MAYBE_SWAPPED : LengthOrder.NORMAL;
        } else if (versionMajor == 543 && versionMinor == 0) {
            lengthOrder = LengthOrder.SWAPPED;
        } else {
            throw new CaptureFormatException(displayName + ": unsupported pcap version " + versionMajor + "."
                    + versionMinor + " (expected 2.x)");
        }
        int snap = RecordBuffer.int32(b, p + 16, swapped);
        snapLength = snap < 0 ? 0 : snap;
        linkType = RecordBuffer.int32(b, p + 20, swapped) & LINKTYPE_MASK;
        interfaces = List.of(new InterfaceInfo(0, linkType, snapLength, null, null));
        in.pos = p + HEADER_BYTES;
    }

    static boolean isMagic(int value) {
        return value == MAGIC_MICROS || value == MAGIC_NANOS || value == MAGIC_MODIFIED;
    }

    @Override
    public Frame next() throws IOException {
        if (ended) {
            return null;
        }
        RecordBuffer in = this.in;
        int headerBytes = recordHeaderBytes;
        if (in.limit - in.pos < headerBytes && !in.require(headerBytes)) {
            return in.available() == 0 ? endClean() : endTruncated(in.offset());
        }
        byte[] b = in.buf;
        int p = in.pos;
        boolean sw = swapped;
        int capturedLength = RecordBuffer.int32(b, p + 8, sw);
        int originalLength = RecordBuffer.int32(b, p + 12, sw);
        if (lengthOrder != LengthOrder.NORMAL
                && (lengthOrder == LengthOrder.SWAPPED || Integer.compareUnsigned(capturedLength, originalLength) > 0)) {
            int t = capturedLength;
            capturedLength = originalLength;
            originalLength = t;
        }
        if (capturedLength < 0 || capturedLength > CaptureFiles.MAX_FRAME_BYTES) {
            return endCorrupt(in.offset(), "captured length " + Integer.toUnsignedString(capturedLength)
                    + " exceeds the " + (CaptureFiles.MAX_FRAME_BYTES >> 20) + " MiB limit");
        }
        int total = headerBytes + capturedLength;
        if (in.limit - p < total) {
            if (!in.require(total)) {
                return endTruncated(in.offset());
            }
            b = in.buf;
            p = in.pos;
        }
        long seconds = RecordBuffer.int32(b, p, sw) & 0xffffffffL;
        long fraction = RecordBuffer.int32(b, p + 4, sw) & 0xffffffffL;
        long tsNanos = seconds * 1_000_000_000L + (nanosecond ? fraction : fraction * 1000L);
        frame.set(tsNanos, linkType, 0, b, p + headerBytes, capturedLength,
                originalLength < 0 ? Integer.MAX_VALUE : originalLength);
        in.pos = p + total;
        frameCount++;
        return frame;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return interfaces;
    }

    /** The file's link type (FCS bits masked off). */
    public int linkType() {
        return linkType;
    }

    /** The snapshot length from the file header, 0 when it does not fit an int. */
    public int snapLength() {
        return snapLength;
    }

    /** True for the nanosecond magic {@code a1b23c4d}. */
    public boolean nanosecondResolution() {
        return nanosecond;
    }

    /** True when the file was written big-endian. */
    public boolean bigEndian() {
        return swapped;
    }

    /** True for the "modified" format (magic {@code a1b2cd34}, 24-byte record headers). */
    public boolean modifiedFormat() {
        return recordHeaderBytes == 24;
    }

    /** The file header's version, e.g. {@code "2.4"}. */
    public String version() {
        return versionMajor + "." + versionMinor;
    }
}
