package dev.sipscope.quality.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sipscope.quality.Binding;
import dev.sipscope.quality.QualityConfig;
import dev.sipscope.quality.StreamSummaries;
import dev.sipscope.quality.StreamSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The captures QUALITY.md's reference scripts wrote ({@code spec/tools/*.pcap}) through the whole
 * pipeline: decoder, heuristic (no SDP, except dtmf.pcap), WS40 against what tshark 4.0.17 printed for
 * them ({@code -o rtp.heuristic_rtp:TRUE -d udp.port==40002,rtp -q -z rtp,streams}), and TV-E2E
 * (§12.8) with every figure of its table. Skips when the shared directory is absent.
 *
 * <p>The scripts wrote capture times as {@code 1700000000.0 + t} in binary floating point, so the
 * nanosecond stamps in these files are off by up to about 120 ns; jitter figures therefore agree with
 * the spec's exact values to about 1e-4 ms here (tshark's 3 printed decimals are met exactly). The exact
 * 1e-9 checks run on in-memory packets in {@code EngineVectorsTest}.
 */
class SpecCapturesTest {
    /** What the floating-point capture times of these files allow (see the class comment), ms. */
    private static final double CAPTURE_EPS = 1e-4;

    static Path tools() {
        Path dir = Paths.get(System.getProperty("sipscope.shared", "../shared"), "spec", "tools");
        assumeTrue(Files.isDirectory(dir), "spec tools not found at " + dir.toAbsolutePath() + "; skipping");
        return dir;
    }

