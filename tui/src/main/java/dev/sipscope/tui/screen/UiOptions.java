package dev.sipscope.tui.screen;

import dev.sipscope.tui.model.Column;
import dev.sipscope.tui.view.Glyphs;
import dev.sipscope.tui.view.Theme;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/**
 * Settings of one UI session.
 *
 * @param theme     colours, or the monochrome fallback
 * @param glyphs    Unicode or ASCII line drawing
 * @param zone      the time zone times are shown in
 * @param columns   the call list's columns, in order
 * @param saveDir   where the save dialog proposes to write
 * @param version   the version shown in the help page
 */
public record UiOptions(Theme theme, Glyphs glyphs, ZoneId zone, List<Column> columns, Path saveDir, String version) {

    public UiOptions {
        columns = List.copyOf(columns);
    }

    /** Colour, Unicode, UTC, default columns, saving to /var/tmp: what tests use. */
    public static UiOptions defaults() {
        return new UiOptions(Theme.colour(), Glyphs.UNICODE, ZoneId.of("UTC"), Column.DEFAULTS, Path.of("/var/tmp"), "test");
    }

    public UiOptions withColumns(List<Column> cols) {
        return new UiOptions(theme, glyphs, zone, cols, saveDir, version);
    }

    public UiOptions withTheme(Theme t) {
        return new UiOptions(t, glyphs, zone, columns, saveDir, version);
    }

    public UiOptions withGlyphs(Glyphs g) {
        return new UiOptions(theme, g, zone, columns, saveDir, version);
    }

    public UiOptions withSaveDir(Path dir) {
        return new UiOptions(theme, glyphs, zone, columns, dir, version);
    }
}
