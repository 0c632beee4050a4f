package dev.sipscope.correlator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.correlator.call.CallState;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.samples.SampleCaptures;
import dev.sipscope.samples.Scenario;
import dev.sipscope.samples.Transport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden tests: the calls JSON of every capture the samples scenario builder committed (and of a
 * few scenarios generated here) must equal its golden file, and must agree with the scenario's
 * ground truth wherever the truth says something. Regenerate the golden files with
 * {@code -Dsipscope.regenerateGolden=true}.
 */
class CallsGoldenTest {

    static Path samples() {
        return SampleCaptures.directory();
    }

    static String goldenName(String capture) {
        String base = capture.substring(0, capture.lastIndexOf('.'));
        return base + ".calls.json";
    }

    @TestFactory
    List<DynamicTest> committedSampleCapturesMatchTheirGoldenFileAndTruth() throws IOException {
        List<Path> captures;
        try (Stream<Path> files = Files.list(samples())) {
            captures = files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                    .sorted().toList();
        }
        assertThat(captures).isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path capture : captures) {
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> {
                Engine engine = Analysis.run(capture, EngineConfig.DEFAULTS);
                EngineSnapshot s = engine.snapshot();
                Path truth = Scenario.truthPath(capture);
                if (Files.isRegularFile(truth)) {
                    assertThat(TruthCheck.mismatches(TruthCheck.read(truth), s, frameTimes(capture)))
                            .as("against %s", truth).isEmpty();
                }
                Golden.check(goldenName(capture.getFileName().toString()), Analysis.callsJson(s));
            }));
        }
        return tests;
    }

    static long[] frameTimes(Path capture) throws IOException {
        List<Long> times = new ArrayList<>();
        try (FrameSource in = CaptureFiles.open(capture)) {
            for (Frame f = in.next(); f != null; f = in.next()) {
                times.add(f.timestampNanos());
            }
        }
        return times.stream().mapToLong(Long::longValue).toArray();
    }

    /** A scenario generated in memory: its calls against its truth and a golden file. */
    static EngineSnapshot checkGenerated(String name, Scenario scenario) throws IOException {
        Scenario.Generated g = scenario.generate();
        Engine engine = Analysis.run(g.frames(), EngineConfig.DEFAULTS, e -> e);
        EngineSnapshot s = engine.snapshot();
        JsonNode truth = TruthCheck.parse(g.truth().toJson(name + ".pcap"));
        long[] times = new long[g.frames().size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = g.frames().get(i).timestampNanos();
        }
        assertThat(TruthCheck.mismatches(truth, s, times)).as(name).isEmpty();
        Golden.check(name + ".calls.json", Analysis.callsJson(s));
        return s;
    }

    @Test
    void retransmittedInviteOkAndByeAreCountedOnce() throws IOException {
        EngineSnapshot s = checkGenerated("generated-retransmissions", Scenario.builder(7)
                .call(c -> c.label("retx").caller("alice", "10.1.0.1", 5060).callee("bob", "10.1.0.2", 5060)
                        .retransmitInvite(3).retransmitOk(2).retransmitBye(2).talkSeconds(2))
                .build());
        CallSummary c = s.calls().get(0);
        assertThat(c.retransmissions()).isEqualTo(7);
        assertThat(c.messageCount()).isEqualTo(7);
        assertThat(c.state()).isEqualTo(CallState.COMPLETED);
    }

    @Test
    void ipv6OverTcpWithTheCalleeHangingUpAfterAHold() throws IOException {
        EngineSnapshot s = checkGenerated("generated-ipv6-tcp-hold", Scenario.builder(8)
                .call(c -> c.label("v6").caller("alice", "2001:db8::a", 5060).callee("bob", "2001:db8::b", 5060)
                        .transport(Transport.TCP).talkSeconds(6).hold(2, 2).hangupByCallee())
                .build());
        CallSummary c = s.calls().get(0);
        assertThat(c.caller()).startsWith("[2001:db8::a]:");
        assertThat(c.hangupBy()).hasToString("CALLEE");
        assertThat(c.holds()).isEqualTo(1);
    }

    @Test
    void fragmentedUdpInviteIsOneMessage() throws IOException {
        EngineSnapshot s = checkGenerated("generated-fragmented", Scenario.builder(9)
                .call(c -> c.label("frag").caller("alice", "10.2.0.1", 5060).callee("bob", "10.2.0.2", 5060)
                        .mtu(576).reverseFragments().extraHeader("X-Padding", "x".repeat(1200)).talkSeconds(1))
                .build());
        assertThat(s.calls().get(0).messages().get(0).message().length()).isGreaterThan(1200);
    }

    @Test
    void inviteNobodyAnswersFailsWhenTimerBFires() throws IOException {
        EngineSnapshot s = checkGenerated("generated-timeout", Scenario.builder(10)
                .call(c -> c.label("nobody").caller("alice", "10.3.0.1", 5060).callee("bob", "10.3.0.2", 5060).timeout())
                .call(c -> c.at(20_000).label("later").caller("carol", "10.3.0.3", 5060).callee("dave", "10.3.0.4", 5060)
                        .talkSeconds(20))
                .build());
        CallSummary c = s.calls().get(0);
        assertThat(c.state()).isEqualTo(CallState.FAILED);
        assertThat(c.reason()).isEqualTo("no response");
        assertThat(c.retransmissions()).isEqualTo(6);
    }

    @Test
    void sipOverTcpSplitAtEveryOffsetOrFedByteByByteGivesTheSameCalls() throws IOException {
        splitEverywhere("call-tcp");
    }

    @Test
    void sipOverWebSocketSplitAtEveryOffsetOrFedByteByByteGivesTheSameCalls() throws IOException {
        splitEverywhere("call-websocket");
    }

    /**
     * The capture's calls, with each TCP payload cut in two at every offset up to the longest SIP
     * message (and once more fed one byte at a time), must be those of the capture read whole: the
     * golden file of the committed capture.
     */
    private static void splitEverywhere(String name) throws IOException {
        Scenario.Generated g = SampleCaptures.scenario(name + ".pcap").generate();
        List<Frame> frames = g.frames();
        EngineSnapshot reference = Analysis.run(frames, EngineConfig.DEFAULTS, e -> e).snapshot();
        String whole = Analysis.callsJson(reference);
        Golden.check(name + ".calls.json", whole);
        String bytewise = Analysis.callsJson(Analysis.run(frames, EngineConfig.DEFAULTS,
                e -> new Analysis.SplittingTcp(e, 0)).snapshot());
        assertThat(bytewise).as("fed one byte at a time").isEqualTo(whole);
        int longest = 0;
        for (CallSummary c : reference.calls()) {
            for (var m : c.messages()) {
                longest = Math.max(longest, m.message().length());
            }
        }
        assertThat(longest).isGreaterThan(500);
        for (int split = 1; split <= longest + 16; split++) {
            final int at = split;
            String cut = Analysis.callsJson(Analysis.run(frames, EngineConfig.DEFAULTS,
                    e -> new Analysis.SplittingTcp(e, at)).snapshot());
            assertThat(cut).as("TCP payloads split at offset %d", split).isEqualTo(whole);
        }
    }
}
