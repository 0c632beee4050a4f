package dev.sipscope.quality;

/**
 * An open-addressing hash table (linear probing, backward-shift deletion) from a flow key — two 128-bit
 * addresses and one 64-bit word (ports and SSRC, or a port) — to a value. Keys live in parallel
 * {@code long} arrays, so a lookup is one hash and a short probe over primitive arrays: no key object,
 * no boxing, no allocation. At most {@code maxEntries} entries; the arrays start small and double
 * (rehashing, on insertion only) to keep the load factor at most 1/2.
 *
 * <p>Hashing mixes every key word with a per-table seed (a splitmix64 finaliser), so crafted 5-tuples
 * cannot be aimed at one bucket without knowing the seed. Not thread-safe.
 */
final class FlowTable<V> {
    private long[] aHi;
    private long[] aLo;
    private long[] bHi;
    private long[] bLo;
    private long[] word;
    private Object[] values;
    private int mask;
    private final int maxEntries;
    private final long seed;
    private int size;

    FlowTable(int maxEntries, long seed) {
        if (maxEntries <= 0 || maxEntries > (1 << 28)) {
            throw new IllegalArgumentException("maxEntries must be 1..2^28, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.seed = seed;
        allocate(Math.min(64, Integer.highestOneBit(Math.max(4, maxEntries * 2 - 1)) << 1));
    }

    private void allocate(int cap) {
        aHi = new long[cap];
        aLo = new long[cap];
        bHi = new long[cap];
        bLo = new long[cap];
        word = new long[cap];
        values = new Object[cap];
        mask = cap - 1;
    }

    private void grow() {
        long[] oah = aHi;
        long[] oal = aLo;
        long[] obh = bHi;
        long[] obl = bLo;
        long[] ow = word;
        Object[] ov = values;
        allocate(values.length * 2);
        for (int j = 0; j < ov.length; j++) {
            if (ov[j] != null) {
                int i = slotOf(oah[j], oal[j], obh[j], obl[j], ow[j]);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                aHi[i] = oah[j];
                aLo[i] = oal[j];
                bHi[i] = obh[j];
                bLo[i] = obl[j];
                word[i] = ow[j];
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

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private int slotOf(long ah, long al, long bh, long bl, long w) {
        long h = mix(seed ^ ah);
        h = mix(h ^ al);
        h = mix(h ^ bh);
        h = mix(h ^ bl);
        h = mix(h ^ w);
        return (int) h & mask;
    }

    /** The slot holding the key, or −1. */
    int find(long ah, long al, long bh, long bl, long w) {
        int i = slotOf(ah, al, bh, bl, w);
        while (values[i] != null) {
            if (word[i] == w && aLo[i] == al && bLo[i] == bl && aHi[i] == ah && bHi[i] == bh) {
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
            if (word[i] == w && aLo[i] == al && bLo[i] == bl && aHi[i] == ah && bHi[i] == bh) {
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
        aHi[i] = ah;
        aLo[i] = al;
        bHi[i] = bh;
        bLo[i] = bl;
        word[i] = w;
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
            int home = slotOf(aHi[i], aLo[i], bHi[i], bLo[i], word[i]);
            // Move i into the hole if its home is not cyclically within (hole, i].
            boolean stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!stays) {
                aHi[hole] = aHi[i];
                aLo[hole] = aLo[i];
                bHi[hole] = bHi[i];
                bLo[hole] = bLo[i];
                word[hole] = word[i];
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
