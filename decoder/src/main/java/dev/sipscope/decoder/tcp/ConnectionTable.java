package dev.sipscope.decoder.tcp;

/**
 * Open-addressing hash table of {@link TcpConnection}s keyed by their canonical endpoints, looked up
 * from primitive fields so that no key object is built per segment.
 *
 * <p>Linear probing in a power-of-two array kept at most half full; removal shifts later entries of
 * the probe run back (no tombstones), so lookups never degrade with churn. The hash is keyed by a
 * per-table random seed, so a crafted capture cannot aim many connections at one probe run.
 */
final class ConnectionTable {
    private static final int INITIAL_SLOTS = 64;

    private final long seed;
    private TcpConnection[] slots = new TcpConnection[INITIAL_SLOTS];
    private int size;

    ConnectionTable(long seed) {
        this.seed = seed;
    }

    int size() {
        return size;
    }

    int hash(int ipVersion, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        long h = mix(seed ^ aLo);
        h = mix(h ^ bLo);
        h = mix(h ^ aHi);
        h = mix(h ^ bHi);
        h = mix(h ^ (((long) ipVersion << 40) | ((long) (aPort & 0xffff) << 16) | (bPort & 0xffff)));
        return (int) (h ^ (h >>> 32));
    }

    /** The 64-bit finaliser of MurmurHash3: a bijective avalanche mix. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    TcpConnection find(int hash, int ipVersion, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        TcpConnection[] s = slots;
        int mask = s.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            TcpConnection c = s[i];
            if (c == null) {
                return null;
            }
            if (c.hash == hash && c.matches(ipVersion, aHi, aLo, aPort, bHi, bLo, bPort)) {
                return c;
            }
        }
    }

    /** Adds {@code c}, which must not be present. */
    void insert(TcpConnection c) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        place(slots, c);
        size++;
    }

    private static void place(TcpConnection[] s, TcpConnection c) {
        int mask = s.length - 1;
        int i = c.hash & mask;
        while (s[i] != null) {
            i = (i + 1) & mask;
        }
        s[i] = c;
    }

    private void grow() {
        TcpConnection[] old = slots;
        TcpConnection[] bigger = new TcpConnection[old.length * 2];
        for (TcpConnection c : old) {
            if (c != null) {
                place(bigger, c);
            }
        }
        slots = bigger;
    }

    /** Removes {@code c} if present. */
    void remove(TcpConnection c) {
        TcpConnection[] s = slots;
        int mask = s.length - 1;
        int i = c.hash & mask;
        while (s[i] != c) {
            if (s[i] == null) {
                return;
            }
            i = (i + 1) & mask;
        }
        // Backward-shift deletion: pull later members of the run into the hole when their home
        // slot does not lie (cyclically) between the hole and their current slot.
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            TcpConnection next = s[j];
            if (next == null) {
                break;
            }
            int home = next.hash & mask;
            boolean homeInHoleToJ = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!homeInHoleToJ) {
                s[hole] = next;
                hole = j;
            }
        }
        s[hole] = null;
        size--;
    }
}
