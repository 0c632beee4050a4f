package dev.sipscope.correlator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipscope.correlator.call.CallKind;
import dev.sipscope.correlator.call.CallLink;
import dev.sipscope.correlator.call.CallMessage;
import dev.sipscope.correlator.call.CallState;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.call.DialogState;
import dev.sipscope.correlator.call.DialogSummary;
import dev.sipscope.correlator.call.LinkKind;
import dev.sipscope.correlator.call.Party;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares what the engine found with a scenario's ground truth ({@code *.truth.json} of the samples
 * scenario builder), field by field where the truth says it: states, final codes, key times, who
 * hung up, every message with its transaction, dialog and retransmission flag, the dialogs and their
 * states, and the links between calls. Returns readable mismatches.
 *
 * <p>Two definitions differ on purpose and are translated here: a message's time is, for the
 * engine, the capture time of the frame that completed it (the last IP fragment, the last TCP
 * segment or WebSocket frame; as Wireshark shows it) while the truth gives its first frame; and the
 * caller is the address and port packets come from, which over TCP has an ephemeral port where the
 * truth gives the SIP port (only the address is compared then). The truth's state names map to the
 * engine's: SETUP is calling/proceeding/ringing, NO_RESPONSE is failed once timer B had time to
 * fire, REJECTED with 408 or 480 is no answer and with 3xx redirected.
 */
