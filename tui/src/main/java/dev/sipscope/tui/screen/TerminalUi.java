package dev.sipscope.tui.screen;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import dev.sipscope.tui.export.Saver;
import dev.sipscope.tui.model.FeedControl;
import dev.sipscope.tui.model.UiSnapshot;
import dev.sipscope.tui.model.ViewSpec;
import dev.sipscope.tui.model.ViewWorker;
import dev.sipscope.tui.view.Canvas;
import dev.sipscope.tui.view.SafeText;
import dev.sipscope.tui.view.ScreenCanvas;
import dev.sipscope.tui.view.Style;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The UI thread's loop and the state shared by the pages: the page stack, the marked calls, the
 * footer message.
 *
 * <p>Each cycle reads the newest {@link UiSnapshot} from the {@link ViewWorker} (one volatile
 * read), hands pending keys to the top page, and redraws when a key came, the snapshot changed or
 * the terminal was resized. Drawing touches only the back buffer of the Lanterna {@link Screen};
 * {@link Screen#refresh} sends the changed cells. Nothing here blocks on the engine: requests go
 * through {@link ViewWorker#request} and {@link FeedControl}, saves run on the {@link Saver}'s
 * thread. Not thread-safe: everything but construction runs on one thread.
 *
 * <p>Layout: row 0 is the title bar, the last row the footer (key hints, or a message until the
 * next key), the rows between belong to the page.
 */
public final class TerminalUi {
    /** Below this the UI only says that the terminal is too small. */
    public static final int MIN_COLUMNS = 40;
    public static final int MIN_ROWS = 10;
    private static final long IDLE_SLEEP_MILLIS = 15;

    private final Screen screen;
    private final UiOptions options;
    private final ViewWorker worker;
    private final FeedControl feed;
    private final Saver saver;
    private final Deque<Page> pages = new ArrayDeque<>();
    private final Set<Long> marked = new LinkedHashSet<>();
    private UiSnapshot current;
    private String message;
    private Style messageStyle = Style.NORMAL;
    private boolean quit;
    private long savedCalls;
    private boolean fullRedraw;
    private List<dev.sipscope.tui.model.Column> columns;

    public TerminalUi(Screen screen, UiOptions options, ViewWorker worker, FeedControl feed) {
        this.screen = screen;
        this.options = options;
        this.worker = worker;
        this.feed = feed;
        this.saver = new Saver(feed, options.glyphs(), options.zone());
        this.current = worker.refreshIfStale();
        this.columns = options.columns();
        pages.push(new CallListPage(this));
    }

    // ---- the loop

    /** Runs until the user quits. The screen must be started; it is left started. */
    public void run() throws IOException {
        render();
        long seen = current.sequence();
        while (!quit) {
            boolean dirty = false;
            KeyStroke k;
            while (!quit && (k = screen.pollInput()) != null) {
                if (k.getKeyType() == KeyType.EOF) {
                    quit = true;
                    break;
                }
                press(k);
                dirty = true;
            }
            if (quit) {
                break;
            }
            if (screen.doResizeIfNecessary() != null) {
                dirty = true;
            }
            if (pollSaves()) {
                dirty = true;
            }
            UiSnapshot s = worker.refreshIfStale();
            if (s.sequence() != seen || s != current) {
                dirty = true;
            }
            if (dirty) {
                render();
                seen = current.sequence();
            } else {
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(IDLE_SLEEP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes finished saves; true when one finished. */
    public boolean pollSaves() {
        boolean any = false;
        Saver.Outcome o;
        while ((o = saver.poll()) != null) {
            message(o.message(), o.ok() ? Style.GOOD : Style.BAD);
            if (o.ok() && o.calls() >= current.totalCalls()) {
                savedCalls = Math.max(savedCalls, current.status().calls());
            }
            any = true;
        }
        return any;
    }

    /** Handles one key: global keys first, then the top page's. */
    public void press(KeyStroke key) {
        current = worker.refreshIfStale();
        message = null;
        if (Binding.ctrl('c').test(key)) {
            quit = true;
            return;
        }
        if (Binding.ctrl('l').test(key)) {
            fullRedraw = true;
            return;
        }
        Page top = pages.peek();
        if (top != null) {
            top.handle(key);
        }
    }

    /** Draws the top page (over the one below it for a dialog) and refreshes the terminal. */
    public void render() throws IOException {
        screen.doResizeIfNecessary();
        current = worker.refreshIfStale();
        ScreenCanvas canvas = new ScreenCanvas(screen, options.theme());
        for (int r = 0; r < canvas.height(); r++) {
            canvas.clearRow(r, Style.NORMAL);
        }
        int[] cursor = null;
        if (canvas.width() < MIN_COLUMNS || canvas.height() < MIN_ROWS) {
            canvas.put(0, 0, "Terminal too small", Style.BAD);
            canvas.put(0, 1, "(needs " + MIN_COLUMNS + "x" + MIN_ROWS + ")", Style.NORMAL);
        } else {
            Page top = pages.peek();
            List<Page> layers = new ArrayList<>();
            for (Page p : pages) {
                layers.add(0, p);
                if (!p.isOverlay()) {
                    break;
                }
            }
            for (Page p : layers) {
                if (!p.isOverlay()) {
                    drawTitle(canvas, p.title(current));
                }
                p.draw(canvas.region(0, 1, canvas.width(), canvas.height() - 2), current);
            }
            drawFooter(canvas, top);
            cursor = top.cursor();
        }
        screen.setCursorPosition(cursor == null ? null : new TerminalPosition(cursor[0], cursor[1]));
        screen.refresh(fullRedraw ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
        fullRedraw = false;
    }

    private void drawTitle(Canvas c, String title) {
        c.clearRow(0, Style.TITLE);
        String right = "sipscope";
        int rw = SafeText.width(right) + 1;
        c.put(1, 0, SafeText.clip(SafeText.cells(title), Math.max(0, c.width() - rw - 2)), Style.TITLE);
        c.put(c.width() - rw, 0, right, Style.TITLE);
    }

    private void drawFooter(Canvas c, Page top) {
        int row = c.height() - 1;
        c.clearRow(row, Style.NORMAL);
        if (message != null) {
            c.put(0, row, message, messageStyle);
            return;
        }
        int x = 0;
        for (Binding b : top.bindings()) {
            if (b.footer() == null) {
                continue;
            }
            int need = SafeText.width(b.footKey()) + 1 + SafeText.width(b.footer());
            if (x + need > c.width()) {
                break;
            }
            x = c.put(x, row, b.footKey(), Style.KEY);
            x = c.put(x, row, " ", Style.NORMAL);
            x = c.put(x, row, b.footer(), Style.KEY_LABEL);
            x = c.put(x, row, "  ", Style.NORMAL);
        }
    }

    // ---- what pages use

    public UiOptions options() {
        return options;
    }

    /** The snapshot of this cycle. */
    public UiSnapshot snapshot() {
        return current;
    }

    /** The call list's columns, in order. */
    public List<dev.sipscope.tui.model.Column> callColumns() {
        return columns;
    }

    public void setCallColumns(List<dev.sipscope.tui.model.Column> cols) {
        if (!cols.isEmpty()) {
            columns = List.copyOf(cols);
        }
    }

    public FeedControl feed() {
        return feed;
    }

    public Saver saver() {
        return saver;
    }

    /** Calls the user marked (keys), in the order marked. */
    public Set<Long> marked() {
        return marked;
    }

    /** The view the UI asked for last. */
    public ViewSpec viewSpec() {
        return worker.wanted();
    }

    /** Asks the worker for another filter or order; the list follows when it is ready. */
    public void requestView(ViewSpec spec) {
        worker.request(spec);
        current = worker.refreshIfStale();
    }

    public void push(Page p) {
        pages.push(p);
    }

    /** Back one screen; never pops the call list. */
    public void pop() {
        if (pages.size() > 1) {
            pages.pop();
        }
    }

    /** The page on top. */
    public Page top() {
        return pages.peek();
    }

    /** Ends the loop. */
    public void quit() {
        quit = true;
    }

    public boolean isQuit() {
        return quit;
    }

    /**
     * Quit from the call list: at once, unless a live capture has calls that were never saved, in
     * which case a prompt asks first. A file can be read again, so it never asks.
     */
    public void requestQuit() {
        long unsaved = unsavedCalls();
        if (unsaved > 0) {
            push(new QuitPage(this, unsaved));
        } else {
            quit = true;
        }
    }

    /** Calls of a live capture not covered by a save of every call. */
    public long unsavedCalls() {
        if (!current.status().live()) {
            return 0;
        }
        return Math.max(0, current.status().calls() - savedCalls);
    }

    /** Shows {@code text} in the footer until the next key. */
    public void message(String text, Style style) {
        this.message = text;
        this.messageStyle = style;
    }

    /** The footer message, or null. */
    public String message() {
        return message;
    }

    /** Rows the page body has on the current screen. */
    public int bodyRows() {
        return Math.max(0, screen.getTerminalSize().getRows() - 2);
    }

    public int terminalWidth() {
        return screen.getTerminalSize().getColumns();
    }

    /** Stops background work (the saver). */
    public void close() {
        saver.close();
    }
}
