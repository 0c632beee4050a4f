package dev.sipscope.tui.view;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CanvasTest {

    @Test
    void regionsClipOnEverySide() {
        GridCanvas g = new GridCanvas(20, 5);
        Canvas r = g.region(5, 1, 6, 2);
        assertThat(r.width()).isEqualTo(6);
        r.put(-2, 0, "abcdefghij", Style.NORMAL);
        r.put(3, 1, "xyz123", Style.NORMAL);
        r.put(0, 2, "never", Style.NORMAL);
        r.put(0, -1, "never", Style.NORMAL);
        r.fill(-3, 1, 5, '=', Style.NORMAL);
        assertThat(g.line(0)).isEmpty();
        assertThat(g.line(1)).isEqualTo("     cdefgh");
        assertThat(g.line(2)).isEqualTo("     == xyz");
        assertThat(g.line(3)).isEmpty();
    }

    @Test
    void regionsCanNotGrowPastTheirParent() {
        GridCanvas g = new GridCanvas(10, 3);
        Canvas r = g.region(8, 2, 50, 50);
        assertThat(r.width()).isEqualTo(2);
        assertThat(r.height()).isEqualTo(1);
        r.put(0, 0, "abc", Style.NORMAL);
        assertThat(g.line(2)).isEqualTo("        ab");
    }

    @Test
    void wideCharactersTakeTwoCellsAndControlsArriveEscaped() {
        GridCanvas g = new GridCanvas(10, 2);
        int end = g.put(0, 0, "\u4e2d\u6587x", Style.NORMAL);
        assertThat(end).isEqualTo(5);
        g.put(0, 1, "\u001b[2J", Style.NORMAL);
        assertThat(g.text()).isEqualTo("\u4e2d\u6587x\n\\x1b[2J\n");
    }
}
