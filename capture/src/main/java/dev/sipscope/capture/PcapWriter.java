package dev.sipscope.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Classic libpcap file writer, little-endian. Nanosecond files use magic {@code 0xa1b23c4d}
 * (readable by libpcap 1.5+, tcpdump, Wireshark); microsecond files the classic {@code 0xa1b2c3d4}.
 * A classic pcap file has a single link type: frames of another link type are refused.
 */
public final class PcapWriter implements FrameWriter {
    public static final int DEFAULT_SNAPLEN = 262_144;

    private final OutputStream out;
    private final int linkType;
    private final boolean nanosecond;
    private final byte[] header = new byte[16];

    public PcapWriter(OutputStream out, int linkType, int snapLength, boolean nanosecond) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        this.linkType = linkType;
        this.nanosecond = nanosecond;
        byte[] global = new byte[24];
        putIntLE(global, 0, nanosecond ? 0xa1b23c4d : 0xa1b2c3d4);
        putShortLE(global, 4, 2);
        putShortLE(global, 6, 4);
        putIntLE(global, 8, 0);            // thiszone
        putIntLE(global, 12, 0);           // sigfigs
        putIntLE(global, 16, snapLength);
        putIntLE(global, 20, linkType);
        this.out.write(global);
    }

    /** Creates (or replaces) {@code path}, nanosecond resolution. */
    public static PcapWriter create(Path path, int linkType) throws IOException {
        return new PcapWriter(Files.newOutputStream(path), linkType, DEFAULT_SNAPLEN, true);
    }

    public int linkType() {
        return linkType;
    }

    @Override
    public void write(Frame frame) throws IOException {
        if (frame.linkType() != linkType) {
            throw new IllegalArgumentException("a classic pcap file holds one link type (" + LinkType.name(linkType)
                    + "); got a " + LinkType.name(frame.linkType()) + " frame: write pcapng instead");
        }
        long ts = frame.timestampNanos();
        long seconds = Math.floorDiv(ts, 1_000_000_000L);
        long fraction = Math.floorMod(ts, 1_000_000_000L);
        putIntLE(header, 0, (int) seconds);
        putIntLE(header, 4, (int) (nanosecond ? fraction : fraction / 1000));
        putIntLE(header, 8, frame.capturedLength());
        putIntLE(header, 12, frame.originalLength());
        out.write(header);
        out.write(frame.data(), frame.offset(), frame.capturedLength());
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    static void putIntLE(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    static void putShortLE(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }
}
