package dev.sipscope.quality;

/**
 * An open-addressing hash table (linear probing, backward-shift deletion) from a flow key — two 128-bit
 * addresses and one 64-bit word (ports and SSRC, or a port) — to a value. Keys live in one {@code long}
 * array, the five words of a slot side by side, so a lookup is one hash and a short probe over one or
 * two cache lines of keys and one of values: no key object, no boxing, no allocation. At most {@code maxEntries} entries; the arrays start small and double
 * (rehashing, on insertion only) to keep the load factor at most 1/2.
 *
 * <p>Hashing multiplies each key word by its own odd multiplier derived from a per-table seed, sums the
 * products (five independent multiplications, not a serial chain) and applies one splitmix64 finaliser,
 * so crafted 5-tuples cannot be aimed at one bucket without knowing the seed. Not thread-safe.
 */
final class FlowTable<V> {
    /** Longs per slot in {@link #keys}: address a (hi, lo), address b (hi, lo), word. */
    private static final int STRIDE = 5;
    /** The keys of slot i at {@code keys[i*STRIDE .. i*STRIDE+4]}: one probe reads one or two cache lines. */
    private long[] keys;
    private Object[] values;
    private int mask;
    private final int maxEntries;
    private final long seed;
    /** Per-word multipliers of {@link #slotOf} (odd, derived from the seed). */
    private final long m0;
    private final long m1;
    private final long m2;
    private final long m3;
    private final long m4;
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;
    private int size;

    FlowTable(int maxEntries, long seed) {
        if (maxEntries <= 0 || maxEntries > (1 << 28)) {
            throw new IllegalArgumentException("maxEntries must be 1..2^28, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.seed = seed;
        this.m0 = mix(seed + GOLDEN) | 1;
        this.m1 = mix(seed + 2 * GOLDEN) | 1;
        this.m2 = mix(seed + 3 * GOLDEN) | 1;
        this.m3 = mix(seed + 4 * GOLDEN) | 1;
        this.m4 = mix(seed + 5 * GOLDEN) | 1;
        allocate(Math.min(64, Integer.highestOneBit(Math.max(4, maxEntries * 2 - 1)) << 1));
    }

    private void allocate(int cap) {
        keys = new long[cap * STRIDE];
        values = new Object[cap];
        mask = cap - 1;
    }

    private void grow() {
        long[] ok = keys;
        Object[] ov = values;
        allocate(values.length * 2);
        for (int j = 0; j < ov.length; j++) {
            if (ov[j] != null) {
                int k = j * STRIDE;
                int i = slotOf(ok[k], ok[k + 1], ok[k + 2], ok[k + 3], ok[k + 4]);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(ok, k, keys, i * STRIDE, STRIDE);
                values[i] = ov[j];
            }
        }
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size >= maxEntries;
    }

    /** The SplitMix64 finalizer: every input bit moves every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private int slotOf(long ah, long al, long bh, long bl, long w) {
        long h = mix(seed ^ (ah * m0 + Long.rotateLeft(al * m1, 21) + Long.rotateLeft(bh * m2, 42)
                + Long.rotateLeft(bl * m3, 13) + Long.rotateLeft(w * m4, 34)));
        return (int) h & mask;
    }

    private boolean keyAt(int i, long ah, long al, long bh, long bl, long w) {
        long[] k = keys;
        int o = i * STRIDE;
        return k[o + 4] == w && k[o + 1] == al && k[o + 3] == bl && k[o] == ah && k[o + 2] == bh;
    }

    /** The slot holding the key, or −1. */
    int find(long ah, long al, long bh, long bl, long w) {
        int i = slotOf(ah, al, bh, bl, w);
        Object[] v = values;
        while (v[i] != null) {
            if (keyAt(i, ah, al, bh, bl, w)) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    V get(long ah, long al, long bh, long bl, long w) {
        int s = find(ah, al, bh, bl, w);
        return s < 0 ? null : (V) values[s];
    }

    @SuppressWarnings("unchecked")
    V valueAt(int slot) {
        return (V) values[slot];
    }

    void setValueAt(int slot, V v) {
        if (v == null) {
            throw new IllegalArgumentException("null value; use removeAt");
        }
        values[slot] = v;
    }

    /**
     * Inserts or replaces; returns the slot, or −1 when the key is new and the table is full.
     */
    int put(long ah, long al, long bh, long bl, long w, V v) {
        if (v == null) {
            throw new IllegalArgumentException("null value");
        }
        int i = slotOf(ah, al, bh, bl, w);
        while (values[i] != null) {
            if (keyAt(i, ah, al, bh, bl, w)) {
                values[i] = v;
                return i;
            }
            i = (i + 1) & mask;
        }
        if (size >= maxEntries) {
            return -1;
        }
        if ((size + 1) * 2 > values.length) {
            grow();
            i = slotOf(ah, al, bh, bl, w);
            while (values[i] != null) {
                i = (i + 1) & mask;
            }
        }
        int o = i * STRIDE;
        keys[o] = ah;
        keys[o + 1] = al;
        keys[o + 2] = bh;
        keys[o + 3] = bl;
        keys[o + 4] = w;
        values[i] = v;
        size++;
        return i;
    }

    boolean remove(long ah, long al, long bh, long bl, long w) {
        int s = find(ah, al, bh, bl, w);
        if (s < 0) {
            return false;
        }
        removeAt(s);
        return true;
    }

    /** Removes the entry at a slot, shifting later entries of its probe run back (no tombstones). */
    void removeAt(int slot) {
        int hole = slot;
        values[hole] = null;
        size--;
        int i = (hole + 1) & mask;
        while (values[i] != null) {
            int o = i * STRIDE;
            int home = slotOf(keys[o], keys[o + 1], keys[o + 2], keys[o + 3], keys[o + 4]);
            // Move i into the hole if its home is not cyclically within (hole, i].
            boolean stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!stays) {
                System.arraycopy(keys, o, keys, hole * STRIDE, STRIDE);
                values[hole] = values[i];
                values[i] = null;
                hole = i;
            }
            i = (i + 1) & mask;
        }
    }

    /** Array capacity (for iteration with {@link #valueAt}; empty slots hold null). */
    int capacity() {
        return values.length;
    }
}
