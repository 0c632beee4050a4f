package dev.sipscope.correlator.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipscope.correlator.Msg;
import dev.sipscope.correlator.Wire;
import dev.sipscope.correlator.call.CallSummary;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link CallsJson#writeCalls} over many calls renders them in chunks on two threads: the bytes are
 * exactly those of writing the calls one by one, and a failure on the helper thread reaches the caller.
 */
class CallsJsonChunksTest {

    private static List<CallSummary> calls(int n) {
        Wire w = new Wire();
        for (int i = 0; i < n; i++) {
            Msg inv = Msg.request("INVITE", "sip:b" + i + "@example.com", "10.0.0.1:5060", "z9hG4bK" + i,
                    "a" + i + "@example.com", "t" + i, "b" + i + "@example.com", null, "call-" + i, 1)
                    .set("User-Agent", i % 7 == 0 ? "Téléphone ☎ " + i : "ua/" + (i % 5));
            w.at(i).send("10.0.0.1:5060", "10.0.0.2:5060", inv);
            if (i % 3 == 0) {
                w.at(i + 1).send("10.0.0.2:5060", "10.0.0.1:5060", Msg.response(inv, 486, "Busy Here"));
            }
        }
        List<CallSummary> calls = w.snapshot().calls();
        assertThat(calls).hasSize(n);
        return calls;
    }

    /** What the plain loop writes: each call in turn, on this thread. */
    private static String oneByOne(List<CallSummary> calls, Map<String, StreamsJson.CallStreams> streams) {
        StringWriter out = new StringWriter();
        JsonWriter json = new JsonWriter(out, true);
        json.beginObject();
        json.name("calls").beginArray();
        for (CallSummary c : calls) {
            CallsJson.writeCall(json, c, streams);
        }
        json.endArray();
        json.endObject();
        json.finish();
        return out.toString();
    }

    /** What {@link CallsJson#writeCalls} writes, to a byte stream or to a {@code Writer}. */
    private static String throughWriteCalls(List<CallSummary> calls, Map<String, StreamsJson.CallStreams> streams,
                                            boolean toStream) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter text = new StringWriter();
        JsonWriter json = toStream ? new JsonWriter(bytes, true) : new JsonWriter(text, true);
        json.beginObject();
        CallsJson.writeCalls(json, calls, streams);
        json.endObject();
        json.finish();
        return toStream ? bytes.toString(StandardCharsets.UTF_8) : text.toString();
    }

    @Test
    void chunksOnTwoThreadsGiveTheBytesOfThePlainLoop() {
        for (int n : new int[] {CallsJson.PARALLEL_MIN_CALLS, CallsJson.PARALLEL_MIN_CALLS + 1,
                CallsJson.PARALLEL_MIN_CALLS + CallsJson.CHUNK_CALLS * 3 + 17}) {
            List<CallSummary> calls = calls(n);
            Map<String, StreamsJson.CallStreams> streams = StreamsJson.byCall(List.of());
            String expected = oneByOne(calls, streams);

            assertThat(throughWriteCalls(calls, streams, true)).as("%d calls to a stream", n).isEqualTo(expected);
            assertThat(throughWriteCalls(calls, streams, false)).as("%d calls to a Writer", n).isEqualTo(expected);
        }
    }

    @Test
    void aFailureWhileRenderingAChunkOnTheHelperReachesTheCaller() throws InterruptedException {
        List<CallSummary> calls = calls(CallsJson.PARALLEL_MIN_CALLS + 10);
        String failOn = calls.get(CallsJson.CHUNK_CALLS + 5).callId();   // in the first odd chunk
        Map<String, StreamsJson.CallStreams> streams = new HashMap<>() {
            @Override
            public StreamsJson.CallStreams get(Object key) {
                if (failOn.equals(key)) {
                    throw new IllegalStateException("boom on " + key);
                }
                return null;
            }
        };
        JsonWriter json = new JsonWriter(new ByteArrayOutputStream(), true);
        json.beginObject();
        assertThatThrownBy(() -> CallsJson.writeCalls(json, calls, streams))
                .isInstanceOf(IllegalStateException.class).hasMessage("boom on " + failOn);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (helperAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(helperAlive()).as("helper still running").isFalse();
    }

    private static boolean helperAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("json") && t.isAlive());
    }
}
