package dev.sipscope.decoder;

import java.util.Arrays;

/**
 * An immutable set of TCP/UDP port numbers (0..65535), checked once per datagram without allocation.
 *
 * <p>Invariant: {@link #ports} is sorted and holds no duplicates. Sets are small (a few ports), so
 * membership is a linear scan up to eight entries and a binary search beyond.
 */
public final class PortSet {
    private static final PortSet NONE = new PortSet(new int[0]);

    private final int[] ports;

    private PortSet(int[] sortedDistinct) {
        this.ports = sortedDistinct;
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

    public boolean contains(int port) {
        int[] p = ports;
        if (p.length <= 8) {
            for (int value : p) {
                if (value == port) {
                    return true;
                }
            }
            return false;
        }
        return Arrays.binarySearch(p, port) >= 0;
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
