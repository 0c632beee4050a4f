package dev.sipscope.tui.model;

import dev.sipscope.correlator.query.CallFacts;
import dev.sipscope.correlator.query.CallFilter;
import dev.sipscope.correlator.query.FilterSyntaxException;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * A display filter over calls, parsed from what the user types in the filter bar: the language of
 * {@link CallFilter} (docs/FILTERS.md), the same as the command line's {@code --filter}, applied to
 * the call list's rows.
 *
 * <p>Free text is matched against From, To, Call-ID, the addresses, the method and the full text
 * of every message of the call (so any header); the duration is the row's (first message to last
 * message or media packet); {@code pdd} is unknown on rows. Terms that look at messages or streams
 * fetch the call's {@link CallDetail} once, lazily. Instances are immutable and safe to share.
 */
public final class CallQuery {

    /** The query that lets every call through. */
    public static final CallQuery ALL = new CallQuery(CallFilter.ALL);

    private final CallFilter filter;

    private CallQuery(CallFilter filter) {
        this.filter = filter;
    }

    /** What the user typed. */
    public String text() {
        return filter.text();
    }

    public boolean isEmpty() {
        return filter.isEmpty();
    }

    /** True when some term looks at a call's messages or streams, not only its row. */
    public boolean needsDetail() {
        return filter.needsDetail();
    }

    /** True when the filter holds for the call; {@code detail} is asked only when a term needs it, at most once. */
    public boolean matches(CallRow row, Supplier<CallDetail> detail) {
        return filter.matches(new RowFacts(row, detail));
    }

    /** Parses a filter, times without an offset in UTC; the exception carries one sentence naming what is wrong. */
    public static CallQuery parse(String text) throws QuerySyntaxException {
        return parse(text, ZoneOffset.UTC);
    }

    /** Parses a filter, times without an offset in {@code zone} (the zone the list shows times in). */
    public static CallQuery parse(String text, ZoneId zone) throws QuerySyntaxException {
        try {
            CallFilter f = CallFilter.parse(text, zone);
            return f.isEmpty() ? ALL : new CallQuery(f);
        } catch (FilterSyntaxException e) {
            throw new QuerySyntaxException(e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallQuery && ((CallQuery) o).filter.equals(filter);
    }

    @Override
    public int hashCode() {
        return filter.hashCode();
    }

    @Override
    public String toString() {
        return filter.text();
    }

    /** True when {@code hay} contains {@code needle}, ignoring case, without allocating. */
    static boolean containsIgnoreCase(String hay, String needle) {
        return CallFilter.containsIgnoreCase(hay, needle);
    }

    /** A row (and its detail, fetched at most once) as the filter sees a call. */
    private static final class RowFacts implements CallFacts {
        private final CallRow row;
        private final Supplier<CallDetail> supplier;
        private CallDetail detail;

        RowFacts(CallRow row, Supplier<CallDetail> supplier) {
            this.row = row;
            this.supplier = supplier;
        }

        private CallDetail detail() {
            if (detail == null) {
                CallDetail d = supplier == null ? null : supplier.get();
                detail = d == null ? CallDetail.empty(-1) : d;
            }
            return detail;
        }

        public long index() {
            return row.key();
        }

        public long startNanos() {
            return row.startNanos();
        }

        public String method() {
            return row.method();
        }

        public String from() {
            return row.from();
        }

        public String to() {
            return row.to();
        }

        public String callId() {
            return row.callId();
        }

        public String caller() {
            return row.caller();
        }

        public String callee() {
            return row.callee();
        }

        public boolean inState(String state) {
            CallState s = row.state();
            switch (state) {
                case "calling": case "proceeding": return s == CallState.CALL_SETUP || s == CallState.PENDING;
                case "setup": return s == CallState.CALL_SETUP;
                case "redirected": return s == CallState.DIVERTED;
                case "registered": case "unregistered":
                    return s == CallState.OK && row.method().equalsIgnoreCase("REGISTER");
                default: return s.name().equalsIgnoreCase(state);
            }
        }

        public int finalCode() {
            return row.finalCode();
        }

        public int messages() {
            return row.messages();
        }

        public double durationSeconds() {
            return row.durationNanos() / 1e9;
        }

        public double postDialDelaySeconds() {
            return Double.NaN;
        }

        public double mos() {
            return row.mos();
        }

        public int diagnosticCount() {
            return row.diagnostics();
        }

        public boolean hasDiagnostic(String code) {
            return detail().diagnosticCodes().contains(code);
        }

        public int streamCount() {
            return detail().streams().size();
        }

        public double worstLossPercent() {
            double worst = Double.NaN;
            for (StreamRow s : detail().streams()) {
                if (!Double.isNaN(s.lossPercent()) && !(s.lossPercent() <= worst)) {
                    worst = s.lossPercent();
                }
            }
            return worst;
        }

        public double worstJitterMillis() {
            double worst = Double.NaN;
            for (StreamRow s : detail().streams()) {
                if (!Double.isNaN(s.jitterMaxMillis()) && !(s.jitterMaxMillis() <= worst)) {
                    worst = s.jitterMaxMillis();
                }
            }
            return worst;
        }

        public boolean textContains(String needle) {
            for (MessageRow m : detail().messages()) {
                if (m.text().containsIgnoreCase(needle)) {
                    return true;
                }
            }
            return false;
        }

        public boolean addressContains(String needle) {
            for (MessageRow m : detail().messages()) {
                if (containsIgnoreCase(m.src(), needle) || containsIgnoreCase(m.dst(), needle)) {
                    return true;
                }
            }
            for (StreamRow s : detail().streams()) {
                if (containsIgnoreCase(s.src(), needle) || containsIgnoreCase(s.dst(), needle)) {
                    return true;
                }
            }
            return false;
        }
    }
}
