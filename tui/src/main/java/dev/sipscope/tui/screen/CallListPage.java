package dev.sipscope.tui.screen;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.sipscope.tui.model.CallQuery;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.CallState;
import dev.sipscope.tui.model.Column;
import dev.sipscope.tui.model.Formats;
import dev.sipscope.tui.model.QuerySyntaxException;
import dev.sipscope.tui.model.SourceKind;
import dev.sipscope.tui.model.StatusCounters;
import dev.sipscope.tui.model.UiSnapshot;
import dev.sipscope.tui.model.ViewSpec;
import dev.sipscope.tui.view.Canvas;
import dev.sipscope.tui.view.SafeText;
import dev.sipscope.tui.view.Style;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The call list: one row per call, a status bar, a filter bar and column headings.
 *
 * <p>Only the visible rows are read from the snapshot. The cursor follows its call (by key) when
 * a new snapshot moves it, keeping the same screen row where it can; after End it follows the
 * newest call. Filtering and sorting are requested from the view worker, never done here.
 */
public final class CallListPage extends Page {
    /** Rows above the list: status, filter bar, headings. */
    static final int HEAD_ROWS = 3;
    /** The mark column: a glyph and a blank. */
    static final int MARK_WIDTH = 2;

    private final List<Binding> bindings;
    private long cursorKey = -1;
    private int cursorIndex;
    private int top;
    private boolean follow;
    private long syncedSequence = -1;
    private int visibleRows = 1;

    private boolean editingFilter;
    private final StringBuilder filterText = new StringBuilder();
    private String filterBefore = "";
    private String filterError;

    private boolean editingGoto;
    private final StringBuilder gotoText = new StringBuilder();

    public CallListPage(TerminalUi ui) {
        super(ui);
        bindings = List.of(
                Binding.foot("q, Esc", "q", "Quit", "Quit (asks first only if a live capture has unsaved calls)",
                        Binding.any(Binding.ch('q'), Binding.key(KeyType.Escape)), ui::requestQuit),
                Binding.foot("Enter", "Enter", "Flow", "Call flow of the marked calls, or of the call under the cursor",
                        Binding.key(KeyType.Enter), this::openFlow),
                Binding.foot("Space", "Space", "Mark", "Mark or unmark the call under the cursor",
                        Binding.ch(' '), this::toggleMark),
                helpBinding(),
                Binding.foot("F2, w", "F2", "Save", "Save calls (marked, shown or this one) as pcap, pcapng, CSV or text",
                        Binding.any(Binding.key(KeyType.F2), Binding.ch('w')), this::openSave),
                Binding.foot("F3, /", "F3", "Filter", "Edit the display filter (Enter applies, Esc restores)",
                        Binding.any(Binding.key(KeyType.F3), Binding.ch('/')), this::startFilter),
                Binding.foot("s", "s", "Streams", "RTP streams and quality of the marked calls or this call",
                        Binding.ch('s'), this::openStreams),
                Binding.foot("<, >", "<>", "Sort", "Sort by the previous or next column",
                        Binding.any(Binding.ch('<'), Binding.ch('>')), () -> { }),
                Binding.foot("z", "z", "Reverse", "Reverse the order", Binding.ch('z'), this::reverse),
                Binding.foot("F10, c", "F10", "Columns", "Choose and order the columns",
                        Binding.any(Binding.key(KeyType.F10), Binding.ch('c')), () -> ui.push(new ColumnsPage(ui))),
                Binding.help("Up, k", "Move up one call", Binding.any(Binding.key(KeyType.ArrowUp), Binding.ch('k')),
                        () -> move(-1)),
                Binding.help("Down, j", "Move down one call",
                        Binding.any(Binding.key(KeyType.ArrowDown), Binding.ch('j')), () -> move(1)),
                Binding.help("PgUp, b", "Move up one page", Binding.any(Binding.key(KeyType.PageUp), Binding.ch('b')),
                        () -> move(-visibleRows)),
                Binding.help("PgDn, f", "Move down one page",
                        Binding.any(Binding.key(KeyType.PageDown), Binding.ch('f')), () -> move(visibleRows)),
                Binding.help("Home, g", "First call", Binding.any(Binding.key(KeyType.Home), Binding.ch('g')),
                        () -> moveTo(0, false)),
                Binding.help("End, G", "Last call, and keep following new calls",
                        Binding.any(Binding.key(KeyType.End), Binding.ch('G')), () -> moveTo(Integer.MAX_VALUE, true)),
                Binding.help(":", "Go to a call by its index", Binding.ch(':'), this::startGoto),
                Binding.help("u", "Unmark every call", Binding.ch('u'), () -> ui.marked().clear()),
                Binding.help("a", "Mark every call shown (after the filter)", Binding.ch('a'), this::markShown),
                Binding.help("F5", "Clear the list (live capture: forget the calls so far)",
                        Binding.key(KeyType.F5), this::clearCalls),
                Binding.help("Ctrl-L", "Redraw the whole screen", k -> false, () -> { }),
                Binding.help("Ctrl-C", "Quit at once", k -> false, () -> { }));
    }