    static StreamSummary only(String file, QualityConfig config) throws IOException {
        Path f = tools().resolve(file);
        assumeTrue(Files.isRegularFile(f), f + " missing");
        List<StreamSummary> s = CaptureRun.of(f, config).summaries();
        assertThat(s).as("streams in " + file).hasSize(1);
        return s.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file, pkts, lost, lost%, minD, meanD, maxD, minJ, meanJ, maxJ, problems, payload
            "S1_perfect.pcap, 50, 0, 0.0, 20.000, 20.000, 20.000, 0.000, 0.000, 0.000, false, g711U",
            "S2_jitter.pcap, 50, 0, 0.0, 10.703, 20.047, 28.119, 0.110, 2.464, 3.539, false, g711U",
            "S3_loss.pcap, 46, 4, 8.0, 20.000, 21.778, 80.000, 0.000, 0.000, 0.000, true, g711U",
            "S4_dup.pcap, 52, -2, -4.0, 1.000, 19.216, 20.000, 0.000, 0.071, 0.164, true, g711U",
            "S5_swap.pcap, 50, 0, 0.0, 20.000, 20.000, 20.000, 0.000, 1.501, 4.692, true, g711U",
            "S6_wrap.pcap, 50, 0, 0.0, 20.000, 20.000, 20.000, 0.000, 0.000, 0.000, false, g711U",
            "S7_marker_tsjump.pcap, 50, 0, 0.0, 20.000, 20.000, 20.000, 0.000, 15.067, 58.594, false, g711U",
            "S8_cn.pcap, 50, 0, 0.0, 20.000, 20.000, 20.000, 0.000, 0.000, 0.000, false, 'g711U, CN'",
            "S9_dynpt.pcap, 50, 0, 0.0, 20.000, 20.000, 20.000, -1.000, 0.000, 0.000, false, RTPType-96",
            "jv.pcap, 8, 0, 0.0, 1.000, 20.071, 42.000, 0.000, 1.466, 3.255, true, g711U",
            "fz.pcap, 243, 7, 2.8, 0.186, 20.575, 53.499, 0.357, 9.993, 17.194, true, 'g711U, CN'",
            "e2e.pcap, 245, 5, 2.0, 0.000, 20.410, 80.000, 0.000, 1.147, 11.835, true, g711U",
    })
    void ws40MatchesWhatTsharkPrinted(String file, long pkts, long lost, double lostPct, double minD, double meanD,
                                      double maxD, double minJ, double meanJ, double maxJ, boolean problems,
                                      String payload) throws IOException {
        StreamSummary s = only(file, QualityConfig.DEFAULTS);
        StreamSummaries.Ws40 w = s.ws40();
        assertThat(s.binding()).isEqualTo(Binding.HEURISTIC);
        assertThat(w.packets()).isEqualTo(pkts);
        assertThat(w.lost()).isEqualTo(lost);
        assertThat(s.lost()).isEqualTo(lost);
        assertThat(Math.round(w.lostPct() * 10) / 10.0).isEqualTo(lostPct);
        assertPrinted(w.minDeltaMs(), minD);
        assertPrinted(w.meanDeltaMs(), meanD);
        assertPrinted(w.maxDeltaMs(), maxD);
        assertPrinted(w.minJitterMs(), minJ);
        assertPrinted(w.meanJitterMs(), meanJ);
        assertPrinted(w.maxJitterMs(), maxJ);
        assertThat(w.problems()).isEqualTo(problems);
        assertThat(s.codec().payloadNames()).isEqualTo(payload);
    }

    private static void assertPrinted(double ours, double printed) {
        assertThat(String.format("%.3f", ours)).isEqualTo(String.format("%.3f", printed));
    }

    @Test
    void tvWsDtmfThroughThePipelineWithSdp() throws IOException {
        StreamSummary s = only("dtmf.pcap", QualityConfig.DEFAULTS);
        assertThat(s.binding()).isEqualTo(Binding.SDP_DESTINATION);
        assertThat(s.codec().payloadNames()).isEqualTo("g711U, telephone-event");
        assertThat(s.packets()).isEqualTo(60);
        assertThat(s.lost()).isZero();
        assertThat(s.ws40().meanJitterMs()).isCloseTo(2.900822157, within(CAPTURE_EPS));
        assertThat(s.ws40().maxJitterMs()).isCloseTo(12.5, within(CAPTURE_EPS));
        assertThat(s.ws40().problems()).isFalse();
        // RFC and ANALYZER leave telephone-event out of jitter: a perfectly regular stream has none.
        assertThat(s.rfc().jitterMs()).isCloseTo(0.0, within(CAPTURE_EPS));
        assertThat(s.rfc().maxJitterMs()).isCloseTo(0.0, within(CAPTURE_EPS));
        assertThat(s.jitter().maxJitterMs()).isCloseTo(0.0, within(CAPTURE_EPS));
        assertThat(s.telephoneEventPackets()).isEqualTo(10);
        assertThat(s.dtmf()).hasSize(1);
        assertThat(s.dtmf().get(0).packets()).isEqualTo(10);
        assertThat(s.dtmf().get(0).rtpTimestamp()).isEqualTo(3200);
        assertThat(s.markerPackets()).isEqualTo(1);
        assertThat(s.payloadTypeChanges()).isEqualTo(2);
    }

    @Test
    void tvE2eWholePipeline() throws IOException {
        QualityConfig config = QualityConfig.DEFAULTS.withJitterBuffers(40).withDelays(30, 0);
        StreamSummary s = only("e2e.pcap", config);
        StreamSummaries.Sequence q = s.sequence();
        assertThat(q.expected()).isEqualTo(250);
        assertThat(q.received()).isEqualTo(245);
        assertThat(q.unique()).isEqualTo(245);
        assertThat(q.lostNet()).isEqualTo(5);
        assertThat(q.late()).isEqualTo(3);
        assertThat(q.duplicates()).isZero();
        assertThat(s.rfc().extendedHighestSeq()).isEqualTo(65536 + (65500 + 249 - 65536));

        assertThat(s.rfc().jitterMs()).isCloseTo(0.008957892, within(CAPTURE_EPS));
        assertThat(s.rfc().maxJitterMs()).isCloseTo(11.835021973, within(CAPTURE_EPS));
        assertThat(s.jitter().jitterMs()).isCloseTo(0.008957892, within(CAPTURE_EPS));

        StreamSummaries.JitterBuffer jb = s.primaryJitterBuffer();
        assertThat(jb.depthMs()).isEqualTo(40);
        assertThat(jb.discards()).isEqualTo(2);
        assertThat(jb.effLossPct()).isCloseTo(2.8, within(1e-9));

        StreamSummaries.LossPattern lp = s.lossPattern();
        assertThat(lp.p()).isCloseTo(0.016528926, within(1e-6));
        assertThat(lp.q()).isCloseTo(0.571428571, within(1e-6));
        assertThat(lp.burstRatio()).isCloseTo(1.700803213, within(1e-6));
        assertThat(lp.burstRatioRunLength()).isCloseTo(1.701, within(1e-3));
        assertThat(lp.bursts()).isEqualTo(2);
        assertThat(lp.burstDensity8()).isEqualTo(255);
        assertThat(lp.gapDensity8()).isEqualTo(2);
        assertThat(lp.burstDurationMs()).isCloseTo(50, within(1e-9));
        assertThat(lp.gapDurationMs()).isCloseTo(1633.333333, within(1e-6));
        assertThat(lp.lossRate8()).isEqualTo(5);
        assertThat(lp.discardRate8()).isEqualTo(2);

        StreamSummaries.EModel e = s.emodel();
        assertThat(s.codec().ptimeMs()).isEqualTo(20.0);
        assertThat(e.taMs()).isCloseTo(90, within(1e-9));
        assertThat(e.idte()).isCloseTo(1.783451, within(1e-6));
        assertThat(e.idle()).isCloseTo(0.701641, within(1e-6));
        assertThat(e.idd()).isZero();
        assertThat(e.ieEff()).isCloseTo(9.945308, within(1e-6));
        assertThat(e.rCq()).isCloseTo(80.924854, within(1e-6));
        assertThat(e.mosCq()).isCloseTo(4.058475, within(1e-6));
        assertThat(e.rLq()).isCloseTo(83.260900, within(1e-6));
        assertThat(e.mosLq()).isCloseTo(4.141065, within(1e-6));
        assertThat(e.codecProfile()).isEqualTo("EXACT");
        assertThat(e.delaySource()).isEqualTo(StreamSummaries.DelaySource.DEFAULT);

        StreamSummaries.Ws40 w = s.ws40();
        assertThat(w.meanDeltaMs()).isCloseTo(20.409836066, within(CAPTURE_EPS));
        assertThat(w.meanJitterMs()).isCloseTo(1.146990294, within(CAPTURE_EPS));
        assertThat(w.maxJitterMs()).isCloseTo(11.835021973, within(CAPTURE_EPS));
        assertThat(w.maxSkewMs()).isCloseTo(-60.0, within(CAPTURE_EPS));
        assertThat(w.sequenceErrors()).isEqualTo(8);
    }
}
