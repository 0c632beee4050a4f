package dev.sipscope.tui.feed;

import dev.sipscope.capture.Frame;
import dev.sipscope.correlator.Engine;
import dev.sipscope.correlator.EngineConfig;
import dev.sipscope.correlator.call.CallKind;
import dev.sipscope.correlator.call.CallLink;
import dev.sipscope.correlator.call.CallMessage;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.call.Hop;
import dev.sipscope.correlator.diag.Diagnostic;
import dev.sipscope.correlator.diag.DiagnosticConfig;
import dev.sipscope.correlator.diag.Diagnostics;
import dev.sipscope.correlator.media.MediaOwner;
import dev.sipscope.correlator.media.MediaSummary;
import dev.sipscope.correlator.media.QualityMediaSink;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.sip.ByteKey;
import dev.sipscope.decoder.sip.SipAddress;
import dev.sipscope.decoder.sip.SipCSeq;
import dev.sipscope.decoder.sip.SipMessage;
import dev.sipscope.decoder.sip.SipMethod;
import dev.sipscope.decoder.sip.SipSink;
import dev.sipscope.decoder.sip.SipTransport;
import dev.sipscope.decoder.sip.SipUri;
import dev.sipscope.decoder.tcp.TcpStream;
import dev.sipscope.quality.QualityConfig;
import dev.sipscope.quality.QualityEngine;
import dev.sipscope.quality.StreamSummaries;
import dev.sipscope.quality.StreamSummary;
import dev.sipscope.quality.dtmf.DtmfEvent;
import dev.sipscope.tui.model.CallDetail;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.CallState;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.model.MessageRow;
import dev.sipscope.tui.model.StatusCounters;
import dev.sipscope.tui.model.StreamRow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The {@link FeedEngine} over the real correlator: a {@link Engine} (SIP decoding, transactions,
 * dialogs, calls, links, media registry) whose media sink is a {@link QualityMediaSink}, so that
 * the streams of a call carry the quality module's figures ({@link QualityEngine#summaries()}),
 * as {@code sipscope analyze} builds it.
 *
 * <p>What the engine's snapshot does not carry, this class learns by tapping the engine's SIP
 * messages ({@link Engine#tapSip}): the frames each call's messages came in (for saving calls),
 * and which calls the user's {@link TableOptions} keep (sngrep's INVITE-only, match expression,
 * limit and rotation, decided on a call's first message). A call's key in the UI is the
 * correlator's call number plus an offset that grows at every {@link #clear()} (which starts a
 * new engine), so keys are never reused.
 *
 * <p>Confined to the engine thread. Memory: one small record per call the correlator keeps
 * (its own bound, {@code CorrelatorConfig#maxCalls}, evicts; evicted calls leave the UI at the
 * next publication), holding frame numbers or, for a live capture, copies of the SIP frames.
 * A publication walks the calls and, when RTP arrived, the quality engine's streams (at most once
 * a second, less often when summarising them takes more than a twentieth of the time, and always
 * for the source's last snapshot).
 *
 * <p>Publishing is incremental: a call's row and detail are rebuilt only when its correlator
 * summary changed in something they show (a message, a state; not the media counters that move
 * with every RTP packet, unless the diagnostics can see the difference) or its streams changed
 * (see {@code Leg}); an unchanged call keeps its {@link CallRow} and {@link CallDetail} objects,
 * and when no row changed the previous list is published again. Nothing is formatted and no
 * stream pipeline runs for an unchanged call.
 *
 * <p>Streams idle for five minutes of capture time are expired from the quality engine
 * (checked every ten seconds), their final figures kept with their call, so that hours of live
 * capture neither fill its stream table nor lose the streams of the calls on screen.
 */
final class CorrelatorFeedEngine implements FeedEngine, SipSink {
    /** How often stream figures are summarised again while RTP keeps coming (at most). */
    static final long STREAMS_REFRESH_NANOS = 1_000_000_000L;
    /**
     * Summarising the streams may take at most one part in this many of the engine thread's time:
     * with thousands of streams a refresh takes long (every stream's E-model, loss pattern, series),
     * and the wait before the next one grows with it, so the packets keep the engine thread.
     */
    static final int STREAMS_REFRESH_SHARE = 20;
    /** Streams without a packet for this long (capture time) are expired from the quality engine. */
    static final long STREAM_IDLE_NANOS = 300_000_000_000L;
    static final long STREAM_EXPIRY_EVERY_NANOS = 10_000_000_000L;

    private final TableOptions options;
    private final boolean keepFrames;
    private final EngineConfig engineConfig;
    private final QualityConfig qualityConfig;
    private final long streamIdleNanos;
    private long expiryCheckedNanos = Long.MIN_VALUE;
    private long streamsExpired;
    private Engine engine;
    private QualityEngine quality;

    /** Calls by Call-ID (the current call of that Call-ID). */
    private final Map<ByteKey, Leg> byCallId = new HashMap<>();
    /** Every call the correlator holds, in increasing correlator number (the order they started). */
    private final ArrayList<Leg> legs = new ArrayList<>();
    /** Kept calls, oldest first (dead ones are skipped when rotating). */
    private final ArrayDeque<Leg> kept = new ArrayDeque<>();
    private int keptCount;
    /** Added to the correlator's call numbers to make keys; grows at every clear. */
    private long keyBase;
    /** SIP messages counted by engines replaced at a clear. */
    private long sipBase;
    /** The correlator's calls-created count when last looked at. */
    private long createdSeen;
    private long generation;
    private long rtpSeen = -1;
    private final long streamsRefreshNanos;
    private long streamsRefreshedNanos;
    /** The wait before the next refresh: {@link #streamsRefreshNanos}, longer when the last refresh was slow. */
    private long streamsWaitNanos;
    private boolean changed = true;
    /** A call stopped being shown since the last publication: calls linked to it list their links again. */
    private boolean linksChanged;
    /** The last published list and details; published again while no row changed. */
    private List<CallRow> publishedRows;
    private LongFunction<CallDetail> publishedDetails;

    private long frameNumber;
    private Frame frame;

    CorrelatorFeedEngine(TableOptions options, boolean keepFrames) {
        this(options, keepFrames, EngineConfig.DEFAULTS, QualityConfig.DEFAULTS, STREAM_IDLE_NANOS, STREAMS_REFRESH_NANOS);
    }

    /** With stream figures summarised at most every {@code streamsRefreshNanos} (0: at every publication). */
    CorrelatorFeedEngine(TableOptions options, boolean keepFrames, long streamsRefreshNanos) {
        this(options, keepFrames, EngineConfig.DEFAULTS, QualityConfig.DEFAULTS, STREAM_IDLE_NANOS, streamsRefreshNanos);
    }

    /** With other bounds (tests: small tables that fill quickly). */
    CorrelatorFeedEngine(TableOptions options, boolean keepFrames, EngineConfig engineConfig, QualityConfig qualityConfig,
                         long streamIdleNanos) {
        this(options, keepFrames, engineConfig, qualityConfig, streamIdleNanos, STREAMS_REFRESH_NANOS);
    }

    private CorrelatorFeedEngine(TableOptions options, boolean keepFrames, EngineConfig engineConfig,
                                 QualityConfig qualityConfig, long streamIdleNanos, long streamsRefreshNanos) {
        this.options = options;
        this.keepFrames = keepFrames;
        this.engineConfig = engineConfig;
        this.qualityConfig = qualityConfig;
        this.streamIdleNanos = streamIdleNanos;
        this.streamsRefreshNanos = streamsRefreshNanos;
        this.streamsRefreshedNanos = System.nanoTime() - streamsRefreshNanos;
        this.streamsWaitNanos = streamsRefreshNanos;
        newEngine();
    }

    private void newEngine() {
        // At the stream limit, streams quiet for 30 s make room at once (their summaries are drained with the
        // expired ones), instead of new streams being refused until the next expiry.
        QualityEngine q = new QualityEngine(qualityConfig, QualityEngine.QUIET_STREAM_NANOS,
                4 * qualityConfig.maxStreams());
        Engine e = new Engine(engineConfig, registry -> new QualityMediaSink(registry, q));
        e.tapSip(this);
        this.quality = q;
        this.engine = e;
        this.createdSeen = 0;
        this.rtpSeen = -1;
        this.expiryCheckedNanos = Long.MIN_VALUE;
    }

    /**
     * Every {@link #STREAM_EXPIRY_EVERY_NANOS} of capture time, streams quiet for the idle time leave
     * the quality engine's bounded table (else, hours into a live capture, the table would be full
     * and new streams refused); the final figures of a stream bound to a kept call stay with the call.
     */
    private void expireStreams(long nowNanos) {
        if (expiryCheckedNanos == Long.MIN_VALUE || nowNanos < expiryCheckedNanos) {
            expiryCheckedNanos = nowNanos;
            return;
        }
        if (nowNanos - expiryCheckedNanos < STREAM_EXPIRY_EVERY_NANOS) {
            return;
        }
        expiryCheckedNanos = nowNanos;
        int n = quality.drainRetired(this::streamEnded)
                + quality.expireIdle(nowNanos, streamIdleNanos, this::streamEnded);
        if (n > 0) {
            streamsExpired += n;
            rtpSeen = -1; // the calls' stream lists change
        }
    }

    private void streamEnded(StreamSummary s) {
        if (s.callRef() instanceof MediaOwner) {
            Leg leg = leg(((MediaOwner) s.callRef()).callNumber());
            if (leg != null && leg.kept && leg.endedStreams.size() < options.maxStreamsPerCall()) {
                leg.endedStreams.add(s);
            }
        }
    }

    /** Streams expired from the quality engine so far (this engine, since the last clear). */
    long streamsExpired() {
        return streamsExpired;
    }

    QualityEngine quality() {
        return quality;
    }

    Engine engine() {
        return engine;
    }

    // ---------------------------------------------------------------- packets

    @Override
    public void onDatagram(Packet packet) {
        engine.onDatagram(packet);
        expireStreams(packet.timestampNanos);
    }

    @Override
    public void onTcpData(TcpStream stream, Packet packet) {
        engine.onTcpData(stream, packet);
    }

    @Override
    public void onTcpGap(TcpStream stream, boolean fromClient, long missingBytes) {
        engine.onTcpGap(stream, fromClient, missingBytes);
    }

    @Override
    public void onTcpClose(TcpStream stream) {
        engine.onTcpClose(stream);
    }

    @Override
    public void advanceTime(long nowNanos) {
        engine.advanceTime(nowNanos);
        expireStreams(nowNanos);
    }

    @Override
    public void beforeFrame(long number, Frame f) {
        this.frameNumber = number;
        this.frame = f;
    }

    @Override
    public void afterFrame() {
        this.frame = null;
    }

    /** The tap: a SIP message the correlator has just taken. */
    @Override
    public void onSipMessage(SipMessage m, SipTransport transport, Packet p) {
        ByteKey callId = m.callId();
        if (callId == null) {
            return;
        }
        long created = engine.correlator().callsCreated();
        Leg leg;
        if (created != createdSeen) {
            // a message creates at most one call, and it is this message's
            createdSeen = created;
            leg = start(created, callId, m);
        } else {
            leg = byCallId.get(callId);
        }
        if (leg == null || !leg.kept) {
            return;
        }
        // The frames to save the call with: copies of live frames as many as the messages the call keeps for its
        // ladder, frame numbers in a file 64 times that; a dialog that never ends (NOTIFY after NOTIFY) stays bounded.
        int keepMessages = Math.max(1, engineConfig.correlator().maxMessagesPerCall());
        if (leg.sipFrameCount < MAX_FRAME_NUMBERS_PER_MESSAGE_KEPT * keepMessages) {
            leg.addFrame(frameNumber);
        }
        if (keepFrames && frame != null && leg.liveFrames.size() < keepMessages
                && (leg.liveFrames.isEmpty() || leg.lastLiveFrame != frame)) {
            leg.liveFrames.add(frame.copy());
            leg.lastLiveFrame = frame;
        }
        changed = true;
    }

    /** Frame numbers kept per call for saving it from a file, per message its ladder keeps. */
    static final int MAX_FRAME_NUMBERS_PER_MESSAGE_KEPT = 64;

    /** A new call of the correlator: kept or not as the options say (sngrep's rules). */
    private Leg start(long number, ByteKey callId, SipMessage m) {
        Leg leg = new Leg(number, keyBase + number, callId);
        byCallId.put(callId, leg);
        legs.add(leg);
        leg.generation = generation;
        boolean keep = !options.invitesOnly() || m.isRequest(SipMethod.INVITE);
        if (keep && options.match() != null) {
            keep = options.match().matcher(m.text()).find() != options.invertMatch();
        }
        if (keep && options.callLimit() > 0 && keptCount >= options.callLimit()) {
            if (options.rotate()) {
                Leg oldest;
                while ((oldest = kept.pollFirst()) != null && !oldest.kept) {
                    // already gone
                }
                if (oldest != null) {
                    drop(oldest);
                }
            } else {
                keep = false;
            }
        }
        if (keep) {
            leg.kept = true;
            kept.addLast(leg);
            keptCount++;
        }
        changed = true;
        return leg;
    }

    /** Stops showing a call (its later messages stay ignored). */
    private void drop(Leg leg) {
        if (leg.kept) {
            leg.kept = false;
            keptCount--;
            leg.release();
            changed = true;
            linksChanged = true;
            publishedRows = null;
        }
    }

    // ---------------------------------------------------------------- publishing

    @Override
    public boolean changed() {
        return changed;
    }

    @Override
    public int calls() {
        return keptCount;
    }

    /** Legs this engine still holds, in its list of the correlator's calls or in the rotation queue (tests). */
    int legsHeld() {
        Set<Leg> all = Collections.newSetFromMap(new IdentityHashMap<>());
        all.addAll(legs);
        all.addAll(kept);
        return all.size();
    }

    /** Legs no longer shown that still hold a summary, rows or messages (tests: none should). */
    int droppedLegsHoldingState() {
        int n = 0;
        for (Leg leg : legs) {
            if (!leg.kept && (leg.summary != null || leg.builtFrom != null || !leg.messageSources.isEmpty()
                    || !leg.endedStreams.isEmpty() || leg.row != null)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public long sipMessages() {
        return sipBase + engine.sipMessages();
    }

    @Override
    public void clear() {
        long issued = engine.correlator().callsCreated();
        sipBase += engine.sipMessages();
        keyBase += issued;
        byCallId.clear();
        legs.clear();
        kept.clear();
        publishedRows = null;
        keptCount = 0;
        newEngine();
        changed = true;
    }

    @Override
    public FeedSnapshot publish(long version, StatusCounters status) {
        generation++;
        long rtp = quality.counters().rtpPackets();
        long nowNanos = System.nanoTime();
        // summarising every stream costs a walk over all of them: at most once a second while
        // media flows, and always for the last snapshot of a source
        if (rtp != rtpSeen && (status.finished() || nowNanos - streamsRefreshedNanos >= streamsWaitNanos)) {
            rtpSeen = rtp;
            refreshStreams();
            long doneNanos = System.nanoTime();
            streamsRefreshedNanos = doneNanos;
            streamsWaitNanos = streamsRefreshNanos == 0 ? 0
                    : Math.max(streamsRefreshNanos, (doneNanos - nowNanos) * (STREAMS_REFRESH_SHARE - 1));
        }
        // which calls the correlator still holds; the others were evicted and are gone (before any
        // row is built, so that no row links to a call that left)
        List<CallSummary> summaries = engine.correlator().summaries();
        for (int i = 0, n = summaries.size(); i < n; i++) {
            CallSummary s = summaries.get(i);
            Leg leg = leg(s.number());
            if (leg != null) {
                leg.generation = generation;
                leg.next = s;
            }
        }
        boolean listChanged = false;
        int held = 0;
        for (int i = 0, n = legs.size(); i < n; i++) {
            Leg leg = legs.get(i);
            if (leg.generation != generation) {
                byCallId.remove(leg.callId, leg);
                if (leg.kept) {
                    listChanged = true;
                }
                drop(leg);
                linksChanged = true;
            } else {
                legs.set(held++, leg);
            }
        }
        legs.subList(held, legs.size()).clear();
        // Calls no longer shown stay in the rotation queue until it is polled, which only a call limit with
        // rotation does: without this, every call of a long capture would stay reachable from it.
        if (kept.size() > 2 * keptCount + 64) {
            kept.removeIf(l -> !l.kept);
        }
        boolean relink = linksChanged;
        linksChanged = false;
        for (int i = 0, n = legs.size(); i < n; i++) {
            Leg leg = legs.get(i);
            CallSummary s = leg.next;
            leg.next = null;
            if (leg.kept) {
                listChanged |= leg.update(this, s, relink);
            }
        }
        changed = false;
        if (listChanged || publishedRows == null) {
            CallRow[] r = new CallRow[keptCount];
            CallDetail[] d = new CallDetail[keptCount];
            int at = 0;
            for (int i = 0, n = legs.size(); i < n && at < r.length; i++) {
                Leg leg = legs.get(i);
                if (leg.kept && leg.row != null) {
                    r[at] = leg.row;
                    d[at] = leg.detail;
                    at++;
                }
            }
            CallRow[] rows = at == r.length ? r : Arrays.copyOf(r, at);
            CallDetail[] details = at == d.length ? d : Arrays.copyOf(d, at);
            publishedRows = Collections.unmodifiableList(Arrays.asList(rows));
            publishedDetails = key -> {
                int found = indexOf(rows, key);
                return found < 0 ? null : details[found];
            };
        }
        return new FeedSnapshot(version, status, publishedRows, publishedDetails);
    }

    /**
     * Every kept call's row and detail built from scratch from the summaries and streams it holds
     * now, bypassing what {@link #publish} reuses; leaves this engine untouched. For tests: an
     * incremental publication must equal it.
     */
    List<CallDetail> rebuildAllForTest(List<CallRow> rowsOut) {
        List<CallDetail> out = new ArrayList<>();
        for (Leg leg : legs) {
            if (leg.kept && leg.summary != null) {
                Leg fresh = new Leg(leg.number, leg.key, leg.callId);
                fresh.kept = true;
                fresh.streams = leg.streams;
                fresh.streamSummaries = leg.streamSummaries;
                fresh.update(this, leg.summary, false);
                rowsOut.add(fresh.row);
                out.add(fresh.detail);
            }
        }
        return out;
    }

    /** The leg of correlator call {@code number}, or null (binary search: legs are in number order). */
    private Leg leg(long number) {
        int lo = 0;
        int hi = legs.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long n = legs.get(mid).number;
            if (n < number) {
                lo = mid + 1;
            } else if (n > number) {
                hi = mid - 1;
            } else {
                return legs.get(mid);
            }
        }
        return null;
    }

    /** Hands every bound stream to its call; calls whose streams changed rebuild their detail. */
    private void refreshStreams() {
        for (int i = 0, n = legs.size(); i < n; i++) {
            Leg leg = legs.get(i);
            leg.pendingStreams.clear();
            leg.pendingSummaries.clear();
            // streams already expired from the quality engine come first: they started earlier
            for (int e = 0, m = leg.endedStreams.size(); e < m; e++) {
                StreamSummary s = leg.endedStreams.get(e);
                leg.pendingSummaries.add(s);
                leg.pendingStreams.add(streamRow(s));
            }
        }
        for (StreamSummary s : quality.summaries()) {
            if (s.callRef() instanceof MediaOwner) {
                Leg leg = leg(((MediaOwner) s.callRef()).callNumber());
                if (leg != null && leg.kept) {
                    leg.pendingSummaries.add(s);
                    if (leg.pendingStreams.size() < options.maxStreamsPerCall()) {
                        leg.pendingStreams.add(streamRow(s));
                    }
                }
            }
        }
        for (int i = 0, n = legs.size(); i < n; i++) {
            Leg leg = legs.get(i);
            if (sameStreams(leg.pendingStreams, leg.streams)) {
                // unchanged: the call keeps its published row and detail (callers cache by identity)
                continue;
            }
            leg.streams = leg.pendingStreams.isEmpty() ? List.of() : List.copyOf(leg.pendingStreams);
            leg.streamSummaries = leg.pendingSummaries.isEmpty() ? List.of() : List.copyOf(leg.pendingSummaries);
            leg.streamsChanged = true;
            changed = true;
        }
    }

    /** True when no stream gained a packet or an event (the figures follow from the packets). */
    static boolean sameStreams(List<StreamRow> a, List<StreamRow> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            StreamRow x = a.get(i);
            StreamRow y = b.get(i);
            if (x.packets() != y.packets() || x.lastNanos() != y.lastNanos() || x.ssrc() != y.ssrc()
                    || !x.src().equals(y.src()) || !x.dst().equals(y.dst()) || !x.dtmf().equals(y.dtmf())) {
                return false;
            }
        }
        return true;
    }

    static StreamRow streamRow(StreamSummary s) {
        StreamSummaries.Codec c = s.codec();
        String codec = c == null ? "" : c.encodingName() != null && !c.encodingName().isEmpty()
                ? c.encodingName() + "/" + c.clockRateHz() : "PT " + c.payloadType();
        // expected − received (RFC 3550 §6.4.1), expected counted from the lowest sequence number
        // seen, so that a late first packet does not hide a loss; tshark's figure is in the JSON report
        StreamSummaries.Sequence seq = s.sequence();
        long lost = seq == null ? s.lost() : seq.lostRfc();
        double lossPercent = seq == null || seq.expected() <= 0 ? Double.NaN
                : Math.max(0, lost) * 100.0 / seq.expected();
        StreamSummaries.EModel e = s.emodel();
        double mos = e == null || e.mosLq() == null ? Double.NaN : e.mosLq();
        StringBuilder dtmf = new StringBuilder();
        for (DtmfEvent d : s.dtmf()) {
            dtmf.append(d.digit());
        }
        List<String> diagnostics = new ArrayList<>();
        if (s.ssrcChangesOnTuple() > 0) {
            diagnostics.add("The SSRC changed " + s.ssrcChangesOnTuple() + " times on this address pair.");
        }
        if (e != null && e.mosLq() == null && e.reason() != null && !e.reason().isEmpty()) {
            diagnostics.add("No MOS: " + e.reason() + ".");
        }
        StreamSummaries.Series series = s.series();
        int n = series == null ? 0 : series.length();
        double[] jitterSeries = new double[n];
        double[] lossSeries = new double[n];
        for (int i = 0; i < n; i++) {
            jitterSeries[i] = series.maxJitterMsAt(i);
            lossSeries[i] = series.lossPercentAt(i);
        }
        return new StreamRow(s.src(), s.dst(), s.ssrc(), codec, s.firstNanos(), s.lastNanos(), s.packets(), lost,
                lossPercent, s.meanJitterMs(), s.maxJitterMs(), mos, jitterSeries, lossSeries,
                dtmf.toString(), diagnostics);
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

    @Override
    public List<CallPackets> packetsOf(Collection<Long> keys) {
        List<CallPackets> out = new ArrayList<>();
        for (Long key : keys) {
            Leg leg = leg(key - keyBase);
            if (leg == null || !leg.kept) {
                continue;
            }
            CallSummary s = engine.correlator().summary(leg.callId);
            if (s == null || s.number() != leg.number) {
                s = leg.summary;
            }
            if (s == null) {
                continue;
            }
            List<Endpoint> media = new ArrayList<>();
            Endpoint probe = new Endpoint();
            for (MediaSummary m : s.media()) {
                if (parseEndpoint(m.endpoint(), probe) && !media.contains(probe)) {
                    media.add(probe.copy());
                }
            }
            long last = s.lastMessageNanos();
            for (StreamRow st : leg.streams) {
                last = Math.max(last, st.lastNanos());
            }
            out.add(new CallPackets(key, Arrays.copyOf(leg.sipFrames, leg.sipFrameCount), List.copyOf(leg.liveFrames),
                    List.copyOf(media), s.startNanos(), Math.max(last, s.startNanos())));
        }
        return out;
    }

    /** {@code a.b.c.d:port} or {@code [v6]:port} into {@code out}; false when it is neither. */
    static boolean parseEndpoint(String text, Endpoint out) {
        if (text == null) {
            return false;
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return false;
        }
        int port = 0;
        for (int i = colon + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || port > 65535) {
                return false;
            }
            port = port * 10 + (c - '0');
        }
        if (port > 65535) {
            return false;
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return Endpoint.parse(host, port, out);
    }

    // ---------------------------------------------------------------- mapping a call

    /**
     * The UI's state for a correlator state. The UI keeps the sngrep vocabulary: non-INVITE usages
     * end OK or FAILED, a redirection is DIVERTED, and any other final error response to the INVITE
     * (4xx, 5xx and 6xx but busy) is REJECTED, as sngrep shows it. The correlator's NO_ANSWER (408,
     * 480, a 487 nobody cancelled, timer C after ringing) is its own state, NO ANSWER. FAILED is left
     * for an INVITE that never got a final response (timer B) or failed without one.
     */
    static CallState state(CallSummary s) {
        boolean invite = s.kind() == CallKind.CALL;
        switch (s.state()) {
            case CALLING:
            case PROCEEDING:
                return invite ? CallState.CALL_SETUP : CallState.PENDING;
            case RINGING:
                return invite ? CallState.RINGING : CallState.PENDING;
            case IN_CALL:
                return CallState.IN_CALL;
            case COMPLETED:
                return invite ? CallState.COMPLETED : CallState.OK;
            case REGISTERED:
            case UNREGISTERED:
                return CallState.OK;
            case CANCELLED:
                return CallState.CANCELLED;
            case BUSY:
                return invite ? CallState.BUSY : CallState.FAILED;
            case REDIRECTED:
                return invite ? CallState.DIVERTED : CallState.FAILED;
            case NO_ANSWER:
                return invite ? CallState.NO_ANSWER : CallState.FAILED;
            case REJECTED:
                return invite && s.finalStatus() >= 300 ? CallState.REJECTED : CallState.FAILED;
            case FAILED:
            default:
                return CallState.FAILED;
        }
    }

    /** The method of the first request, else what the call's kind says. */
    static String method(CallSummary s) {
        if (!s.messages().isEmpty()) {
            SipMessage first = s.messages().get(0).message();
            if (first.isRequest()) {
                return first.methodName();
            }
        }
        if (s.kind() == CallKind.OTHER) {
            if (!s.messages().isEmpty()) {
                SipCSeq cs = s.messages().get(0).message().cseq();
                if (cs != null) {
                    return cs.methodName();
                }
            }
            return "";
        }
        return s.kind().method().name();
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

    /**
     * One call as this engine follows it (engine thread only).
     *
     * <p>Its published row and detail are a function of the correlator's summary and of the call's
     * streams. They are rebuilt in two depths: all of it when the summary changed in anything but
     * its media counters (a new message, a state), or when a linked call left; only what the streams
     * and the diagnostics decide (duration, MOS, diagnostics) when the streams changed or the media
     * changed in a way the diagnostics can see ({@link #mediaSeenTheSame}). A summary that differs
     * only in media counters the diagnostics cannot see (RTP flowing on a call that already has it)
     * keeps the row and the detail, objects and all.
     */
    private static final class Leg {
        static final long[] NO_FRAMES = new long[0];
        final long number;
        final long key;
        final ByteKey callId;
        boolean kept;
        long generation;

        long[] sipFrames = new long[4];
        int sipFrameCount;
        final ArrayList<Frame> liveFrames = new ArrayList<>();
        Frame lastLiveFrame;

        /** The correlator's latest summary of the call. */
        CallSummary summary;
        /** The summary taken in the publication under way. */
        CallSummary next;
        /** The summary the published row and detail were built from (its media may be older than {@link #summary}'s). */
        CallSummary builtFrom;
        /** Whether the diagnostics saw the call answered long enough to expect media, when last built. */
        boolean builtTalkLongEnough;
        List<StreamRow> streams = List.of();
        /** Every stream bound to the call, for its diagnostics. */
        List<StreamSummary> streamSummaries = List.of();
        /** The streams changed since the row was built. */
        boolean streamsChanged;
        /** Scratch lists for {@link #refreshStreams()}. */
        final ArrayList<StreamRow> pendingStreams = new ArrayList<>(0);
        final ArrayList<StreamSummary> pendingSummaries = new ArrayList<>(0);
        /** Final figures of the call's streams expired from the quality engine (at most maxStreamsPerCall). */
        final ArrayList<StreamSummary> endedStreams = new ArrayList<>(0);
        CallRow row;
        CallDetail detail;
        /** Message rows built so far, index for index with the summary's messages. */
        final ArrayList<MessageRow> messageRows = new ArrayList<>();
        final ArrayList<CallMessage> messageSources = new ArrayList<>();
        /** The parts of the row and detail that follow from the summary alone. */
        String method = "";
        String from = "";
        String to = "";
        List<MessageRow> messages = List.of();
        List<Long> linked = List.of();

        Leg(long number, long key, ByteKey callId) {
            this.number = number;
            this.key = key;
            this.callId = callId;
        }

        /**
         * Lets go of everything built for showing the call (frames, summaries, rows, messages, streams): a call
         * no longer shown is never shown again, and its leg may stay reachable until the correlator drops it.
         */
        void release() {
            liveFrames.clear();
            liveFrames.trimToSize();
            lastLiveFrame = null;
            sipFrames = NO_FRAMES;
            sipFrameCount = 0;
            summary = null;
            next = null;
            builtFrom = null;
            streams = List.of();
            streamSummaries = List.of();
            pendingStreams.clear();
            pendingStreams.trimToSize();
            pendingSummaries.clear();
            pendingSummaries.trimToSize();
            endedStreams.clear();
            endedStreams.trimToSize();
            row = null;
            detail = null;
            messageRows.clear();
            messageRows.trimToSize();
            messageSources.clear();
            messageSources.trimToSize();
            messages = List.of();
            linked = List.of();
        }

        void addFrame(long frameNumber) {
            if (sipFrameCount > 0 && sipFrames[sipFrameCount - 1] == frameNumber) {
                return;
            }
            if (sipFrameCount == sipFrames.length) {
                sipFrames = Arrays.copyOf(sipFrames, Math.max(4, sipFrameCount * 2));
            }
            sipFrames[sipFrameCount++] = frameNumber;
        }

        /**
         * Takes the correlator's current summary {@code s} and rebuilds what it changed;
         * {@code relink}: a call left since the last publication (linked keys may change).
         *
         * @return true when the row and detail are new objects
         */
        boolean update(CorrelatorFeedEngine owner, CallSummary s, boolean relink) {
            summary = s;
            CallSummary built = builtFrom;
            if (row == null || built == null || !sameExceptMedia(built, s) || relink && !s.links().isEmpty()) {
                buildFromSummary(owner, s);
                buildDerived(s);
                return true;
            }
            if (streamsChanged || s != built && !mediaSeenTheSame(built, s)) {
                buildDerived(s);
                return true;
            }
            return false;
        }

        /** What follows from the summary alone: method, parties, message rows, linked legs. */
        private void buildFromSummary(CorrelatorFeedEngine owner, CallSummary s) {
            method = method(s);
            messages = List.copyOf(messages(s));
            if (!s.messages().isEmpty()) {
                SipMessage first = firstRequest(s);
                from = uriText(first.from());
                to = uriText(first.to());
            } else {
                from = s.from() == null ? "" : s.from();
                to = s.to() == null ? "" : s.to();
            }
            List<Long> keys = null;
            List<CallLink> links = s.links();
            for (int i = 0, n = links.size(); i < n; i++) {
                CallLink l = links.get(i);
                if (l.callNumber() > 0 && l.kind().name().startsWith("B2BUA")) {
                    Leg other = owner.leg(l.callNumber());
                    if (other != null && other.kept && (keys == null || !keys.contains(other.key))) {
                        if (keys == null) {
                            keys = new ArrayList<>(2);
                        }
                        keys.add(other.key);
                    }
                }
            }
            linked = keys == null ? List.of() : List.copyOf(keys);
        }

        /** The row and the detail: what the streams and the diagnostics add to the summary's parts. */
        private void buildDerived(CallSummary s) {
            builtFrom = s;
            streamsChanged = false;
            builtTalkLongEnough = talkLongEnough(s, streamSummaries);
            long end = s.lastMessageNanos();
            double mos = Double.NaN;
            for (int i = 0, n = streams.size(); i < n; i++) {
                StreamRow st = streams.get(i);
                end = Math.max(end, st.lastNanos());
                if (!Double.isNaN(st.mos()) && (Double.isNaN(mos) || st.mos() < mos)) {
                    mos = st.mos();
                }
            }
            List<Diagnostic> found = Diagnostics.of(s, streamSummaries, DiagnosticConfig.DEFAULTS);
            List<String> diagnostics = diagnostics(s, found);
            List<String> codes;
            if (found.isEmpty()) {
                codes = List.of();
            } else {
                String[] c = new String[found.size()];
                for (int i = 0; i < c.length; i++) {
                    c[i] = found.get(i).code();
                }
                codes = List.of(c);
            }
            row = new CallRow(key, s.startNanos(), method, from, to, s.callId(), s.caller(), s.callee(), state(s),
                    s.finalStatus(), s.messageCount() + s.retransmissions(), Math.max(0, end - s.startNanos()), mos,
                    diagnostics.size());
            detail = new CallDetail(key, messages, streams, diagnostics, linked, codes);
        }

        /**
         * True when everything but the media of {@code a} and {@code b} is the same: the correlator
         * makes a new summary that copies every other field (lists by reference) when only media
         * counters moved, and a whole new one (new lists) when anything else changed.
         */
        static boolean sameExceptMedia(CallSummary a, CallSummary b) {
            return a == b || a.number() == b.number() && a.messages() == b.messages() && a.dialogs() == b.dialogs()
                    && a.links() == b.links() && a.state() == b.state() && a.kind() == b.kind()
                    && a.finalStatus() == b.finalStatus() && a.messageCount() == b.messageCount()
                    && a.retransmissions() == b.retransmissions() && a.messagesNotKept() == b.messagesNotKept()
                    && a.startNanos() == b.startNanos() && a.answerNanos() == b.answerNanos()
                    && a.endNanos() == b.endNanos() && a.postDialDelayNanos() == b.postDialDelayNanos()
                    && a.setupNanos() == b.setupNanos() && a.answerToAckNanos() == b.answerToAckNanos()
                    && a.durationNanos() == b.durationNanos() && a.lastMessageNanos() == b.lastMessageNanos()
                    && a.holds() == b.holds() && a.earlyMedia() == b.earlyMedia()
                    && a.expiresSeconds() == b.expiresSeconds() && a.hangupBy() == b.hangupBy()
                    && a.callId() == b.callId() && a.from() == b.from() && a.to() == b.to()
                    && a.caller() == b.caller() && a.callee() == b.callee() && a.reason() == b.reason()
                    && a.userAgent() == b.userAgent();
        }

        /**
         * True when {@link Diagnostics#of} cannot tell the media of {@code built} (what the row was
         * built from) and {@code now} apart, their other fields being the same: the same announced
         * endpoints in every respect but their counters, the same endpoints with and without
         * packets, and the same answer to "answered long enough to expect media" (which only ever
         * turns from false to true as packets arrive). Conservative: any other difference rebuilds.
         */
        boolean mediaSeenTheSame(CallSummary built, CallSummary now) {
            List<MediaSummary> a = built.media();
            List<MediaSummary> b = now.media();
            if (a == b) {
                return true;
            }
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0, n = a.size(); i < n; i++) {
                MediaSummary x = a.get(i);
                MediaSummary y = b.get(i);
                if (x.side() != y.side() || x.mediaIndex() != y.mediaIndex() || x.current() != y.current()
                        || x.announcedNanos() != y.announcedNanos() || x.natSuspected() != y.natSuspected()
                        || (x.packets() == 0) != (y.packets() == 0)
                        || !eq(x.mediaType(), y.mediaType()) || !eq(x.proto(), y.proto())
                        || !eq(x.endpoint(), y.endpoint()) || !eq(x.rtcpEndpoint(), y.rtcpEndpoint())
                        || !eq(x.direction(), y.direction()) || !eq(x.expectedSource(), y.expectedSource())
                        || !eq(x.unexpectedSource(), y.unexpectedSource())
                        || !eq(x.unannouncedDestination(), y.unannouncedDestination())
                        || !x.codecs().equals(y.codecs())) {
                    return false;
                }
            }
            return talkLongEnough(now, streamSummaries) == builtTalkLongEnough;
        }

        private static boolean eq(String x, String y) {
            return x == null ? y == null : x.equals(y);
        }

        /**
         * The diagnostics' test of whether media should have been seen by now (an answered call
         * that lasted {@code noMediaAfterAnswerMs}), over the latest message, media packet and stream
         * packet, as {@link Diagnostics#of} computes it.
         */
        static boolean talkLongEnough(CallSummary c, List<StreamSummary> streams) {
            if (c.answerNanos() < 0) {
                return false;
            }
            long lastSeen = c.lastMessageNanos();
            List<MediaSummary> media = c.media();
            for (int i = 0, n = media.size(); i < n; i++) {
                lastSeen = Math.max(lastSeen, media.get(i).lastPacketNanos());
            }
            for (int i = 0, n = streams.size(); i < n; i++) {
                lastSeen = Math.max(lastSeen, streams.get(i).lastNanos());
            }
            long talkNanos = (c.endNanos() >= 0 ? c.endNanos() : lastSeen) - c.answerNanos();
            return talkNanos >= DiagnosticConfig.DEFAULTS.noMediaAfterAnswerMs() * 1e6;
        }

        private static SipMessage firstRequest(CallSummary s) {
            for (CallMessage m : s.messages()) {
                if (m.message().isRequest()) {
                    return m.message();
                }
            }
            return s.messages().get(0).message();
        }

        /** The message rows, reusing those already built (messages are only ever appended). */
        private List<MessageRow> messages(CallSummary s) {
            List<CallMessage> all = s.messages();
            int reuse = 0;
            int n = Math.min(all.size(), messageSources.size());
            while (reuse < n && all.get(reuse) == messageSources.get(reuse)) {
                reuse++;
            }
            messageRows.subList(reuse, messageRows.size()).clear();
            messageSources.subList(reuse, messageSources.size()).clear();
            for (int i = reuse; i < all.size(); i++) {
                CallMessage cm = all.get(i);
                messageSources.add(cm);
                messageRows.add(row(cm));
            }
            return messageRows;
        }

        private MessageRow row(CallMessage cm) {
            SipMessage m = cm.message();
            Hop hop = cm.hop();
            boolean request = m.isRequest();
            SipCSeq cseq = m.cseq();
            String method = request ? m.methodName() : cseq != null ? cseq.methodName() : "";
            return new MessageRow(key, cm.timeNanos(), hop.source(), hop.destination(), hop.transport().name(),
                    m.startLine(), request, method, request ? 0 : m.statusCode(), m.sdp() != null,
                    cm.retransmission(), new SipMessageText(m));
        }

        /** The correlator's diagnostics of the call (as {@code analyze} reports them), one sentence each. */
        private static List<String> diagnostics(CallSummary s, List<Diagnostic> found) {
            List<String> out = new ArrayList<>();
            for (Diagnostic d : found) {
                out.add(d.text());
            }
            if (s.messagesNotKept() > 0) {
                out.add(s.messagesNotKept() + " later messages were counted but not kept for the ladder (per-call limit).");
            }
            return out;
        }
    }
}
