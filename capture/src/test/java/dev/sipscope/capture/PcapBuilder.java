package dev.sipscope.capture;

import java.util.ArrayList;
import java.util.List;

/** Hand-built classic pcap files: any magic, byte order, version and link-type field. */
final class PcapBuilder {
    private final ByteFixture f;
    private final int magic;
    private final List<Integer> recordEnds = new ArrayList<>();

    PcapBuilder(boolean bigEndian, int magic, int linkField, int snapLength) {
        this(bigEndian, magic, 2, 4, linkField, snapLength);
    }

    PcapBuilder(boolean bigEndian, int magic, int major, int minor, int linkField, int snapLength) {
        this.magic = magic;
        f = new ByteFixture(bigEndian);
        f.u32(magic).u16(major).u16(minor).u32(0).u32(0).u32(snapLength).u32(linkField);
    }

    /** A record; {@code fraction} in the file's unit (microseconds or nanoseconds). */
    PcapBuilder record(long seconds, long fraction, byte[] data, int originalLength) {
        return record(seconds, fraction, data.length, originalLength, data);
    }

    /** A record whose header fields are given as they are stored (lengths unchecked). */
    PcapBuilder record(long seconds, long fraction, int capturedField, int originalField, byte[] data) {
        f.u32((int) seconds).u32((int) fraction).u32(capturedField).u32(originalField);
        if (magic == PcapReader.MAGIC_MODIFIED) {
            f.u32(3).u16(0x0800).u8(0).u8(0);   // ifindex, protocol, pkt_type, pad
        }
        f.bytes(data);
        recordEnds.add(f.size());
        return this;
    }

    /** File offsets where each record ends. */
    List<Integer> recordEnds() {
        return recordEnds;
    }

    byte[] build() {
        return f.toArray();
    }
}
