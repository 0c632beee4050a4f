package dev.sipscope.correlator.call;

import dev.sipscope.decoder.IpAddress;

/**
 * Texts that many calls repeat, kept once: {@code ip:port} of the hops (a few proxies and gateways
 * carry most calls), User-Agents, reason phrases. Each
 * call keeps its texts for as long as it is kept, so sharing equal ones cuts the memory retained
 * per call and the work of every young collection that copies it.
 *
 * <p>Two direct-mapped tables of {@value #SLOTS} slots each: a text hashes to one slot; an equal
 * text found there is returned, anything else takes the slot over. Memory is bounded by the slots,
 * a lookup costs one hash and one comparison, and an unlucky collision only costs sharing, never
 * correctness (the text returned always equals the one given). Engine thread only.
 */
final class SharedTexts {
    static final int SLOTS = 4096;
    private static final int MASK = SLOTS - 1;

    private final String[] texts = new String[SLOTS];

    private final long[] addressHi = new long[SLOTS];
    private final long[] addressLo = new long[SLOTS];
    /** Port + 1 of each address slot, 0 when the slot is free. */
    private final int[] addressPortPlusOne = new int[SLOTS];
    private final String[] addressTexts = new String[SLOTS];

    /** The text kept for one equal to {@code s} (null for null). */
    String share(String s) {
        if (s == null) {
            return null;
        }
        int slot = mix(s.hashCode()) & MASK;
        String kept = texts[slot];
        if (kept != null && kept.equals(s)) {
            return kept;
        }
        texts[slot] = s;
        return s;
    }

    /** {@code ip:port} of this address as {@link IpAddress#format(long, long, int)} writes it, formatted once. */
    String address(long hi, long lo, int port) {
        int slot = mix((int) (hi ^ (hi >>> 32)) * 31 + (int) (lo ^ (lo >>> 32)) * 17 + port) & MASK;
        if (addressPortPlusOne[slot] == port + 1 && addressLo[slot] == lo && addressHi[slot] == hi) {
            return addressTexts[slot];
        }
        String text = IpAddress.format(hi, lo, port);
        addressHi[slot] = hi;
        addressLo[slot] = lo;
        addressPortPlusOne[slot] = port + 1;
        addressTexts[slot] = text;
        return text;
    }

    String source(Hop hop) {
        return address(hop.srcHi(), hop.srcLo(), hop.srcPort());
    }

    String destination(Hop hop) {
        return address(hop.dstHi(), hop.dstLo(), hop.dstPort());
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
