package dev.sipscope.tui.screen;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

import java.util.function.Predicate;

/**
 * One key of a page: what the user presses, what it does (a named action), and how the footer
 * and the help page describe it. A page's bindings are tried in order; the first that matches
 * runs.
 *
 * @param keys    the keys as the help page names them ({@code "Up, k"})
 * @param footer  the footer's short label ({@code "Show"}), or null when the footer leaves it out
 * @param footKey the key the footer shows ({@code "Enter"}), or null with no footer label
 * @param help    one line for the help page
 * @param match   which key strokes it takes
 * @param action  what it does
 */
public record Binding(String keys, String footKey, String footer, String help, Predicate<KeyStroke> match,
                      Runnable action) {

    /** A binding shown only on the help page. */
    public static Binding help(String keys, String help, Predicate<KeyStroke> match, Runnable action) {
        return new Binding(keys, null, null, help, match, action);
    }

    /** A binding shown in the footer and on the help page. */
    public static Binding foot(String keys, String footKey, String footer, String help, Predicate<KeyStroke> match,
                               Runnable action) {
        return new Binding(keys, footKey, footer, help, match, action);
    }

    // Matchers

    /** A special key without Ctrl or Alt. */
    public static Predicate<KeyStroke> key(KeyType type) {
        return k -> k.getKeyType() == type && !k.isAltDown();
    }

    /** A printable character without Ctrl or Alt. */
    public static Predicate<KeyStroke> ch(char c) {
        return k -> k.getKeyType() == KeyType.Character && k.getCharacter() != null && k.getCharacter() == c
                && !k.isCtrlDown() && !k.isAltDown();
    }

    /** Ctrl and a letter. */
    public static Predicate<KeyStroke> ctrl(char c) {
        return k -> k.getKeyType() == KeyType.Character && k.getCharacter() != null
                && Character.toLowerCase(k.getCharacter()) == c && k.isCtrlDown();
    }

    /** Any of the matchers. */
    @SafeVarargs
    public static Predicate<KeyStroke> any(Predicate<KeyStroke>... matchers) {
        return k -> {
            for (Predicate<KeyStroke> m : matchers) {
                if (m.test(k)) {
                    return true;
                }
            }
            return false;
        };
    }
}