    @Override
    public String helpName() {
        return "Call list";
    }

    @Override
    public List<String> helpNotes() {
        return List.of(
                "Filter: terms side by side must all hold; or, not, -term and ( ) combine them.",
                "  text              From, To, Call-ID, addresses or any header contains it",
                "  \"two words\"       text with blanks",
                "  from: to: callid: method: caller: callee: ip:   that field contains it",
                "  state:rejected    call state (setup ringing in_call completed cancelled",
                "                    rejected busy no_answer diverted failed pending ok);",
                "                    a,b = either",
                "  code:5xx          final code; x is any digit; 400-499 a range; 0 = none yet",
                "  mos<3.5 msgs>10 dur>=60 loss>1 jitter>30 streams=0   comparisons",
                "  diag  rtp         calls with diagnostics / with RTP; diag:LOW_MOS one code",
                "  after:10:00 before:11:00 time:10:00..10:30   start time (docs/FILTERS.md)",
                "Example: state:rejected,busy -from:test code:4xx");
    }

    @Override
    public String title(UiSnapshot s) {
        return "Call list";
    }

    @Override
    public boolean handle(KeyStroke key) {
        UiSnapshot s = ui.snapshot();
        sync(s);
        if (editingFilter) {
            return editFilter(key);
        }
        if (editingGoto) {
            return editGoto(key, s);
        }
        if (Binding.ch('<').test(key) || Binding.ch('>').test(key)) {
            sortStep(key.getCharacter() == '<' ? -1 : 1);
            return true;
        }
        return super.handle(key);
    }

    @Override
    public List<Binding> bindings() {
        return bindings;
    }

    // ---- cursor

    /** Puts the cursor back on its call after a new snapshot, keeping its screen row. */
    private void sync(UiSnapshot s) {
        if (s.sequence() == syncedSequence && cursorIndex < Math.max(1, s.size())) {
            return;
        }
        syncedSequence = s.sequence();
        int n = s.size();
        if (n == 0) {
            cursorIndex = 0;
            top = 0;
            return;
        }
        int screenRow = cursorIndex - top;
        int idx;
        if (follow) {
            idx = n - 1;
        } else {
            idx = cursorKey >= 0 ? s.indexOf(cursorKey) : -1;
            if (idx < 0) {
                idx = Math.max(0, Math.min(cursorIndex, n - 1));
            }
        }
        cursorIndex = idx;
        cursorKey = s.row(idx).key();
        top = idx - Math.max(0, Math.min(screenRow, visibleRows - 1));
        clampTop(n);
    }

    private void clampTop(int n) {
        if (cursorIndex < top) {
            top = cursorIndex;
        }
        if (cursorIndex >= top + visibleRows) {
            top = cursorIndex - visibleRows + 1;
        }
        top = Math.max(0, Math.min(top, Math.max(0, n - visibleRows)));
        if (cursorIndex < top) {
            top = cursorIndex;
        }
    }

    private void move(int delta) {
        moveTo((int) Math.max(0, Math.min(Integer.MAX_VALUE, (long) cursorIndex + delta)), false);
    }

    private void moveTo(int index, boolean followNew) {
        UiSnapshot s = ui.snapshot();
        int n = s.size();
        follow = followNew;
        if (n == 0) {
            return;
        }
        cursorIndex = Math.max(0, Math.min(index, n - 1));
        cursorKey = s.row(cursorIndex).key();
        clampTop(n);
    }

