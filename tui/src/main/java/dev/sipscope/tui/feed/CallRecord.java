package dev.sipscope.tui.feed;

import dev.sipscope.capture.Frame;
import dev.sipscope.decoder.sip.SipMessage;
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
    /** The decoded messages, index for index with {@link #messages}, for spotting retransmissions. */
    final ArrayList<SipMessage> raw = new ArrayList<>();

    /** Where the call's published forms sit in the table's arrays. */
    int slot;
    /** True while queued for the next publication. */
    boolean dirty;
    /** False once rotated out or cleared. */
    boolean live = true;

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
    private CallRow row;
    private CallDetail detail;

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

    /**
     * True when an earlier message of the call went the same way with the same bytes: a
     * retransmission (RFC 3261 §17 resends a request or response unchanged). Only messages with
     * the same start line and length are compared byte by byte.
     */
    boolean isRepeat(SipMessage m, String firstLine, String src, String dst) {
        for (int i = 0; i < raw.size(); i++) {
            SipMessage e = raw.get(i);
            MessageRow r = messages.get(i);
            if (e.length() != m.length() || !r.firstLine().equals(firstLine) || !r.src().equals(src)
                    || !r.dst().equals(dst)) {
                continue;
            }
            int n = m.length();
            int k = 0;
            while (k < n && e.byteAt(k) == m.byteAt(k)) {
                k++;
            }
            if (k == n) {
                return true;
            }
        }
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

    /** Something changed: the row and the detail are rebuilt at the next publication. */
    void changed() {
        rowStale = true;
        detailStale = true;
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

    /** Where the call's packets are, as an immutable copy (built on request, on the engine thread). */
    CallPackets packets() {
        List<Endpoint> m = new ArrayList<>(media.size());
        for (Endpoint e : media) {
            m.add(e.copy());
        }
        return new CallPackets(key, Arrays.copyOf(sipFrames, sipFrameCount), List.copyOf(liveFrames), List.copyOf(m),
                startNanos, Math.max(lastNanos, startNanos + durationNanos()));
    }
}
