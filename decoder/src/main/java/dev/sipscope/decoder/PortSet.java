package dev.sipscope.decoder;

import java.util.Arrays;

/**
 * An immutable set of TCP/UDP port numbers (0..65535), checked once per datagram without allocation.
 *
 * <p>Invariant: {@link #ports} is sorted and holds no duplicates. Membership is one bit of an 8 KB
 * bitmap: {@link #contains} is small enough for the JIT's quick compiler to inline at each call (a
 * datagram asks four or five sets), where a scan of the array was a call.
 */
public final class PortSet {
    private static final PortSet NONE = new PortSet(new int[0]);

    private final int[] ports;
    /** Bit {@code port & 63} of word {@code port >>> 6} is set for each port of the set. */
    private final long[] bits = new long[1024];

    private PortSet(int[] sortedDistinct) {
        this.ports = sortedDistinct;
        for (int p : sortedDistinct) {
            bits[p >>> 6] |= 1L << p;
        }
    }

    /** The set of the given ports; each must be in 0..65535. */
    public static PortSet of(int... ports) {
        int[] copy = ports.clone();
        for (int p : copy) {
            if (p < 0 || p > 0xffff) {
                throw new IllegalArgumentException("port out of range 0..65535: " + p);
            }
        }
        return new PortSet(Arrays.stream(copy).sorted().distinct().toArray());
    }

    /** The empty set: nothing matches. */
    public static PortSet none() {
        return NONE;
    }

    /** Whether {@code port} is in the set; false for anything outside 0..65535. */
    public boolean contains(int port) {
        return (port & ~0xffff) == 0 && (bits[port >>> 6] & (1L << port)) != 0;
    }

    public boolean isEmpty() {
        return ports.length == 0;
    }

    /** The ports in ascending order (a copy). */
    public int[] toArray() {
        return ports.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortSet && Arrays.equals(ports, ((PortSet) o).ports);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ports);
    }

    @Override
    public String toString() {
        return Arrays.toString(ports);
    }
}
