package dev.sipscope.tui.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.quality.QualityConfig;
import dev.sipscope.quality.QualityCounters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's warnings when a limit of the RTP analysis left media out. */
class MediaWarningsTest {
    private static QualityCounters counters(long streamsRefused, long packetsDropped, long endpointsRefused,
                                            int retired) {
        return counters(streamsRefused, packetsDropped, endpointsRefused, retired, 0);
    }

    private static QualityCounters counters(long streamsRefused, long packetsDropped, long endpointsRefused,
                                            int retired, long retiredDropped) {
        return new QualityCounters(1_000_000, 900_000, 0, 0, 0, 0, 0, 20_000, 40_000, streamsRefused, packetsDropped,
                0, 0, 0, 100, endpointsRefused, retired, retiredDropped);
    }

    @Test
    void batchAnalysisRetiresQuietStreamsAndKeepsTwoSummariesPerCall() {
        java.io.StringWriter err = new java.io.StringWriter();
        BatchInput.Result r = new BatchInput().run(List.of(AnalyzeCommandTest.sampleCaptures().resolve("calls-mixed.pcap").toString()),
                dev.sipscope.correlator.call.CorrelatorConfig.DEFAULTS.withMaxCalls(1_234), new java.io.PrintWriter(err));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.quality().retireIdleNanos()).isEqualTo(dev.sipscope.quality.QualityEngine.QUIET_STREAM_NANOS);
        assertThat(r.quality().maxRetired()).isEqualTo(2_468);
        assertThat(r.summary().warnings()).isEmpty();
    }

    @Test
    void noLimitReachedNoWarning() {
        assertThat(BatchInput.mediaWarnings(counters(0, 0, 0, 25_000), QualityConfig.DEFAULTS, 0, 1 << 20, true)).isEmpty();
    }

    @Test
    void withoutAMaxCallsOptionTheAdviceDoesNotNameIt() {
        assertThat(BatchInput.mediaWarnings(counters(0, 0, 0, 0, 9), QualityConfig.DEFAULTS, 3, 1 << 20, false))
                .hasSize(2).noneMatch(w -> w.contains("--max-calls"));
    }

    @Test
    void endpointsTheRegistryRefusedAreASentence() {
        assertThat(BatchInput.mediaWarnings(counters(0, 0, 0, 0), QualityConfig.DEFAULTS, 12_345, 1 << 20, true)).containsExactly(
                "12,345 SDP media endpoints were not bound to their calls: more than 1,048,576 were held at once"
                        + " (calls that never ended keep theirs; lower --max-calls)");
    }

    @Test
    void refusedStreamsAndEndpointsAreEachASentenceWithTheirCounts() {
        assertThat(BatchInput.mediaWarnings(counters(1_234, 56_789, 0, 0), QualityConfig.DEFAULTS, 0, 1 << 20, true)).containsExactly(
                "1,234 RTP streams (56,789 packets) were not analysed: more than 20,000 streams were active at once"
                        + " (a stream ends after 30 s without a packet)");
        assertThat(BatchInput.mediaWarnings(counters(0, 0, 7, 0), QualityConfig.DEFAULTS, 0, 1 << 20, true)).containsExactly(
                "7 SDP media endpoints were not given to the RTP analysis: more than 40,000 were announced at once;"
                        + " streams to them were found by the RTP heuristic or not at all");
        assertThat(BatchInput.mediaWarnings(counters(0, 0, 0, 500_000, 4_321), QualityConfig.DEFAULTS, 0, 1 << 20, true)).containsExactly(
                "4,321 RTP streams that ended early in the capture were left out of the report to bound memory (two per"
                        + " call kept; raise --max-calls)");
        assertThat(BatchInput.retainedStreams(dev.sipscope.correlator.call.CorrelatorConfig.DEFAULTS.withMaxCalls(250_000)))
                .isEqualTo(500_000);
        assertThat(BatchInput.mediaWarnings(counters(1, 2, 3, 0), QualityConfig.DEFAULTS.withLimits(10, 8), 0, 1 << 20, true))
                .hasSize(2).satisfiesExactly(w -> assertThat(w).contains("more than 10 streams"), w -> assertThat(w).contains("more than 20 were"));
    }
}
