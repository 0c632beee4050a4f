package dev.sipscope.capture;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds byte fixtures field by field in a chosen byte order. */
final class ByteFixture {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean bigEndian;

    ByteFixture(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    ByteFixture order(boolean big) {
        this.bigEndian = big;
        return this;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    ByteFixture u8(int v) {
        out.write(v);
        return this;
    }

    ByteFixture u16(int v) {
        if (bigEndian) {
            out.write(v >>> 8);
            out.write(v);
        } else {
            out.write(v);
            out.write(v >>> 8);
        }
        return this;
    }

    ByteFixture u32(int v) {
        if (bigEndian) {
            u16(v >>> 16).u16(v);
        } else {
            u16(v).u16(v >>> 16);
        }
        return this;
    }

    ByteFixture u64(long v) {
        if (bigEndian) {
            u32((int) (v >>> 32)).u32((int) v);
        } else {
            u32((int) v).u32((int) (v >>> 32));
        }
        return this;
    }

    ByteFixture bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    ByteFixture ascii(String s) {
        return bytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    ByteFixture zeros(int n) {
        for (int i = 0; i < n; i++) {
            out.write(0);
        }
        return this;
    }

    ByteFixture pad4() {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toArray() {
        return out.toByteArray();
    }

    /** {@code n} bytes of a recognisable pattern starting at {@code seed}. */
    static byte[] payload(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return b;
    }
}
