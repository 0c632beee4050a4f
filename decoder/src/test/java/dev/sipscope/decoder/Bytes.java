package dev.sipscope.decoder;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/** A growable big-endian byte writer for building test frames by hand. */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Bytes of() {
        return new Bytes();
    }

    Bytes u8(int v) {
        out.write(v & 0xff);
        return this;
    }

    Bytes u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    Bytes u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    Bytes le32(long v) {
        return u8((int) v).u8((int) (v >>> 8)).u8((int) (v >>> 16)).u8((int) (v >>> 24));
    }

    Bytes bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    Bytes ascii(String s) {
        return bytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    Bytes zeros(int n) {
        return bytes(new byte[n]);
    }

    int size() {
        return out.size();
    }

    byte[] array() {
        return out.toByteArray();
    }

    static byte[] ip(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static byte[] concat(byte[]... parts) {
        Bytes b = new Bytes();
        for (byte[] p : parts) {
            b.bytes(p);
        }
        return b.array();
    }
}
