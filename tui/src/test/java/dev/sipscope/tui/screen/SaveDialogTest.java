package dev.sipscope.tui.screen;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.sipscope.tui.fixtures.ScreenHarness;
import dev.sipscope.tui.fixtures.UiFixtures;
import dev.sipscope.tui.model.FeedControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SaveDialogTest {

    private static void awaitSave(ScreenHarness h) throws InterruptedException {
        while (!h.ui.pollSaves()) {
            Thread.sleep(10);
        }
        h.render();
    }

    @Test
    void markedCallsAreSavedAsCsvAndTheFooterSaysSo(@TempDir Path dir) throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24, UiFixtures::standard, UiOptions.defaults().withSaveDir(dir),
                FeedControl.NONE)) {
            h.type(" ").press(KeyType.ArrowDown).type(" ");
            h.press(KeyType.F2);
            assertThat(h.text()).contains("(*) marked 2").contains("sipscope-marked-calls.csv");
            h.press(KeyType.Enter);
            assertThat(h.text()).contains("Saving 2 calls to");
            awaitSave(h);
            assertThat(h.text()).contains("Saved 2 calls as CSV to");
            assertThat(Files.readAllLines(dir.resolve("sipscope-marked-calls.csv"))).hasSize(3);
        }
    }

    @Test
    void theFileNameFollowsTheFormatAndAnExistingFileNeedsASecondEnter(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("flow.txt"), "old");
        try (ScreenHarness h = new ScreenHarness(100, 30, UiFixtures::standard, UiOptions.defaults().withSaveDir(dir),
                FeedControl.NONE)) {
            h.press(KeyType.F2).press(KeyType.Tab).press(KeyType.ArrowRight);
            assertThat(h.text()).contains("(*) text ladder").contains("sipscope-call-1.txt");
            h.press(KeyType.Tab);
            for (int i = 0; i < "sipscope-call-1.txt".length(); i++) {
                h.press(KeyType.Backspace);
            }
            h.type("flow.txt").press(KeyType.Enter);
            assertThat(h.text()).contains("The file exists: Enter again replaces it.");
            h.press(KeyType.Enter);
            awaitSave(h);
            assertThat(Files.readString(dir.resolve("flow.txt"))).contains("INVITE (SDP)").contains("Call 1  INVITE");
        }
    }

    @Test
    void packetFormatsNeedASourceThatKeepsPackets(@TempDir Path dir) throws IOException {
        try (ScreenHarness h = new ScreenHarness(100, 30, UiFixtures::standard, UiOptions.defaults().withSaveDir(dir),
                FeedControl.NONE)) {
            h.press(KeyType.F2).press(KeyType.Tab).press(KeyType.ArrowLeft, KeyType.ArrowLeft);
            assertThat(h.text()).contains("(*) pcap ");
            h.press(KeyType.Enter);
            assertThat(h.text()).contains("This source keeps no packets: choose CSV or text ladder.");
            h.press(new KeyStroke(KeyType.Escape));
            assertThat(h.text()).doesNotContain("Save calls");
        }
    }
}
