package dev.sipscope.tui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A display filter over calls, parsed from what the user types in the filter bar.
 *
 * <p>The text is a list of terms, all of which must hold (AND). A term is:
 * <ul>
 *   <li>free text, matched without regard to case against From, To, Call-ID, the addresses, the
 *       method and the full text of every message of the call (so any header);
 *       {@code "two words"} keeps spaces;</li>
 *   <li>{@code field:value} for text fields, a case-insensitive substring, several values
 *       separated by commas meaning any of them: {@code from:}, {@code to:}, {@code callid:},
 *       {@code method:}, {@code caller:} ({@code src:}), {@code callee:} ({@code dst:}),
 *       {@code ip:} (caller, callee or any message address);</li>
 *   <li>{@code state:NAME[,NAME]} (labels of {@link CallState}: {@code rejected}, {@code in_call}, {@code no_answer}...);</li>
 *   <li>{@code code:PATTERN[,PATTERN]}: the final code, where {@code x} stands for any digit
 *       ({@code code:5xx}, {@code code:486}, {@code code:0} for none yet);</li>
 *   <li>numeric comparisons with {@code < <= > >= = :} on {@code mos}, {@code msgs}, {@code dur}
 *       (seconds), {@code idx}, {@code loss} (worst stream loss, percent), {@code jitter} (worst
 *       stream jitter, ms), {@code streams}: {@code mos<3.5}, {@code dur>=60};</li>
 *   <li>{@code diag} or {@code diag:yes|no} (has diagnostics), {@code rtp} or {@code rtp:yes|no} (has streams);</li>
 *   <li>any term preceded by {@code -} or {@code !} is negated.</li>
 * </ul>
 * A prefix that is not a known field ({@code sip:alice}) is free text. A comparison a call has no
 * figure for (no MOS yet) does not hold. Instances are immutable and safe to share.
 */
public final class CallQuery {

    /** The query that lets every call through. */
    public static final CallQuery ALL = new CallQuery("", List.of());

    private final String text;
    private final List<Term> terms;

    private CallQuery(String text, List<Term> terms) {
        this.text = text;
        this.terms = terms;
    }

