package dev.sipscope.correlator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipscope.correlator.call.CallKind;
import dev.sipscope.correlator.call.CallState;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.call.DialogSummary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Compares what the engine found with a scenario's ground truth ({@code *.truth.json} of the samples
 * scenario builder), field by field where the truth says it. Returns readable mismatches.
 *
 * <p>Two definitions differ on purpose and are translated here: a message's time is, for the
 * engine, the capture time of the frame that completed it (the last IP fragment, the last TCP
 * segment; as Wireshark shows it) while the truth gives its first frame; and the caller is the
 * address and port packets come from, which over TCP has an ephemeral port where the truth gives
 * the SIP port (only the address is compared then).
 */
public final class TruthCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** RFC 3261 64*T1: an INVITE without any response fails this long after it was sent. */
    private static final long TIMER_B_NANOS = 32_000_000_000L;

    private TruthCheck() {
    }

    public static JsonNode read(Path truthFile) throws IOException {
        return JSON.readTree(truthFile.toFile());
    }

    public static JsonNode parse(String truthJson) throws IOException {
        return JSON.readTree(truthJson);
    }

    /**
     * @param frameTimes capture time of each frame of the capture, in order (frame n at index n-1), to
     *                   find when a message spanning several frames was complete
     */
    public static List<String> mismatches(JsonNode truth, EngineSnapshot s, long[] frameTimes) {
        List<String> out = new ArrayList<>();
        if (truth.has("sipMessages")) {
            expect(out, "capture", "sip_messages", truth.get("sipMessages").asLong(), s.sipMessages());
        }
        long lastFrame = truth.path("lastFrameNanos").asLong(Long.MAX_VALUE);
        for (JsonNode t : truth.path("calls")) {
            String id = t.get("callId").asText();
            CallSummary c = find(s, id);
            String who = "call " + t.path("label").asText(id);
            if (c == null) {
                out.add(who + ": not found (Call-ID " + id + ")");
                continue;
            }
            expect(out, who, "kind", CallKind.CALL, c.kind());
            if (t.has("state")) {
                expect(out, who, "state", t.get("state").asText().toLowerCase(Locale.ROOT), c.state().jsonName());
            } else if (t.has("outcome")) {
                expect(out, who, "state", expectedState(t, lastFrame), c.state());
            }
            if (t.has("finalStatus") && !"TIMEOUT".equals(t.path("outcome").asText())) {
                expect(out, who, "final_status", t.get("finalStatus").asInt(), c.finalStatus());
            }
            String fromTag = t.path("fromTag").asText(null);
            String toTag = t.path("toTag").asText(null);
            if (fromTag != null && toTag != null && "ANSWERED".equals(t.path("outcome").asText())) {
                boolean found = false;
                for (DialogSummary d : c.dialogs()) {
                    found |= fromTag.equals(d.callerTag()) && toTag.equals(d.calleeTag());
                }
                if (!found) {
                    out.add(who + ": no dialog " + fromTag + "/" + toTag + " in " + c.dialogs());
                }
            }
            long invite = completed(t, t.path("inviteNanos").asLong(-1), frameTimes);
            if (invite >= 0) {
                expect(out, who, "start (first INVITE)", invite, c.startNanos());
            }
            long ringing = completed(t, t.path("ringingNanos").asLong(-1), frameTimes);
            if (invite >= 0 && t.has("ringingNanos")) {
                expect(out, who, "post_dial_delay", ringing < 0 ? -1 : ringing - invite, c.postDialDelayNanos());
            }
            if (t.has("answerNanos")) {
                long answer = completed(t, t.get("answerNanos").asLong(), frameTimes);
                expect(out, who, "answer_time", answer < 0 ? CallSummary.NO_TIME : answer, c.answerNanos());
            }
            long bye = completed(t, t.path("byeNanos").asLong(-1), frameTimes);
            if (bye >= 0) {
                expect(out, who, "end_time (BYE)", bye, c.endNanos());
            }
            boolean tcp = "TCP".equals(t.path("transport").asText());
            String caller = t.path("callerNat").isTextual() ? t.get("callerNat").asText() : t.path("callerSip").asText(null);
            if (caller != null) {
                expect(out, who, "caller", tcp ? address(caller) : caller, tcp ? address(c.caller()) : c.caller());
            }
            if (t.has("calleeSip")) {
                expect(out, who, "callee", t.get("calleeSip").asText(), c.callee());
            }
            if (t.has("earlyMedia")) {
                expect(out, who, "early_media", t.get("earlyMedia").asBoolean(), c.earlyMedia());
            }
            if (t.has("holds")) {
                expect(out, who, "holds", t.get("holds").size(), c.holds());
            }
            messages(out, who, t.path("messages"), c);
        }
        for (JsonNode t : truth.path("registrations")) {
            String id = t.get("callId").asText();
            CallSummary c = find(s, id);
            String who = "registration " + t.path("user").asText(id);
            if (c == null) {
                out.add(who + ": not found (Call-ID " + id + ")");
                continue;
            }
            expect(out, who, "kind", CallKind.REGISTER, c.kind());
            int status = t.path("finalStatus").asInt(0);
            if (status >= 200 && status < 300) {
                expect(out, who, "state", t.path("expires").asLong(1) == 0 ? CallState.UNREGISTERED
                        : CallState.REGISTERED, c.state());
            }
            expect(out, who, "final_status", status, c.finalStatus());
            if (t.has("expires")) {
                expect(out, who, "expires_s", t.get("expires").asLong(), c.expiresSeconds());
            }
            if (t.has("ua")) {
                expect(out, who, "caller", t.get("ua").asText(), c.caller());
            }
            messages(out, who, t.path("messages"), c);
        }
        return out;
    }

    /** What the truth's outcome reads as. */
    static CallState expectedState(JsonNode t, long lastFrameNanos) {
        String outcome = t.get("outcome").asText();
        int status = t.path("finalStatus").asInt();
        switch (outcome) {
            case "ANSWERED":
                return t.path("byeNanos").asLong(-1) >= 0 ? CallState.COMPLETED : CallState.IN_CALL;
            case "CANCELLED":
                return CallState.CANCELLED;
            case "TIMEOUT":
                // Timer B fires 64*T1 after the INVITE, if the capture lasts that long.
                return lastFrameNanos >= t.get("inviteNanos").asLong() + TIMER_B_NANOS ? CallState.FAILED
                        : CallState.CALLING;
            case "REJECTED":
                if (status >= 300 && status < 400) {
                    return CallState.REDIRECTED;
                }
                if (status == 486 || status == 600) {
                    return CallState.BUSY;
                }
                return status == 408 || status == 480 ? CallState.NO_ANSWER : CallState.REJECTED;
            default:
                return CallState.valueOf(outcome);
        }
    }

    private static void messages(List<String> out, String who, JsonNode messages, CallSummary c) {
        if (messages.isMissingNode()) {
            return;
        }
        int fresh = 0;
        int again = 0;
        for (JsonNode m : messages) {
            if (m.path("retransmission").asBoolean()) {
                again++;
            } else {
                fresh++;
            }
        }
        expect(out, who, "messages", fresh, c.messageCount());
        expect(out, who, "retransmissions", again, c.retransmissions());
    }

    /** The capture time of the last frame of the call's message first seen at {@code firstNanos} (or that time). */
    private static long completed(JsonNode call, long firstNanos, long[] frameTimes) {
        if (firstNanos < 0) {
            return firstNanos;
        }
        for (JsonNode m : call.path("messages")) {
            if (m.path("tsNanos").asLong() == firstNanos && m.path("frames").size() > 0) {
                JsonNode frames = m.get("frames");
                int last = frames.get(frames.size() - 1).asInt();
                return last >= 1 && last <= frameTimes.length ? frameTimes[last - 1] : firstNanos;
            }
        }
        return firstNanos;
    }

    /** The address part of {@code ip:port} or {@code [v6]:port}. */
    private static String address(String endpoint) {
        return endpoint == null ? null : endpoint.substring(0, endpoint.lastIndexOf(':'));
    }

    private static void expect(List<String> out, String who, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            out.add(who + ": " + what + " expected " + expected + " but was " + actual);
        }
    }

    private static CallSummary find(EngineSnapshot s, String callId) {
        for (CallSummary c : s.calls()) {
            if (c.callId().equals(callId)) {
                return c;
            }
        }
        return null;
    }
}
