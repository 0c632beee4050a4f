package dev.sipscope.tui.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.tui.model.CallDetail;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.CallState;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.model.MessageRow;
import dev.sipscope.tui.model.StreamRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The feed (the correlator's engine and the quality module) against the samples' ground truth (samples/captures/*.truth.json). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CaptureFeedTest {

    static Path sample(String name) {
        return Path.of(System.getProperty("sipscope.root", "..")).resolve("samples/captures").resolve(name);
    }

    static FeedSnapshot load(String name, TableOptions options) throws IOException {
        try (CaptureFeed feed = new CaptureFeed(FileSource.open(List.of(sample(name).toString())), DecoderConfig.DEFAULTS,
                options)) {
            feed.runToEnd();
            return feed.get();
        }
    }

    private static Map<String, CallRow> byCallId(FeedSnapshot s) {
        Map<String, CallRow> m = new HashMap<>();
        for (CallRow r : s.calls()) {
            m.put(r.callId(), r);
        }
        return m;
    }

    @Test
    void everyCallOfTheMixedCaptureHasItsMessagesStateCodeAndStreams() throws IOException {
        JsonNode truth = new ObjectMapper().readTree(sample("calls-mixed.truth.json").toFile());
        FeedSnapshot s = load("calls-mixed.pcap", TableOptions.DEFAULTS);
        assertThat(s.status().finished()).isTrue();
        assertThat(s.status().frames()).isEqualTo(truth.get("frames").asLong());
        assertThat(s.status().sipMessages()).isEqualTo(truth.get("sipMessages").asLong());
        assertThat(s.calls()).hasSize(truth.get("calls").size() + truth.get("registrations").size());
        Map<String, CallRow> rows = byCallId(s);
        for (JsonNode call : truth.get("calls")) {
            String label = call.get("label").asText();
            CallRow row = rows.get(call.get("callId").asText());
            assertThat(row).as(label).isNotNull();
            CallDetail d = s.detail(row.key());
            JsonNode messages = call.get("messages");
            assertThat(row.messages()).as(label).isEqualTo(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                MessageRow m = d.messages().get(i);
                assertThat(m.firstLine()).as(label + " message " + i).isEqualTo(messages.get(i).get("firstLine").asText());
                assertThat(m.retransmission()).as(label + " message " + i)
                        .isEqualTo(messages.get(i).get("retransmission").asBoolean());
                if (messages.get(i).get("frames").size() == 1) {
                    // a message in several IP fragments is timed by the fragment that completed it
                    assertThat(m.tsNanos()).isEqualTo(messages.get(i).get("tsNanos").asLong());
                }
                assertThat(m.fullText()).startsWith(m.firstLine());
            }
            assertThat(row.finalCode()).as(label).isEqualTo(call.get("finalStatus").asInt());
            assertThat(row.state()).as(label).isEqualTo(expectedState(call));
            JsonNode streams = call.get("streams");
            assertThat(d.streams()).as(label + " streams").hasSize(streams.size());
            for (JsonNode st : streams) {
                StreamRow found = d.streams().stream().filter(x -> x.src().equals(st.get("src").asText())
                        && x.dst().equals(st.get("dst").asText())).findFirst().orElseThrow();
                assertThat(found.packets()).as(label + " " + st.get("src")).isEqualTo(st.get("captured").asLong());
                // expected (from the lowest sequence number, not the first to arrive) minus received
                assertThat(found.lost()).as(label + " " + st.get("src")).isEqualTo(st.get("lost").asLong());
                assertThat(found.jitterMaxMillis()).as(label + " jitter").isGreaterThanOrEqualTo(0);
                assertThat(found.ssrc()).isEqualTo(Long.decode(st.get("ssrc").asText()));
                assertThat(found.codec()).startsWith(st.get("codec").asText());
            }
        }
        JsonNode reg = truth.get("registrations").get(0);
        CallRow r = rows.get(reg.get("callId").asText());
        assertThat(r.method()).isEqualTo("REGISTER");
        assertThat(r.state()).as("a 401 challenge answered by a new REGISTER").isEqualTo(CallState.OK);
        assertThat(r.finalCode()).isEqualTo(200);
        assertThat(r.messages()).isEqualTo(reg.get("messages").size());
    }

    @Test
    void unansweredCallsAreNoAnswerAndServerErrorsRejectedAsSngrepShowsThem() throws Exception {
        JsonNode truth = new ObjectMapper().readTree(sample("call-states.truth.json").toFile());
        FeedSnapshot s = load("call-states.pcap", TableOptions.DEFAULTS);
        Map<String, CallRow> rows = byCallId(s);
        Map<String, CallState> want = Map.of("busy-486", CallState.BUSY, "busy-600", CallState.BUSY,
                "not-found-404", CallState.REJECTED, "timeout-408", CallState.NO_ANSWER,
                "unavailable-480", CallState.NO_ANSWER, "cancelled-487", CallState.CANCELLED,
                "unavailable-503", CallState.REJECTED, "completed-by-caller", CallState.COMPLETED,
                "in-call-at-end", CallState.IN_CALL);
        int checked = 0;
        for (JsonNode call : truth.get("calls")) {
            CallState expected = want.get(call.get("label").asText());
            if (expected != null) {
                CallRow row = rows.get(call.get("callId").asText());
                assertThat(row).as(call.get("label").asText()).isNotNull();
                assertThat(row.state()).as(call.get("label").asText()).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(want.size());
        dev.sipscope.tui.model.CallQuery q = dev.sipscope.tui.model.CallQuery.parse("state:no_answer");
        List<String> noAnswer = s.calls().stream().filter(r -> q.matches(r, () -> s.detail(r.key())))
                .map(CallRow::callId).toList();
        assertThat(noAnswer).containsExactlyInAnyOrder(callIdOf(truth, "timeout-408"), callIdOf(truth, "unavailable-480"));
    }

    @Test
    void theFilterBarAndTheCommandLineSelectTheSameCallsOfACapture() throws Exception {
        for (String sample : new String[] {"call-states.pcap", "calls-mixed.pcap"}) {
            FeedSnapshot s = load(sample, TableOptions.DEFAULTS);
            for (String filter : new String[] {"code:4xx", "code:486,600 or code:5xx", "diag:SERVER_ERROR",
                    "diag:SIP_TIMEOUT,LONG_POST_DIAL_DELAY", "state:busy", "state:no_answer or state:cancelled",
                    "from:alice or to:bob", "not method:invite", "\"Q.850\"", "\"registrar\" or rtp:no",
                    "ip:10.0.2.1 and msgs>5", "after:10:00:01 before:10:00:05", "diag and not state:busy"}) {
                dev.sipscope.tui.model.CallQuery q = dev.sipscope.tui.model.CallQuery.parse(filter);
                List<String> ui = s.calls().stream().filter(r -> q.matches(r, () -> s.detail(r.key())))
                        .map(CallRow::callId).sorted().toList();
                java.io.StringWriter out = new java.io.StringWriter();
                int code = dev.sipscope.tui.Main.run(new String[] {"analyze", "--format", "json", "--filter", filter,
                        sample(sample).toString()}, new java.io.PrintWriter(out), new java.io.PrintWriter(new java.io.StringWriter()));
                assertThat(code).isZero();
                List<String> cli = new java.util.ArrayList<>();
                new ObjectMapper().readTree(out.toString()).get("calls").forEach(c -> cli.add(c.get("call_id").asText()));
                cli.sort(null);
                assertThat(ui).as("%s on %s", filter, sample).isEqualTo(cli);
            }
        }
    }

    private static String callIdOf(JsonNode truth, String label) {
        for (JsonNode call : truth.get("calls")) {
            if (call.get("label").asText().equals(label)) {
                return call.get("callId").asText();
            }
        }
        throw new AssertionError("no call " + label);
    }

    private static CallState expectedState(JsonNode call) {
        int code = call.get("finalStatus").asInt();
        switch (call.get("outcome").asText()) {
            case "ANSWERED": return call.get("byeNanos").isNull() ? CallState.IN_CALL : CallState.COMPLETED;
            case "CANCELLED": return CallState.CANCELLED;
            default: return code == 486 || code == 600 ? CallState.BUSY
                    : code == 408 || code == 480 || code == 487 ? CallState.NO_ANSWER : CallState.REJECTED;
        }
    }

    @Test
    void aCallOverTcpIsReassembled() throws IOException {
        JsonNode truth = new ObjectMapper().readTree(sample("call-tcp.truth.json").toFile());
        FeedSnapshot s = load("call-tcp.pcap", TableOptions.DEFAULTS);
        assertThat(s.calls()).hasSize(1);
        CallRow r = s.calls().get(0);
        assertThat(r.callId()).isEqualTo(truth.get("calls").get(0).get("callId").asText());
        assertThat(r.messages()).isEqualTo(7);
        assertThat(r.state()).isEqualTo(CallState.COMPLETED);
        assertThat(s.detail(r.key()).messages()).allSatisfy(m -> assertThat(m.transport()).isEqualTo("TCP"));
    }

    @Test
    void invitesOnlyMatchAndLimitKeepWhatSngrepWould() throws IOException {
        assertThat(load("calls-mixed.pcap", new TableOptions(true, null, false, 0, false, 32)).calls())
                .hasSize(12).allSatisfy(r -> assertThat(r.method()).isEqualTo("INVITE"));
        FeedSnapshot judy = load("calls-mixed.pcap", new TableOptions(false, Pattern.compile("judy@"), false, 0, false, 32));
        assertThat(judy.calls()).extracting(CallRow::to).containsExactly("judy@10.0.2.5");
        assertThat(judy.calls().get(0).messages()).as("later messages of a kept dialog stay").isEqualTo(7);
        assertThat(load("calls-mixed.pcap", new TableOptions(false, Pattern.compile("judy@"), true, 0, false, 32)).calls())
                .hasSize(12);
        FeedSnapshot first = load("calls-mixed.pcap", new TableOptions(false, null, false, 3, false, 32));
        assertThat(first.calls()).extracting(CallRow::key).containsExactly(1L, 2L, 3L);
        assertThat(first.status().calls()).isEqualTo(3);
        FeedSnapshot newest = load("calls-mixed.pcap", new TableOptions(false, null, false, 3, true, 32));
        assertThat(newest.calls()).as(newest.calls().toString()).extracting(CallRow::key).containsExactly(11L, 12L, 13L);
        assertThat(newest.detail(1).messages()).isEmpty();
    }

    @Test
    void theListFillsWhileTheFileLoadsAndSnapshotsNeverChangeAfterPublication() throws Exception {
        try (CaptureFeed feed = new CaptureFeed(FileSource.open(List.of(sample("calls-mixed.pcap").toString())),
                DecoderConfig.DEFAULTS, TableOptions.DEFAULTS)) {
            FeedSnapshot before = feed.get();
            assertThat(before.calls()).isEmpty();
            assertThat(before.status().finished()).isFalse();
            feed.start();
            assertThat(feed.awaitFinished(30_000)).isTrue();
            FeedSnapshot after = feed.get();
            assertThat(before.calls()).isEmpty();
            assertThat(after.calls()).hasSize(13);
            assertThat(after.status().progress()).isEqualTo(1.0);
            assertThatThrownBy(() -> after.calls().add(after.calls().get(0)))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void savingACallWritesItsSipAndRtpPackets(@TempDir Path dir) throws IOException {
        JsonNode truth = new ObjectMapper().readTree(sample("calls-mixed.truth.json").toFile());
        try (CaptureFeed feed = new CaptureFeed(FileSource.open(List.of(sample("calls-mixed.pcap").toString())),
                DecoderConfig.DEFAULTS, TableOptions.DEFAULTS)) {
            feed.runToEnd();
            FeedSnapshot s = feed.get();
            JsonNode answered = truth.get("calls").get(0);
            long key = byCallId(s).get(answered.get("callId").asText()).key();
            long rtp = 0;
            for (JsonNode st : answered.get("streams")) {
                rtp += st.get("captured").asLong();
            }
            long sip = answered.get("messages").size();
            for (boolean ng : new boolean[] {false, true}) {
                Path out = dir.resolve(ng ? "call.pcapng" : "call.pcap");
                long written = feed.savePackets(List.of(key), out, ng);
                assertThat(written).isEqualTo(sip + rtp);
                long frames = 0;
                long lastTs = Long.MIN_VALUE;
                try (FrameSource back = CaptureFiles.open(out)) {
                    Frame f;
                    while ((f = back.next()) != null) {
                        assertThat(f.timestampNanos()).isGreaterThanOrEqualTo(lastTs);
                        lastTs = f.timestampNanos();
                        frames++;
                    }
                }
                assertThat(frames).isEqualTo(written);
                assertThat(dir.resolve(out.getFileName() + ".part")).doesNotExist();
                FeedSnapshot again = loadFile(out);
                assertThat(again.calls()).hasSize(1);
                assertThat(again.calls().get(0).messages()).isEqualTo((int) sip);
                assertThat(again.detail(again.calls().get(0).key()).streams()).hasSize(2);
            }
            assertThatThrownBy(() -> feed.savePackets(List.of(999L), dir.resolve("none.pcap"), false))
                    .hasMessage("those calls are no longer in memory");
        }
    }

    private static FeedSnapshot loadFile(Path file) throws IOException {
        try (CaptureFeed feed = new CaptureFeed(FileSource.open(List.of(file.toString())), DecoderConfig.DEFAULTS,
                TableOptions.DEFAULTS)) {
            feed.runToEnd();
            return feed.get();
        }
    }

    @Test
    void b2buaLegsFoundByHeaderOrSharedMediaAreLinked() throws IOException {
        for (String name : new String[] {"b2bua-xcallid", "b2bua-sdp"}) {
            JsonNode truth = new ObjectMapper().readTree(sample(name + ".truth.json").toFile());
            FeedSnapshot s = load(name + ".pcap", TableOptions.DEFAULTS);
            Map<String, CallRow> rows = byCallId(s);
            assertThat(rows).hasSize(truth.get("calls").size());
            int linked = 0;
            for (JsonNode link : truth.get("links")) {
                long from = rows.get(link.get("from").asText()).key();
                long to = rows.get(link.get("to").asText()).key();
                assertThat(s.detail(from).linkedKeys().contains(to) || s.detail(to).linkedKeys().contains(from))
                        .as(name + " " + link).isTrue();
                linked += 2;
            }
            long withLinks = s.calls().stream().filter(r -> !s.detail(r.key()).linkedKeys().isEmpty()).count();
            assertThat(withLinks).as(name + ": only the legs are linked").isLessThanOrEqualTo(linked);
        }
    }

    @Test
    void streamsCarryTheQualityFiguresAndDtmf() throws IOException {
        JsonNode truth = new ObjectMapper().readTree(sample("calls-mixed.truth.json").toFile());
        FeedSnapshot s = load("calls-mixed.pcap", TableOptions.DEFAULTS);
        Map<String, CallRow> rows = byCallId(s);
        for (JsonNode call : truth.get("calls")) {
            CallRow row = rows.get(call.get("callId").asText());
            for (JsonNode st : call.get("streams")) {
                StreamRow found = s.detail(row.key()).streams().stream()
                        .filter(x -> x.src().equals(st.get("src").asText())).findFirst().orElseThrow();
                StringBuilder digits = new StringBuilder();
                st.get("dtmf").forEach(d -> digits.append(d.get("digit").asText()));
                assertThat(found.dtmf()).as(call.get("label") + " dtmf").isEqualTo(digits.toString());
            }
        }
        CallRow answered = rows.get(truth.get("calls").get(0).get("callId").asText());
        assertThat(answered.hasMos()).isTrue();
        assertThat(answered.mos()).isBetween(1.0, 4.5);
        assertThat(s.detail(answered.key()).streams()).allSatisfy(st -> {
            assertThat(st.jitterMeanMillis()).isNotNaN();
            assertThat(st.mos()).isBetween(1.0, 4.5);
        });
    }

    @Test
    void callsCarryTheCorrelatorsDiagnostics() throws IOException {
        JsonNode truth = new ObjectMapper().readTree(sample("calls-mixed.truth.json").toFile());
        FeedSnapshot s = load("calls-mixed.pcap", TableOptions.DEFAULTS);
        Map<String, CallRow> rows = byCallId(s);
        for (JsonNode call : truth.get("calls")) {
            CallRow row = rows.get(call.get("callId").asText());
            assertThat(row.diagnostics()).isEqualTo(s.detail(row.key()).diagnostics().size());
            if (call.get("finalStatus").asInt() == 503) {
                assertThat(s.detail(row.key()).diagnostics()).as(call.get("label").asText())
                        .anySatisfy(d -> assertThat(d).contains("server error").contains("503"));
            }
        }
    }

    @Test
    void clearingForgetsEveryCallAndNeverReusesAKey() throws IOException {
        CorrelatorFeedEngine engine = new CorrelatorFeedEngine(TableOptions.DEFAULTS, false);
        feed(engine, sample("calls-mixed.pcap"));
        FeedSnapshot first = engine.publish(1, StatusCountersFixture.status());
        assertThat(first.calls()).hasSize(13);
        long sip = engine.sipMessages();
        engine.clear();
        FeedSnapshot cleared = engine.publish(2, StatusCountersFixture.status());
        assertThat(cleared.calls()).isEmpty();
        assertThat(engine.calls()).isZero();
        assertThat(engine.packetsOf(List.of(1L))).isEmpty();
        feed(engine, sample("calls-mixed.pcap"));
        FeedSnapshot again = engine.publish(3, StatusCountersFixture.status());
        assertThat(again.calls()).extracting(CallRow::key).first().isEqualTo(14L);
        assertThat(again.calls()).hasSize(13);
        assertThat(engine.sipMessages()).isEqualTo(2 * sip);
        assertThat(first.calls()).as("an earlier snapshot is not touched").hasSize(13);
    }

    private static void feed(CorrelatorFeedEngine engine, Path file) throws IOException {
        dev.sipscope.decoder.PacketDecoder decoder = new dev.sipscope.decoder.PacketDecoder(DecoderConfig.DEFAULTS, engine);
        long n = 0;
        try (FrameSource in = CaptureFiles.open(file)) {
            Frame f;
            while ((f = in.next()) != null) {
                engine.beforeFrame(n++, f);
                decoder.decode(f);
                engine.afterFrame();
            }
        }
        decoder.finish();
    }

    /** Status counters for snapshots made outside a {@link CaptureFeed}. */
    private static final class StatusCountersFixture {
        static dev.sipscope.tui.model.StatusCounters status() {
            return new dev.sipscope.tui.model.StatusCounters("test", dev.sipscope.tui.model.SourceKind.FILE, "", 0, 0, 0,
                    0, 0, 0, 0, -1, true, null);
        }
    }

    @Test
    void aMissingFileIsOneSentence() {
        assertThatThrownBy(() -> FileSource.open(List.of("/no/such/file.pcap"))).isInstanceOf(IOException.class)
                .hasMessageContaining("/no/such/file.pcap");
    }

    @Test
    void numericAddressesParseAndNamesAreNeverLookedUp() {
        Endpoint e = new Endpoint();
        assertThat(Endpoint.parse("10.0.1.1", 4000, e)).isTrue();
        assertThat(e).hasToString("10.0.1.1:4000");
        assertThat(Endpoint.parse("2001:db8::1", 5, e)).isTrue();
        assertThat(e).hasToString("[2001:db8::1]:5");
        assertThat(Endpoint.parse("example.com", 5, e)).isFalse();
        assertThat(Endpoint.parse("10.0.1", 5, e)).isFalse();
        assertThat(Endpoint.parse("10.0.1.256", 5, e)).isFalse();
        assertThat(Endpoint.parse("", 5, e)).isFalse();
    }
}
