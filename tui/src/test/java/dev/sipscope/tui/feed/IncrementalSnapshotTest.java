package dev.sipscope.tui.feed;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.tui.model.CallDetail;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.model.MessageRow;
import dev.sipscope.tui.model.SourceKind;
import dev.sipscope.tui.model.StatusCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CorrelatorFeedEngine#publish} rebuilds only the calls that changed: a call whose summary and
 * streams did not change keeps its row and detail objects, a changed one gets new ones, and every
 * published row and detail equals what building all of them from scratch gives at that moment.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IncrementalSnapshotTest {

    private static StatusCounters status(boolean finished) {
        return new StatusCounters("test", SourceKind.FILE, "", 0, 0, 0, 0, 0, 0, 0, -1, finished, null);
    }

    /** Publishes every {@code every} frames (streams summarised at each publication) and checks each snapshot. */
    private static Totals replay(String capture, int every) throws IOException {
        return replay(capture, every, TableOptions.DEFAULTS);
    }

    private static Totals replay(String capture, int every, TableOptions options) throws IOException {
        CorrelatorFeedEngine engine = new CorrelatorFeedEngine(options, false, 0);
        PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, engine);
        Totals totals = new Totals();
        FeedSnapshot previous = engine.publish(0, status(false));
        long n = 0;
        try (FrameSource in = CaptureFiles.open(CaptureFeedTest.sample(capture))) {
            Frame f;
            while ((f = in.next()) != null) {
                engine.beforeFrame(n, f);
                decoder.decode(f);
                engine.afterFrame();
                if (++n % every == 0) {
                    FeedSnapshot now = engine.publish(n, status(false));
                    check(engine, previous, now, totals);
                    previous = now;
                }
            }
        }
        decoder.finish();
        FeedSnapshot last = engine.publish(n + 1, status(true));
        check(engine, previous, last, totals);
        // nothing happened since: the same rows, the same list
        FeedSnapshot again = engine.publish(n + 2, status(true));
        assertThat(again.calls()).isSameAs(last.calls());
        totals.calls = last.calls().size();
        return totals;
    }

    private static void check(CorrelatorFeedEngine engine, FeedSnapshot before, FeedSnapshot now, Totals totals) {
        List<CallRow> fullRows = new ArrayList<>();
        List<CallDetail> fullDetails = engine.rebuildAllForTest(fullRows);
        assertThat(now.calls()).as("rows as a full rebuild gives them").containsExactlyElementsOf(fullRows);
        for (int i = 0; i < fullRows.size(); i++) {
            CallDetail d = now.detail(fullRows.get(i).key());
            CallDetail full = fullDetails.get(i);
            assertThat(d.streams()).isEqualTo(full.streams());
            assertThat(d.diagnostics()).isEqualTo(full.diagnostics());
            assertThat(d.diagnosticCodes()).isEqualTo(full.diagnosticCodes());
            assertThat(d.linkedKeys()).isEqualTo(full.linkedKeys());
            assertThat(d.messages()).extracting(MessageRow::firstLine)
                    .containsExactlyElementsOf(full.messages().stream().map(MessageRow::firstLine).toList());
            assertThat(d.messages()).extracting(MessageRow::tsNanos)
                    .containsExactlyElementsOf(full.messages().stream().map(MessageRow::tsNanos).toList());
        }
        Map<Long, CallRow> earlier = new HashMap<>();
        for (CallRow r : before.calls()) {
            earlier.put(r.key(), r);
        }
        for (CallRow r : now.calls()) {
            CallRow old = earlier.get(r.key());
            if (old == null) {
                totals.added++;
            } else if (old == r) {
                totals.kept++;
                assertThat(now.detail(r.key())).as("an unchanged call keeps its detail").isSameAs(before.detail(r.key()));
            } else {
                totals.rebuilt++;
                assertThat(now.detail(r.key())).as("a rebuilt call has a new detail").isNotSameAs(before.detail(r.key()));
            }
        }
    }

    private static final class Totals {
        int calls;
        int added;
        int kept;
        int rebuilt;
    }

    @Test
    void unchangedCallsKeepTheirRowsAndChangedOnesEqualAFullRebuild() throws IOException {
        Totals t = replay("calls-mixed.pcap", 7);
        assertThat(t.calls).isEqualTo(13);
        assertThat(t.added).isEqualTo(13);
        assertThat(t.kept).as("publications where a call did not change").isPositive();
        assertThat(t.rebuilt).as("publications where a call changed").isPositive();
    }

    @Test
    void rtpFlowingOnAnAnsweredCallRebuildsOnlyWhatTheStreamsChange() throws IOException {
        Totals t = replay("call-udp-g711.pcap", 50);
        assertThat(t.calls).isEqualTo(1);
        assertThat(t.rebuilt).isPositive();
    }

    @Test
    void impairedStreamsAndLinkedLegsMatchAFullRebuildAtEveryPublication() throws IOException {
        for (String capture : List.of("call-prack-update.pcap", "call-retransmissions.pcap", "b2bua-sdp.pcap", "b2bua-xcallid.pcap", "call-transfer.pcap",
                "call-forked.pcap", "call-states.pcap")) {
            Totals t = replay(capture, 3);
            assertThat(t.calls).as(capture).isPositive();
        }
    }

    @Test
    void mediaCountersAloneDoNotRebuildACallTheDiagnosticsAlreadyJudged() throws IOException {
        // without stream refreshes, a call carrying RTP changes only in its media counters
        CorrelatorFeedEngine engine = new CorrelatorFeedEngine(TableOptions.DEFAULTS, false, Long.MAX_VALUE / 4);
        PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, engine);
        List<FeedSnapshot> snapshots = new ArrayList<>();
        long n = 0;
        try (FrameSource in = CaptureFiles.open(CaptureFeedTest.sample("call-udp-g711.pcap"))) {
            Frame f;
            while ((f = in.next()) != null) {
                engine.beforeFrame(n, f);
                decoder.decode(f);
                engine.afterFrame();
                if (++n % 20 == 0) {
                    FeedSnapshot s = engine.publish(n, status(false));
                    List<CallRow> full = new ArrayList<>();
                    engine.rebuildAllForTest(full);
                    assertThat(s.calls()).containsExactlyElementsOf(full);
                    snapshots.add(s);
                }
            }
        }
        int same = 0;
        for (int i = 1; i < snapshots.size(); i++) {
            if (!snapshots.get(i).calls().isEmpty() && !snapshots.get(i - 1).calls().isEmpty()
                    && snapshots.get(i).calls().get(0) == snapshots.get(i - 1).calls().get(0)) {
                same++;
            }
        }
        assertThat(same).as("publications that kept the call's row while RTP flowed").isPositive();
    }

    @Test
    void rotatingOutLinkedLegsRebuildsTheCallsThatListedThem() throws IOException {
        for (String capture : List.of("b2bua-sdp.pcap", "b2bua-xcallid.pcap", "calls-mixed.pcap")) {
            Totals t = replay(capture, 2, new TableOptions(false, null, false, 2, true, 32));
            assertThat(t.calls).as(capture).isBetween(1, 2);
        }
    }
}
