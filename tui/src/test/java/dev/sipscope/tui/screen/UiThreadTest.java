package dev.sipscope.tui.screen;

import com.googlecode.lanterna.input.KeyType;
import dev.sipscope.tui.fixtures.ScreenHarness;
import dev.sipscope.tui.fixtures.UiFixtures;
import dev.sipscope.tui.model.CallDetail;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.CallState;
import dev.sipscope.tui.model.FeedControl;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.model.MessageRow;
import dev.sipscope.tui.model.MessageText;
import dev.sipscope.tui.model.UiSnapshot;
import dev.sipscope.tui.model.ViewWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The UI thread draws and handles keys; filtering and sorting over the calls happen on the view thread. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UiThreadTest {

    @Test
    void aFilterOverHeadersOfAHundredThousandCallsRunsOnTheViewThreadNotTheUiThread() throws Exception {
        Set<String> searchingThreads = ConcurrentHashMap.newKeySet();
        List<CallRow> rows = new ArrayList<>();
        for (int i = 1; i <= 100_000; i++) {
            rows.add(new CallRow(i, UiFixtures.T0 + i, "INVITE", "u" + i + "@a", "v" + i + "@b", "cid-" + i,
                    "10.0.0.1:5060", "10.0.0.2:5060", CallState.COMPLETED, 200, 1, 0, Double.NaN, 0));
        }
        FeedSnapshot feed = new FeedSnapshot(1, UiFixtures.standard().status(), List.copyOf(rows), key -> {
            MessageText text = new MessageText() {
                @Override
                public String load() {
                    return "INVITE sip:x SIP/2.0\r\nX-Tenant: t" + key + "\r\n\r\n";
                }

                @Override
                public boolean containsIgnoreCase(String needle) {
                    searchingThreads.add(Thread.currentThread().getName());
                    return MessageText.super.containsIgnoreCase(needle);
                }
            };
            return new CallDetail(key, List.of(new MessageRow(key, UiFixtures.T0 + key, "10.0.0.1:5060", "10.0.0.2:5060",
                    "UDP", "INVITE sip:x SIP/2.0", true, "INVITE", 0, false, false, text)), null, null, null);
        });
        try (ScreenHarness h = new ScreenHarness(80, 24, () -> feed, UiOptions.defaults(), FeedControl.NONE)) {
            h.worker.start();
            h.press(KeyType.End).press(KeyType.PageUp).press(KeyType.Home);
            h.type("/t77777").press(KeyType.Enter);
            assertThat(Thread.currentThread().getName()).isNotEqualTo(ViewWorker.THREAD_NAME);
            UiSnapshot s;
            do {
                Thread.sleep(10);
                s = h.worker.latest();
            } while (!s.spec().query().text().equals("t77777"));
            h.render();
            assertThat(s.size()).isEqualTo(1);
            assertThat(h.text()).contains("Shown 1/100,000").contains("u77777@a");
            assertThat(searchingThreads).containsOnly(ViewWorker.THREAD_NAME);
        }
    }
}
