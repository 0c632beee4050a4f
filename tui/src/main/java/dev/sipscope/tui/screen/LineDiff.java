package dev.sipscope.tui.screen;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts (longest common subsequence), as rows for a side-by-side view: equal
 * lines side by side, a run of removed lines next to the run of added lines that replaced it
 * (shown as changed), and the rest alone on their side.
 *
 * <p>Cost O(n·m) in time and memory for n and m lines; inputs beyond {@link #MAX_LINES} lines
 * are compared position by position instead.
 */
final class LineDiff {
    static final int MAX_LINES = 2000;

    /** What one row of the diff shows. */
    enum Op { SAME, CHANGED, REMOVED, ADDED }

    /** One row: a left line, a right line (either may be null), and how they relate. */
    record Row(Op op, String left, String right) {
    }

    private LineDiff() {
    }

    static List<Row> rows(List<String> a, List<String> b) {
        List<Row> out = new ArrayList<>();
        int n = a.size();
        int m = b.size();
        if (n > MAX_LINES || m > MAX_LINES) {
            for (int i = 0; i < Math.max(n, m); i++) {
                String l = i < n ? a.get(i) : null;
                String r = i < m ? b.get(i) : null;
                out.add(new Row(l == null ? Op.ADDED : r == null ? Op.REMOVED : l.equals(r) ? Op.SAME : Op.CHANGED, l, r));
            }
            return out;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                flush(out, removed, added);
                out.add(new Row(Op.SAME, a.get(i), b.get(j)));
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                added.add(b.get(j++));
            } else {
                removed.add(a.get(i++));
            }
        }
        flush(out, removed, added);
        return out;
    }

    private static void flush(List<Row> out, List<String> removed, List<String> added) {
        int k = 0;
        for (; k < Math.min(removed.size(), added.size()); k++) {
            out.add(new Row(Op.CHANGED, removed.get(k), added.get(k)));
        }
        for (int r = k; r < removed.size(); r++) {
            out.add(new Row(Op.REMOVED, removed.get(r), null));
        }
        for (int r = k; r < added.size(); r++) {
            out.add(new Row(Op.ADDED, null, added.get(r)));
        }
        removed.clear();
        added.clear();
    }
}
