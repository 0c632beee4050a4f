package dev.sipscope.samples;

import dev.sipscope.samples.rtp.DtmfTruth;
import dev.sipscope.samples.rtp.RtcpReport;
import dev.sipscope.samples.rtp.RtpArrival;
import dev.sipscope.samples.rtp.RtpStreamSpec;
import dev.sipscope.samples.rtp.StreamTruth;
import dev.sipscope.samples.rtp.TimeWindow;
import java.time.Instant;
import java.util.List;

/**
 * Renders ground truth as the {@code <capture>.truth.json} sidecar. Times are integers in
 * nanoseconds since the epoch (exact); SSRCs are hexadecimal strings. Each stream lists its
 * captured packets as rows of {@code packetFields}. Field meanings are those of
 * {@link CallTruth}, {@link StreamTruth} and {@link RtcpReport}.
 */
final class TruthJson {
    private TruthJson() {
    }

    static String render(ScenarioTruth t, String captureFileName) {
        StringBuilder sb = new StringBuilder(1 << 16);
        JsonWriter w = new JsonWriter(sb);
        w.beginObject();
        w.field("capture", captureFileName);
        w.field("generator", "sipscope-samples");
        w.field("seed", t.seed());
        w.field("start", Instant.ofEpochSecond(0, t.startNanos()).toString());
        w.field("startNanos", t.startNanos());
        w.field("frames", t.frames());
        w.field("frameBytes", t.stats().frameBytes());
        w.field("firstFrameNanos", t.stats().firstFrameNanos());
        w.field("lastFrameNanos", t.stats().lastFrameNanos());
        w.field("sipMessages", t.sipMessages());
        w.field("rtpStreams", t.allStreams().size());
        w.field("rtpPackets", t.rtpPacketsCaptured());
        w.name("calls").beginArray();
        for (CallTruth c : t.calls()) {
            call(w, c);
        }
        w.endArray();
        w.name("registrations").beginArray();
        for (RegistrationTruth r : t.registrations()) {
            w.beginObject();
            w.field("index", r.index());
            w.field("user", r.user());
            w.field("ua", r.ua().toString());
            w.field("registrar", r.registrar().toString());
            w.field("callId", r.callId());
            w.field("challenged", r.challenged());
            w.field("finalStatus", r.finalStatus());
            w.field("expires", r.expiresSeconds());
            ids(w, "transactions", r.transactions().stream().mapToLong(TransactionTruth::id).toArray());
            messages(w, r.messages());
            w.endObject();
        }
        w.endArray();
        w.name("exchanges").beginArray();
        for (ExchangeTruth e : t.exchanges()) {
            w.beginObject();
            w.field("index", e.index());
            w.field("label", e.label());
            w.field("method", e.method());
            w.field("callId", e.callId());
            w.field("fromUser", e.fromUser());
            w.field("from", e.from().toString());
            w.field("toUser", e.toUser());
            w.field("to", e.to().toString());
            w.field("finalStatus", e.finalStatus());
            ids(w, "transactions", e.transactions().stream().mapToLong(TransactionTruth::id).toArray());
            ids(w, "dialogs", e.dialogs().stream().mapToLong(DialogTruth::id).toArray());
            messages(w, e.messages());
            w.endObject();
        }
        w.endArray();
        w.name("transactions").beginArray();
        for (TransactionTruth x : t.transactions()) {
            w.beginObject();
            w.field("id", x.id());
            w.field("callId", x.callId());
            w.field("method", x.method());
            w.field("branch", x.branch());
            w.field("sentBy", x.sentBy());
            w.field("client", x.client().toString());
            w.field("server", x.server().toString());
            nullableId(w, "dialog", x.dialog() == null ? -1 : x.dialog().id());
            nullableId(w, "cancels", x.cancels() == null ? -1 : x.cancels().id());
            nullableId(w, "forwardOf", x.forwardOf() == null ? -1 : x.forwardOf().id());
            w.field("requestNanos", x.requestNanos());
            w.field("requests", x.requests());
            w.field("retransmissions", x.retransmissions());
            ids(w, "provisional", x.provisionalStatuses().stream().mapToLong(Integer::longValue).toArray());
            w.field("finalStatus", x.finalStatus());
            w.field("finalNanos", x.finalNanos());
            w.field("ackNanos", x.ackNanos());
            ids(w, "messages", x.messages().stream().mapToLong(SipMessageTruth::id).toArray());
            w.endObject();
        }
        w.endArray();
        w.name("dialogs").beginArray();
        for (DialogTruth x : t.dialogs()) {
            w.beginObject();
            w.field("id", x.id());
            w.field("callId", x.callId());
            w.field("fromTag", x.fromTag());
            w.field("toTag", x.toTag());
            w.field("usage", x.usage());
            w.field("uacUser", x.uacUser());
            w.field("uac", x.uac().toString());
            w.field("uasUser", x.uasUser());
            w.field("uas", x.uas().toString());
            w.field("state", x.state().name());
            w.field("earlyNanos", x.earlyNanos());
            w.field("confirmedNanos", x.confirmedNanos());
            w.field("terminatedNanos", x.terminatedNanos());
            w.field("end", x.end() == null ? null : x.end().name());
            w.field("endedBy", x.endedBy());
            ids(w, "messages", x.messages().stream().mapToLong(SipMessageTruth::id).toArray());
            w.endObject();
        }
        w.endArray();
        w.name("links").beginArray();
        for (CallLink l : t.links()) {
            link(w, l);
        }
        w.endArray();
        w.name("streams").beginArray();
        for (StreamGroupTruth g : t.streamGroups()) {
            w.beginObject();
            w.field("index", g.index());
            w.field("label", g.label());
            w.name("streams").beginArray();
            for (StreamTruth s : g.streams()) {
                stream(w, s);
            }
            w.endArray();
            rtcp(w, g.rtcp());
            w.endObject();
        }
        w.endArray();
        w.endObject();
        return sb.toString();
    }

