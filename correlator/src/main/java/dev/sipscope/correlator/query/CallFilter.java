package dev.sipscope.correlator.query;

import dev.sipscope.correlator.diag.Diagnostics;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A filter over calls, parsed from an expression (docs/FILTERS.md).
 *
 * <p>Grammar, loosest first: {@code expr := and ('or' and)*}, {@code and := unary (['and'] unary)*}
 * (terms side by side must all hold), {@code unary := ('not' | '-' | '!') unary | '(' expr ')' | term}.
 * Keywords are case-insensitive and only count unquoted; parentheses outside quotes always
 * separate tokens. A term is:
 * <ul>
 *   <li>free text, matched without regard to case against From, To, Call-ID, the addresses, the
 *       method and, through {@link CallFacts#textContains}, the messages; {@code "two words"} keeps
 *       spaces and makes a keyword plain text;</li>
 *   <li>{@code field:value[,value]} for text fields, a case-insensitive substring, any of the values:
 *       {@code from:}, {@code to:}, {@code user:} (From or To), {@code callid:}, {@code method:},
 *       {@code caller:} ({@code src:}), {@code callee:} ({@code dst:}), {@code ip:} (any address);</li>
 *   <li>{@code state:NAME[,NAME]} ({@link #STATES}, with aliases such as {@code "in call"}, {@code noanswer});</li>
 *   <li>{@code code:C[,C]}: the final code, exact ({@code 486}), a class where {@code x} stands for a
 *       digit ({@code 5xx}, {@code 48x}) or a range ({@code 400-499}); {@code code:0} for none;</li>
 *   <li>comparisons {@code < <= > >= = : !=} ({@code field!=v} is {@code not field=v}) on {@code mos}, {@code msgs}, {@code dur} (s), {@code pdd} (s),
 *       {@code idx}, {@code code}, {@code loss} (worst stream, %), {@code jitter} (worst stream, ms),
 *       {@code streams};</li>
 *   <li>{@code diag} or {@code diag:yes|no} (has diagnostics), {@code diag:CODE[,CODE]} (has one of
 *       these codes), {@code rtp} or {@code rtp:yes|no} (has streams);</li>
 *   <li>{@code after:T}, {@code before:T}, {@code time:A..B} on the call's start: {@code T} is an
 *       ISO-8601 instant ({@code 2026-01-15T10:00:02Z}, with an offset), a date-time or a date in the
 *       filter's zone, or a time of day ({@code 10:00}, {@code 10:00:02.5}) compared with the time
 *       of day of the start in that zone. {@code after} includes its bound, {@code before} excludes it.</li>
 * </ul>
 * A prefix that is not a known field ({@code sip:alice}) is free text. Instances are immutable and
 * safe to share; equality follows the expression text.
 */
public final class CallFilter {

    /** The state names {@code state:} takes (canonical, lower case). */
    public static final List<String> STATES = List.of("calling", "proceeding", "setup", "ringing", "in_call",
            "completed", "cancelled", "rejected", "busy", "no_answer", "redirected", "failed", "pending", "ok",
            "registered", "unregistered");

    /** Other names accepted for states. */
    private static final Map<String, String> STATE_ALIASES = Map.of("call_setup", "setup", "incall", "in_call",
            "answered", "in_call", "noanswer", "no_answer", "unanswered", "no_answer", "canceled", "cancelled",
            "diverted", "redirected");

    /** Parentheses nested deeper than this are refused (a hostile expression must not exhaust the stack). */
    public static final int MAX_DEPTH = 32;

    /** Expressions longer than this are refused. */
    public static final int MAX_LENGTH = 4096;

    /** The filter that lets every call through. */
    public static final CallFilter ALL = new CallFilter("", null, ZoneOffset.UTC);

    private final String text;
    private final Node root;
    private final ZoneId zone;

    private CallFilter(String text, Node root, ZoneId zone) {
        this.text = text;
        this.root = root;
        this.zone = zone;
    }

    /** Parses {@code text}, times without a zone being UTC. */
    public static CallFilter parse(String text) throws FilterSyntaxException {
        return parse(text, ZoneOffset.UTC);
    }

    /** Parses {@code text}; dates, date-times and times of day without an offset are in {@code zone}. */
    public static CallFilter parse(String text, ZoneId zone) throws FilterSyntaxException {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        if (text.length() > MAX_LENGTH) {
            throw new FilterSyntaxException("the filter is longer than " + MAX_LENGTH + " characters",
                    MAX_LENGTH + 1, null);
        }
        Parser p = new Parser(tokens(text), text.length(), zone);
        Node root = p.expression(0);
        if (p.pos < p.tokens.size()) {
            Tok t = p.tokens.get(p.pos);
            throw new FilterSyntaxException("')' closes nothing", t.position, null);
        }
        return new CallFilter(text.strip(), root, zone);
    }

    /** What was parsed, stripped. */
    public String text() {
        return text;
    }

    public boolean isEmpty() {
        return root == null;
    }

    /** The zone times without an offset were read in. */
    public ZoneId zone() {
        return zone;
    }

    /** True when some term asks a call for its messages or streams (the costly {@link CallFacts} methods). */
    public boolean needsDetail() {
        return root != null && root.needsDetail();
    }

    /** The needles of free-text terms (for a {@link MessageTextIndex}), in order, without repeats. */
    public List<String> textNeedles() {
        Set<String> out = new LinkedHashSet<>();
        if (root != null) {
            root.collectText(out);
        }
        return List.copyOf(out);
    }

    /** True when the call passes the filter. */
    public boolean matches(CallFacts call) {
        return root == null || root.test(call);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallFilter && ((CallFilter) o).text.equals(text) && ((CallFilter) o).zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /** True when {@code hay} contains {@code needle}, ignoring case, without allocating. */
    public static boolean containsIgnoreCase(String hay, String needle) {
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

    /** The canonical state for what a user typed ({@code "in call"}, {@code no-answer}), or null. */
    public static String stateName(String typed) {
        String t = typed.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        String alias = STATE_ALIASES.get(t);
        if (alias != null) {
            return alias;
        }
        return STATES.contains(t) ? t : null;
    }

    // ------------------------------------------------------------------ tokens

    private enum Kind { WORD, OPEN, CLOSE, NOT, AND, OR }

    /** A token; {@code position} is 1-based. */
    private record Tok(Kind kind, String text, int position) {
    }

    private static List<Tok> tokens(String text) throws FilterSyntaxException {
        List<Tok> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean anyQuote = false;
        boolean inWord = false;
        int start = 0;
        int quoteAt = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (!inWord) {
                    inWord = true;
                    start = i;
                }
                quoted = !quoted;
                anyQuote = true;
                quoteAt = i;
                continue;
            }
            if (quoted) {
                cur.append(c);
                continue;
            }
            if (Character.isWhitespace(c) || c == '(' || c == ')') {
                if (inWord) {
                    out.add(word(cur.toString(), anyQuote, start));
                    cur.setLength(0);
                    inWord = false;
                    anyQuote = false;
                }
                if (c != ')' && c != '(') {
                    continue;
                }
                out.add(new Tok(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), i + 1));
                continue;
            }
            if (!inWord && (c == '-' || c == '!') && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1))
                    && text.charAt(i + 1) != ')') {
                out.add(new Tok(Kind.NOT, String.valueOf(c), i + 1));
                continue;
            }
            if (!inWord) {
                inWord = true;
                start = i;
            }
            cur.append(c);
        }
        if (quoted) {
            throw new FilterSyntaxException("a double quote is not closed", quoteAt + 1, null);
        }
        if (inWord) {
            out.add(word(cur.toString(), anyQuote, start));
        }
        return out;
    }

    private static Tok word(String w, boolean quoted, int start) {
        if (!quoted) {
            switch (w.toLowerCase(Locale.ROOT)) {
                case "and": return new Tok(Kind.AND, w, start + 1);
                case "or": return new Tok(Kind.OR, w, start + 1);
                case "not": return new Tok(Kind.NOT, w, start + 1);
                default: break;
            }
        }
        return new Tok(Kind.WORD, w, start + 1);
    }

    // ------------------------------------------------------------------ parser

    private static final class Parser {
        final List<Tok> tokens;
        final int length;
        final ZoneId zone;
        int pos;

        Parser(List<Tok> tokens, int length, ZoneId zone) {
            this.tokens = tokens;
            this.length = length;
            this.zone = zone;
        }

        Tok peek() {
            return pos < tokens.size() ? tokens.get(pos) : null;
        }

        Node expression(int depth) throws FilterSyntaxException {
            List<Node> any = new ArrayList<>();
            any.add(conjunction(depth));
            while (peek() != null && peek().kind == Kind.OR) {
                Tok or = tokens.get(pos++);
                if (peek() == null || peek().kind == Kind.CLOSE) {
                    throw new FilterSyntaxException("nothing follows '" + or.text + "'", or.position, null);
                }
                any.add(conjunction(depth));
            }
            return any.size() == 1 ? any.get(0) : new Or(List.copyOf(any));
        }

        Node conjunction(int depth) throws FilterSyntaxException {
            List<Node> all = new ArrayList<>();
            all.add(unary(depth));
            while (true) {
                Tok t = peek();
                if (t == null || t.kind == Kind.OR || t.kind == Kind.CLOSE) {
                    break;
                }
                if (t.kind == Kind.AND) {
                    pos++;
                    if (peek() == null || peek().kind == Kind.CLOSE) {
                        throw new FilterSyntaxException("nothing follows '" + t.text + "'", t.position, null);
                    }
                }
                all.add(unary(depth));
            }
            return all.size() == 1 ? all.get(0) : new And(List.copyOf(all));
        }

        Node unary(int depth) throws FilterSyntaxException {
            int nots = 0;
            Tok t = peek();
            while (t != null && t.kind == Kind.NOT) {
                nots++;
                pos++;
                t = peek();
            }
            if (t == null) {
                Tok last = tokens.get(tokens.size() - 1);
                throw new FilterSyntaxException("nothing follows '" + last.text + "'", last.position, null);
            }
            Node n;
            switch (t.kind) {
                case OPEN:
                    if (depth >= MAX_DEPTH) {
                        throw new FilterSyntaxException("parentheses are nested more than " + MAX_DEPTH + " deep",
                                t.position, null);
                    }
                    pos++;
                    if (peek() != null && peek().kind == Kind.CLOSE) {
                        throw new FilterSyntaxException("empty parentheses", t.position, null);
                    }
                    if (peek() == null) {
                        throw new FilterSyntaxException("'(' is not closed", t.position, null);
                    }
                    n = expression(depth + 1);
                    if (peek() == null || peek().kind != Kind.CLOSE) {
                        throw new FilterSyntaxException("'(' is not closed", t.position, null);
                    }
                    pos++;
                    break;
                case WORD:
                    pos++;
                    n = term(t);
                    break;
                case CLOSE:
                    throw new FilterSyntaxException("')' closes nothing", t.position, null);
                default:
                    throw new FilterSyntaxException("'" + t.text + "' needs a term before it", t.position, null);
            }
            return nots % 2 == 1 ? new Not(n) : n;
        }

        Node term(Tok tok) throws FilterSyntaxException {
            String token = tok.text;
            int at = tok.position;
            String lower = token.toLowerCase(Locale.ROOT);
            if (lower.equals("diag")) {
                return new Flag(true, false);
            }
            if (lower.equals("rtp")) {
                return new Flag(true, true);
            }
            int op = opIndex(token);
            if (op > 0 && token.charAt(op) == '!') {
                // field!=value is not(field=value)
                Node t = fieldTerm(lower.substring(0, op), "=", token.substring(op + 2).trim(), at);
                if (t != null) {
                    return new Not(t);
                }
            } else if (op > 0) {
                String field = lower.substring(0, op);
                int opLen = token.startsWith("=", op + 1) && token.charAt(op) != ':' ? 2 : 1;
                String sign = token.substring(op, op + opLen);
                String value = token.substring(op + opLen).trim();
                Node t = fieldTerm(field, sign, value, at);
                if (t != null) {
                    return t;
                }
            }
            if (token.isEmpty()) {
                throw new FilterSyntaxException("an empty term", at, null);
            }
            return new Text(token);
        }

        Node fieldTerm(String field, String sign, String value, int at) throws FilterSyntaxException {
            boolean colon = sign.equals(":") || sign.equals("=");
            switch (field) {
                case "from": case "to": case "user": case "callid": case "call-id": case "call_id": case "method":
                case "caller": case "src": case "callee": case "dst": case "ip":
                    if (!colon) {
                        throw new FilterSyntaxException(field + " takes ':' and text, e.g. " + field + ":alice",
                                at, null);
                    }
                    String f = field.startsWith("call") && field.length() > 4 && field.charAt(4) != 'e' ? "callid"
                            : field.equals("src") ? "caller" : field.equals("dst") ? "callee" : field;
                    return new FieldText(f, values(field, value, at));
                case "state": {
                    requireColon(field, sign, "state:rejected", at);
                    List<String> states = new ArrayList<>();
                    for (String v : values(field, value, at)) {
                        String s = stateName(v);
                        if (s == null) {
                            throw new FilterSyntaxException("unknown state '" + v + "'", at,
                                    "known: " + String.join(", ", STATES));
                        }
                        states.add(s);
                    }
                    return new StateIs(List.copyOf(states));
                }
                case "code":
                    if (colon) {
                        List<int[]> ranges = new ArrayList<>();
                        for (String p : values(field, value, at)) {
                            ranges.add(codeRange(p, at));
                        }
                        return new CodeIn(List.copyOf(ranges));
                    }
                    return new Compare(field, sign, number(field, value, at));
                case "mos": case "msgs": case "dur": case "duration": case "idx": case "index": case "loss":
                case "jitter": case "streams": case "pdd":
                    return new Compare(field.equals("duration") ? "dur" : field.equals("index") ? "idx" : field,
                            colon ? "=" : sign, number(field, value, at));
                case "diag": case "rtp": {
                    requireColon(field, sign, field + ":yes", at);
                    String v = value.toLowerCase(Locale.ROOT);
                    if (v.equals("yes") || v.equals("y") || v.equals("true") || v.equals("1")) {
                        return new Flag(true, field.equals("rtp"));
                    }
                    if (v.equals("no") || v.equals("n") || v.equals("false") || v.equals("0")) {
                        return new Flag(false, field.equals("rtp"));
                    }
                    if (field.equals("diag")) {
                        List<String> codes = new ArrayList<>();
                        for (String c : values(field, value, at)) {
                            String code = c.toUpperCase(Locale.ROOT);
                            if (!Diagnostics.CODES.contains(code)) {
                                throw new FilterSyntaxException("unknown diagnostic code '" + c + "'", at,
                                        "known: yes, no, " + String.join(", ", Diagnostics.CODES));
                            }
                            codes.add(code);
                        }
                        return new DiagIs(List.copyOf(codes));
                    }
                    throw new FilterSyntaxException(field + " takes yes or no, not '" + value + "'", at, null);
                }
                case "after": case "before": {
                    requireColon(field, sign, field + ":10:00", at);
                    if (value.isEmpty()) {
                        throw new FilterSyntaxException(field + ": needs a time", at, null);
                    }
                    Bound b = bound(field, value, at);
                    return new Within(field.equals("after") ? b : null, field.equals("before") ? b : null, zone);
                }
                case "time": {
                    requireColon(field, sign, "time:10:00..10:30", at);
                    int dots = value.indexOf("..");
                    if (dots < 0) {
                        throw new FilterSyntaxException("time takes a range FROM..TO (either may be left out), not '"
                                + value + "'", at, null);
                    }
                    String a = value.substring(0, dots).trim();
                    String b = value.substring(dots + 2).trim();
                    if (a.isEmpty() && b.isEmpty()) {
                        throw new FilterSyntaxException("time: needs at least one end of the range", at, null);
                    }
                    return new Within(a.isEmpty() ? null : bound(field, a, at), b.isEmpty() ? null : bound(field, b, at),
                            zone);
                }
                default:
                    return null;
            }
        }

        /** An instant (ns since the epoch) or a time of day (ns since midnight). */
        Bound bound(String field, String value, int at) throws FilterSyntaxException {
            try {
                if (value.indexOf('T') > 0 || value.indexOf('t') > 0) {
                    String v = value.toUpperCase(Locale.ROOT);
                    Instant i;
                    if (v.endsWith("Z") || v.lastIndexOf('+') > v.indexOf('T') || v.lastIndexOf('-') > v.indexOf('T')) {
                        i = OffsetDateTime.parse(v).toInstant();
                    } else {
                        i = LocalDateTime.parse(v).atZone(zone).toInstant();
                    }
                    return new Bound(false, nanos(i));
                }
                if (value.indexOf(':') > 0) {
                    return new Bound(true, LocalTime.parse(value).toNanoOfDay());
                }
                return new Bound(false, nanos(LocalDate.parse(value).atStartOfDay(zone).toInstant()));
            } catch (DateTimeException | ArithmeticException e) {
                throw new FilterSyntaxException(field + " needs a time such as 2026-01-15T10:00:00Z, 2026-01-15 or "
                        + "10:00:30, not '" + value + "'", at, null);
            }
        }

        private static long nanos(Instant i) {
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        }

        /** {@code 486}, {@code 5xx}, {@code 48x}, {@code 400-499} as an inclusive range; 0 means none. */
        static int[] codeRange(String p, int at) throws FilterSyntaxException {
            int dash = p.indexOf('-');
            if (dash > 0) {
                int lo = code(p.substring(0, dash).trim(), p, at);
                int hi = code(p.substring(dash + 1).trim(), p, at);
                if (lo > hi) {
                    throw new FilterSyntaxException("the code range '" + p + "' runs backwards", at, null);
                }
                return new int[] {lo, hi};
            }
            if (p.length() == 3 && Character.isDigit(p.charAt(0))) {
                int x = 0;
                while (x < 3 && Character.isDigit(p.charAt(x))) {
                    x++;
                }
                boolean rest = true;
                for (int i = x; i < 3; i++) {
                    rest &= p.charAt(i) == 'x' || p.charAt(i) == 'X';
                }
                if (rest && x < 3) {
                    int prefix = Integer.parseInt(p.substring(0, x));
                    int scale = x == 1 ? 100 : 10;
                    return new int[] {prefix * scale, prefix * scale + scale - 1};
                }
            }
            int c = code(p, p, at);
            return new int[] {c, c};
        }

        private static int code(String s, String whole, int at) throws FilterSyntaxException {
            if (s.equals("0")) {
                return 0;
            }
            if (s.length() != 3 || !Character.isDigit(s.charAt(0)) || !Character.isDigit(s.charAt(1))
                    || !Character.isDigit(s.charAt(2)) || s.charAt(0) == '0') {
                throw new FilterSyntaxException("code takes a code or a pattern like 5xx, not '" + whole + "'", at,
                        "or a range such as 400-499");
            }
            return Integer.parseInt(s);
        }

        private static void requireColon(String field, String sign, String example, int at)
                throws FilterSyntaxException {
            if (!sign.equals(":") && !sign.equals("=")) {
                throw new FilterSyntaxException(field + " takes ':', e.g. " + example, at, null);
            }
        }

        private static List<String> values(String field, String value, int at) throws FilterSyntaxException {
            List<String> out = new ArrayList<>();
            for (String v : value.split(",")) {
                if (!v.isBlank()) {
                    out.add(v.strip());
                }
            }
            if (out.isEmpty()) {
                throw new FilterSyntaxException(field + ": needs a value", at, null);
            }
            return out;
        }

        private static double number(String field, String value, int at) throws FilterSyntaxException {
            try {
                double d = Double.parseDouble(value);
                if (Double.isNaN(d) || Double.isInfinite(d) || value.isEmpty()
                        || !Character.isDigit(value.charAt(value.length() - 1)) && value.charAt(value.length() - 1) != '.') {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new FilterSyntaxException(field + " needs a number, not '" + value + "'", at, null);
            }
        }

        /** Index of the first {@code : < > = !=} after a field name of letters, '-' or '_', or -1. */
        private static int opIndex(String token) {
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (c == ':' || c == '<' || c == '>' || c == '=' || c == '!' && token.startsWith("=", i + 1)) {
                    return i;
                }
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_')) {
                    return -1;
                }
            }
            return -1;
        }
    }

    // ------------------------------------------------------------------ nodes

    private interface Node {
        boolean test(CallFacts c);

        default boolean needsDetail() {
            return false;
        }

        default void collectText(Set<String> out) {
        }
    }

    private record And(List<Node> all) implements Node {
        public boolean test(CallFacts c) {
            for (Node n : all) {
                if (!n.test(c)) {
                    return false;
                }
            }
            return true;
        }

        public boolean needsDetail() {
            return all.stream().anyMatch(Node::needsDetail);
        }

        public void collectText(Set<String> out) {
            all.forEach(n -> n.collectText(out));
        }
    }

    private record Or(List<Node> any) implements Node {
        public boolean test(CallFacts c) {
            for (Node n : any) {
                if (n.test(c)) {
                    return true;
                }
            }
            return false;
        }

        public boolean needsDetail() {
            return any.stream().anyMatch(Node::needsDetail);
        }

        public void collectText(Set<String> out) {
            any.forEach(n -> n.collectText(out));
        }
    }

    private record Not(Node inner) implements Node {
        public boolean test(CallFacts c) {
            return !inner.test(c);
        }

        public boolean needsDetail() {
            return inner.needsDetail();
        }

        public void collectText(Set<String> out) {
            inner.collectText(out);
        }
    }

    private record Text(String needle) implements Node {
        public boolean test(CallFacts c) {
            return containsIgnoreCase(c.from(), needle) || containsIgnoreCase(c.to(), needle)
                    || containsIgnoreCase(c.callId(), needle) || containsIgnoreCase(c.caller(), needle)
                    || containsIgnoreCase(c.callee(), needle) || containsIgnoreCase(c.method(), needle)
                    || c.textContains(needle);
        }

        public boolean needsDetail() {
            return true;
        }

        public void collectText(Set<String> out) {
            out.add(needle);
        }
    }

    private record FieldText(String field, List<String> needles) implements Node {
        public boolean test(CallFacts c) {
            for (String n : needles) {
                if (one(c, n)) {
                    return true;
                }
            }
            return false;
        }

        private boolean one(CallFacts c, String n) {
            switch (field) {
                case "from": return containsIgnoreCase(c.from(), n);
                case "to": return containsIgnoreCase(c.to(), n);
                case "user": return containsIgnoreCase(c.from(), n) || containsIgnoreCase(c.to(), n);
                case "callid": return containsIgnoreCase(c.callId(), n);
                case "method": return containsIgnoreCase(c.method(), n);
                case "caller": return containsIgnoreCase(c.caller(), n);
                case "callee": return containsIgnoreCase(c.callee(), n);
                case "ip": return containsIgnoreCase(c.caller(), n) || containsIgnoreCase(c.callee(), n)
                        || c.addressContains(n);
                default: throw new AssertionError(field);
            }
        }

        public boolean needsDetail() {
            return field.equals("ip");
        }
    }

    private record StateIs(List<String> states) implements Node {
        public boolean test(CallFacts c) {
            for (String s : states) {
                if (c.inState(s)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Inclusive code ranges. */
    private record CodeIn(List<int[]> ranges) implements Node {
        public boolean test(CallFacts c) {
            int code = c.finalCode();
            for (int[] r : ranges) {
                if (code >= r[0] && code <= r[1]) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Compare(String field, String sign, double value) implements Node {
        public boolean test(CallFacts c) {
            double v = figure(c);
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

        private double figure(CallFacts c) {
            switch (field) {
                case "mos": return c.mos();
                case "msgs": return c.messages();
                case "dur": return c.durationSeconds();
                case "pdd": return c.postDialDelaySeconds();
                case "idx": return c.index();
                case "code": return c.finalCode();
                case "streams": return c.streamCount();
                case "loss": return c.worstLossPercent();
                case "jitter": return c.worstJitterMillis();
                default: throw new AssertionError(field);
            }
        }

        public boolean needsDetail() {
            return field.equals("loss") || field.equals("jitter") || field.equals("streams");
        }
    }

    /** diag (yes/no) or rtp (yes/no). */
    private record Flag(boolean yes, boolean rtp) implements Node {
        public boolean test(CallFacts c) {
            boolean has = rtp ? c.streamCount() > 0 : c.diagnosticCount() > 0;
            return has == yes;
        }

        public boolean needsDetail() {
            return rtp;
        }
    }

    private record DiagIs(List<String> codes) implements Node {
        public boolean test(CallFacts c) {
            for (String code : codes) {
                if (c.hasDiagnostic(code)) {
                    return true;
                }
            }
            return false;
        }

        public boolean needsDetail() {
            return true;
        }
    }

    /** A time bound: an instant (ns since the epoch) or a time of day (ns since midnight in the zone). */
    private record Bound(boolean timeOfDay, long nanos) {
    }

    /** The call started at or after {@code from} and before {@code to} (either may be null). */
    private record Within(Bound from, Bound to, ZoneId zone) implements Node {
        public boolean test(CallFacts c) {
            long start = c.startNanos();
            if (start == Long.MIN_VALUE) {
                return false;
            }
            long tod = -1;
            if (from != null && from.timeOfDay || to != null && to.timeOfDay) {
                Instant i = Instant.ofEpochSecond(Math.floorDiv(start, 1_000_000_000L), Math.floorMod(start, 1_000_000_000L));
                tod = i.atZone(zone).toLocalTime().toNanoOfDay();
            }
            if (from != null && (from.timeOfDay ? tod : start) < from.nanos) {
                return false;
            }
            return to == null || (to.timeOfDay ? tod : start) < to.nanos;
        }
    }
}
