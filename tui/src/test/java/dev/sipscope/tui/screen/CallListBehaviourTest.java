package dev.sipscope.tui.screen;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.sipscope.tui.fixtures.ScreenHarness;
import dev.sipscope.tui.fixtures.UiFixtures;
import dev.sipscope.tui.model.CallDetail;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.CallState;
import dev.sipscope.tui.model.FeedControl;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.model.SourceKind;
import dev.sipscope.tui.model.StatusCounters;
import dev.sipscope.tui.view.Theme;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CallListBehaviourTest {

    private static KeyStroke ch(char c) {
        return new KeyStroke(c, false, false);
    }

    /** {@code n} live calls with keys 1..n. */
    private static FeedSnapshot live(int n, long version) {
        List<CallRow> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(new CallRow(i, UiFixtures.T0 + i * 1_000_000_000L, "INVITE", "user" + i + "@a.example",
                    "dest" + i + "@b.example", "cid-" + i, "10.0.0.1:5060", "10.0.0.2:5060", CallState.IN_CALL, 200, 5,
                    2_000_000_000L, Double.NaN, 0));
        }
        StatusCounters st = new StatusCounters("eth0", SourceKind.LIVE, "", n * 10L, 0, 0, n, n * 5L, 1L << 20, 1L << 30,
                -1, false, null);
        return new FeedSnapshot(version, st, List.copyOf(rows), k -> CallDetail.empty(k));
    }

    /** The row of the screen showing call {@code key} (the Idx column), or -1. */
    private static int screenRowOf(ScreenHarness h, long key) {
        String[] lines = h.text().split("\n");
        for (int y = 4; y < lines.length - 1; y++) {
            String[] cells = lines[y].trim().split(" +");
            if (cells.length > 0 && cells[0].equals(Long.toString(key))) {
                return y;
            }
        }
        return -1;
    }

    private static boolean cursorOn(ScreenHarness h, int y) {
        // the cursor line is drawn in the CURSOR style: black on cyan in the colour theme
        TextCharacter c = h.cell(3, y);
        return c.getBackgroundColor() == TextColor.ANSI.CYAN && y > 3;
    }

    @Test
    void theCursorStaysOnItsCallWhileNewCallsArriveAndSortMovesIt() throws IOException {
        AtomicReference<FeedSnapshot> feed = new AtomicReference<>(live(200, 1));
        try (ScreenHarness h = new ScreenHarness(80, 24, feed::get, UiOptions.defaults(), FeedControl.NONE)) {
            h.type(":100").press(KeyType.Enter).press(KeyType.ArrowUp, KeyType.ArrowUp);
            int y = screenRowOf(h, 98);
            assertThat(cursorOn(h, y)).isTrue();
            h.type("z"); // newest first: call 98 moves to another place in the list
            assertThat(h.text()).contains("Sort Idx desc");
            int y2 = screenRowOf(h, 98);
            assertThat(y2).as("the cursor kept its screen row").isEqualTo(y);
            assertThat(cursorOn(h, y2)).isTrue();
            feed.set(live(260, 2)); // sixty new calls arrive on top
            h.render();
            int y3 = screenRowOf(h, 98);
            assertThat(y3).isEqualTo(y);
            assertThat(cursorOn(h, y3)).isTrue();
            assertThat(h.text()).contains("Shown 260/260");
        }
    }

    @Test
    void endFollowsTheNewestCallAsTheyArrive() throws IOException {
        AtomicReference<FeedSnapshot> feed = new AtomicReference<>(live(30, 1));
        try (ScreenHarness h = new ScreenHarness(80, 24, feed::get, UiOptions.defaults(), FeedControl.NONE)) {
            h.press(KeyType.End);
            assertThat(cursorOn(h, screenRowOf(h, 30))).isTrue();
            feed.set(live(45, 2));
            h.render();
            assertThat(screenRowOf(h, 45)).isEqualTo(22);
            assertThat(cursorOn(h, 22)).isTrue();
            h.press(KeyType.ArrowUp);
            feed.set(live(50, 3));
            h.render();
            assertThat(cursorOn(h, screenRowOf(h, 44))).as("moving up stops following").isTrue();
        }
    }

    @Test
    void pagingAndJumpingReachEveryCall() throws IOException {
        try (ScreenHarness h = new ScreenHarness(80, 24, live(100_000, 1))) {
            h.press(KeyType.End);
            assertThat(screenRowOf(h, 100_000)).isEqualTo(22);
            h.press(KeyType.PageUp);
            assertThat(cursorOn(h, screenRowOf(h, 100_000 - 19))).isTrue();
            h.press(KeyType.Home);
            assertThat(screenRowOf(h, 1)).isEqualTo(4);
            h.type(":54321").press(KeyType.Enter);
            assertThat(cursorOn(h, screenRowOf(h, 54321))).isTrue();
            h.type(":999999").press(KeyType.Enter);
            assertThat(h.text()).contains("Call 999999 is not in the list.");
        }
    }

    @Test
    void aFilterThatHidesTheCursorCallKeepsTheCursorInTheList() throws IOException {
        try (ScreenHarness h = new ScreenHarness(80, 24, UiFixtures.standard())) {
            h.press(KeyType.ArrowDown, KeyType.ArrowDown, KeyType.ArrowDown, KeyType.ArrowDown, KeyType.ArrowDown);
            h.type("/state:busy").press(KeyType.Enter);
            assertThat(h.text()).contains("Shown 1/7");
            assertThat(cursorOn(h, screenRowOf(h, 2))).isTrue();
            h.press(KeyType.F3).press(new KeyStroke('u', true, false)).type("mos<").press(KeyType.Enter);
            // typing applies each prefix that parses ("m", "mo", "mos" as free text); "mos<" does not
            assertThat(h.text()).contains("Filter not applied: mos needs a number").contains("Filter: mos ");
        }
    }

    @Test
    void escapeWhileEditingRestoresTheFilterBefore() throws IOException {
        try (ScreenHarness h = new ScreenHarness(80, 24, UiFixtures.standard())) {
            h.type("/code:5xx").press(KeyType.Enter);
            assertThat(h.text()).contains("Shown 1/7");
            h.type("/").press(KeyType.Backspace, KeyType.Backspace, KeyType.Backspace).type("4xx");
            assertThat(h.text()).contains("Shown 2/7");
            h.press(KeyType.Escape);
            assertThat(h.text()).contains("Shown 1/7").contains("Filter: code:5xx");
        }
    }

    @Test
    void qQuitsAFileAtOnceButAsksForALiveCaptureWithUnsavedCalls() throws IOException {
        try (ScreenHarness h = new ScreenHarness(80, 24, UiFixtures.standard())) {
            h.type("q");
            assertThat(h.ui.isQuit()).isTrue();
        }
        try (ScreenHarness h = new ScreenHarness(80, 24, UiFixtures.live())) {
            h.type("q");
            assertThat(h.ui.isQuit()).isFalse();
            assertThat(h.text()).contains("7 calls captured live will be lost");
            h.type("n");
            assertThat(h.ui.isQuit()).isFalse();
            assertThat(h.text()).doesNotContain("will be lost");
            h.type("q").type("y");
            assertThat(h.ui.isQuit()).isTrue();
        }
        try (ScreenHarness h = new ScreenHarness(80, 24, UiFixtures.live())) {
            h.press(new KeyStroke('c', true, false));
            assertThat(h.ui.isQuit()).as("Ctrl-C quits at once").isTrue();
        }
    }

    @Test
    void escOnEveryScreenGoesBackOneScreen() throws IOException {
        try (ScreenHarness h = new ScreenHarness(80, 24, UiFixtures.standard())) {
            h.press(KeyType.Enter);
            assertThat(h.text()).startsWith(" Call flow of call 1");
            h.press(KeyType.Enter);
            assertThat(h.text()).startsWith(" Message 1 of 7");
            h.type("n");
            assertThat(h.text()).startsWith(" Message 2 of 7").contains("SIP/2.0 100 Trying");
            h.press(KeyType.F1);
            assertThat(h.text()).startsWith(" Help: Message");
            h.press(KeyType.Escape);
            assertThat(h.text()).startsWith(" Message 2 of 7");
            h.press(KeyType.Escape);
            assertThat(h.text()).startsWith(" Call flow of call 1");
            h.type("s");
            assertThat(h.text()).startsWith(" RTP streams of call 1");
            h.press(KeyType.Escape, KeyType.Escape);
            assertThat(h.text()).startsWith(" Call list");
            assertThat(h.ui.isQuit()).isFalse();
        }
    }

    @Test
    void markedCallsOpenTogetherInOneLadder() throws IOException {
        try (ScreenHarness h = new ScreenHarness(120, 40, UiFixtures.standard())) {
            h.type(" ").press(KeyType.ArrowDown).type(" ");
            assertThat(h.text()).contains("Marked 2");
            h.press(KeyType.Enter);
            assertThat(h.text()).startsWith(" Call flow of calls 1, 3").contains("[1] INVITE (SDP)")
                    .contains("[3] CANCEL");
        }
    }

    @Test
    void textFromTheWireNeverPutsAnEscapeCharacterOnTheTerminal() throws IOException {
        try (ScreenHarness h = new ScreenHarness(160, 48, UiFixtures.standard())) {
            assertNoControlCells(h);
            h.type(":6").press(KeyType.Enter).press(KeyType.Enter);
            assertThat(h.text()).contains("\\x1b[31mEvil");
            assertNoControlCells(h);
            h.press(KeyType.Enter);
            assertNoControlCells(h);
        }
    }

    private static void assertNoControlCells(ScreenHarness h) {
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 160; x++) {
                String s = h.cell(x, y).getCharacterString();
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    assertThat(c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e))
                            .as("control U+%04x at %d,%d", (int) c, x, y).isFalse();
                }
            }
        }
    }

    @Test
    void theScreenFollowsResizesAndSaysWhenItIsTooSmall() throws IOException {
        try (ScreenHarness h = new ScreenHarness(160, 48, UiFixtures.standard())) {
            assertThat(h.text()).contains("Caller");
            h.resize(80, 24);
            assertThat(h.text().split("\n")).hasSize(24);
            assertThat(h.text()).doesNotContain("Caller").contains("q Quit");
            h.resize(30, 8);
            assertThat(h.text()).startsWith("Terminal too small");
            h.resize(100, 30);
            assertThat(h.text()).startsWith(" Call list");
        }
    }

    @Test
    void monochromeUsesNoColourOnlyAttributes() throws IOException {
        try (ScreenHarness h = new ScreenHarness(80, 24, UiFixtures::standard, UiOptions.defaults().withTheme(Theme.monochrome()),
                FeedControl.NONE)) {
            for (int y = 0; y < 24; y++) {
                for (int x = 0; x < 80; x++) {
                    TextCharacter c = h.cell(x, y);
                    assertThat(c.getForegroundColor()).isEqualTo(TextColor.ANSI.DEFAULT);
                    assertThat(c.getBackgroundColor()).isEqualTo(TextColor.ANSI.DEFAULT);
                }
            }
            assertThat(h.cell(3, 4).getModifiers()).contains(SGR.REVERSE);
        }
    }

    @Test
    void columnsChosenOnTheColumnScreenApplyAtOnce() throws IOException {
        try (ScreenHarness h = new ScreenHarness(80, 24, UiFixtures.standard())) {
            h.press(KeyType.F10);
            h.press(KeyType.ArrowDown, KeyType.ArrowDown).type(" "); // hide Method
            h.press(KeyType.Escape);
            assertThat(h.text()).doesNotContain("Method").doesNotContain("REGISTER");
            assertThat(h.ui.callColumns()).doesNotContain(dev.sipscope.tui.model.Column.METHOD);
        }
    }
}
