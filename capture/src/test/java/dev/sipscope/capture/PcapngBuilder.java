package dev.sipscope.capture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hand-built pcapng files, block by block, each section in its own byte order. */
final class PcapngBuilder {
    private final ByteFixture f = new ByteFixture(false);
    private final List<Integer> blockEnds = new ArrayList<>();

    /** A section header block, version 1.0, section length -1, no options. */
    PcapngBuilder section(boolean bigEndian) {
        return section(bigEndian, 1, 0, -1L, new byte[0]);
    }

    PcapngBuilder section(boolean bigEndian, int major, int minor, long sectionLength, byte[] options) {
        f.order(bigEndian);
        ByteFixture body = body().u32(0x1A2B3C4D).u16(major).u16(minor).u64(sectionLength).bytes(options);
        return block(PcapngReader.SHB_TYPE, body.toArray());
    }

    /** An interface description block; {@code options} from {@link #options()} (null for none). */
    PcapngBuilder idb(int linkType, int snapLength, byte[] options) {
        ByteFixture body = body().u16(linkType).u16(0).u32(snapLength);
        if (options != null) {
            body.bytes(options);
        }
        return block(PcapngReader.IDB_TYPE, body.toArray());
    }

    PcapngBuilder idb(int linkType, int snapLength) {
        return idb(linkType, snapLength, null);
    }

    PcapngBuilder epb(int interfaceId, long ticks, byte[] data, int originalLength) {
        ByteFixture body = body().u32(interfaceId).u32((int) (ticks >>> 32)).u32((int) ticks)
                .u32(data.length).u32(originalLength).bytes(data).pad4();
        return block(PcapngReader.EPB_TYPE, body.toArray());
    }

    /** An EPB with an arbitrary captured-length field and an epb_flags option after the data. */
    PcapngBuilder epbRaw(int interfaceId, long ticks, int capturedField, int originalLength, byte[] data) {
        ByteFixture body = body().u32(interfaceId).u32((int) (ticks >>> 32)).u32((int) ticks)
                .u32(capturedField).u32(originalLength).bytes(data).pad4()
                .u16(2).u16(4).u32(1).u16(0).u16(0);
        return block(PcapngReader.EPB_TYPE, body.toArray());
    }

    /** The obsolete packet block (type 2). */
    PcapngBuilder pb(int interfaceId, int drops, long ticks, byte[] data, int originalLength) {
        ByteFixture body = body().u16(interfaceId).u16(drops).u32((int) (ticks >>> 32)).u32((int) ticks)
                .u32(data.length).u32(originalLength).bytes(data).pad4();
        return block(PcapngReader.OBSOLETE_PB_TYPE, body.toArray());
    }

    PcapngBuilder spb(int originalLength, byte[] data) {
        ByteFixture body = body().u32(originalLength).bytes(data).pad4();
        return block(PcapngReader.SPB_TYPE, body.toArray());
    }

    /** Any block: type, length, body, length. */
    PcapngBuilder block(int type, byte[] body) {
        int length = 12 + body.length;
        f.u32(type).u32(length).bytes(body).u32(length);
        blockEnds.add(f.size());
        return this;
    }

    /** Bytes appended as they are. */
    PcapngBuilder raw(byte[] bytes) {
        f.bytes(bytes);
        return this;
    }

    /** Options encoded in the current section's byte order. */
    Options options() {
        return new Options(f.bigEndian());
    }

    private ByteFixture body() {
        return new ByteFixture(f.bigEndian());
    }

    /** File offsets where each block ends. */
    List<Integer> blockEnds() {
        return blockEnds;
    }

    byte[] build() {
        return f.toArray();
    }

    static final class Options {
        private final ByteFixture o;

        Options(boolean bigEndian) {
            o = new ByteFixture(bigEndian);
        }

        Options string(int code, String value) {
            return bytes(code, value.getBytes(StandardCharsets.UTF_8));
        }

        Options u8(int code, int value) {
            return bytes(code, new byte[] {(byte) value});
        }

        Options i64(int code, long value) {
            o.u16(code).u16(8).u64(value);
            return this;
        }

        Options bytes(int code, byte[] value) {
            o.u16(code).u16(value.length).bytes(value).pad4();
            return this;
        }

        /** Adds opt_endofopt and returns the encoded options. */
        byte[] end() {
            return o.u16(0).u16(0).toArray();
        }

        /** The options without opt_endofopt (the block end terminates the list). */
        byte[] unterminated() {
            return o.toArray();
        }
    }
}
