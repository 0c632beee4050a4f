package dev.sipscope.tui.screen;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.sipscope.tui.export.SaveFormat;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.Formats;
import dev.sipscope.tui.model.UiSnapshot;
import dev.sipscope.tui.view.Canvas;
import dev.sipscope.tui.view.SafeText;
import dev.sipscope.tui.view.Style;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The save dialog: which calls (this one, the marked ones, or every call the filter shows), in
 * which format (pcap, pcapng, CSV, text ladder), to which file. The write happens on the saver's
 * thread; the footer says how it went.
 */
public final class SavePage extends Page {

    /** Which calls to save. */
    enum Scope { THIS, MARKED, SHOWN }

    private static final int FIELD_SCOPE = 0;
    private static final int FIELD_FORMAT = 1;
    private static final int FIELD_FILE = 2;

    private final long cursorKey;
    private final List<Long> flowKeys;
    private final List<Binding> bindings;
    private Scope scope;
    private SaveFormat format = SaveFormat.PCAP;
    private final StringBuilder file = new StringBuilder();
    private boolean nameEdited;
    private int field = FIELD_SCOPE;
    private String problem;
    private boolean confirmReplace;
    private int[] cursorAt;

    SavePage(TerminalUi ui, long cursorKey, List<Long> flowKeys) {
        this(ui, cursorKey, flowKeys, null);
    }

    SavePage(TerminalUi ui, long cursorKey, List<Long> flowKeys, Scope initial) {
        super(ui);
        this.cursorKey = cursorKey;
        this.flowKeys = flowKeys == null ? null : List.copyOf(flowKeys);
        this.scope = initial != null ? initial : !ui.marked().isEmpty() ? Scope.MARKED
                : (cursorKey >= 0 || flowKeys != null) ? Scope.THIS : Scope.SHOWN;
        if (!ui.feed().canSavePackets()) {
            format = SaveFormat.CSV;
        }
        proposeName();
        bindings = List.of(
                Binding.foot("Enter", "Enter", "Save", "Save with these choices", Binding.key(KeyType.Enter), this::save),
                Binding.foot("Esc", "Esc", "Cancel", "Close without saving", Binding.key(KeyType.Escape), ui::pop),
                Binding.foot("Tab", "Tab", "Next field", "Next field (Shift-Tab or Up: previous)",
                        Binding.any(Binding.key(KeyType.Tab), Binding.key(KeyType.ArrowDown)), () -> field = (field + 1) % 3),
                Binding.foot("Left, Right", "<-/->", "Choose", "Change the choice in the field",
                        Binding.any(Binding.key(KeyType.ArrowLeft), Binding.key(KeyType.ArrowRight)), () -> { }),
                helpBinding(),
                Binding.help("Shift-Tab, Up", "Previous field",
                        Binding.any(Binding.key(KeyType.ReverseTab), Binding.key(KeyType.ArrowUp)), () -> field = (field + 2) % 3));
    }

    @Override
    public boolean isOverlay() {
        return true;
    }

    @Override
    public String helpName() {
        return "Save";
    }

    @Override
    public List<String> helpNotes() {
        return List.of("pcap and pcapng hold the calls' packets, SIP and RTP; CSV one line per call;",
                "text ladder the call flows as drawn on screen. A relative file name is relative to "
                        + ui.options().saveDir() + ".");
    }

    @Override
    public List<Binding> bindings() {
        return bindings;
    }

    @Override
    public String title(UiSnapshot s) {
        return "Save";
    }

    @Override
    public boolean handle(KeyStroke key) {
        problem = null;
        boolean wasConfirm = confirmReplace;
        confirmReplace = false;
        KeyType t = key.getKeyType();
        if (t == KeyType.ArrowLeft || t == KeyType.ArrowRight) {
            int d = t == KeyType.ArrowLeft ? -1 : 1;
            if (field == FIELD_SCOPE) {
                scope = Scope.values()[Math.floorMod(scope.ordinal() + d, Scope.values().length)];
                proposeName();
            } else if (field == FIELD_FORMAT) {
                format = SaveFormat.values()[Math.floorMod(format.ordinal() + d, SaveFormat.values().length)];
                proposeName();
            }
            return true;
        }
        if (t == KeyType.Enter) {
            confirmReplace = wasConfirm;
        }
        if (field == FIELD_FILE) {
            if (t == KeyType.Backspace) {
                if (file.length() > 0) {
                    file.setLength(file.length() - 1);
                }
                nameEdited = true;
                return true;
            }
            if (t == KeyType.Character && !key.isCtrlDown() && !key.isAltDown() && key.getCharacter() >= ' ') {
                if (file.length() < 1000) {
                    file.append(key.getCharacter());
                }
                nameEdited = true;
                return true;
            }
        }
        return super.handle(key);
    }

    private void proposeName() {
        if (nameEdited) {
            String f = file.toString();
            SaveFormat was = SaveFormat.byFileName(f);
            if (was != null && was != format) {
                file.setLength(f.length() - was.extension().length());
                file.append(format.extension());
            }
            return;
        }
        String what;
        switch (scope) {
            case THIS:
                what = flowKeys != null && flowKeys.size() > 1 ? "calls-" + flowKeys.get(0) + "-and-more"
                        : "call-" + (flowKeys != null ? flowKeys.get(0) : cursorKey);
                break;
            case MARKED: what = "marked-calls"; break;
            default: what = "calls"; break;
        }
        file.setLength(0);
        file.append("sipscope-").append(what).append('.').append(format.extension());
    }