public final class TruthCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** RFC 3261 64*T1: timers B and F. */
    private static final long TIMER_NANOS = 32_000_000_000L;

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
        Map<Integer, JsonNode> dialogs = new HashMap<>();
        for (JsonNode d : truth.path("dialogs")) {
            dialogs.put(d.get("id").asInt(), d);
        }
        Set<String> truthIds = new HashSet<>();
        for (JsonNode t : truth.path("calls")) {
            truthIds.add(t.get("callId").asText());
            call(out, t, s, lastFrame, frameTimes, dialogs);
        }
        for (JsonNode t : truth.path("registrations")) {
            truthIds.add(t.get("callId").asText());
            registration(out, t, s);
        }
        for (JsonNode t : truth.path("exchanges")) {
            truthIds.add(t.get("callId").asText());
            exchange(out, t, s, lastFrame, dialogs);
        }
        links(out, truth, s, truthIds);
        return out;
    }

    private static void call(List<String> out, JsonNode t, EngineSnapshot s, long lastFrame, long[] frameTimes,
                             Map<Integer, JsonNode> dialogs) {
        String id = t.get("callId").asText();
        CallSummary c = find(s, id);
        String who = "call " + t.path("label").asText(id);
        if (c == null) {
            out.add(who + ": not found (Call-ID " + id + ")");
            return;
        }
        expect(out, who, "kind", CallKind.CALL, c.kind());
        int status = t.path("finalStatus").asInt();
        long invite = completed(t, t.path("inviteNanos").asLong(-1), frameTimes);
        if (t.has("state")) {
            String state = t.get("state").asText();
            switch (state) {
                case "SETUP":
                    if (c.state().progress() > CallState.RINGING.progress()) {
                        out.add(who + ": state expected calling/proceeding/ringing but was " + c.state());
                    }
                    break;
                case "NO_RESPONSE":
                    expect(out, who, "state", lastFrame >= t.get("inviteNanos").asLong() + TIMER_NANOS
                            ? CallState.FAILED : CallState.CALLING, c.state());
                    break;
                case "REJECTED":
                    expect(out, who, "state", status < 400 ? CallState.REDIRECTED
                            : status == 408 || status == 480 ? CallState.NO_ANSWER : CallState.REJECTED, c.state());
                    break;
                default:
                    expect(out, who, "state", CallState.valueOf(state), c.state());
                    break;
            }
        } else if (t.has("outcome")) {
            expect(out, who, "state", expectedState(t, lastFrame), c.state());
        }
        boolean noFinal = "TIMEOUT".equals(t.path("outcome").asText()) || "NO_RESPONSE".equals(t.path("state").asText());
        if (t.has("finalStatus") && !noFinal) {
            expect(out, who, "final_status", status, c.finalStatus());
        }
        if (t.has("hangupBy")) {
            String by = t.get("hangupBy").isNull() ? null : t.get("hangupBy").asText();
            Party party = by == null ? null : by.equals(t.path("caller").asText()) ? Party.CALLER : Party.CALLEE;
            expect(out, who, "hangup_by", party, c.hangupBy());
        }
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
        boolean stream = "TCP".equals(t.path("transport").asText()) || t.path("transport").asText().startsWith("WS");
        String caller = t.path("callerNat").isTextual() ? t.get("callerNat").asText() : t.path("callerSip").asText(null);
        if (caller != null) {
            expect(out, who, "caller", stream ? address(caller) : caller, stream ? address(c.caller()) : c.caller());
        }
        if (t.has("calleeSip") && !t.path("role").asText().equals("forked")) {
            expect(out, who, "callee", stream ? address(t.get("calleeSip").asText()) : t.get("calleeSip").asText(),
                    stream ? address(c.callee()) : c.callee());
        }
        if (t.has("earlyMedia")) {
            expect(out, who, "early_media", t.get("earlyMedia").asBoolean(), c.earlyMedia());
        }
        if (t.has("holds")) {
            expect(out, who, "holds", t.get("holds").size(), c.holds());
        }
        messages(out, who, t.path("messages"), c);
        dialogStates(out, who, t.path("dialogs"), dialogs, c);
    }

    private static void registration(List<String> out, JsonNode t, EngineSnapshot s) {
        String id = t.get("callId").asText();
        CallSummary c = find(s, id);
        String who = "registration " + t.path("user").asText(id);
        if (c == null) {
            out.add(who + ": not found (Call-ID " + id + ")");
            return;
        }
        expect(out, who, "kind", CallKind.REGISTER, c.kind());
        int status = t.path("finalStatus").asInt(0);
        boolean ok = status >= 200 && status < 300;
        if (ok) {
            expect(out, who, "state", t.path("expires").asLong(1) == 0 ? CallState.UNREGISTERED : CallState.REGISTERED,
                    c.state());
            if (t.has("expires")) {
                expect(out, who, "expires_s", t.get("expires").asLong(), c.expiresSeconds());
            }
        } else if (status >= 300) {
            expect(out, who, "state", status < 400 ? CallState.REDIRECTED : CallState.REJECTED, c.state());
        }
        expect(out, who, "final_status", status, c.finalStatus());
        if (t.has("ua")) {
            expect(out, who, "caller", t.get("ua").asText(), c.caller());
        }
        messages(out, who, t.path("messages"), c);
    }

    private static void exchange(List<String> out, JsonNode t, EngineSnapshot s, long lastFrame,
                                 Map<Integer, JsonNode> dialogs) {
        String id = t.get("callId").asText();
        CallSummary c = find(s, id);
        String who = "exchange " + t.path("label").asText(id);
        if (c == null) {
            out.add(who + ": not found (Call-ID " + id + ")");
            return;
        }
        expect(out, who, "kind", CallKind.valueOf(t.get("method").asText()), c.kind());
        int status = t.path("finalStatus").asInt(0);
        CallState state;
        if (status == 0) {
            long first = t.path("messages").path(0).path("tsNanos").asLong(0);
            state = lastFrame >= first + TIMER_NANOS ? CallState.FAILED : null;
        } else {
            state = status < 300 ? CallState.COMPLETED : status < 400 ? CallState.REDIRECTED : CallState.REJECTED;
        }
        if (state != null) {
            expect(out, who, "state", state, c.state());
        }
        expect(out, who, "final_status", status, c.finalStatus());
        if (t.has("from")) {
            expect(out, who, "caller", t.get("from").asText(), c.caller());
        }
        messages(out, who, t.path("messages"), c);
        dialogStates(out, who, t.path("dialogs"), dialogs, c);
    }

    /** Each truth link between two calls is there, both ways; calls without truth links have none. */
    private static void links(List<String> out, JsonNode truth, EngineSnapshot s, Set<String> truthIds) {
        Map<String, Set<String>> expected = new HashMap<>();
        for (JsonNode l : truth.path("links")) {
            String a = l.get("from").asText();
            String b = l.get("to").asText();
            Set<LinkKind> kinds = kinds(l.get("kind").asText(), l.path("evidence").asText());
            expected.computeIfAbsent(a, k -> new HashSet<>()).add(b);
            expected.computeIfAbsent(b, k -> new HashSet<>()).add(a);
            linked(out, s, a, b, kinds);
            linked(out, s, b, a, kinds);
        }
        for (String id : truthIds) {
            CallSummary c = find(s, id);
            if (c != null && !expected.containsKey(id) && !c.links().isEmpty()) {
                out.add(id + ": no link expected, found " + c.links());
            }
        }
    }

    private static Set<LinkKind> kinds(String kind, String evidence) {
        switch (kind) {
            case "TRANSFER":
                return Set.of(LinkKind.REFER);
            case "REPLACES":
                return Set.of(LinkKind.REPLACES);
            case "B2BUA":
                return evidence.equals("media") ? Set.of(LinkKind.B2BUA_SDP, LinkKind.B2BUA_RTP)
                        : Set.of(LinkKind.B2BUA_HEADER);
            default:
                throw new IllegalArgumentException("unknown link kind " + kind);
        }
    }

    private static void linked(List<String> out, EngineSnapshot s, String from, String to, Set<LinkKind> kinds) {
        CallSummary c = find(s, from);
        if (c == null) {
            out.add("link " + from + " -> " + to + ": no call " + from);
            return;
        }
        for (CallLink l : c.links()) {
            if (l.callId().equals(to) && kinds.contains(l.kind())) {
                return;
            }
        }
        out.add("link " + from + " -> " + to + " " + kinds + " missing; links are " + c.links());
    }

    /** What the truth's outcome reads as (captures written before the truth had states). */
    static CallState expectedState(JsonNode t, long lastFrameNanos) {
        String outcome = t.get("outcome").asText();
        int status = t.path("finalStatus").asInt();
        switch (outcome) {
            case "ANSWERED":
                return t.path("byeNanos").asLong(-1) >= 0 ? CallState.COMPLETED : CallState.IN_CALL;
            case "CANCELLED":
                return CallState.CANCELLED;
            case "TIMEOUT":
                return lastFrameNanos >= t.get("inviteNanos").asLong() + TIMER_NANOS ? CallState.FAILED
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

    /**
     * The messages, one for one in capture order: start line and retransmission flag; the truth's
     * transactions and dialogs must partition them as the engine does.
     */
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
        List<CallMessage> ours = c.messages();
        if (ours.size() != messages.size()) {
            out.add(who + ": " + ours.size() + " messages kept, truth lists " + messages.size());
            return;
        }
        Map<Integer, Integer> txMap = new HashMap<>();
        Map<Integer, Integer> txBack = new HashMap<>();
        Map<Integer, Integer> dlgMap = new HashMap<>();
        Map<Integer, Integer> dlgBack = new HashMap<>();
        for (int i = 0; i < ours.size(); i++) {
            JsonNode m = messages.get(i);
            CallMessage o = ours.get(i);
            String line = o.message().startLine();
            String where = who + " message " + i + " (" + line + ")";
            expect(out, where, "start line", m.get("firstLine").asText(), line);
            expect(out, where, "retransmission", m.path("retransmission").asBoolean(), o.retransmission());
            if (m.has("transaction") && !m.get("transaction").isNull()) {
                partition(out, where, "transaction", m.get("transaction").asInt(), o.transactionNumber(), txMap, txBack);
            }
            if (m.has("dialog")) {
                int truthDialog = m.get("dialog").isNull() ? -1 : m.get("dialog").asInt();
                partition(out, where, "dialog", truthDialog, o.dialogIndex(), dlgMap, dlgBack);
            }
        }
    }

    /** The truth's ids and ours must correspond one to one (-1, none, only to none). */
    private static void partition(List<String> out, String where, String what, int truthId, int ourId,
                                  Map<Integer, Integer> map, Map<Integer, Integer> back) {
        if ((truthId < 0) != (ourId < 0)) {
            out.add(where + ": " + what + " expected " + (truthId < 0 ? "none" : "#" + truthId) + " but was "
                    + (ourId < 0 ? "none" : "#" + ourId));
            return;
        }
        if (truthId < 0) {
            return;
        }
        Integer mapped = map.putIfAbsent(truthId, ourId);
        Integer mappedBack = back.putIfAbsent(ourId, truthId);
        if (mapped != null && mapped != ourId || mappedBack != null && mappedBack != truthId) {
            out.add(where + ": " + what + " truth #" + truthId + " is ours #" + ourId + ", which does not match "
                    + "the earlier messages (truth #" + truthId + " = ours #" + mapped + ")");
        }
    }

    private static void dialogStates(List<String> out, String who, JsonNode ids, Map<Integer, JsonNode> dialogs,
                                     CallSummary c) {
        if (ids.isMissingNode()) {
            return;
        }
        expect(out, who, "dialogs", ids.size(), c.dialogs().size());
        for (JsonNode idNode : ids) {
            JsonNode d = dialogs.get(idNode.asInt());
            if (d == null) {
                continue;
            }
            String from = d.get("fromTag").asText();
            String to = d.get("toTag").asText();
            DialogSummary found = null;
            for (DialogSummary ours : c.dialogs()) {
                if (Objects.equals(from, ours.callerTag()) && Objects.equals(to, ours.calleeTag())
                        || Objects.equals(from, ours.calleeTag()) && Objects.equals(to, ours.callerTag())) {
                    found = ours;
                }
            }
            if (found == null) {
                out.add(who + ": no dialog " + from + "/" + to + " in " + c.dialogs());
            } else {
                expect(out, who + " dialog " + from + "/" + to, "state",
                        DialogState.valueOf(d.get("state").asText().toUpperCase(Locale.ROOT)), found.state());
            }
        }
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
