package dev.sipscope.correlator.export;

import dev.sipscope.correlator.CaptureSummary;

import java.time.Instant;
import java.util.Map;

/**
 * Writes the {@code capture} object of {@code sipscope analyze --format json}. Field names are
 * stable; docs/JSON.md describes each one.
 */
public final class SummaryJson {
    private SummaryJson() {
    }

    /** ISO-8601 UTC with as many fraction digits as needed (up to nanoseconds), or null. */
    public static String isoTime(long nanos) {
        if (nanos == Long.MIN_VALUE) {
            return null;
        }
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
    }

    public static void writeCapture(JsonWriter json, CaptureSummary s) {
        writeCapture(json, s, null);
    }

    /** With the quality engine's counters: also {@code rtp_packets}, {@code rtcp_packets}, {@code rtp_streams}. */
    public static void writeCapture(JsonWriter json, CaptureSummary s, dev.sipscope.quality.QualityCounters media) {
        json.name("capture").beginObject();
        json.name("files").beginArray();
        for (String in : s.inputs()) {
            json.value(in);
        }
        json.endArray();
        json.field("frames", s.frames());
        json.field("bytes", s.capturedBytes());
        json.field("first_time", isoTime(s.firstTimeNanos()));
        json.field("last_time", isoTime(s.lastTimeNanos()));
        json.field("duration_s", s.hasFrames() ? (s.lastTimeNanos() - s.firstTimeNanos()) / 1e9 : 0.0, 6);
        json.name("link_types");
        counts(json, s.linkTypes());
        json.field("ipv4_packets", s.ipv4Packets());
        json.field("ipv6_packets", s.ipv6Packets());
        json.field("udp_datagrams", s.udpDatagrams());
        json.field("tcp_segments", s.tcpSegments());
        json.field("tcp_streams", s.tcpStreams());
        json.field("sctp_chunks", s.sctpChunks());
        json.field("hep_packets", s.hepPackets());
        json.field("ip_fragments_reassembled", s.ipFragmentsReassembled());
        json.field("malformed", s.malformed());
        json.name("malformed_reasons");
        counts(json, s.malformedReasons());
        json.field("sip_messages", s.sipMessages());
        json.field("sip_malformed", s.sipMalformed());
        json.name("sip_malformed_reasons");
        counts(json, s.sipMalformedReasons());
        json.field("calls", s.calls());
        json.field("calls_evicted", s.callsEvicted());
        if (media != null) {
            json.field("rtp_packets", media.rtpPackets());
            json.field("rtcp_packets", media.rtcpDatagrams());
            json.field("rtp_streams", media.streams() + media.streamsRetired());
        }
        json.field("truncated", s.truncated());
        json.name("warnings").beginArray();
        for (String w : s.warnings()) {
            json.value(w);
        }
        json.endArray();
        json.endObject();
    }

    private static void counts(JsonWriter json, Map<String, Long> counts) {
        json.beginObject();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            json.field(e.getKey(), e.getValue());
        }
        json.endObject();
    }
}