    /** What the user typed. */
    public String text() {
        return text;
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** True when some term looks at a call's messages or streams, not only its row. */
    public boolean needsDetail() {
        for (Term t : terms) {
            if (t.needsDetail()) {
                return true;
            }
        }
        return false;
    }

    /** True when every term holds for the call; {@code detail} is asked only when a term needs it. */
    public boolean matches(CallRow row, Supplier<CallDetail> detail) {
        Lazy lazy = new Lazy(detail);
        for (Term t : terms) {
            if (!t.test(row, lazy)) {
                return false;
            }
        }
        return true;
    }

    /** Parses a filter; a {@link QuerySyntaxException} carries one sentence naming what is wrong. */
    public static CallQuery parse(String text) throws QuerySyntaxException {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        List<Term> terms = new ArrayList<>();
        for (String token : tokens(text)) {
            terms.add(term(token));
        }
        return new CallQuery(text.strip(), List.copyOf(terms));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallQuery && ((CallQuery) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /** Splits on blanks outside double quotes; quotes are removed. */
    static List<String> tokens(String text) throws QuerySyntaxException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (!quoted && Character.isWhitespace(c)) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new QuerySyntaxException("a double quote is not closed");
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }

    private static Term term(String token) throws QuerySyntaxException {
        if (token.length() > 1 && (token.charAt(0) == '-' || token.charAt(0) == '!')) {
            Term inner = term(token.substring(1));
            return new Not(inner);
        }
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.equals("diag")) {
            return new Flag(true, false);
        }
        if (lower.equals("rtp")) {
            return new Flag(true, true);
        }
        int op = opIndex(token);
        if (op > 0) {
            String field = lower.substring(0, op);
            int opLen = token.startsWith("=", op + 1) ? 2 : 1;
            String sign = token.substring(op, op + opLen);
            String value = token.substring(op + opLen).trim();
            Term t = fieldTerm(field, sign, value);
            if (t != null) {
                return t;
            }
        }
        if (token.isEmpty()) {
            throw new QuerySyntaxException("an empty term");
        }
        return new Text(token);
    }

    /** Index of the first {@code : < > =} in the token, or -1. */
    private static int opIndex(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == ':' || c == '<' || c == '>' || c == '=') {
                return i;
            }
            if (!Character.isLetter(c)) {
                return -1;
            }
        }
        return -1;
    }

    private static Term fieldTerm(String field, String sign, String value) throws QuerySyntaxException {
        boolean colon = sign.equals(":");
        switch (field) {
            case "from": case "to": case "callid": case "call-id": case "method": case "caller": case "src":
            case "callee": case "dst": case "ip":
                if (!colon && !sign.equals("=")) {
                    throw new QuerySyntaxException(field + " takes ':' and text, e.g. " + field + ":alice");
                }
                return new FieldText(field.equals("call-id") ? "callid" : field.equals("src") ? "caller"
                        : field.equals("dst") ? "callee" : field, values(field, value));
            case "state":
                requireColon(field, sign, "state:rejected");
                List<CallState> states = new ArrayList<>();
                for (String v : values(field, value)) {
                    CallState s = CallState.parse(v);
                    if (s == null) {
                        List<String> known = new ArrayList<>();
                        for (CallState k : CallState.values()) {
                            known.add(k.name().toLowerCase(Locale.ROOT));
                        }
                        throw new QuerySyntaxException("unknown state '" + v + "' (known: " + String.join(", ", known) + ")");
                    }
                    states.add(s);
                }
                return new StateIs(List.copyOf(states));
            case "code":
                if (colon || sign.equals("=")) {
                    List<String> patterns = values(field, value);
                    for (String p : patterns) {
                        if (!p.matches("[0-9xX]{1,3}")) {
                            throw new QuerySyntaxException("code takes a code or a pattern like 5xx, not '" + p + "'");
                        }
                    }
                    return new CodeLike(List.copyOf(patterns));
                }
                return new Compare(field, sign, number(field, value));
            case "mos": case "msgs": case "dur": case "duration": case "idx": case "index": case "loss": case "jitter":
            case "streams":
                return new Compare(field.equals("duration") ? "dur" : field.equals("index") ? "idx" : field,
                        colon ? "=" : sign, number(field, value));
            case "diag": case "rtp":
                requireColon(field, sign, field + ":yes");
                String v = value.toLowerCase(Locale.ROOT);
                boolean yes;
                if (v.equals("yes") || v.equals("y") || v.equals("true") || v.equals("1")) {
                    yes = true;
                } else if (v.equals("no") || v.equals("n") || v.equals("false") || v.equals("0")) {
                    yes = false;
                } else {
                    throw new QuerySyntaxException(field + " takes yes or no, not '" + value + "'");
                }
                return field.equals("diag") ? new Flag(yes, false) : new Flag(yes, true);
            default:
                return null;
        }
    }

    private static void requireColon(String field, String sign, String example) throws QuerySyntaxException {
        if (!sign.equals(":") && !sign.equals("=")) {
            throw new QuerySyntaxException(field + " takes ':', e.g. " + example);
        }
    }

    private static List<String> values(String field, String value) throws QuerySyntaxException {
        List<String> out = new ArrayList<>();
        for (String v : value.split(",")) {
            if (!v.isBlank()) {
                out.add(v.strip());
            }
        }
        if (out.isEmpty()) {
            throw new QuerySyntaxException(field + ": needs a value");
        }
        return out;
    }

    private static double number(String field, String value) throws QuerySyntaxException {
        try {
            double d = Double.parseDouble(value);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new QuerySyntaxException(field + " needs a number, not '" + value + "'");
        }
    }

    /** True when {@code hay} contains {@code needle}, ignoring case, without allocating. */
    static boolean containsIgnoreCase(String hay, String needle) {
        int n = needle.length();
        if (n == 0) {
            return true;
        }
        for (int i = 0, last = hay.length() - n; i <= last; i++) {
            if (hay.regionMatches(true, i, needle, 0, n)) {
                return true;
            }
        }
        return false;
    }

    /** The detail, fetched at most once per call. */
    private static final class Lazy {
        private final Supplier<CallDetail> supplier;
        private CallDetail detail;

        Lazy(Supplier<CallDetail> supplier) {
            this.supplier = supplier;
        }

        CallDetail get() {
            if (detail == null) {
                CallDetail d = supplier == null ? null : supplier.get();
                detail = d == null ? CallDetail.empty(-1) : d;
            }
            return detail;
        }
    }

    private interface Term {
        boolean test(CallRow row, Lazy detail);

        default boolean needsDetail() {
            return false;
        }
    }

    private record Not(Term inner) implements Term {
        public boolean test(CallRow row, Lazy detail) {
            return !inner.test(row, detail);
        }

        public boolean needsDetail() {
            return inner.needsDetail();
        }
    }

    private record Text(String needle) implements Term {
        public boolean test(CallRow row, Lazy detail) {
            if (containsIgnoreCase(row.from(), needle) || containsIgnoreCase(row.to(), needle)
                    || containsIgnoreCase(row.callId(), needle) || containsIgnoreCase(row.caller(), needle)
                    || containsIgnoreCase(row.callee(), needle) || containsIgnoreCase(row.method(), needle)) {
                return true;
            }
            for (MessageRow m : detail.get().messages()) {
                if (m.text().containsIgnoreCase(needle)) {
                    return true;
                }
            }
            return false;
        }

        public boolean needsDetail() {
            return true;
        }
    }

    private record FieldText(String field, List<String> needles) implements Term {
        public boolean test(CallRow row, Lazy detail) {
            for (String n : needles) {
                if (one(row, detail, n)) {
                    return true;
                }
            }
            return false;
        }

        private boolean one(CallRow row, Lazy detail, String n) {
            switch (field) {
                case "from": return containsIgnoreCase(row.from(), n);
                case "to": return containsIgnoreCase(row.to(), n);
                case "callid": return containsIgnoreCase(row.callId(), n);
                case "method": return containsIgnoreCase(row.method(), n);
                case "caller": return containsIgnoreCase(row.caller(), n);
                case "callee": return containsIgnoreCase(row.callee(), n);
                case "ip":
                    if (containsIgnoreCase(row.caller(), n) || containsIgnoreCase(row.callee(), n)) {
                        return true;
                    }
                    for (MessageRow m : detail.get().messages()) {
                        if (containsIgnoreCase(m.src(), n) || containsIgnoreCase(m.dst(), n)) {
                            return true;
                        }
                    }
                    for (StreamRow s : detail.get().streams()) {
                        if (containsIgnoreCase(s.src(), n) || containsIgnoreCase(s.dst(), n)) {
                            return true;
                        }
                    }
                    return false;
                default: throw new AssertionError(field);
            }
        }

        public boolean needsDetail() {
            return field.equals("ip");
        }
    }

    private record StateIs(List<CallState> states) implements Term {
        public boolean test(CallRow row, Lazy detail) {
            return states.contains(row.state());
        }
    }

    private record CodeLike(List<String> patterns) implements Term {
        public boolean test(CallRow row, Lazy detail) {
            String code = Integer.toString(row.finalCode());
            for (String p : patterns) {
                if (p.length() == code.length() && like(code, p)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean like(String code, String p) {
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c != 'x' && c != 'X' && c != code.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Compare(String field, String sign, double value) implements Term {
        public boolean test(CallRow row, Lazy detail) {
            double v = figure(row, detail);
            if (Double.isNaN(v)) {
                return false;
            }
            switch (sign) {
                case "<": return v < value;
                case "<=": return v <= value;
                case ">": return v > value;
                case ">=": return v >= value;
                default: return v == value;
            }
        }

        private double figure(CallRow row, Lazy detail) {
            switch (field) {
                case "mos": return row.mos();
                case "msgs": return row.messages();
                case "dur": return row.durationNanos() / 1e9;
                case "idx": return row.key();
                case "code": return row.finalCode();
                case "streams": return detail.get().streams().size();
                case "loss": {
                    double worst = Double.NaN;
                    for (StreamRow s : detail.get().streams()) {
                        if (!Double.isNaN(s.lossPercent()) && !(s.lossPercent() <= worst)) {
                            worst = s.lossPercent();
                        }
                    }
                    return worst;
                }
                case "jitter": {
                    double worst = Double.NaN;
                    for (StreamRow s : detail.get().streams()) {
                        if (!Double.isNaN(s.jitterMaxMillis()) && !(s.jitterMaxMillis() <= worst)) {
                            worst = s.jitterMaxMillis();
                        }
                    }
                    return worst;
                }
                default: throw new AssertionError(field);
            }
        }

        public boolean needsDetail() {
            return field.equals("loss") || field.equals("jitter") || field.equals("streams");
        }
    }

    /** diag (yes/no) or rtp (yes/no). */
    private record Flag(boolean yes, boolean rtp) implements Term {
        public boolean test(CallRow row, Lazy detail) {
            boolean has = rtp ? !detail.get().streams().isEmpty() : row.diagnostics() > 0;
            return has == yes;
        }

        public boolean needsDetail() {
            return rtp;
        }
    }
}
