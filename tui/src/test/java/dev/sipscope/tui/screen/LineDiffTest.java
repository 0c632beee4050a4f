package dev.sipscope.tui.screen;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineDiffTest {

    @Test
    void equalRunsPairUpAndReplacedLinesShowAsChanged() {
        List<LineDiff.Row> rows = LineDiff.rows(List.of("a", "b", "c", "d"), List.of("a", "B", "c", "d", "e"));
        assertThat(rows).extracting(LineDiff.Row::op).containsExactly(LineDiff.Op.SAME, LineDiff.Op.CHANGED,
                LineDiff.Op.SAME, LineDiff.Op.SAME, LineDiff.Op.ADDED);
        assertThat(rows.get(1).left()).isEqualTo("b");
        assertThat(rows.get(1).right()).isEqualTo("B");
        assertThat(rows.get(4).left()).isNull();
    }

    @Test
    void removedLinesStandAloneOnTheLeft() {
        List<LineDiff.Row> rows = LineDiff.rows(List.of("x", "y", "z"), List.of("x", "z"));
        assertThat(rows).extracting(LineDiff.Row::op).containsExactly(LineDiff.Op.SAME, LineDiff.Op.REMOVED,
                LineDiff.Op.SAME);
    }

    @Test
    void bothSidesAreAlwaysRebuiltFromTheRows() {
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 200; round++) {
            List<String> a = new ArrayList<>();
            List<String> b = new ArrayList<>();
            for (int i = random.nextInt(12); i > 0; i--) {
                a.add("l" + random.nextInt(5));
            }
            for (int i = random.nextInt(12); i > 0; i--) {
                b.add("l" + random.nextInt(5));
            }
            List<String> left = new ArrayList<>();
            List<String> right = new ArrayList<>();
            for (LineDiff.Row r : LineDiff.rows(a, b)) {
                if (r.left() != null) {
                    left.add(r.left());
                }
                if (r.right() != null) {
                    right.add(r.right());
                }
                if (r.op() == LineDiff.Op.SAME) {
                    assertThat(r.left()).isEqualTo(r.right());
                }
            }
            assertThat(left).isEqualTo(a);
            assertThat(right).isEqualTo(b);
        }
    }

    @Test
    void veryLongInputsAreComparedLineByLine() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < LineDiff.MAX_LINES + 1; i++) {
            a.add("x" + i);
            b.add(i == 7 ? "changed" : "x" + i);
        }
        List<LineDiff.Row> rows = LineDiff.rows(a, b);
        assertThat(rows).hasSize(a.size());
        assertThat(rows.get(7).op()).isEqualTo(LineDiff.Op.CHANGED);
    }
}
