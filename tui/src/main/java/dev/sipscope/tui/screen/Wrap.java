package dev.sipscope.tui.screen;

import java.util.ArrayList;
import java.util.List;

/** Word wrapping for sentences (diagnostics, help). */
final class Wrap {
    private Wrap() {
    }

    /** {@code text} cut into lines of at most {@code width} chars at blanks (a longer word is cut). */
    static List<String> words(String text, int width) {
        List<String> out = new ArrayList<>();
        if (width <= 0) {
            return out;
        }
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            while (word.length() > width) {
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                out.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0 || out.isEmpty()) {
            out.add(line.toString());
        }
        return out;
    }
}
