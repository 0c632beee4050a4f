package dev.sipscope.tui.feed;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameWriter;
import dev.sipscope.correlator.EngineConfig;
import dev.sipscope.correlator.call.CorrelatorConfig;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.quality.QualityConfig;
import dev.sipscope.quality.QualityCounters;
import dev.sipscope.samples.CallTruth;
import dev.sipscope.samples.LoadProfile;
import dev.sipscope.samples.RegistrationTruth;
import dev.sipscope.samples.ScenarioRunner;
import dev.sipscope.samples.StreamGroupTruth;
import dev.sipscope.samples.TruthSink;
import dev.sipscope.tui.model.CallDetail;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.model.SourceKind;
import dev.sipscope.tui.model.StatusCounters;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live view's engine over a long run of churning calls with RTP (the samples' RTP-heavy load,
 * as a live capture would deliver it, publishing as the UI does), with small bounds: 100 calls, 128
 * RTP streams (endpoints: twice that), streams idle for 5 s expired. Calls are evicted and counted, the published table never exceeds the call bound,
 * idle streams leave the quality engine's table so that new calls' streams are still analysed at
 * the end (none refused), and a call whose streams were expired still shows them.
 */
class LiveFeedSoakTest {
    static final int MAX_CALLS = 100;
    /** Room for the streams of about 20 s of calls at this rate (idle 5 s, checked every 10 s). */
    static final int MAX_STREAMS = 128;

    @Test
    void hoursOfChurningCallsKeepTheTablesBoundedAndTheStreamsAnalysed() throws IOException {
        soak(5_000_000_000L, MAX_STREAMS);
    }

    /**
     * Streams never idle long enough for the periodic expiry (an hour), a table with room for the streams of
     * the last 30 s or so: at the limit the quiet ones make room at once, so again none is refused.
     */
    @Test
    void atTheStreamLimitQuietStreamsMakeRoomBeforeTheExpiry() throws IOException {
        soak(3_600_000_000_000L, 2 * MAX_STREAMS);
    }

    /**
     * sngrep's {@code -l 40 -R}: the view shows the newest 40 calls while the correlator still holds 100; the
     * calls rotated out let go of what was built to show them.
     */
    @Test
    void callsRotatedOutOfTheViewLetGoOfTheirMessages() throws IOException {
        CorrelatorFeedEngine feed = soak(5_000_000_000L, MAX_STREAMS, new TableOptions(false, null, false, 40, true, 32));
        assertThat(feed.calls()).isEqualTo(40);
    }

    private static void soak(long streamIdleNanos, int maxStreams) throws IOException {
        soak(streamIdleNanos, maxStreams, TableOptions.DEFAULTS);
    }

    private static CorrelatorFeedEngine soak(long streamIdleNanos, int maxStreams, TableOptions options) throws IOException {
        CorrelatorFeedEngine feed = new CorrelatorFeedEngine(options, false,
                EngineConfig.DEFAULTS.withCorrelator(CorrelatorConfig.DEFAULTS.withMaxCalls(MAX_CALLS)),
                QualityConfig.DEFAULTS.withLimits(maxStreams, 32), streamIdleNanos);
        PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, feed);
        int calls = 600;
        long[] frames = {0};
        FeedSnapshot[] last = {null};
        int[] maxRows = {0};
        FrameWriter live = new FrameWriter() {
            @Override
            public void write(Frame f) {
                feed.beforeFrame(frames[0]++, f);
                decoder.decode(f);
                feed.afterFrame();
                if (frames[0] % 20_000 == 0) {
                    last[0] = publish(feed, frames[0], false);
                    maxRows[0] = Math.max(maxRows[0], last[0].calls().size());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        ScenarioRunner.run(41, 1_768_471_200_000_000_000L, LoadProfile.rtpHeavy(41,
                LoadProfile.rtpHeavyDefaults().withCalls(calls).withConcurrent(12).withTalkSeconds(6)), live, NO_TRUTH);
        decoder.finish();
        FeedSnapshot end = publish(feed, frames[0], true);

        QualityCounters q = feed.quality().counters();
        System.out.println("live soak: " + frames[0] + " frames, " + q + ", expired " + feed.streamsExpired() + ", evicted " + feed.engine().snapshot().callsEvicted());
        assertThat(maxRows[0]).as("published calls").isLessThanOrEqualTo(MAX_CALLS);
        assertThat(feed.calls()).isLessThanOrEqualTo(MAX_CALLS);
        // every call ever kept was once in the rotation queue: evicted ones must not stay reachable from it
        assertThat(feed.legsHeld()).as("calls the view still holds").isLessThanOrEqualTo(3 * MAX_CALLS + 64);
        assertThat(feed.droppedLegsHoldingState()).as("calls no longer shown holding their messages").isZero();
        assertThat(feed.engine().snapshot().callsEvicted()).as("evicted and counted").isGreaterThan(calls - MAX_CALLS - 50L);
        assertThat(q.streams()).isLessThanOrEqualTo(maxStreams);
        assertThat(q.endpointsRefused()).as("endpoints of ended calls withdrawn, none refused").isZero();
        assertThat(feed.streamsExpired()).as("idle streams expired").isGreaterThan(2L * maxStreams);
        assertThat(q.streamsRefused()).as("no stream refused for want of room").isZero();
        assertThat(q.streamsCreated()).as("every call's two streams analysed").isGreaterThanOrEqualTo(2L * calls - 20);
        int withStreams = 0;
        for (CallRow row : end.calls()) {
            CallDetail d = end.details().apply(row.key());
            if (d != null && !d.streams().isEmpty() && d.streams().get(0).packets() > 0) {
                withStreams++;
            }
        }
        assertThat(withStreams).as("kept calls still showing their (expired) streams")
                .isGreaterThan(Math.min(MAX_CALLS, options.callLimit() > 0 ? options.callLimit() : MAX_CALLS) / 2);
        return feed;
    }

    private static FeedSnapshot publish(CorrelatorFeedEngine feed, long frames, boolean finished) {
        return feed.publish(frames, new StatusCounters("soak", SourceKind.LIVE, "", frames, 0, 0, feed.calls(),
                feed.sipMessages(), 0, 0, Double.NaN, finished, null));
    }

    private static final TruthSink NO_TRUTH = new TruthSink() {
        @Override
        public void call(CallTruth call) {
        }

        @Override
        public void registration(RegistrationTruth registration) {
        }

        @Override
        public void streams(StreamGroupTruth group) {
        }
    };
}
