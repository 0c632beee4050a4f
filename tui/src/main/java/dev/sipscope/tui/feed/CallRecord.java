package dev.sipscope.tui.feed;

import dev.sipscope.capture.Frame;
import dev.sipscope.tui.model.CallDetail;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.CallState;
import dev.sipscope.tui.model.MessageRow;
import dev.sipscope.tui.model.StreamRow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One call as the engine builds it: mutable, confined to the engine thread. Its published forms
 * (row, detail, packet references) are rebuilt only after a change and then shared by every
 * snapshot until the next change.
 */
final class CallRecord {
    final long key;
    final String callId;
    final long startNanos;
    final String method;
    final boolean invite;
    final String from;
    final String to;
    final String caller;
    final String callee;
    CallState state;
    int finalCode;
    long firstCSeq = -1;
    long lastNanos;
    final ArrayList<MessageRow> messages = new ArrayList<>();
    private long[] hashes = new long[8];
    private int hashCount;

    /** Frame numbers (0-based, in the source's order) of the SIP messages, for saving from a file. */
    long[] sipFrames = new long[4];
    int sipFrameCount;
    /** Copies of the SIP frames, for saving from a live capture. */
    final ArrayList<Frame> liveFrames = new ArrayList<>();

    /** Media endpoints announced in this call's SDP. */
    final ArrayList<Endpoint> media = new ArrayList<>();
    /** Payload type to codec name from the SDP ({@code PCMU/8000}). */
    final Map<Integer, String> codecs = new HashMap<>();
    final ArrayList<RtpCounter> streams = new ArrayList<>();

    private boolean rowStale = true;
    private boolean detailStale = true;
    private boolean packetsStale = true;
    private CallRow row;
    private CallDetail detail;
    private CallPackets packets;

    CallRecord(long key, String callId, long startNanos, String method, String from, String to, String caller,
               String callee) {
        this.key = key;
        this.callId = callId;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
        this.method = method;
        this.invite = "INVITE".equals(method);
        this.from = from;
        this.to = to;
        this.caller = caller;
        this.callee = callee;
        this.state = invite ? CallState.CALL_SETUP : CallState.PENDING;
    }

    /** True when a message with this hash was seen before in the call; records it otherwise. */
    boolean seen(long hash) {
        for (int i = 0; i < hashCount; i++) {
            if (hashes[i] == hash) {
                return true;
            }
        }
        if (hashCount == hashes.length) {
            hashes = Arrays.copyOf(hashes, hashCount * 2);
        }
        hashes[hashCount++] = hash;
        return false;
    }

    void addSipFrame(long frameNumber) {
        if (sipFrameCount > 0 && sipFrames[sipFrameCount - 1] == frameNumber) {
            return;
        }
        if (sipFrameCount == sipFrames.length) {
            sipFrames = Arrays.copyOf(sipFrames, sipFrameCount * 2);
        }
        sipFrames[sipFrameCount++] = frameNumber;
    }

    /** Something shown in the list changed (and so did the detail). */
    void changed() {
        rowStale = true;
        detailStale = true;
        packetsStale = true;
    }

    /** Only RTP counters moved. */
    void mediaChanged() {
        rowStale = true;
        detailStale = true;
        packetsStale = true;
    }

    long durationNanos() {
        long end = lastNanos;
        for (RtpCounter s : streams) {
            end = Math.max(end, s.lastNanos);
        }
        return end - startNanos;
    }

    CallRow row() {
        if (rowStale || row == null) {
            row = new CallRow(key, startNanos, method, from, to, callId, caller, callee, state, finalCode,
                    messages.size(), durationNanos(), Double.NaN, 0);
            rowStale = false;
        }
        return row;
    }

    CallDetail detail() {
        if (detailStale || detail == null) {
            List<StreamRow> rows = new ArrayList<>(streams.size());
            for (RtpCounter s : streams) {
                rows.add(s.row());
            }
            rows.sort((a, b) -> Long.compare(a.firstNanos(), b.firstNanos()));
            detail = new CallDetail(key, messages, rows, List.of(), List.of());
            detailStale = false;
        }
        return detail;
    }

    CallPackets packets() {
        if (packetsStale || packets == null) {
            List<Endpoint> m = new ArrayList<>(media.size());
            for (Endpoint e : media) {
                m.add(e.copy());
            }
            packets = new CallPackets(key, Arrays.copyOf(sipFrames, sipFrameCount), List.copyOf(liveFrames), List.copyOf(m),
                    startNanos, Math.max(lastNanos, startNanos + durationNanos()));
            packetsStale = false;
        }
        return packets;
    }
}
