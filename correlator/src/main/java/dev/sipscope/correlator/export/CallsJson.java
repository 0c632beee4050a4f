package dev.sipscope.correlator.export;

import dev.sipscope.correlator.call.CallLink;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.call.DialogSummary;
import dev.sipscope.correlator.media.MediaSummary;

import java.util.List;

/**
 * Writes the {@code calls} array of {@code sipscope analyze --format json}: one object per call in
 * order of first message. Field names are stable; docs/JSON.md describes each one. Absent values
 * are {@code null}; every string from the wire goes through {@link JsonWriter}'s escaping.
 */
public final class CallsJson {
    private CallsJson() {
    }

    public static void writeCalls(JsonWriter json, List<CallSummary> calls) {
        writeCalls(json, calls, null);
    }

    /**
     * With {@code streams} (per Call-ID, from {@link StreamsJson#byCall}), each call also gets
     * {@code streams} (the ids of its RTP streams) and {@code mos} (the worse direction's).
     */
    public static void writeCalls(JsonWriter json, List<CallSummary> calls,
                                  java.util.Map<String, StreamsJson.CallStreams> streams) {
        json.name("calls").beginArray();
        if (calls.size() >= PARALLEL_MIN_CALLS && Runtime.getRuntime().availableProcessors() >= 2) {
            ChunkedJson.writeElements(json, calls.size(), CHUNK_CALLS, (w, i) -> writeCall(w, calls.get(i), streams));
        } else {
            for (CallSummary c : calls) {
                writeCall(json, c, streams);
            }
        }
        json.endArray();
    }

    /** Calls per chunk when two threads render the array (about 1 MB of JSON). */
    static final int CHUNK_CALLS = 512;
    /** Below this many calls the array is rendered on the calling thread alone. */
    static final int PARALLEL_MIN_CALLS = 4 * CHUNK_CALLS;

    public static void writeCall(JsonWriter json, CallSummary c) {
        writeCall(json, c, null);
    }

    static void writeCall(JsonWriter json, CallSummary c, java.util.Map<String, StreamsJson.CallStreams> streams) {
        json.beginObject();
        json.field("call_id", c.callId());
        json.field("kind", c.kind().jsonName());
        json.field("from", c.from());
        json.field("to", c.to());
        json.field("caller", c.caller());
        json.field("callee", c.callee());
        json.field("state", c.state().jsonName());
        json.name("final_status");
        if (c.finalStatus() > 0) {
            json.value(c.finalStatus());
        } else {
            json.nullValue();
        }
        json.field("reason", c.reason());
        json.timeField("start_time", c.startNanos());
        json.timeField("answer_time", c.answerNanos());
        json.timeField("end_time", c.endNanos());
        millis(json, "post_dial_delay_ms", c.postDialDelayNanos());
        millis(json, "setup_time_ms", c.setupNanos());
        millis(json, "answer_to_ack_ms", c.answerToAckNanos());
        json.name("duration_s");
        if (c.durationNanos() >= 0) {
            json.value(c.durationNanos() / 1e9, 3);
        } else {
            json.nullValue();
        }
        json.field("messages", c.messageCount());
        json.field("retransmissions", c.retransmissions());
        json.name("dialogs").beginArray();
        for (DialogSummary d : c.dialogs()) {
            json.beginObject();
            json.field("caller_tag", d.callerTag());
            json.field("callee_tag", d.calleeTag());
            json.field("state", d.state().jsonName());
            json.field("remote", d.remote());
            json.endObject();
        }
        json.endArray();
        json.field("hangup_by", c.hangupBy() == null ? null : c.hangupBy().jsonName());
        json.name("linked_calls").beginArray();
        for (CallLink l : c.links()) {
            json.beginObject();
            json.field("call_id", l.callId());
            json.field("link", l.kind().jsonName());
            json.endObject();
        }
        json.endArray();
        json.field("user_agent", c.userAgent());
        json.field("early_media", c.earlyMedia());
        json.field("holds", c.holds());
        json.name("expires_s");
        if (c.expiresSeconds() >= 0) {
            json.value(c.expiresSeconds());
        } else {
            json.nullValue();
        }
        json.name("media").beginArray();
        for (MediaSummary m : c.media()) {
            json.beginObject();
            json.field("side", m.side().jsonName());
            json.field("type", m.mediaType());
            json.field("endpoint", m.endpoint());
            json.field("rtcp_endpoint", m.rtcpEndpoint());
            json.name("codecs").beginArray();
            for (String codec : m.codecs()) {
                json.value(codec);
            }
            json.endArray();
            json.field("direction", m.direction());
            json.field("current", m.current());
            json.field("packets", m.packets());
            json.field("rtcp_packets", m.rtcpPackets());
            json.field("unexpected_source", m.unexpectedSource());
            json.field("nat_suspected", m.natSuspected());
            json.field("unannounced_destination", m.unannouncedDestination());
            json.endObject();
        }
        json.endArray();
        if (streams != null) {
            StreamsJson.CallStreams cs = streams.get(c.callId());
            json.name("streams").beginArray();
            if (cs != null) {
                for (String id : cs.streamIds()) {
                    json.value(id);
                }
            }
            json.endArray();
            json.name("mos");
            if (cs != null && cs.mos() != null) {
                json.value(cs.mos(), 2);
            } else {
                json.nullValue();
            }
            json.name("diagnostics").beginArray();
            for (dev.sipscope.correlator.diag.Diagnostic d : dev.sipscope.correlator.diag.Diagnostics.of(c,
                    cs == null ? List.of() : cs.streams(), dev.sipscope.correlator.diag.DiagnosticConfig.DEFAULTS)) {
                json.beginObject();
                json.field("code", d.code());
                json.field("severity", d.severity().jsonName());
                json.field("text", d.text());
                json.endObject();
            }
            json.endArray();
        }
        json.endObject();
    }

    private static void millis(JsonWriter json, String name, long nanos) {
        json.name(name);
        if (nanos >= 0) {
            json.value(nanos / 1e6, 3);
        } else {
            json.nullValue();
        }
    }
}
