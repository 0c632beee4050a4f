package dev.sipscope.tui.model;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The columns the call list can show, each with its title, its width, how it is written and how
 * it sorts.
 *
 * <p>Widths: a fixed column takes {@code width} cells; a flexible one at least {@code width} and a
 * share of what is left. When the terminal is too narrow, columns with the highest
 * {@code dropRank} are left out first (see {@link #fit}).
 */
public enum Column {
    INDEX("idx", "Idx", 6, false, 0),
    START("start", "Start", 12, false, 8),
    METHOD("method", "Method", 9, false, 4),
    FROM("from", "From", 12, true, 1),
    TO("to", "To", 12, true, 2),
    CALL_ID("callid", "Call-ID", 14, true, 9),
    CALLER("caller", "Caller", 15, true, 7),
    CALLEE("callee", "Callee", 15, true, 7),
    STATE("state", "State", 10, false, 1),
    CODE("code", "Code", 4, false, 5),
    MSGS("msgs", "Msgs", 4, false, 3),
    DURATION("duration", "Dur", 7, false, 6),
    MOS("mos", "MOS", 4, false, 5),
    DIAG("diag", "!", 1, false, 2);

    /** What the call list shows when the user chose nothing. */
    public static final List<Column> DEFAULTS = List.of(INDEX, START, METHOD, FROM, TO, CALLER, CALLEE, MSGS, STATE,
            CODE, DURATION, MOS, DIAG);

    private final String id;
    private final String title;
    private final int width;
    private final boolean flexible;
    private final int dropRank;

    Column(String id, String title, int width, boolean flexible, int dropRank) {
        this.id = id;
        this.title = title;
        this.width = width;
        this.flexible = flexible;
        this.dropRank = dropRank;
    }

    /** The name used on the command line and in the filter language. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** Cells a fixed column takes, or the least a flexible one gets. */
    public int width() {
        return width;
    }

    public boolean flexible() {
        return flexible;
    }

    /** True for columns written right-aligned (numbers). */
    public boolean rightAligned() {
        return this == MSGS || this == DURATION || this == MOS || this == CODE;
    }

    /** The cell text for {@code row} (raw: not yet made terminal-safe). */
    public String text(CallRow row, ZoneId zone) {
        switch (this) {
            case INDEX: return Long.toString(row.key());
            case START: return Formats.timeMillis(row.startNanos(), zone);
            case METHOD: return row.method();
            case FROM: return row.from();
            case TO: return row.to();
            case CALL_ID: return row.callId();
            case CALLER: return row.caller();
            case CALLEE: return row.callee();
            case STATE: return row.state().label();
            case CODE: return row.finalCode() == 0 ? "-" : Integer.toString(row.finalCode());
            case MSGS: return Integer.toString(row.messages());
            case DURATION: return Formats.duration(row.durationNanos());
            case MOS: return Formats.mos(row.mos());
            case DIAG: return row.diagnostics() > 0 ? "!" : " ";
            default: throw new AssertionError(this);
        }
    }

    /** Orders rows by this column, ascending; ties broken by key so that the order is total. */
    public Comparator<CallRow> comparator() {
        Comparator<CallRow> c;
        switch (this) {
            case INDEX: return Comparator.comparingLong(CallRow::key);
            case START: c = Comparator.comparingLong(CallRow::startNanos); break;
            case METHOD: c = Comparator.comparing(CallRow::method, String.CASE_INSENSITIVE_ORDER); break;
            case FROM: c = Comparator.comparing(CallRow::from, String.CASE_INSENSITIVE_ORDER); break;
            case TO: c = Comparator.comparing(CallRow::to, String.CASE_INSENSITIVE_ORDER); break;
            case CALL_ID: c = Comparator.comparing(CallRow::callId); break;
            case CALLER: c = Comparator.comparing(CallRow::caller); break;
            case CALLEE: c = Comparator.comparing(CallRow::callee); break;
            case STATE: c = Comparator.comparing(r -> r.state().label()); break;
            case CODE: c = Comparator.comparingInt(CallRow::finalCode); break;
            case MSGS: c = Comparator.comparingInt(CallRow::messages); break;
            case DURATION: c = Comparator.comparingLong(CallRow::durationNanos); break;
            // unknown MOS sorts after every figure
            case MOS: c = Comparator.comparingDouble(r -> r.hasMos() ? r.mos() : Double.MAX_VALUE); break;
            case DIAG: c = Comparator.comparingInt(CallRow::diagnostics); break;
            default: throw new AssertionError(this);
        }
        return c.thenComparingLong(CallRow::key);
    }

    /** The column named {@code id} (or its title), any case, or null. */
    public static Column byId(String id) {
        String t = id.trim().toLowerCase(Locale.ROOT);
        for (Column c : values()) {
            if (c.id.equals(t) || c.title.toLowerCase(Locale.ROOT).equals(t) || c.name().toLowerCase(Locale.ROOT).equals(t)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Parses a comma-separated list of column ids; throws {@link IllegalArgumentException} with
     * one sentence naming the bad id.
     */
    public static List<Column> parseList(String text) {
        List<Column> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Column c = byId(part);
            if (c == null) {
                List<String> ids = new ArrayList<>();
                for (Column k : values()) {
                    ids.add(k.id);
                }
                throw new IllegalArgumentException("unknown column '" + part.trim() + "' (known: " + String.join(", ", ids) + ")");
            }
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no column chosen");
        }
        return out;
    }

    /**
     * Lays {@code chosen} out across {@code totalWidth} cells with one blank cell between columns:
     * drops the columns with the highest drop rank until every remaining column gets at least its
     * width, then shares the rest between the flexible ones. Returns the widths, index for index
     * with the returned columns.
     */
    public static Layout fit(List<Column> chosen, int totalWidth) {
        List<Column> cols = new ArrayList<>(chosen);
        while (cols.size() > 1 && need(cols) > totalWidth) {
            Column worst = cols.get(0);
            for (Column c : cols) {
                if (c.dropRank > worst.dropRank || (c.dropRank == worst.dropRank && cols.indexOf(c) > cols.indexOf(worst))) {
                    worst = c;
                }
            }
            cols.remove(worst);
        }
        int[] widths = new int[cols.size()];
        int flex = 0;
        for (int i = 0; i < cols.size(); i++) {
            widths[i] = cols.get(i).width;
            flex += cols.get(i).flexible ? 1 : 0;
        }
        int spare = Math.max(0, totalWidth - need(cols));
        if (flex > 0) {
            int share = spare / flex;
            int extra = spare % flex;
            for (int i = 0; i < cols.size(); i++) {
                if (cols.get(i).flexible) {
                    widths[i] += share + (extra-- > 0 ? 1 : 0);
                }
            }
        } else if (!cols.isEmpty()) {
            widths[cols.size() - 1] = Math.max(widths[cols.size() - 1], widths[cols.size() - 1] + spare);
        }
        if (cols.size() == 1) {
            widths[0] = Math.max(1, Math.min(widths[0], totalWidth));
        }
        return new Layout(List.copyOf(cols), widths);
    }

    private static int need(List<Column> cols) {
        int n = cols.size() - 1;
        for (Column c : cols) {
            n += c.width;
        }
        return n;
    }

    /** Columns and their widths in cells, index for index. */
    public record Layout(List<Column> columns, int[] widths) {
        /** The cell where column {@code i} starts, counted from the first column's start. */
        public int offset(int i) {
            int x = 0;
            for (int k = 0; k < i; k++) {
                x += widths[k] + 1;
            }
            return x;
        }
    }
}
