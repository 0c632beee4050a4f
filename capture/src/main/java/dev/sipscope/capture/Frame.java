package dev.sipscope.capture;

import java.util.Arrays;

/**
 * One captured frame: a view over bytes owned by whoever produced it.
 *
 * <p>Sources reuse a single {@code Frame} and its backing array: a frame handed out by
 * {@link FrameSource#next()} is valid only until the next call. Call {@link #copy()} to keep it.
 *
 * <p>Invariants: {@code 0 <= offset}, {@code offset + capturedLength <= data.length},
 * {@code capturedLength <= originalLength} is usual but not enforced (some writers record a
 * smaller original length than the bytes they kept; we report what the file says).
 */
public final class Frame {
    private byte[] data = new byte[0];
    private int offset;
    private int capturedLength;
    private int originalLength;
    private long timestampNanos;
    private int linkType;
    private int interfaceId;

    public Frame() {
    }

    /** A frame over {@code data[offset, offset+capturedLength)}; used by readers, tests and generators. */
    public Frame(long timestampNanos, int linkType, int interfaceId, byte[] data, int offset, int capturedLength,
                 int originalLength) {
        set(timestampNanos, linkType, interfaceId, data, offset, capturedLength, originalLength);
    }

    /** Points this frame at new bytes; readers call this for every frame they hand out. */
    public Frame set(long timestampNanos, int linkType, int interfaceId, byte[] data, int offset, int capturedLength,
                     int originalLength) {
        this.timestampNanos = timestampNanos;
        this.linkType = linkType;
        this.interfaceId = interfaceId;
        this.data = data;
        this.offset = offset;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        return this;
    }

    /** Capture time in nanoseconds since 1970-01-01T00:00:00Z. */
    public long timestampNanos() {
        return timestampNanos;
    }

    /** The link-layer header type (a LINKTYPE_/DLT_ number, see {@link LinkType}). */
    public int linkType() {
        return linkType;
    }

    /** The capturing interface: the pcapng interface index across all sections; 0 for classic pcap. */
    public int interfaceId() {
        return interfaceId;
    }

    /** The backing array; the frame's bytes are {@code data()[offset() .. offset()+capturedLength())}. */
    public byte[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    /** Number of bytes captured (present in {@link #data()}). */
    public int capturedLength() {
        return capturedLength;
    }

    /** Length of the frame on the wire, which may exceed the captured length (snaplen). */
    public int originalLength() {
        return originalLength;
    }

    /** The captured bytes as a fresh array. */
    public byte[] bytes() {
        return Arrays.copyOfRange(data, offset, offset + capturedLength);
    }

    /** A detached copy that owns its bytes. */
    public Frame copy() {
        return new Frame(timestampNanos, linkType, interfaceId, bytes(), 0, capturedLength, originalLength);
    }

    /** True when both frames have the same time, link type, interface, lengths and bytes. */
    public boolean sameAs(Frame other) {
        return other != null
                && timestampNanos == other.timestampNanos
                && linkType == other.linkType
                && interfaceId == other.interfaceId
                && capturedLength == other.capturedLength
                && originalLength == other.originalLength
                && Arrays.equals(data, offset, offset + capturedLength,
                        other.data, other.offset, other.offset + other.capturedLength);
    }

    @Override
    public String toString() {
        return "Frame[t=" + timestampNanos + "ns, link=" + LinkType.name(linkType) + ", if=" + interfaceId
                + ", caplen=" + capturedLength + ", len=" + originalLength + "]";
    }
}
