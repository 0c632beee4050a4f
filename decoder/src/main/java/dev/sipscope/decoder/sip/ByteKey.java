package dev.sipscope.decoder.sip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable string of bytes with value equality: a map key for Call-IDs, tags and branches
 * that never depends on a mutable buffer. Equality is exact (byte for byte, case-sensitive), as
 * RFC 3261 §19.3 asks for Call-ID and tags.
 *
 * <p>Invariant: {@code bytes} is never shared with anything that could change it.
 */
public final class ByteKey implements Comparable<ByteKey> {
    private final byte[] bytes;
    private final int hash;

    private ByteKey(byte[] ownedBytes) {
        this.bytes = ownedBytes;
        this.hash = hashOf(ownedBytes, 0, ownedBytes.length);
    }

    /** A key holding a copy of {@code b[off, off+len)}. */
    public static ByteKey of(byte[] b, int off, int len) {
        return new ByteKey(Arrays.copyOfRange(b, off, off + len));
    }

    /** A key holding the UTF-8 bytes of {@code text}. */
    public static ByteKey of(String text) {
        return new ByteKey(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The hash {@link #hashCode()} would give for a key holding {@code b[off, off+len)}. */
    public static int hashOf(byte[] b, int off, int len) {
        int h = 1;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + b[i];
        }
        return h;
    }

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int i) {
        return bytes[i];
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Whether this key holds exactly {@code b[off, off+len)}; allocates nothing. */
    public boolean contentEquals(byte[] b, int off, int len) {
        return len == bytes.length && SipBytes.regionEquals(bytes, 0, b, off, len);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof ByteKey k && k.hash == hash && Arrays.equals(k.bytes, bytes));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Unsigned lexicographic order. */
    @Override
    public int compareTo(ByteKey o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    /** The bytes decoded as UTF-8. */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
