package dev.sipscope.tui.screen;

import dev.sipscope.tui.view.Canvas;
import dev.sipscope.tui.view.SafeText;
import dev.sipscope.tui.view.Style;

import java.util.ArrayList;
import java.util.List;

/**
 * A SIP message split into display lines with their highlighting: the start line, header names,
 * SDP lines ({@code x=...} in the body) and everything else. Lines are made safe (tabs expanded,
 * control characters escaped) once, here; wrapping keeps each piece's style.
 */
final class MessageLines {

    /**
     * One display line.
     *
     * @param text     safe text
     * @param style    the style of the line (or of its value part for a header)
     * @param nameEnd  for a header line, the cells of {@code Name:} drawn as a header name; else 0
     */
    record Line(String text, Style style, int nameEnd) {
    }

    private MessageLines() {
    }

    /** Splits a message on CRLF or LF. */
    static List<Line> of(String message) {
        List<Line> out = new ArrayList<>();
        String[] raw = message.split("\r?\n", -1);
        int end = raw.length;
        while (end > 1 && raw[end - 1].isEmpty()) {
            end--;
        }
        boolean body = false;
        for (int i = 0; i < end; i++) {
            String line = SafeText.cells(SafeText.expandTabs(raw[i].endsWith("\r") ? raw[i].substring(0, raw[i].length() - 1) : raw[i]));
            if (i == 0) {
                out.add(new Line(line, Style.START_LINE, 0));
            } else if (!body && line.isEmpty()) {
                body = true;
                out.add(new Line("", Style.NORMAL, 0));
            } else if (!body) {
                int colon = line.indexOf(':');
                boolean folded = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
                out.add(new Line(line, Style.NORMAL, colon > 0 && !folded ? SafeText.width(line.substring(0, colon + 1)) : 0));
            } else {
                boolean sdp = line.length() >= 2 && line.charAt(1) == '=' && line.charAt(0) >= 'a' && line.charAt(0) <= 'z';
                out.add(new Line(line, sdp ? Style.SDP : Style.NORMAL, 0));
            }
        }
        return out;
    }

    /** Cuts lines longer than {@code width} cells into several; continuations keep the style. */
    static List<Line> wrap(List<Line> lines, int width) {
        if (width <= 0) {
            return List.of();
        }
        List<Line> out = new ArrayList<>(lines.size());
        for (Line l : lines) {
            String rest = l.text();
            int nameEnd = l.nameEnd();
            if (SafeText.width(rest) <= width) {
                out.add(l);
                continue;
            }
            while (!rest.isEmpty()) {
                String piece = SafeText.clip(rest, width);
                if (piece.isEmpty()) {
                    piece = rest.substring(0, 1);
                }
                out.add(new Line(piece, l.style(), Math.min(nameEnd, SafeText.width(piece))));
                nameEnd = Math.max(0, nameEnd - SafeText.width(piece));
                rest = rest.substring(piece.length());
            }
        }
        return out;
    }

    /** Draws one line at ({@code col}, {@code row}); {@code base} overrides the styles when not null. */
    static void draw(Canvas c, int col, int row, Line l, Style base) {
        if (base != null) {
            c.put(col, row, l.text(), base);
            return;
        }
        if (l.nameEnd() > 0) {
            String name = SafeText.clip(l.text(), l.nameEnd());
            int x = c.put(col, row, name, Style.HEADER_NAME);
            c.put(x, row, l.text().substring(name.length()), l.style());
        } else {
            c.put(col, row, l.text(), l.style());
        }
    }
}