    /** The call under the cursor, or null when the list is empty. */
    CallRow cursorRow() {
        UiSnapshot s = ui.snapshot();
        sync(s);
        return s.size() == 0 ? null : s.row(cursorIndex);
    }

    // ---- actions

    /** The calls an action applies to: the marked ones, else the one under the cursor. */
    private List<Long> chosenKeys() {
        List<Long> keys = new ArrayList<>();
        if (!ui.marked().isEmpty()) {
            keys.addAll(ui.marked());
            keys.sort(null);
        } else {
            CallRow r = cursorRow();
            if (r != null) {
                keys.add(r.key());
            }
        }
        return keys;
    }

    private void openFlow() {
        List<Long> keys = chosenKeys();
        if (keys.isEmpty()) {
            ui.message("No call to show yet.", Style.WARN);
            return;
        }
        ui.push(new CallFlowPage(ui, keys));
    }

    private void openStreams() {
        List<Long> keys = chosenKeys();
        if (keys.isEmpty()) {
            ui.message("No call to show yet.", Style.WARN);
            return;
        }
        ui.push(new StreamsPage(ui, keys));
    }

    private void openSave() {
        CallRow r = cursorRow();
        ui.push(new SavePage(ui, r == null ? -1 : r.key(), null));
    }

    private void toggleMark() {
        CallRow r = cursorRow();
        if (r == null) {
            return;
        }
        if (!ui.marked().remove(r.key())) {
            ui.marked().add(r.key());
        }
        move(1);
    }

    private void markShown() {
        UiSnapshot s = ui.snapshot();
        for (int i = 0; i < s.size(); i++) {
            ui.marked().add(s.row(i).key());
        }
        ui.message("Marked " + Formats.count(s.size()) + " calls.", Style.NORMAL);
    }

    private void clearCalls() {
        if (!ui.snapshot().status().live()) {
            ui.message("A file's calls stay: clearing applies to a live capture.", Style.WARN);
            return;
        }
        ui.feed().clearCalls();
        ui.marked().clear();
        ui.message("Cleared: new calls only from now on.", Style.NORMAL);
    }

    private void reverse() {
        ViewSpec v = ui.viewSpec();
        ui.requestView(v.withSort(v.sort(), !v.descending()));
    }

    private void sortStep(int step) {
        List<Column> cols = Column.fit(ui.callColumns(), Math.max(1, ui.terminalWidth() - MARK_WIDTH)).columns();
        ViewSpec v = ui.viewSpec();
        int i = cols.indexOf(v.sort());
        int next = i < 0 ? 0 : Math.floorMod(i + step, cols.size());
        ui.requestView(v.withSort(cols.get(next), v.descending()));
    }

    // ---- filter bar

    private void startFilter() {
        editingFilter = true;
        filterBefore = ui.viewSpec().query().text();
        filterText.setLength(0);
        filterText.append(filterBefore);
        filterError = null;
    }

    private boolean editFilter(KeyStroke key) {
        switch (key.getKeyType()) {
            case Enter:
                editingFilter = false;
                if (filterError != null) {
                    ui.message("Filter not applied: " + filterError, Style.BAD);
                }
                return true;
            case Escape:
                editingFilter = false;
                filterError = null;
                applyFilter(filterBefore);
                return true;
            case Backspace:
                if (filterText.length() > 0) {
                    filterText.setLength(filterText.length() - 1);
                    applyFilter(filterText.toString());
                }
                return true;
            case Character:
                if (key.isCtrlDown() && Character.toLowerCase(key.getCharacter()) == 'u') {
                    filterText.setLength(0);
                    applyFilter("");
                    return true;
                }
                if (!key.isCtrlDown() && !key.isAltDown() && key.getCharacter() >= ' ' && filterText.length() < 500) {
                    filterText.append(key.getCharacter());
                    applyFilter(filterText.toString());
                }
                return true;
            default:
                return true;
        }
    }

    /** Parses and asks the worker for the filtered view; a bad filter keeps the last good one. */
    private void applyFilter(String text) {
        try {
            CallQuery q = CallQuery.parse(text, ui.options().zone());
            filterError = null;
            ui.requestView(ui.viewSpec().withQuery(q));
        } catch (QuerySyntaxException e) {
            filterError = e.getMessage();
        }
    }

    private void startGoto() {
        editingGoto = true;
        gotoText.setLength(0);
    }

