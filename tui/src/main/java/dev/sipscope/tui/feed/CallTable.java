package dev.sipscope.tui.feed;

import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.sdp.SdpMedia;
import dev.sipscope.decoder.sdp.SdpRtpMap;
import dev.sipscope.decoder.sdp.SdpSession;
import dev.sipscope.decoder.sdp.StaticPayloadTypes;
import dev.sipscope.decoder.sip.SipAddress;
import dev.sipscope.decoder.sip.SipCSeq;
import dev.sipscope.decoder.sip.SipMessage;
import dev.sipscope.decoder.sip.SipMethod;
import dev.sipscope.decoder.sip.SipSink;
import dev.sipscope.decoder.sip.SipTransport;
import dev.sipscope.decoder.sip.SipUri;
import dev.sipscope.capture.Frame;
import dev.sipscope.tui.model.CallDetail;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.CallState;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.model.MessageRow;
import dev.sipscope.tui.model.StatusCounters;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls built from SIP messages: grouped by Call-ID (one call per dialog set; no transaction or
 * fork matching), with the call state of {@link CallState}, and RTP counted per stream on the
 * media endpoints the calls' SDP announced.
 *
 * <p>A call starts with a request (a response for an unknown Call-ID is counted and dropped);
 * {@link TableOptions} decide which requests may start one. A message byte-identical to one
 * already in the call (same addresses and ports) is marked a retransmission and does not change
 * the state.
 *
 * <p>Confined to the engine thread. Memory: each call keeps its messages (compact copies made by
 * the decoder); the call limit of {@link TableOptions} bounds it. {@link #onRtp} allocates only
 * when a new stream appears.
 */
final class CallTable implements SipSink {
    /** Call-IDs remembered as ignored or rotated out (so that their later messages do not start a call). */
    static final int IGNORED_MEMORY = 10_000;

    private final TableOptions options;
    private final boolean keepFrames;
    private final Map<String, CallRecord> byCallId = new HashMap<>();
    private final Map<Long, CallRecord> byKey = new HashMap<>();
    private final ArrayDeque<CallRecord> order = new ArrayDeque<>();
    private final Map<Endpoint, CallRecord> mediaIndex = new HashMap<>();
    private final Endpoint probe = new Endpoint();
    private final Map<String, Boolean> ignoredCallIds = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > IGNORED_MEMORY;
        }
    };
    private long nextKey = 1;
    private boolean changed = true;

    /**
     * The published forms of live calls, slots {@code base .. size-1} in creation order (a call's
     * {@link CallRecord#slot}); rotated-out calls leave the front until the arrays are compacted.
     * A publication copies the ranges, so its cost does not walk the calls.
     */
    private CallRow[] rows = new CallRow[1024];
    private CallDetail[] details = new CallDetail[1024];
    private int base;
    private int size;
    private final java.util.ArrayList<CallRecord> dirty = new java.util.ArrayList<>();

    /** The frame being decoded: its number in the source and (live) the frame itself. */
    long frameNumber;
    Frame frame;

    long sipMessages;
    long ignoredMessages;
    long orphanResponses;
    long overLimit;
    long rotatedOut;
    long rtpPackets;

    CallTable(TableOptions options, boolean keepFrames) {
        this.options = options;
        this.keepFrames = keepFrames;
    }

    int size() {
        return order.size();
    }

    /** True when a call changed since the last {@link #publish}. */
    boolean changed() {
        return changed;
    }

    /** Forgets every call (the UI's "clear"); keys keep growing so none is reused. */
    void clear() {
        for (CallRecord c : order) {
            c.live = false;
        }
        byCallId.clear();
        byKey.clear();
        order.clear();
        mediaIndex.clear();
        ignoredCallIds.clear();
        dirty.clear();
        java.util.Arrays.fill(rows, null);
        java.util.Arrays.fill(details, null);
        base = 0;
        size = 0;
        changed = true;
    }

    @Override
    public void onSipMessage(SipMessage m, SipTransport transport, Packet p) {
        sipMessages++;
        String callId = m.callIdText();
        if (callId == null || callId.isEmpty()) {
            ignoredMessages++;
            return;
        }
        CallRecord c = byCallId.get(callId);
        String src = IpAddress.format(p.srcHi, p.srcLo, p.srcPort);
        String dst = IpAddress.format(p.dstHi, p.dstLo, p.dstPort);
        if (c == null) {
            c = start(m, callId, src, dst, p.timestampNanos);
            if (c == null) {
                return;
            }
        }
        boolean request = m.isRequest();
        SipCSeq cseq = m.cseq();
        String method = request ? m.methodName() : cseq != null ? cseq.methodName() : "";
        String firstLine = m.startLine();
        boolean retrans = c.isRepeat(m, firstLine, src, dst);
        MessageRow row = new MessageRow(c.key, p.timestampNanos, src, dst, transport.name(), firstLine, request,
                method, request ? 0 : m.statusCode(), m.sdp() != null, retrans, new SipMessageText(m));
        c.messages.add(row);
        c.raw.add(m);
        c.lastNanos = Math.max(c.lastNanos, p.timestampNanos);
        c.addSipFrame(frameNumber);
        if (keepFrames && frame != null && (c.liveFrames.isEmpty() || c.liveFrames.get(c.liveFrames.size() - 1) != frame)) {
            c.liveFrames.add(frame.copy());
        }
        if (!retrans) {
            advance(c, m, request, cseq);
            learnMedia(c, m.sdp());
        }
        touch(c);
    }

    /** Queues a changed call for the next publication. */
    private void touch(CallRecord c) {
        c.changed();
        if (!c.dirty) {
            c.dirty = true;
            dirty.add(c);
        }
        changed = true;
    }

    /** A new call for a request that may start one, or null. */
    private CallRecord start(SipMessage m, String callId, String src, String dst, long ts) {
        if (ignoredCallIds.containsKey(callId)) {
            ignoredMessages++;
            return null;
        }
        if (!m.isRequest()) {
            orphanResponses++;
            return null;
        }
        boolean keep = !options.invitesOnly() || m.isRequest(SipMethod.INVITE);
        if (keep && options.match() != null) {
            keep = options.match().matcher(m.text()).find() != options.invertMatch();
        }
        if (!keep) {
            ignoredCallIds.put(callId, Boolean.TRUE);
            ignoredMessages++;
            return null;
        }
        if (options.callLimit() > 0 && order.size() >= options.callLimit()) {
            if (!options.rotate()) {
                ignoredCallIds.put(callId, Boolean.TRUE);
                overLimit++;
                return null;
            }
            CallRecord oldest = order.pollFirst();
            forget(oldest);
            // its later messages (a BYE) must not come back as a call of their own
            ignoredCallIds.put(oldest.callId, Boolean.TRUE);
            rotatedOut++;
        }
        CallRecord c = new CallRecord(nextKey++, callId, ts, m.methodName(), uriText(m.from()), uriText(m.to()), src, dst);
        SipCSeq cs = m.cseq();
        c.firstCSeq = cs == null ? -1 : cs.number();
        byCallId.put(callId, c);
        byKey.put(c.key, c);
        order.addLast(c);
        if (size == rows.length) {
            int live = size - base;
            int capacity = live * 2 > rows.length ? rows.length * 2 : rows.length;
            CallRow[] r = new CallRow[capacity];
            CallDetail[] d = new CallDetail[capacity];
            System.arraycopy(rows, base, r, 0, live);
            System.arraycopy(details, base, d, 0, live);
            rows = r;
            details = d;
            for (CallRecord x : order) {
                x.slot -= base;
            }
            size = live;
            base = 0;
        }
        c.slot = size++;
        return c;
    }

    private void forget(CallRecord c) {
        if (c == null) {
            return;
        }
        c.live = false;
        rows[c.slot] = null;
        details[c.slot] = null;
        base = c.slot + 1;
        byCallId.remove(c.callId);
        byKey.remove(c.key);
        for (Endpoint e : c.media) {
            if (mediaIndex.get(e) == c) {
                mediaIndex.remove(e);
            }
        }
    }

    /** The call state after a message (RFC 3261 §13 for INVITE, §17 for other transactions). */
    private static void advance(CallRecord c, SipMessage m, boolean request, SipCSeq cseq) {
        if (request) {
            // RFC 3261 §22: a 401/407 challenge is answered by the same request with a new CSeq;
            // that request's transaction decides the outcome
            if ((c.finalCode == 401 || c.finalCode == 407) && cseq != null && cseq.number() > c.firstCSeq
                    && c.method.equalsIgnoreCase(m.methodName())) {
                c.firstCSeq = cseq.number();
                c.finalCode = 0;
                c.state = c.invite ? CallState.CALL_SETUP : CallState.PENDING;
                return;
            }
            if (!c.invite) {
                return;
            }
            if (m.isRequest(SipMethod.CANCEL) && (c.state == CallState.CALL_SETUP || c.state == CallState.RINGING)) {
                c.state = CallState.CANCELLED;
            } else if (m.isRequest(SipMethod.BYE) && (c.state == CallState.IN_CALL || c.state == CallState.CALL_SETUP
                    || c.state == CallState.RINGING)) {
                c.state = CallState.COMPLETED;
            }
            return;
        }
        int code = m.statusCode();
        boolean initial = cseq != null && cseq.number() == c.firstCSeq && c.method.equalsIgnoreCase(cseq.methodName());
        if (!initial) {
            return;
        }
        if (code < 200) {
            if (c.invite && code > 100 && c.state == CallState.CALL_SETUP) {
                c.state = CallState.RINGING;
            }
            return;
        }
        if (c.finalCode != 0) {
            return;
        }
        c.finalCode = code;
        if (!c.invite) {
            c.state = code < 300 ? CallState.OK : CallState.FAILED;
        } else if (code < 300) {
            if (c.state != CallState.COMPLETED) {
                c.state = CallState.IN_CALL;
            }
        } else if (code < 400) {
            c.state = CallState.DIVERTED;
        } else if (code == 486 || code == 600) {
            c.state = CallState.BUSY;
        } else if (code == 487) {
            c.state = CallState.CANCELLED;
        } else if (code >= 500 && code < 600) {
            c.state = CallState.FAILED;
        } else {
            c.state = CallState.REJECTED;
        }
    }

    /** Registers the RTP endpoints and codecs an SDP announces for the call. */
    private void learnMedia(CallRecord c, SdpSession sdp) {
        if (sdp == null) {
            return;
        }
        for (SdpMedia media : sdp.media()) {
            if (media.port() <= 0 || !media.isRtp()) {
                continue;
            }
            for (SdpRtpMap map : media.codecs()) {
                c.codecs.put(map.payloadType(), map.encodingName() + "/" + map.clockRateHz());
            }
            if (!Endpoint.parse(media.effectiveAddress(), media.port(), probe)) {
                continue;
            }
            if (!c.media.contains(probe)) {
                Endpoint e = probe.copy();
                c.media.add(e);
                mediaIndex.put(e, c);
            } else {
                mediaIndex.put(probe.copy(), c);
            }
        }
    }

    /**
     * Counts a UDP datagram as RTP when it goes to or comes from a media endpoint of a call; true
     * when it was counted. RTCP (payload types 72-76, RFC 5761 §4) and non-RTP payloads are left.
     */
    boolean onRtp(Packet p) {
        if (mediaIndex.isEmpty() || p.protocol != Packet.PROTO_UDP) {
            return false;
        }
        byte[] d = p.data;
        int o = p.payloadOffset;
        if (p.payloadLength < 12 || (d[o] & 0xC0) != 0x80) {
            return false;
        }
        int pt = d[o + 1] & 0x7f;
        if (pt >= 72 && pt <= 76) {
            return false;
        }
        CallRecord c = mediaIndex.get(probe.set(p.dstHi, p.dstLo, p.dstPort));
        if (c == null) {
            c = mediaIndex.get(probe.set(p.srcHi, p.srcLo, p.srcPort));
            if (c == null) {
                return false;
            }
        }
        long ssrc = IpAddress.readInt(d, o + 8) & 0xffffffffL;
        int seq = (d[o + 2] & 0xff) << 8 | (d[o + 3] & 0xff);
        RtpCounter counter = null;
        for (int i = 0; i < c.streams.size(); i++) {
            RtpCounter s = c.streams.get(i);
            if (s.is(p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort, ssrc)) {
                counter = s;
                break;
            }
        }
        if (counter == null) {
            if (c.streams.size() >= options.maxStreamsPerCall()) {
                return false;
            }
            counter = new RtpCounter(p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort, ssrc, codec(c, pt));
            c.streams.add(counter);
        }
        counter.update(seq, p.timestampNanos);
        rtpPackets++;
        touch(c);
        return true;
    }

    private static String codec(CallRecord c, int pt) {
        String name = c.codecs.get(pt);
        if (name != null) {
            return name;
        }
        SdpRtpMap known = StaticPayloadTypes.lookup(pt);
        return known != null ? known.encodingName() + "/" + known.clockRateHz() : "PT " + pt;
    }

    /** {@code user@host} of an address's URI, or its text when there is no SIP URI. */
    static String uriText(SipAddress a) {
        if (a == null) {
            return "";
        }
        SipUri u = a.uri();
        if (u != null && u.isValid() && u.host() != null && !u.host().isEmpty()) {
            String user = u.user();
            return user == null || user.isEmpty() ? u.hostPort() : user + "@" + u.host();
        }
        return a.text();
    }

    /** The packet references of the calls {@code keys} still held (engine thread only). */
    java.util.List<CallPackets> packetsOf(java.util.Collection<Long> keys) {
        java.util.List<CallPackets> out = new java.util.ArrayList<>();
        for (Long k : keys) {
            CallRecord c = byKey.get(k);
            if (c != null) {
                out.add(c.packets());
            }
        }
        return out;
    }

    /**
     * Builds the immutable snapshot: the changed calls' rows and details are rebuilt, then the
     * arrays are copied (no walk over unchanged calls).
     */
    FeedSnapshot publish(long version, StatusCounters status) {
        for (CallRecord c : dirty) {
            c.dirty = false;
            if (c.live) {
                rows[c.slot] = c.row();
                details[c.slot] = c.detail();
            }
        }
        dirty.clear();
        changed = false;
        CallRow[] r = java.util.Arrays.copyOfRange(rows, base, size);
        CallDetail[] d = java.util.Arrays.copyOfRange(details, base, size);
        List<CallRow> list = Collections.unmodifiableList(Arrays.asList(r));
        return new FeedSnapshot(version, status, list, key -> {
            int at = indexOf(r, key);
            return at < 0 ? null : d[at];
        });
    }

    /** Binary search by key (rows are in increasing key order). */
    static int indexOf(CallRow[] rows, long key) {
        int lo = 0;
        int hi = rows.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long k = rows[mid].key();
            if (k < key) {
                lo = mid + 1;
            } else if (k > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }
}
