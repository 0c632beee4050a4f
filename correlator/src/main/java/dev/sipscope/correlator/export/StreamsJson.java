package dev.sipscope.correlator.export;

import dev.sipscope.correlator.media.MediaOwner;
import dev.sipscope.quality.StreamSummaries;
import dev.sipscope.quality.StreamSummary;
import dev.sipscope.quality.dtmf.DtmfEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code streams} array of {@code sipscope analyze --format json} (docs/JSON.md) and, per call,
 * the ids of its streams and its MOS (the worse direction).
 *
 * <p>{@code max_delta_ms}, {@code max_jitter_ms}, {@code mean_jitter_ms} and {@code lost} are the
 * Wireshark-compatible figures (QUALITY.md profile WS40, what {@code tshark -z rtp,streams}
 * prints); {@code expected}, {@code duplicates}, {@code out_of_order} and
 * {@code rfc3550_jitter_ms} follow RFC 3550.
 */
public final class StreamsJson {
    private StreamsJson() {
    }

    /** What one call gets from its streams. */
    public record CallStreams(List<String> streamIds, Double mos, List<StreamSummary> streams) {
    }

    /** Stream ids are {@code s1, s2, ...} in the order of the summaries (first packet first). */
    public static String id(int index) {
        return "s" + (index + 1);
    }

    /** The Call-ID a stream is bound to, or null when it was found by the heuristic only. */
    public static String callIdOf(StreamSummary s) {
        return s.callRef() instanceof MediaOwner ? ((MediaOwner) s.callRef()).callId().toString() : null;
    }

    /** Per Call-ID: its streams' ids and the lowest listening-quality MOS among them. */
    public static Map<String, CallStreams> byCall(List<StreamSummary> streams) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        Map<String, List<StreamSummary>> bound = new LinkedHashMap<>();
        Map<String, Double> mos = new LinkedHashMap<>();
        for (int i = 0; i < streams.size(); i++) {
            StreamSummary s = streams.get(i);
            String callId = callIdOf(s);
            if (callId == null) {
                continue;
            }
            ids.computeIfAbsent(callId, k -> new ArrayList<>()).add(id(i));
            bound.computeIfAbsent(callId, k -> new ArrayList<>()).add(s);
            Double m = mos(s);
            if (m != null) {
                mos.merge(callId, m, Math::min);
            }
        }
        Map<String, CallStreams> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : ids.entrySet()) {
            out.put(e.getKey(), new CallStreams(List.copyOf(e.getValue()), mos.get(e.getKey()),
                    List.copyOf(bound.get(e.getKey()))));
        }
        return out;
    }

    static Double mos(StreamSummary s) {
        StreamSummaries.EModel e = s.emodel();
        return e == null ? null : e.mosLq();
    }

    public static void writeStreams(JsonWriter json, List<StreamSummary> streams) {
        json.name("streams").beginArray();
        if (streams.size() >= PARALLEL_MIN_STREAMS && Runtime.getRuntime().availableProcessors() >= 2) {
            ChunkedJson.writeElements(json, streams.size(), CHUNK_STREAMS, (w, i) -> writeStream(w, id(i), streams.get(i)));
        } else {
            for (int i = 0; i < streams.size(); i++) {
                writeStream(json, id(i), streams.get(i));
            }
        }
        json.endArray();
    }

    /** Streams per chunk when two threads render the array (about 1 MB of JSON). */
    static final int CHUNK_STREAMS = 256;
    /** Below this many streams the array is rendered on the calling thread alone. */
    static final int PARALLEL_MIN_STREAMS = 4 * CHUNK_STREAMS;

    static void writeStream(JsonWriter json, String id, StreamSummary s) {
        json.beginObject();
        json.field("id", id);
        json.field("call_id", callIdOf(s));
        json.field("src", s.src());
        json.field("dst", s.dst());
        json.field("ssrc", s.ssrcHex());
        json.field("binding", s.binding().jsonName());
        StreamSummaries.Codec codec = s.codec();
        json.field("payload_type", codec.payloadType());
        json.field("codec", codec.encodingName());
        json.field("clock_rate_hz", codec.clockRateHz());
        json.field("packets", s.packets());
        StreamSummaries.Sequence seq = s.sequence();
        json.field("expected", seq.expected());
        json.field("lost", s.lost());
        json.field("loss_percent", seq.lossPct(), 3);
        json.field("duplicates", seq.duplicates());
        json.field("out_of_order", seq.late());
        json.field("sequence_restarts", seq.restarts());
        json.field("max_delta_ms", s.maxDeltaMs(), 3);
        json.field("max_jitter_ms", s.maxJitterMs(), 3);
        json.field("mean_jitter_ms", s.meanJitterMs(), 3);
        optional(json, "rfc3550_jitter_ms", s.rfc().jitterMs(), 3);
        json.field("max_skew_ms", s.ws40().maxSkewMs(), 3);
        StreamSummaries.JitterBuffer jb = s.primaryJitterBuffer();
        json.field("jitter_buffer_ms", jb.depthMs(), 1);
        json.field("effective_loss_percent", jb.effLossPct(), 3);
        json.field("burst_r", s.lossPattern().burstRatio(), 3);
        StreamSummaries.EModel e = s.emodel();
        optional(json, "r_factor", e == null ? null : e.rLq(), 2);
        optional(json, "mos", e == null ? null : e.mosLq(), 2);
        StreamSummaries.Rtcp rtcp = s.rtcp();
        optional(json, "rtcp_round_trip_ms", rtcp == null ? null : rtcp.roundTripMs(), 3);
        dev.sipscope.quality.rtcp.XrVoipMetrics xr = rtcp == null ? null : rtcp.xrVoipMetrics();
        optional(json, "endpoint_mos", xr == null ? null : xr.mosLq(), 2);
        json.field("markers", s.markerPackets());
        json.field("payload_type_changes", s.payloadTypeChanges());
        json.field("ssrc_changes", s.ssrcChangesOnTuple());
        json.field("bytes", s.rtpBytes());
        json.field("bitrate_kbps", s.bitrateKbps(), 2);
        json.name("dtmf").beginArray();
        for (DtmfEvent d : s.dtmf()) {
            json.beginObject();
            json.field("digit", String.valueOf(d.digit()));
            json.timeField("time", d.startNanos());
            json.field("duration_ms", d.durationMs(), 1);
            json.endObject();
        }
        json.endArray();
        json.timeField("start_time", s.firstNanos());
        json.timeField("end_time", s.lastNanos());
        json.endObject();
    }

    private static void optional(JsonWriter json, String name, Double v, int decimals) {
        json.name(name);
        if (v == null) {
            json.nullValue();
        } else {
            json.value(v, decimals);
        }
    }
}