    private boolean editGoto(KeyStroke key, UiSnapshot s) {
        switch (key.getKeyType()) {
            case Enter:
                editingGoto = false;
                if (gotoText.length() == 0) {
                    return true;
                }
                long wanted = Long.parseLong(gotoText.toString());
                int idx = s.indexOf(wanted);
                if (idx < 0) {
                    ui.message("Call " + wanted + " is not in the list" + (s.spec().query().isEmpty() ? "."
                            : " (the filter hides it)."), Style.WARN);
                } else {
                    moveTo(idx, false);
                }
                return true;
            case Escape:
                editingGoto = false;
                return true;
            case Backspace:
                if (gotoText.length() > 0) {
                    gotoText.setLength(gotoText.length() - 1);
                }
                return true;
            case Character:
                char c = key.getCharacter();
                if (c >= '0' && c <= '9' && gotoText.length() < 18) {
                    gotoText.append(c);
                }
                return true;
            default:
                return true;
        }
    }

    @Override
    public int[] cursor() {
        if (editingFilter) {
            return new int[] {Math.min(ui.terminalWidth() - 1, 8 + SafeText.width(SafeText.cells(filterText.toString()))), 2};
        }
        if (editingGoto) {
            return new int[] {Math.min(ui.terminalWidth() - 1, 12 + gotoText.length()), 2};
        }
        return null;
    }

    // ---- drawing

    @Override
    public void draw(Canvas c, UiSnapshot s) {
        visibleRows = Math.max(1, c.height() - HEAD_ROWS);
        sync(s);
        clampTop(s.size());
        drawStatus(c, s.status());
        drawFilterBar(c, s);
        Column.Layout layout = Column.fit(ui.callColumns(), c.width() - MARK_WIDTH);
        drawHeadings(c, layout, s.spec());
        for (int i = 0; i < visibleRows; i++) {
            int idx = top + i;
            int row = HEAD_ROWS + i;
            if (idx >= s.size()) {
                if (idx == 0) {
                    c.put(2, row, emptyText(s), Style.DIM);
                }
                continue;
            }
            drawRow(c, row, s.row(idx), layout, idx == cursorIndex);
        }
    }

    private String emptyText(UiSnapshot s) {
        if (s.totalCalls() > 0) {
            return "No call matches the filter.";
        }
        StatusCounters st = s.status();
        if (st.kind() == SourceKind.FILE) {
            return st.finished() ? "No SIP call in this capture." : "Reading...";
        }
        return "Waiting for SIP traffic...";
    }

    private void drawStatus(Canvas c, StatusCounters st) {
        c.clearRow(0, Style.STATUS);
        c.put(1, 0, statusLine(st, c.width() - 2), Style.STATUS);
    }

    /**
     * The status bar's text for {@code width} cells: source, frames, drops, calls, memory and
     * progress; the BPF filter and then the memory figure are left out when they do not fit.
     */
    static String statusLine(StatusCounters st, int width) {
        String source;
        switch (st.kind()) {
            case FILE: source = "File " + st.source(); break;
            case LIVE: source = "Live " + st.source(); break;
            default: source = "HEP " + st.source(); break;
        }
        String filter = st.filter().isEmpty() ? "" : " (" + st.filter() + ")";
        StringBuilder counts = new StringBuilder();
        counts.append("  Frames ").append(Formats.count(st.frames()));
        if (st.live()) {
            counts.append("  Drops ").append(Formats.count(st.kernelDrops()));
            if (st.queueDrops() > 0) {
                counts.append('+').append(Formats.count(st.queueDrops()));
            }
        }
        counts.append("  Calls ").append(Formats.count(st.calls()));
        String mem = "  Mem " + mib(st.heapUsedBytes()) + "/" + mib(st.heapMaxBytes()) + " MiB";
        String state = "";
        if (st.problem() != null) {
            state = "  " + st.problem();
        } else if (st.kind() == SourceKind.FILE) {
            if (!st.finished() && st.progress() >= 0) {
                state = String.format(Locale.ROOT, "  Loading %d%%", (int) Math.floor(st.progress() * 100));
            } else if (st.finished()) {
                state = "  Loaded";
            }
        } else if (st.finished()) {
            state = "  Stopped";
        }
        String full = source + filter + counts + mem + state;
        if (full.length() <= width) {
            return full;
        }
        String noFilter = source + counts + mem + state;
        if (noFilter.length() <= width) {
            return noFilter;
        }
        return source + counts + state;
    }

