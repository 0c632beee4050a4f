package dev.sipscope.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadProfileTest {
    private static final long START = Scenario.DEFAULT_START.getEpochSecond() * 1_000_000_000L;

    /** Counts and checks frames without keeping them: the capture is never held in memory. */
    private static final class CheckingWriter implements FrameWriter {
        long frames;
        long last = Long.MIN_VALUE;
        long digest = 17;
        int sampled;

        @Override
        public void write(Frame f) {
            assertThat(f.timestampNanos()).isGreaterThanOrEqualTo(last);
            last = f.timestampNanos();
            frames++;
            digest = digest * 31 + f.timestampNanos() * 7 + f.capturedLength();
            if (frames % 997 == 0) { // spot-check headers and checksums on a sample of frames
                WireCheck.parse(frames, f);
                sampled++;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Keeps only totals. */
    private static final class Totals implements TruthSink {
        final Map<CallOutcome, Integer> outcomes = new EnumMap<>(CallOutcome.class);
        int calls;
        int registrations;
        long rtpCaptured;
        long lost;
        long duplicates;
        long reordered;
        long sent;
        final List<Integer> indexes = new ArrayList<>();

        @Override
        public void call(CallTruth truth) {
            calls++;
            indexes.add(truth.index());
            outcomes.merge(truth.outcome(), 1, Integer::sum);
            truth.streams().forEach(s -> {
                assertThat(s.arrivalsRecorded()).isFalse();
                assertThat(s.lost() + s.unique()).isEqualTo(s.expected());
                rtpCaptured += s.captured();
                lost += s.lost();
                duplicates += s.duplicates();
                reordered += s.reordered();
                sent += s.sent();
            });
        }

        @Override
        public void registration(RegistrationTruth truth) {
            registrations++;
        }

        @Override
        public void streams(StreamGroupTruth truth) {
        }
    }

    @Test
    void rtpHeavyProfileStreamsFiftyThousandPacketsWithFewCallsActive() throws Exception {
        LoadProfile.Settings s = LoadProfile.rtpHeavyDefaults().withCalls(40).withConcurrent(12).withTalkSeconds(15);
        CheckingWriter out = new CheckingWriter();
        Totals totals = new Totals();
        RunStats stats = ScenarioRunner.run(7, START, LoadProfile.rtpHeavy(7, s), out, totals);
        assertThat(stats.frames()).isEqualTo(out.frames).isGreaterThan(50_000);
        assertThat(out.sampled).isGreaterThan(50);
        assertThat(totals.calls).isEqualTo(40);
        assertThat(totals.outcomes).containsOnlyKeys(CallOutcome.ANSWERED);
        assertThat(stats.maxActiveItems()).isLessThan(40).isGreaterThan(3); // items come and go: bounded memory
        double lossRate = totals.lost / (double) totals.sent;
        assertThat(lossRate).isBetween(0.002, 0.03);
        assertThat(totals.duplicates).isPositive();
        assertThat(totals.reordered).isPositive();
        assertThat(totals.indexes).doesNotHaveDuplicates();

        // the same seed gives the same capture
        CheckingWriter again = new CheckingWriter();
        ScenarioRunner.run(7, START, LoadProfile.rtpHeavy(7, s), again, new Totals());
        assertThat(again.digest).isEqualTo(out.digest);
    }

    @Test
    void sipHeavyProfileMixesOutcomesAndRegistrations() throws Exception {
        LoadProfile.Settings s = LoadProfile.sipHeavyDefaults().withCalls(300).withConcurrent(40).withTalkSeconds(1);
        CheckingWriter out = new CheckingWriter();
        Totals totals = new Totals();
        ScenarioRunner.run(3, START, LoadProfile.sipHeavy(3, s), out, totals);
        assertThat(totals.calls).isEqualTo(300);
        assertThat(totals.registrations).isBetween(100, 200);
        assertThat(totals.outcomes.keySet()).contains(CallOutcome.ANSWERED, CallOutcome.REJECTED, CallOutcome.CANCELLED);
        assertThat(totals.outcomes.get(CallOutcome.ANSWERED)).isBetween(130, 210);
    }
}
