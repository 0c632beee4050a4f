package dev.sipscope.tui.view;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SafeTextTest {

    @Test
    void escapeSequencesAndControlsBecomeVisibleText() {
        assertThat(SafeText.cells("\u001b[31mred\u0007")).isEqualTo("\\x1b[31mred\\x07");
        assertThat(SafeText.cells("a\u009bb\u007fc")).isEqualTo("a\\x9bb\\x7fc");
        assertThat(SafeText.cells("evil\u202eexe.txt")).isEqualTo("evil\\u202eexe.txt");
        assertThat(SafeText.cells("tab\there")).isEqualTo("tab\\x09here");
        assertThat(SafeText.cells(null)).isEmpty();
    }

    @Test
    void charactersOfUnpredictableWidthAreReplaced() {
        assertThat(SafeText.cells("smile \uD83D\uDE00!")).isEqualTo("smile \uFFFD!");
        assertThat(SafeText.cells("lone \uD83D x")).isEqualTo("lone \uFFFD x");
        assertThat(SafeText.cells("e\u0301")).isEqualTo("e\\u0301");
        assertThat(SafeText.cells("zero\u200bwidth")).isEqualTo("zero\\u200bwidth");
        assertThat(SafeText.cells("caf\u00e9 \u4e2d\u6587")).isEqualTo("caf\u00e9 \u4e2d\u6587");
    }

    @Test
    void widthCountsEastAsianWideCharactersTwiceAndClipNeverSplitsThem() {
        String s = "ab\u4e2d\u6587c";
        assertThat(SafeText.width(s)).isEqualTo(7);
        assertThat(SafeText.clip(s, 3)).isEqualTo("ab");
        assertThat(SafeText.clip(s, 4)).isEqualTo("ab\u4e2d");
        assertThat(SafeText.pad(s, 3, false)).isEqualTo("ab ");
        assertThat(SafeText.pad("7", 3, true)).isEqualTo("  7");
        assertThat(SafeText.clip(s, 0)).isEmpty();
    }

    @Test
    void tabsExpandToEightColumnStops() {
        assertThat(SafeText.expandTabs("a\tb")).isEqualTo("a       b");
        assertThat(SafeText.expandTabs("12345678\tx")).isEqualTo("12345678        x");
    }

    @RepeatedTest(20)
    void randomTextNeverLeavesAControlOrSurrogateInACell(RepetitionInfo info) {
        Random random = new Random(0x5AFE_0000L + info.getCurrentRepetition());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            int pick = random.nextInt(10);
            b.append(pick < 3 ? (char) random.nextInt(0x100) : pick < 6 ? (char) random.nextInt(0x10000)
                    : (char) (0x20 + random.nextInt(0x5f)));
        }
        String safe = SafeText.cells(b.toString());
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            assertThat(c < 0x20 || (c >= 0x7f && c < 0xa0)).as("control U+%04x at %d", (int) c, i).isFalse();
            assertThat(Character.isSurrogate(c)).as("surrogate at %d", i).isFalse();
            int type = Character.getType(c);
            assertThat(type == Character.NON_SPACING_MARK || type == Character.FORMAT).as("zero-width U+%04x", (int) c)
                    .isFalse();
        }
        assertThat(SafeText.cells(safe)).as("idempotent").isEqualTo(safe);
    }
}