    /** One call on one line, streams summarised (for the truth of large load runs). */
    static String compactCall(CallTruth c) {
        StringBuilder sb = new StringBuilder(512);
        JsonWriter w = new JsonWriter(sb);
        w.beginCompactObject();
        w.field("index", c.index());
        w.field("label", c.label());
        w.field("callId", c.callId());
        w.field("outcome", c.outcome().name());
        w.field("finalStatus", c.finalStatus());
        w.field("transport", c.transport().name());
        w.field("inviteNanos", c.inviteNanos());
        w.field("answerNanos", c.answerNanos());
        w.field("endNanos", c.endNanos());
        w.field("sipMessages", c.messages().size());
        w.name("streams").beginArray();
        for (StreamTruth s : c.streams()) {
            w.beginObject();
            w.field("ssrc", ssrc(s.ssrc()));
            w.field("src", s.src().toString());
            w.field("dst", s.dst().toString());
            w.field("sent", s.sent());
            w.field("captured", s.captured());
            w.field("expected", s.expected());
            w.field("lost", s.lost());
            w.field("cumulativeLostRfc3550", s.cumulativeLostRfc3550());
            w.field("lostWireshark", s.lostWireshark());
            w.field("duplicates", s.duplicates());
            w.field("reordered", s.reordered());
            w.field("jitterMillis", s.jitterMillis());
            w.endObject();
        }
        w.endArray();
        w.endObject();
        return "    " + sb.toString().trim();
    }

