package dev.sipscope.decoder.sip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An ordered list of {@code ;name[=value]} parameters (RFC 3261 §25.1 {@code generic-param} and
 * {@code uri-parameter}), or of a URI's {@code ?name=value&...} headers. Names keep their spelling
 * and are looked up ignoring case; a parameter without a value (a flag such as {@code lr} or a bare
 * {@code rport}) has a null value. Quoted values are returned unquoted. Immutable.
 */
public final class SipParams {
    /** No parameters. */
    public static final SipParams EMPTY = new SipParams(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;

    private SipParams(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    public int size() {
        return names.length;
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    public String name(int i) {
        return names[i];
    }

    /** The value of parameter {@code i}, null for a flag. */
    public String value(int i) {
        return values[i];
    }

    /** Whether a parameter named {@code name} (any case) is present, with or without a value. */
    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The value of the first parameter named {@code name} (any case); null when absent or a flag. */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    /** Index of the first parameter named {@code name} (any case), or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> names() {
        return Collections.unmodifiableList(java.util.Arrays.asList(names));
    }

    /** {@code ;a=b;c} form. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            sb.append(';').append(names[i]);
            if (values[i] != null) {
                sb.append('=').append(values[i]);
            }
        }
        return sb.toString();
    }

    /**
     * Header parameters in {@code b[p, end)}: {@code *( ";" name [ "=" value ] )} where a value is
     * a token, a host (IPv6 references in brackets) or a quoted string; white space around
     * {@code ;} and {@code =} is allowed. Anything before the first {@code ;} is ignored.
     */
    static SipParams parseHeaderParams(byte[] b, int p, int end) {
        int semi = SipValueReader.indexOfUnquoted(b, p, end, ';');
        if (semi < 0) {
            return EMPTY;
        }
        List<String> ns = new ArrayList<>(4);
        List<String> vs = new ArrayList<>(4);
        p = semi + 1;
        while (p < end) {
            p = SipBytes.skipLws(b, p, end);
            int ns0 = p;
            while (p < end && b[p] != '=' && b[p] != ';' && !SipBytes.isLws(b[p])) {
                p++;
            }
            int ne = p;
            p = SipBytes.skipLws(b, p, end);
            String value = null;
            if (p < end && b[p] == '=') {
                p = SipBytes.skipLws(b, p + 1, end);
                if (p < end && b[p] == '"') {
                    int qe = SipValueReader.quotedEnd(b, p, end);
                    value = SipValueReader.unquote(b, p, qe);
                    p = qe;
                } else {
                    int vs0 = p;
                    while (p < end && b[p] != ';') {
                        p++;
                    }
                    value = SipBytes.text(b, vs0, SipBytes.trimEnd(b, vs0, p) - vs0);
                }
            }
            if (ne > ns0) {
                ns.add(SipBytes.text(b, ns0, ne - ns0));
                vs.add(value);
            }
            int next = SipValueReader.indexOfUnquoted(b, p, end, ';');
            if (next < 0) {
                break;
            }
            p = next + 1;
        }
        return of(ns, vs);
    }

    /**
     * Separator-delimited {@code name[=value]} pairs in {@code b[p, end)} without quoting rules: URI
     * parameters ({@code sep = ';'}) or URI headers ({@code sep = '&'}). Values stay %-escaped as written.
     */
    /**
     * The value of the first header parameter named {@code name} (ASCII case ignored) in
     * {@code b[p, end)}, exactly as {@code parseHeaderParams(b, p, end).get(name)} would give it, but
     * making a String only for that value: null when absent or present without a value.
     */
    static String find(byte[] b, int p, int end, String name) {
        int semi = SipValueReader.indexOfUnquoted(b, p, end, ';');
        if (semi < 0) {
            return null;
        }
        p = semi + 1;
        while (p < end) {
            p = SipBytes.skipLws(b, p, end);
            int ns0 = p;
            while (p < end && b[p] != '=' && b[p] != ';' && !SipBytes.isLws(b[p])) {
                p++;
            }
            int ne = p;
            boolean match = ne > ns0 && nameEquals(b, ns0, ne, name);
            p = SipBytes.skipLws(b, p, end);
            String value = null;
            if (p < end && b[p] == '=') {
                p = SipBytes.skipLws(b, p + 1, end);
                if (p < end && b[p] == '"') {
                    int qe = SipValueReader.quotedEnd(b, p, end);
                    if (match) {
                        value = SipValueReader.unquote(b, p, qe);
                    }
                    p = qe;
                } else {
                    int vs0 = p;
                    while (p < end && b[p] != ';') {
                        p++;
                    }
                    if (match) {
                        value = SipBytes.text(b, vs0, SipBytes.trimEnd(b, vs0, p) - vs0);
                    }
                }
            }
            if (match) {
                return value;
            }
            int next = SipValueReader.indexOfUnquoted(b, p, end, ';');
            if (next < 0) {
                break;
            }
            p = next + 1;
        }
        return null;
    }

    /** As {@code String.equalsIgnoreCase} on the decoded name (which also folds some non-ASCII letters). */
    private static boolean nameEquals(byte[] b, int s, int e, String name) {
        for (int i = s; i < e; i++) {
            if (b[i] < 0) {
                return SipBytes.text(b, s, e - s).equalsIgnoreCase(name);
            }
        }
        return SipBytes.equalsIgnoreCase(b, s, e - s, name);
    }

    static SipParams parseUriPairs(byte[] b, int p, int end, int sep) {
        if (p >= end) {
            return EMPTY;
        }
        List<String> ns = new ArrayList<>(4);
        List<String> vs = new ArrayList<>(4);
        while (p < end) {
            int e = SipBytes.indexOf(b, p, end, sep);
            if (e < 0) {
                e = end;
            }
            int eq = SipBytes.indexOf(b, p, e, '=');
            int ne = eq < 0 ? e : eq;
            if (ne > p) {
                ns.add(SipBytes.text(b, p, ne - p));
                vs.add(eq < 0 ? null : SipBytes.text(b, eq + 1, e - eq - 1));
            }
            p = e + 1;
        }
        return of(ns, vs);
    }

    private static SipParams of(List<String> ns, List<String> vs) {
        if (ns.isEmpty()) {
            return EMPTY;
        }
        return new SipParams(ns.toArray(new String[0]), vs.toArray(new String[0]));
    }
}