    /** The calls the scope covers, resolved from the snapshot. */
    private List<CallRow> rows(UiSnapshot s) {
        List<CallRow> out = new ArrayList<>();
        switch (scope) {
            case THIS: {
                List<Long> keys = flowKeys != null ? flowKeys : cursorKey >= 0 ? List.of(cursorKey) : List.of();
                for (Long k : keys) {
                    CallRow r = s.rowByKey(k);
                    if (r != null) {
                        out.add(r);
                    }
                }
                break;
            }
            case MARKED: {
                List<Long> keys = new ArrayList<>(ui.marked());
                keys.sort(null);
                for (Long k : keys) {
                    CallRow r = s.rowByKey(k);
                    if (r != null) {
                        out.add(r);
                    }
                }
                break;
            }
            default:
                for (int i = 0; i < s.size(); i++) {
                    out.add(s.row(i));
                }
                break;
        }
        return out;
    }

    private int count(UiSnapshot s, Scope sc) {
        switch (sc) {
            case THIS: return flowKeys != null ? flowKeys.size() : cursorKey >= 0 ? 1 : 0;
            case MARKED: return ui.marked().size();
            default: return s.size();
        }
    }

    private void save() {
        UiSnapshot s = ui.snapshot();
        if (format.isPackets() && !ui.feed().canSavePackets()) {
            problem = "This source keeps no packets: choose CSV or text ladder.";
            return;
        }
        List<CallRow> rows = rows(s);
        if (rows.isEmpty()) {
            problem = "No call to save in this choice.";
            return;
        }
        String name = file.toString().strip();
        if (name.isEmpty()) {
            problem = "Type a file name.";
            field = FIELD_FILE;
            return;
        }
        Path target;
        try {
            target = name.startsWith("~/") ? Path.of(System.getProperty("user.home"), name.substring(2))
                    : ui.options().saveDir().resolve(name);
        } catch (InvalidPathException e) {
            problem = "That is not a valid file name.";
            return;
        }
        if (Files.isDirectory(target)) {
            problem = target + " is a directory.";
            return;
        }
        if (Files.exists(target) && !confirmReplace) {
            problem = "The file exists: Enter again replaces it.";
            confirmReplace = true;
            return;
        }
        ui.saver().submit(format, target, rows, s.feed()::detail);
        ui.pop();
        ui.message("Saving " + (rows.size() == 1 ? "call " + rows.get(0).key() : Formats.count(rows.size()) + " calls")
                + " to " + target + " ...", Style.NORMAL);
    }

    @Override
    public int[] cursor() {
        return field == FIELD_FILE ? cursorAt : null;
    }

    @Override
    public void draw(Canvas c, UiSnapshot s) {
        int w = Math.min(c.width() - 2, 76);
        int h = 10;
        int x = (c.width() - w) / 2;
        int y = Math.max(0, (c.height() - h) / 2);
        Dialogs.box(c, x, y, w, h, "Save calls", ui.options().glyphs());
        int lx = x + 2;
        int vx = x + 11;
        c.put(lx, y + 2, "Calls", field == FIELD_SCOPE ? Style.KEY : Style.DIALOG);
        int cx = vx;
        for (Scope sc : Scope.values()) {
            String label;
            switch (sc) {
                case THIS:
                    label = flowKeys != null ? (flowKeys.size() == 1 ? "call " + flowKeys.get(0) : "these " + flowKeys.size())
                            : cursorKey >= 0 ? "call " + cursorKey : "this call";
                    break;
                case MARKED: label = "marked " + Formats.count(count(s, sc)); break;
                default: label = "shown " + Formats.count(count(s, sc)); break;
            }
            cx = option(c, cx, y + 2, label, sc == scope, field == FIELD_SCOPE) + 2;
        }
        c.put(lx, y + 3, "Format", field == FIELD_FORMAT ? Style.KEY : Style.DIALOG);
        cx = vx;
        for (SaveFormat f : SaveFormat.values()) {
            cx = option(c, cx, y + 3, f.label(), f == format, field == FIELD_FORMAT) + 2;
        }
        c.put(lx, y + 4, "File", field == FIELD_FILE ? Style.KEY : Style.DIALOG);
        int fieldWidth = x + w - 2 - vx;
        c.fill(vx, y + 4, fieldWidth, ' ', Style.INPUT);
        String safe = SafeText.cells(file.toString());
        String shown = SafeText.width(safe) < fieldWidth ? safe
                : safe.substring(Math.max(0, safe.length() - (fieldWidth - 1)));
        int end = c.put(vx, y + 4, shown, Style.INPUT);
        // screen coordinates: the body starts on row 1
        cursorAt = new int[] {Math.min(end, vx + fieldWidth - 1), y + 4 + 1};
        c.put(lx, y + 5, "in " + ui.options().saveDir().toAbsolutePath().normalize(), Style.DIALOG);
        if (problem != null) {
            c.put(lx, y + 7, problem, Style.BAD);
        } else {
            c.put(lx, y + 7, "Tab: next field  Left/Right: choose  Enter: save  Esc: cancel", Style.DIALOG);
        }
    }

    private static int option(Canvas c, int x, int y, String label, boolean on, boolean focused) {
        Style st = on && focused ? Style.CURSOR : Style.DIALOG;
        return c.put(x, y, (on ? "(*) " : "( ) ") + label, st);
    }
}
