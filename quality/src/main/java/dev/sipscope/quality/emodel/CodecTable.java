package dev.sipscope.quality.emodel;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Codec → E-model values (QUALITY.md §8.9), looked up by rtpmap encoding name (case-insensitive) or,
 * without SDP, by static payload type. Provenance notes of the spec apply: the G.711 (with PLC), G.729A
 * + VAD and G.723.1 + VAD rows are G.113 values found in several sources; GSM-FR's Bpl 10 is OPAL's
 * choice; rows without a Bpl are {@link CodecProfileKind#PARTIAL}. Unknown codecs (iLBC, Opus,
 * wideband codecs until G.107.1 values are verified) fall back to G.711 with PLC,
 * {@link CodecProfileKind#FALLBACK}. Immutable; {@link #with} returns a changed copy.
 */
public final class CodecTable {
    /** Look-ahead assumed for codecs without a known value, ms (§8.6). */
    public static final double DEFAULT_LOOKAHEAD_MS = 5;

    private static final double NONE = Double.NaN;

    private final Map<String, CodecImpairment> byName;

    public static final CodecTable DEFAULT = defaults();

    private CodecTable(Map<String, CodecImpairment> byName) {
        this.byName = byName;
    }

    private static CodecTable defaults() {
        Map<String, CodecImpairment> m = new HashMap<>();
        CodecImpairment g711 = new CodecImpairment("G.711 with PLC", 0, 25.1, 0, CodecProfileKind.EXACT);
        m.put("PCMU", g711);
        m.put("PCMA", g711);
        m.put("G711", g711);
        m.put("G726-40", new CodecImpairment("G.726 40 kbit/s", 2, NONE, 0, CodecProfileKind.PARTIAL));
        m.put("G726-32", new CodecImpairment("G.726 32 kbit/s", 7, NONE, 0, CodecProfileKind.PARTIAL));
        m.put("G726-24", new CodecImpairment("G.726 24 kbit/s", 25, NONE, 0, CodecProfileKind.PARTIAL));
        m.put("G726-16", new CodecImpairment("G.726 16 kbit/s", 50, NONE, 0, CodecProfileKind.PARTIAL));
        m.put("G721", m.get("G726-32"));
        m.put("G728", new CodecImpairment("G.728 LD-CELP", 7, NONE, DEFAULT_LOOKAHEAD_MS, CodecProfileKind.PARTIAL));
        CodecImpairment g729 = new CodecImpairment("G.729A + VAD", 11, 19.0, 5, CodecProfileKind.EXACT);
        m.put("G729", g729);
        m.put("G729A", g729);
        m.put("G729AB", g729);
        m.put("G723", new CodecImpairment("G.723.1 + VAD 6.3 kbit/s", 15, 16.1, 7.5, CodecProfileKind.EXACT));
        m.put("GSM", new CodecImpairment("GSM-FR", 20, 10, 0, CodecProfileKind.EXACT));
        m.put("GSM-HR", new CodecImpairment("GSM-HR", 23, NONE, DEFAULT_LOOKAHEAD_MS, CodecProfileKind.PARTIAL));
        m.put("GSM-EFR", new CodecImpairment("GSM-EFR", 5, 10, DEFAULT_LOOKAHEAD_MS, CodecProfileKind.EXACT));
        m.put("AMR", new CodecImpairment("AMR-NB 12.2", 5, 10, DEFAULT_LOOKAHEAD_MS, CodecProfileKind.EXACT));
        return new CodecTable(Map.copyOf(m));
    }

    private static final String[] STATIC_NAMES = new String[35];

    static {
        STATIC_NAMES[0] = "PCMU";
        STATIC_NAMES[2] = "G721";
        STATIC_NAMES[3] = "GSM";
        STATIC_NAMES[4] = "G723";
        STATIC_NAMES[8] = "PCMA";
        STATIC_NAMES[9] = "G722";
        STATIC_NAMES[15] = "G728";
        STATIC_NAMES[18] = "G729";
    }

    /** A copy with one row added or replaced ({@code encodingName} as in rtpmap). */
    public CodecTable with(String encodingName, CodecImpairment impairment) {
        Map<String, CodecImpairment> m = new HashMap<>(byName);
        m.put(encodingName.toUpperCase(Locale.ROOT), impairment);
        return new CodecTable(Map.copyOf(m));
    }

    /**
     * The row for an encoding name (or, when {@code encodingName} is null, the static payload type), or
     * the G.711-with-PLC profile marked {@link CodecProfileKind#FALLBACK}.
     */
    public CodecImpairment lookup(String encodingName, int payloadType) {
        String name = encodingName;
        if (name == null && payloadType >= 0 && payloadType < STATIC_NAMES.length) {
            name = STATIC_NAMES[payloadType];
        }
        if (name != null) {
            CodecImpairment c = byName.get(name.toUpperCase(Locale.ROOT));
            if (c != null) {
                return c;
            }
        }
        return new CodecImpairment(name == null ? "PT " + payloadType : name, 0, 25.1,
                DEFAULT_LOOKAHEAD_MS, CodecProfileKind.FALLBACK);
    }
}
