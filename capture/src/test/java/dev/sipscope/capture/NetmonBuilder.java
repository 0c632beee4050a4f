package dev.sipscope.capture;

import java.util.ArrayList;
import java.util.List;

/** Hand-built Network Monitor files: 128-byte header, frames, then the frame index. */
final class NetmonBuilder {
    private final int major;
    private final int minor;
    private final int media;
    private final int[] start;
    private final ByteFixture frames = new ByteFixture(false);
    private final List<Integer> offsets = new ArrayList<>();

    /** {@code start}: year, month, day, hour, minute, second, millisecond (UTC). */
    NetmonBuilder(int major, int minor, int media, int... start) {
        this.major = major;
        this.minor = minor;
        this.media = media;
        this.start = start;
    }

    /** A frame; {@code delta} in ms (1.x) or µs (2.x); trailer fields used from 2.1 / 2.3 on. */
    NetmonBuilder frame(long delta, int originalLength, byte[] data, int trailerMedia, long fileTime) {
        offsets.add(NetmonReader.HEADER_BYTES + frames.size());
        if (major == 1) {
            frames.u32((int) delta).u16(originalLength).u16(data.length);
        } else {
            frames.u64(delta).u32(originalLength).u32(data.length);
        }
        frames.bytes(data);
        if (major == 2 && minor >= 1) {
            frames.u16(trailerMedia);
            if (minor >= 2) {
                frames.u32(0);
            }
            if (minor >= 3) {
                frames.u64(fileTime).u8(0);
            }
        }
        return this;
    }

    NetmonBuilder frame(long delta, byte[] data) {
        return frame(delta, data.length, data, 0, 0);
    }

    /** Frame offsets in the order written. */
    List<Integer> offsets() {
        return offsets;
    }

    byte[] build() {
        return build(offsets);
    }

    /** The file with an index listing {@code index} (offsets, in the order given). */
    byte[] build(List<Integer> index) {
        ByteFixture f = new ByteFixture(false);
        f.ascii(major == 1 ? "RTSS" : "GMBU").u8(minor).u8(major).u16(media)
                .u16(start[0]).u16(start[1]).u16(0).u16(start[2]).u16(start[3]).u16(start[4]).u16(start[5])
                .u16(start[6]);
        int indexOffset = NetmonReader.HEADER_BYTES + frames.size();
        f.u32(indexOffset).u32(index.size() * 4);
        f.zeros(NetmonReader.HEADER_BYTES - f.size());
        f.bytes(frames.toArray());
        for (int offset : index) {
            f.u32(offset);
        }
        return f.toArray();
    }
}
