package dev.sipscope.tui.screen;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.tui.feed.CaptureFeed;
import dev.sipscope.tui.feed.FileSource;
import dev.sipscope.tui.feed.TableOptions;
import dev.sipscope.tui.fixtures.ScreenHarness;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.model.StreamRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streams screen on the real engine (correlator + quality): the lossy call of
 * samples/captures/calls-mixed.pcap (ivan → judy, 2 % bursty loss) draws its jitter and loss over time.
 */
class StreamsOnCaptureTest {

    private static FeedSnapshot load(String name) throws IOException {
        Path file = Path.of(System.getProperty("sipscope.root", "..")).resolve("samples/captures").resolve(name);
        try (CaptureFeed feed = new CaptureFeed(FileSource.open(List.of(file.toString())), DecoderConfig.DEFAULTS,
                TableOptions.DEFAULTS)) {
            feed.runToEnd();
            return feed.get();
        }
    }

    @Test
    void lossyCallHasSeriesWhoseLossAddsUpToItsStreamsLoss() throws IOException {
        FeedSnapshot s = load("calls-mixed.pcap");
        CallRow lossy = s.calls().stream().filter(r -> r.from().contains("ivan")).findFirst().orElseThrow();
        List<StreamRow> streams = s.detail(lossy.key()).streams();
        assertThat(streams).hasSize(2);
        for (StreamRow st : streams) {
            // About 5 s of audio in 1 s buckets.
            assertThat(st.seriesLength()).as(st.src()).isBetween(4, 7);
            assertThat(Arrays.stream(st.jitterSeriesMillis()).max().orElseThrow()).as(st.src()).isPositive();
            double worstLoss = Arrays.stream(st.lossSeriesPercent()).max().orElseThrow();
            if (st.lost() > 0) {
                assertThat(worstLoss).as(st.src()).isPositive();
            } else {
                assertThat(worstLoss).as(st.src()).isZero();
            }
        }
        assertThat(streams).anySatisfy(st -> assertThat(st.lost()).isPositive());
    }

    @Test
    void streamsScreenOfTheLossyCallDrawsSparklines() throws IOException {
        FeedSnapshot s = load("calls-mixed.pcap");
        try (ScreenHarness h = new ScreenHarness(120, 40, s)) {
            h.type("/from:ivan").press(KeyType.Enter).type("s");
            String screen = h.text();
            if (Boolean.getBoolean("sipscope.print")) {
                System.out.println(screen);
            }
            assertThat(screen).contains("Selected:").doesNotContain("No time series for this stream.");
            String jitter = line(screen, " Jitter  max");
            String loss = line(screen, " Loss    max");
            assertThat(jitter.substring(23).isBlank()).as(jitter).isFalse();
            assertThat(loss).as("the selected stream lost packets").doesNotContain("max    0.0 %");
            assertThat(loss.substring(23).isBlank()).as(loss).isFalse();
            // bursty loss: some seconds lost nothing, so the loss line is not one flat bar
            assertThat(loss.substring(23).strip()).as(loss).contains(" ");
        }
    }

    private static String line(String screen, String prefix) {
        return screen.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting '" + prefix + "' in\n" + screen));
    }
}
