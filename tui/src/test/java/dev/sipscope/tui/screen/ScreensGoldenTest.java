package dev.sipscope.tui.screen;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.sipscope.tui.fixtures.Golden;
import dev.sipscope.tui.fixtures.ScreenHarness;
import dev.sipscope.tui.fixtures.UiFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

/**
 * Every screen rendered into Lanterna's virtual terminal at 80x24 and 160x48 from the fixture
 * calls, driven by keys, compared with golden screens (regenerate with
 * {@code -Dsipscope.golden.update=true}).
 */
class ScreensGoldenTest {

    private static void golden(String screen, int cols, int rows, ScreenHarness h) throws IOException {
        Golden.check(screen + "-" + cols + "x" + rows + ".txt", h.text());
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80,24", "160,48"})
    void callListShowsEveryCallWithStatusAndFooter(int cols, int rows) throws IOException {
        try (ScreenHarness h = new ScreenHarness(cols, rows, UiFixtures.standard())) {
            golden("call-list", cols, rows, h);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80,24", "160,48"})
    void liveCallListWithMarkedCallsAndCursorMoved(int cols, int rows) throws IOException {
        try (ScreenHarness h = new ScreenHarness(cols, rows, UiFixtures.live())) {
            h.press(new KeyStroke(' ', false, false)).press(KeyType.ArrowDown).press(new KeyStroke(' ', false, false));
            golden("call-list-live-marked", cols, rows, h);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80,24", "160,48"})
    void filterBarWhileTyping(int cols, int rows) throws IOException {
        try (ScreenHarness h = new ScreenHarness(cols, rows, UiFixtures.standard())) {
            h.press(KeyType.F3).type("code:4xx,5xx");
            golden("call-list-filtering", cols, rows, h);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80,24", "160,48"})
    void sortedByMosDescending(int cols, int rows) throws IOException {
        try (ScreenHarness h = new ScreenHarness(cols, rows, UiFixtures.standard())) {
            h.type("/mos>0").press(KeyType.Enter);
            h.type("<<z");
            golden("call-list-sorted-filtered", cols, rows, h);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80,24", "160,48"})
    void callFlowOfACompletedCall(int cols, int rows) throws IOException {
        try (ScreenHarness h = new ScreenHarness(cols, rows, UiFixtures.standard())) {
            h.press(KeyType.Enter).press(KeyType.ArrowDown).press(KeyType.ArrowDown).press(KeyType.ArrowDown);
            golden("call-flow", cols, rows, h);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80,24", "160,48"})
    void callFlowWithRetransmissionAndLinkedLeg(int cols, int rows) throws IOException {
        try (ScreenHarness h = new ScreenHarness(cols, rows, UiFixtures.standard())) {
            h.type(":4").press(KeyType.Enter).press(KeyType.Enter).press(KeyType.ArrowDown);
            golden("call-flow-b2bua", cols, rows, h);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80,24", "160,48"})
    void wholeMessage(int cols, int rows) throws IOException {
        try (ScreenHarness h = new ScreenHarness(cols, rows, UiFixtures.standard())) {
            h.press(KeyType.Enter).press(KeyType.Enter);
            golden("message", cols, rows, h);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80,24", "160,48"})
    void diffOfTwoMessages(int cols, int rows) throws IOException {
        try (ScreenHarness h = new ScreenHarness(cols, rows, UiFixtures.standard())) {
            h.press(KeyType.Enter).type(" ").press(KeyType.ArrowDown).press(KeyType.ArrowDown).press(KeyType.ArrowDown)
                    .type(" ");
            golden("diff", cols, rows, h);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80,24", "160,48"})
    void streamsWithQualityAndDiagnostics(int cols, int rows) throws IOException {
        try (ScreenHarness h = new ScreenHarness(cols, rows, UiFixtures.standard())) {
            h.type(":4").press(KeyType.Enter).type("s");
            golden("streams", cols, rows, h);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80,24", "160,48"})
    void helpOfTheCallList(int cols, int rows) throws IOException {
        try (ScreenHarness h = new ScreenHarness(cols, rows, UiFixtures.standard())) {
            h.press(KeyType.F1);
            golden("help", cols, rows, h);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80,24", "160,48"})
    void saveDialog(int cols, int rows) throws IOException {
        try (ScreenHarness h = new ScreenHarness(cols, rows, UiFixtures.standard())) {
            h.press(KeyType.F2);
            golden("save", cols, rows, h);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80,24", "160,48"})
    void quitPromptOfALiveCapture(int cols, int rows) throws IOException {
        try (ScreenHarness h = new ScreenHarness(cols, rows, UiFixtures.live())) {
            h.type("q");
            golden("quit", cols, rows, h);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80,24", "160,48"})
    void columnChooser(int cols, int rows) throws IOException {
        try (ScreenHarness h = new ScreenHarness(cols, rows, UiFixtures.standard())) {
            h.press(KeyType.F10);
            golden("columns", cols, rows, h);
        }
    }
}
