package dev.sipscope.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;

/**
 * Maps {@link Style}s to colours and attributes. {@link #colour()} uses the eight ANSI colours
 * (which every terminal, tmux and screen have); {@link #monochrome()} uses only bold, underline and
 * reverse video, for terminals without colour or users who asked for none ({@code NO_COLOR},
 * {@code --no-color}, {@code TERM=dumb}).
 */
public final class Theme {

    /** Colours and attributes of one style. */
    public record Look(TextColor foreground, TextColor background, EnumSet<SGR> modifiers) {
        public Look {
            modifiers = modifiers.clone();
        }

        @Override
        public EnumSet<SGR> modifiers() {
            return modifiers.clone();
        }
    }

    private final Map<Style, Look> looks;
    private final boolean colour;

    private Theme(Map<Style, Look> looks, boolean colour) {
        this.looks = looks;
        this.colour = colour;
    }

    public Look look(Style s) {
        return looks.get(s);
    }

    public boolean isColour() {
        return colour;
    }

    /** The colour theme or the monochrome one, as the environment asks. */
    public static Theme forEnvironment(boolean noColourOption) {
        String term = System.getenv("TERM");
        boolean mono = noColourOption || System.getenv("NO_COLOR") != null
                || (term != null && (term.equals("dumb") || term.toLowerCase(Locale.ROOT).startsWith("vt1")));
        return mono ? monochrome() : colour();
    }

    public static Theme colour() {
        TextColor d = TextColor.ANSI.DEFAULT;
        Map<Style, Look> m = new EnumMap<>(Style.class);
        put(m, Style.NORMAL, d, d);
        put(m, Style.TITLE, TextColor.ANSI.WHITE, TextColor.ANSI.BLUE, SGR.BOLD);
        put(m, Style.HEADER, TextColor.ANSI.BLACK, TextColor.ANSI.CYAN);
        put(m, Style.CURSOR, TextColor.ANSI.BLACK, TextColor.ANSI.CYAN);
        put(m, Style.MARKED, TextColor.ANSI.YELLOW, d, SGR.BOLD);
        put(m, Style.STATUS, TextColor.ANSI.WHITE, TextColor.ANSI.BLUE);
        put(m, Style.KEY, TextColor.ANSI.WHITE, d, SGR.BOLD);
        put(m, Style.KEY_LABEL, TextColor.ANSI.BLACK, TextColor.ANSI.CYAN);
        put(m, Style.DIM, TextColor.ANSI.CYAN, d);
        put(m, Style.BAD, TextColor.ANSI.RED, d, SGR.BOLD);
        put(m, Style.WARN, TextColor.ANSI.YELLOW, d);
        put(m, Style.GOOD, TextColor.ANSI.GREEN, d);
        put(m, Style.REQUEST, TextColor.ANSI.WHITE, d, SGR.BOLD);
        put(m, Style.PROVISIONAL, TextColor.ANSI.YELLOW, d);
        put(m, Style.SUCCESS, TextColor.ANSI.GREEN, d);
        put(m, Style.FAILURE, TextColor.ANSI.RED, d);
        put(m, Style.RTP, TextColor.ANSI.MAGENTA, d);
        put(m, Style.RETRANSMISSION, TextColor.ANSI.CYAN, d);
        put(m, Style.START_LINE, TextColor.ANSI.WHITE, d, SGR.BOLD);
        put(m, Style.HEADER_NAME, TextColor.ANSI.CYAN, d);
        put(m, Style.SDP, TextColor.ANSI.YELLOW, d);
        put(m, Style.DIFF_ADDED, TextColor.ANSI.GREEN, d, SGR.BOLD);
        put(m, Style.DIFF_REMOVED, TextColor.ANSI.RED, d, SGR.BOLD);
        put(m, Style.DIFF_CHANGED, TextColor.ANSI.YELLOW, d, SGR.BOLD);
        put(m, Style.INPUT, TextColor.ANSI.WHITE, TextColor.ANSI.BLACK, SGR.UNDERLINE);
        put(m, Style.DIALOG, TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        return new Theme(m, true);
    }

    public static Theme monochrome() {
        TextColor d = TextColor.ANSI.DEFAULT;
        Map<Style, Look> m = new EnumMap<>(Style.class);
        for (Style s : Style.values()) {
            put(m, s, d, d);
        }
        put(m, Style.TITLE, d, d, SGR.REVERSE, SGR.BOLD);
        put(m, Style.HEADER, d, d, SGR.BOLD, SGR.UNDERLINE);
        put(m, Style.CURSOR, d, d, SGR.REVERSE);
        put(m, Style.MARKED, d, d, SGR.BOLD);
        put(m, Style.STATUS, d, d, SGR.REVERSE);
        put(m, Style.KEY, d, d, SGR.BOLD);
        put(m, Style.KEY_LABEL, d, d, SGR.REVERSE);
        put(m, Style.BAD, d, d, SGR.BOLD);
        put(m, Style.REQUEST, d, d, SGR.BOLD);
        put(m, Style.FAILURE, d, d, SGR.BOLD);
        put(m, Style.START_LINE, d, d, SGR.BOLD);
        put(m, Style.HEADER_NAME, d, d, SGR.BOLD);
        put(m, Style.DIFF_ADDED, d, d, SGR.BOLD);
        put(m, Style.DIFF_REMOVED, d, d, SGR.UNDERLINE);
        put(m, Style.DIFF_CHANGED, d, d, SGR.BOLD, SGR.UNDERLINE);
        put(m, Style.INPUT, d, d, SGR.UNDERLINE);
        put(m, Style.DIALOG, d, d, SGR.REVERSE);
        return new Theme(m, false);
    }

    private static void put(Map<Style, Look> m, Style s, TextColor fg, TextColor bg, SGR... sgr) {
        EnumSet<SGR> set = EnumSet.noneOf(SGR.class);
        for (SGR x : sgr) {
            set.add(x);
        }
        m.put(s, new Look(fg, bg, set));
    }
}
