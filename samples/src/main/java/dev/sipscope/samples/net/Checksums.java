package dev.sipscope.samples.net;

/** The Internet checksum (RFC 1071): one's-complement sum of 16-bit big-endian words. */
public final class Checksums {
    private Checksums() {
    }

    /** Adds {@code b[off, off+len)} to a running 32-bit-or-wider sum (an odd tail is padded with zero). */
    public static long sum(byte[] b, int off, int len, long acc) {
        int end = off + len - 1;
        int i = off;
        for (; i < end; i += 2) {
            acc += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i == end) {
            acc += (b[i] & 0xFF) << 8;
        }
        return acc;
    }

    /** Folds a running sum to 16 bits and complements it: the value to store in a header. */
    public static int finish(long acc) {
        while ((acc >>> 16) != 0) {
            acc = (acc & 0xFFFF) + (acc >>> 16);
        }
        return (int) (~acc & 0xFFFF);
    }

    /** Checksum of a header region (used for the IPv4 header, checksum field zeroed first). */
    public static int of(byte[] b, int off, int len) {
        return finish(sum(b, off, len, 0));
    }

    /**
     * The pseudo-header sum for UDP/TCP: RFC 768 / RFC 793 for IPv4, RFC 8200 section 8.1 for IPv6
     * (source, destination, upper-layer length, next header).
     */
    public static long pseudoHeader(IpAddress src, IpAddress dst, int protocol, int upperLength) {
        long acc = 0;
        for (int i = 0; i < src.length(); i += 2) {
            acc += ((src.byteAt(i) & 0xFF) << 8) | (src.byteAt(i + 1) & 0xFF);
            acc += ((dst.byteAt(i) & 0xFF) << 8) | (dst.byteAt(i + 1) & 0xFF);
        }
        acc += protocol;
        acc += upperLength & 0xFFFF;
        acc += upperLength >>> 16;
        return acc;
    }

    /** True when the region, checksum field included, sums to 0xFFFF (i.e. finishes to 0). */
    public static boolean verifies(byte[] b, int off, int len, long initial) {
        return finish(sum(b, off, len, initial)) == 0;
    }
}