    private static void call(JsonWriter w, CallTruth c) {
        w.beginObject();
        w.field("index", c.index());
        w.field("label", c.label());
        w.field("callId", c.callId());
        w.field("fromTag", c.fromTag());
        w.field("toTag", c.toTag());
        w.field("caller", c.callerUser());
        w.field("callerSip", c.callerSip().toString());
        w.field("callee", c.calleeUser());
        w.field("calleeSip", c.calleeSip().toString());
        w.field("transport", c.transport().name());
        w.field("outcome", c.outcome().name());
        w.field("finalStatus", c.finalStatus());
        w.field("codec", c.codec().name());
        w.field("vlan", c.vlanId());
        w.field("callerNat", c.callerNat() == null ? null : c.callerNat().toString());
        w.field("earlyMedia", c.earlyMedia());
        w.field("inviteNanos", c.inviteNanos());
        w.field("ringingNanos", c.ringingNanos());
        w.field("answerNanos", c.answerNanos());
        w.field("byeNanos", c.byeNanos());
        w.field("endNanos", c.endNanos());
        w.field("state", c.state() == null ? null : c.state().name());
        w.field("hangupBy", c.hangupBy());
        w.field("role", c.role());
        ids(w, "dialogs", c.dialogs().stream().mapToLong(DialogTruth::id).toArray());
        w.name("links").beginArray();
        for (CallLink l : c.links()) {
            link(w, l);
        }
        w.endArray();
        w.name("holds").beginArray();
        for (TimeWindow h : c.holds()) {
            w.beginCompactArray().value(h.fromNanos()).value(h.toNanos()).endArray();
        }
        w.endArray();
        messages(w, c.messages());
        w.name("streams").beginArray();
        for (StreamTruth s : c.streams()) {
            stream(w, s);
        }
        w.endArray();
        rtcp(w, c.rtcp());
        w.endObject();
    }

    private static void messages(JsonWriter w, List<SipMessageTruth> messages) {
        w.name("messages").beginArray();
        for (SipMessageTruth m : messages) {
            w.beginObject();
            w.field("id", m.id());
            w.field("tsNanos", m.tsNanos());
            w.field("src", m.src().toString());
            w.field("dst", m.dst().toString());
            w.field("transport", m.transport().name());
            w.field("firstLine", m.firstLine());
            w.field("method", m.method());
            w.field("status", m.statusCode());
            w.field("cseq", m.cseq());
            w.field("retransmission", m.retransmission());
            w.field("bytes", m.bytes());
            w.field("callId", m.callId());
            nullableId(w, "transaction", m.transaction() == null ? -1 : m.transaction().id());
            nullableId(w, "dialog", m.dialog() == null ? -1 : m.dialog().id());
            w.name("frames").beginCompactArray();
            for (long f : m.frames()) {
                w.value(f);
            }
            w.endArray();
            w.endObject();
        }
        w.endArray();
    }

    private static void ids(JsonWriter w, String name, long[] values) {
        w.name(name).beginCompactArray();
        for (long v : values) {
            w.value(v);
        }
        w.endArray();
    }

    private static void nullableId(JsonWriter w, String name, int id) {
        if (id < 0) {
            w.field(name, (String) null);
        } else {
            w.field(name, id);
        }
    }

    private static void link(JsonWriter w, CallLink l) {
        w.beginCompactObject();
        w.field("kind", l.kind().name());
        w.field("from", l.fromCallId());
        w.field("to", l.toCallId());
        w.field("evidence", l.evidence());
        w.endObject();
    }

