package dev.sipscope.quality.emodel;

/** How well the codec's E-model values are known (QUALITY.md §8.9). */
public enum CodecProfileKind {
    /** Ie and Bpl both from the table. */
    EXACT,
    /** Ie from the table, Bpl missing: the G.107 default 4.3 is used. */
    PARTIAL,
    /** No row for the codec: the G.711-with-PLC profile stands in; the MOS is approximate. */
    FALLBACK
}