    private static String mib(long bytes) {
        return Long.toString(Math.round(bytes / 1048576.0));
    }

    private void drawFilterBar(Canvas c, UiSnapshot s) {
        int row = 1;
        if (editingGoto) {
            int x = c.put(0, row, "Go to call: ", Style.KEY);
            c.put(x, row, gotoText.toString(), Style.INPUT);
            return;
        }
        ViewSpec spec = ui.viewSpec();
        // the worker has not caught up with the last request yet
        String pending = spec.equals(s.spec()) ? "" : "Filtering...  ";
        String right = pending + "Sort " + spec.sort().title() + (spec.descending() ? " desc" : " asc")
                + "  Shown " + Formats.count(s.size()) + "/" + Formats.count(s.totalCalls())
                + (ui.marked().isEmpty() ? "" : "  Marked " + Formats.count(ui.marked().size()));
        int rightX = Math.max(0, c.width() - SafeText.width(right) - 1);
        int x = c.put(0, row, "Filter: ", Style.KEY);
        String text = editingFilter ? filterText.toString() : spec.query().text();
        if (editingFilter) {
            int fieldEnd = filterError != null ? rightX - 1 : rightX - 1;
            c.fill(x, row, Math.max(0, fieldEnd - x), ' ', Style.INPUT);
            int end = c.region(0, row, fieldEnd, 1).put(x, 0, text, Style.INPUT);
            if (filterError != null) {
                c.region(0, row, rightX - 1, 1).put(end + 2, 0, filterError, Style.BAD);
            }
        } else if (text.isEmpty()) {
            c.put(x, row, "(none: F3 or / to filter)", Style.DIM);
        } else {
            c.region(0, row, rightX - 1, 1).put(x, 0, text, Style.NORMAL);
        }
        c.put(rightX, row, right, Style.DIM);
    }

    private void drawHeadings(Canvas c, Column.Layout layout, ViewSpec spec) {
        int row = 2;
        c.clearRow(row, Style.HEADER);
        for (int i = 0; i < layout.columns().size(); i++) {
            Column col = layout.columns().get(i);
            String title = col.title();
            if (col == spec.sort() && layout.widths()[i] > title.length()) {
                title = (spec.descending() ? "v" : "^") + title;
            }
            c.putPadded(MARK_WIDTH + layout.offset(i), row, title, layout.widths()[i], col.rightAligned(), Style.HEADER);
        }
    }

    private void drawRow(Canvas c, int row, CallRow r, Column.Layout layout, boolean cursor) {
        boolean isMarked = ui.marked().contains(r.key());
        Style base = cursor ? Style.CURSOR : isMarked ? Style.MARKED : Style.NORMAL;
        if (cursor) {
            c.clearRow(row, Style.CURSOR);
        }
        c.put(0, row, isMarked ? String.valueOf(ui.options().glyphs().mark()) : " ", base);
        for (int i = 0; i < layout.columns().size(); i++) {
            Column col = layout.columns().get(i);
            Style st = cursor || isMarked ? base : cellStyle(col, r);
            c.putPadded(MARK_WIDTH + layout.offset(i), row, col.text(r, ui.options().zone()), layout.widths()[i],
                    col.rightAligned(), st);
        }
    }

    private static Style cellStyle(Column col, CallRow r) {
        switch (col) {
            case STATE: return stateStyle(r.state());
            case CODE: return r.finalCode() >= 300 ? Style.BAD : r.finalCode() >= 200 ? Style.GOOD : Style.NORMAL;
            case MOS:
                if (!r.hasMos()) {
                    return Style.DIM;
                }
                return r.mos() < 3.1 ? Style.BAD : r.mos() < 3.6 ? Style.WARN : Style.GOOD;
            case DIAG: return Style.BAD;
            default: return Style.NORMAL;
        }
    }

    static Style stateStyle(CallState s) {
        switch (s) {
            case REJECTED: case FAILED: case BUSY: return Style.BAD;
            case CANCELLED: case DIVERTED: case NO_ANSWER: return Style.WARN;
            case IN_CALL: case COMPLETED: case OK: return Style.GOOD;
            default: return Style.NORMAL;
        }
    }
}