    private static void stream(JsonWriter w, StreamTruth s) {
        RtpStreamSpec spec = s.spec();
        w.beginObject();
        w.field("label", s.label());
        w.field("ssrc", ssrc(s.ssrc()));
        w.field("src", s.src().toString());
        w.field("dst", s.dst().toString());
        w.field("codec", s.codec().name());
        w.field("payloadType", s.payloadType());
        w.field("clockRateHz", s.clockRateHz());
        w.field("ptimeMillis", spec.ptimeMillis());
        w.field("startSeq", spec.startSeq());
        w.field("startTimestamp", spec.startTimestamp());
        w.field("loss", spec.loss().toString());
        w.field("jitter", spec.jitter().toString());
        w.field("reorderRate", spec.reorderRate());
        w.field("duplicateRate", spec.duplicateRate());
        w.field("sent", s.sent());
        w.field("sentOctets", s.sentOctets());
        w.field("captured", s.captured());
        w.field("unique", s.unique());
        w.field("duplicates", s.duplicates());
        w.field("expected", s.expected());
        w.field("lost", s.lost());
        w.field("cumulativeLostRfc3550", s.cumulativeLostRfc3550());
        w.field("lostWireshark", s.lostWireshark());
        w.field("lostInNetwork", s.lostInNetwork());
        w.field("reordered", s.reordered());
        w.field("lossBursts", s.lossBursts());
        w.field("maxLossBurst", s.maxLossBurst());
        w.field("markers", s.markers());
        w.field("minExtSeq", s.minExtSeq());
        w.field("maxExtSeq", s.maxExtSeq());
        w.field("firstArrivalExtSeq", s.firstArrivalExtSeq());
        w.field("lastArrivalExtSeq", s.lastArrivalExtSeq());
        w.field("jitterRfc3550", s.jitterRfc3550());
        w.field("jitterMillis", s.jitterMillis());
        w.field("firstSendNanos", s.firstSendNanos());
        w.field("lastSendNanos", s.lastSendNanos());
        w.field("firstArrivalNanos", s.firstArrivalNanos());
        w.field("lastArrivalNanos", s.lastArrivalNanos());
        w.name("dtmf").beginArray();
        for (DtmfTruth e : s.dtmf()) {
            w.beginObject();
            w.field("digit", String.valueOf(e.digit()));
            w.field("eventCode", e.eventCode());
            w.field("rtpTimestamp", e.rtpTimestamp());
            w.field("durationSamples", e.durationSamples());
            w.field("firstSendNanos", e.firstSendNanos());
            w.field("packets", e.packets());
            w.endObject();
        }
        w.endArray();
        if (s.arrivalsRecorded()) {
            w.name("packetFields").beginCompactArray()
                    .value("arrivalNanos").value("seq").value("extSeq").value("timestamp").value("payloadType")
                    .value("marker").value("duplicate").endArray();
            w.name("packets").beginArray();
            for (RtpArrival a : s.arrivals()) {
                w.beginCompactArray().value(a.arrivalNanos()).value(a.seq()).value(a.extSeq()).value(a.timestamp())
                        .value(a.payloadType()).value(a.marker() ? 1 : 0).value(a.duplicate() ? 1 : 0).endArray();
            }
            w.endArray();
        }
        w.endObject();
    }

    private static void rtcp(JsonWriter w, List<RtcpReport> reports) {
        w.name("rtcp").beginArray();
        for (RtcpReport r : reports) {
            w.beginObject();
            w.field("tsNanos", r.tsNanos());
            w.field("from", r.from().toString());
            w.field("type", r.senderReport() ? "SR" : "RR");
            w.field("ssrc", ssrc(r.ssrc()));
            if (r.senderReport()) {
                w.field("packetCount", r.packetCount());
                w.field("octetCount", r.octetCount());
                w.field("rtpTimestamp", r.rtpTimestamp());
            }
            if (r.hasReportBlock()) {
                w.field("reporteeSsrc", ssrc(r.reporteeSsrc()));
                w.field("fractionLost", r.fractionLost());
                w.field("cumulativeLost", r.cumulativeLost());
                w.field("extHighestSeq", r.extHighestSeq());
                w.field("jitter", r.jitter());
                w.field("lsr", r.lsr());
                w.field("dlsr", r.dlsr());
            }
            w.field("bye", r.bye());
            w.endObject();
        }
        w.endArray();
    }

    private static String ssrc(long v) {
        return String.format(java.util.Locale.ROOT, "0x%08x", v);
    }
}
