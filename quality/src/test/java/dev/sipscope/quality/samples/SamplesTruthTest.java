package dev.sipscope.quality.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sipscope.quality.Binding;
import dev.sipscope.quality.QualityConfig;
import dev.sipscope.quality.StreamSummary;
import dev.sipscope.quality.corpus.CaptureRunAccess;
import dev.sipscope.quality.dtmf.DtmfEvent;
import dev.sipscope.quality.rtcp.ReportBlock;
import dev.sipscope.samples.CallTruth;
import dev.sipscope.samples.SampleCaptures;
import dev.sipscope.samples.ScenarioTruth;
import dev.sipscope.samples.rtp.DtmfTruth;
import dev.sipscope.samples.rtp.RtcpReport;
import dev.sipscope.samples.rtp.StreamTruth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The samples module's committed captures against the ground truth their scenario builder recorded
 * (samples/README.md): every captured stream is found with its exact packet count, duplicates, late
 * packets, expected and lost (network and tshark-style), RFC 3550 cumulative lost and jitter, DTMF
 * events, and the RTCP report blocks the generator sent about it.
 */
class SamplesTruthTest {

    @TestFactory
    Stream<DynamicTest> everyCommittedCaptureMatchesItsTruth() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : SampleCaptures.names()) {
            tests.add(DynamicTest.dynamicTest(name, () -> check(name)));
        }
        return tests.stream();
    }

    static void check(String name) throws IOException {
        Path pcap = SampleCaptures.directory().resolve(name);
        assumeTrue(Files.isRegularFile(pcap), "sample capture " + pcap.toAbsolutePath() + " missing");
        ScenarioTruth truth = SampleCaptures.scenario(name).generate().truth();
        List<StreamSummary> ours = CaptureRunAccess.run(pcap, QualityConfig.DEFAULTS);
        Map<String, StreamSummary> byKey = new HashMap<>();
        for (StreamSummary s : ours) {
            byKey.put(s.src() + " " + s.dst() + " " + s.ssrc(), s);
        }
        List<StreamTruth> all = truth.allStreams();
        int checked = 0;
        for (StreamTruth t : all) {
            if (t.captured() == 0) {
                continue;
            }
            String key = t.src() + " " + t.dst() + " " + t.ssrc();
            StreamSummary s = byKey.get(key);
            assertThat(s).as("%s: stream %s (%s)", name, key, t.label()).isNotNull();
            String what = name + " " + t.label() + " " + key;
            assertThat(s.packets()).as(what + " packets").isEqualTo(t.captured());
            assertThat(s.sequence().unique()).as(what + " unique").isEqualTo(t.unique());
            assertThat(s.sequence().duplicates()).as(what + " duplicates").isEqualTo(t.duplicates());
            assertThat(s.sequence().late()).as(what + " late").isEqualTo(t.reordered());
            assertThat(s.sequence().expected()).as(what + " expected").isEqualTo(t.expected());
            assertThat(s.sequence().lostNet()).as(what + " lost").isEqualTo(t.lost());
            assertThat(s.lost()).as(what + " tshark lost").isEqualTo(t.lostWireshark());
            assertThat(s.firstNanos()).isEqualTo(t.firstArrivalNanos());
            assertThat(s.lastNanos()).isEqualTo(t.lastArrivalNanos());
            assertThat(s.codec().clockRateHz()).as(what + " clock").isEqualTo(t.clockRateHz());
            // The truth's estimator starts at the first packet; the RFC profile only once probation ended (a few
            // packets later on a jittery start). The difference decays by 15/16 a packet: below 1e-4 ms here.
            assertThat(s.rfc().jitterMs()).as(what + " jitter").isCloseTo(t.jitterMillis(), within(1e-4));
            List<DtmfTruth> dt = t.dtmf();
            List<DtmfEvent> de = s.dtmf();
            assertThat(de).as(what + " DTMF").hasSize(dt.size());
            for (int i = 0; i < dt.size(); i++) {
                assertThat(de.get(i).digit()).isEqualTo(dt.get(i).digit());
                assertThat(de.get(i).event()).isEqualTo(dt.get(i).eventCode());
                assertThat(de.get(i).rtpTimestamp()).isEqualTo(dt.get(i).rtpTimestamp());
                assertThat(de.get(i).durationMs()).isCloseTo(dt.get(i).durationSamples() * 1000.0 / t.clockRateHz(),
                        within(1e-9));
                assertThat(de.get(i).ended()).isTrue();
            }
            checked++;
        }
        if (checked == 0) {
            assertThat(ours).as(name + ": the capture has no RTP, and none must be found").isEmpty();
        }
        for (CallTruth call : truth.calls()) {
            for (StreamTruth t : call.streams()) {
                if (t.captured() > 0) {
                    StreamSummary s = byKey.get(t.src() + " " + t.dst() + " " + t.ssrc());
                    assertThat(s.binding()).as(name + " " + call.label() + " binding").isNotEqualTo(Binding.HEURISTIC);
                }
            }
            checkRtcp(name, call.rtcp(), byKey, call.streams());
        }
        truth.streamGroups().forEach(g -> checkRtcp(name, g.rtcp(), byKey, g.streams()));
    }

    private static void checkRtcp(String name, List<RtcpReport> reports, Map<String, StreamSummary> byKey,
                                  List<StreamTruth> streams) {
        for (StreamTruth t : streams) {
            if (t.captured() == 0) {
                continue;
            }
            StreamSummary s = byKey.get(t.src() + " " + t.dst() + " " + t.ssrc());
            List<RtcpReport> about = reports.stream().filter(r -> r.hasReportBlock() && r.reporteeSsrc() == t.ssrc())
                    .toList();
            assertThat(s.rtcp().reportBlocks()).as(name + " " + t.label() + " report blocks").isEqualTo(about.size());
            if (about.isEmpty()) {
                continue;
            }
            RtcpReport last = about.get(about.size() - 1);
            List<ReportBlock> kept = s.rtcp().reports();
            ReportBlock b = kept.get(kept.size() - 1);
            assertThat(b.captureNanos()).isEqualTo(last.tsNanos());
            assertThat(b.reporterSsrc()).isEqualTo(last.ssrc());
            assertThat(b.fractionLost8()).isEqualTo(last.fractionLost());
            assertThat(b.cumulativeLost()).isEqualTo(last.cumulativeLost());
            assertThat(b.extendedHighestSeq()).isEqualTo(last.extHighestSeq());
            assertThat(b.jitterTs()).isEqualTo(last.jitter());
            assertThat(b.lsr()).isEqualTo(last.lsr());
            assertThat(b.dlsr()).isEqualTo(last.dlsr());
            long senderReports = reports.stream().filter(r -> r.senderReport() && r.ssrc() == t.ssrc()).count();
            assertThat(s.rtcp().senderReports()).as(name + " " + t.label() + " SRs").isEqualTo(senderReports);
        }
    }
}
