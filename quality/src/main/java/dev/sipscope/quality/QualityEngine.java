package dev.sipscope.quality;

import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.rtp.RtcpView;
import dev.sipscope.decoder.rtp.RtpView;
import dev.sipscope.decoder.rtp.TelephoneEventView;
import dev.sipscope.quality.rtcp.RtcpMath;
import dev.sipscope.quality.rtcp.SenderReportIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The RTP/RTCP quality engine: feed it every UDP datagram that is not signalling, in capture order, and
 * it finds the RTP streams and RTCP among them and keeps per-stream statistics for the profiles of
 * QUALITY.md (RFC, ANALYZER, WS40), the jitter-buffer simulation, loss pattern, E-model, RTCP reports
 * and DTMF.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
 * // from PacketSink.onDatagram(Packet p), for datagrams that are not SIP:
 * MediaClass c = q.onDatagram(p);
 * // when the correlator has seen an SDP (before or after the media starts):
 * q.declareEndpoint(MediaEndpoint.of("10.0.0.1", 40000, payloadMap, call, 0));
 * // a few times a second, or at the end:
 * List<StreamSummary> s = q.summaries();
 * }</pre>
 *
 * <h2>Which datagrams are media</h2>
 * <ol>
 *   <li>Version 2 and a second octet in 192..223: an RTCP compound (RFC 5761 §4 demultiplexing), parsed
 *       if it passes the compound checks ({@link RtcpView}).</li>
 *   <li>Otherwise one hash probe on (source, destination, ports, SSRC): a known stream gets the packet
 *       (after the RTP validity checks of QUALITY.md §1.2). This is the hot path: no allocation, no
 *       other lookup.</li>
 *   <li>A new SSRC sent to or from an address and port an SDP announced ({@link #declareEndpoint}), or on
 *       a 5-tuple that already carries a stream, starts a stream at once, decoded with that SDP's
 *       payload map (destination match first, QUALITY.md §10.3–§10.4).</li>
 *   <li>Anything else goes through the RTP heuristic ({@link QualityConfig#heuristic()}): ports at least
 *       {@code heuristicMinPort}, one of them even, a plausible payload type, and
 *       {@code heuristicPackets} packets of one SSRC with consistent sequence numbers and timestamps. The
 *       probation packets are kept and replayed into the stream, so no packet is lost to the
 *       heuristic. Such streams are {@link Binding#HEURISTIC} until an SDP for their address arrives.</li>
 * </ol>
 *
 * <h2>Bounds</h2>
 * At most {@code maxStreams} streams (packets of further new streams are counted as
 * {@link MediaClass#DROPPED}), {@code maxCandidates} 5-tuples on probation (the oldest is evicted), twice
 * {@code maxStreams} declared endpoints; per stream a fixed slot window, a bounded DTMF list and report
 * ring. {@link #expireIdle} removes streams that went quiet. An engine made with a retirement time
 * ({@link #QualityEngine(QualityConfig, long, int)}, as batch analysis does) makes room itself: a new stream
 * that finds the table full first retires the streams quiet for that long, keeping their summaries, so
 * that the limit bounds the streams active at once rather than the streams of a whole capture.
 *
 * <p>Not thread-safe: one engine per engine thread; publish {@link #summaries()} (immutable) to others.
 */
public final class QualityEngine {
    private static final long SEED = 0x5EED_C0DE_2026L;
    private static final int MAX_CACHED_PROFILES = 1024;
    /** Candidates compared when one must be evicted. */
    private static final int EVICTION_SCAN = 8;

    private final QualityConfig config;
    private final StreamSettings settings;
    private final PayloadProfile unboundProfile;
    private final FlowTable<RtpStream> streams;
    /**
     * A direct-mapped cache in front of {@link #streams} for {@link #knownStream}: streams found there, by a
     * hash of their ports and SSRC. A hit is checked against the stream's own key (which it needs next
     * anyway), so it spares the table's probe over keys and values in other cache lines. Invariant: every
     * entry is a stream held by {@link #streams} under its own key (entries are cleared on removal and
     * whenever a key is put).
     */
    private final RtpStream[] recent = new RtpStream[1 << RECENT_BITS];
    private static final int RECENT_BITS = 12;
    private final FlowTable<TupleState> tuples;
    private final FlowTable<MediaEndpoint> endpoints;
    /** Profiles by payload map content: calls mostly share a few codec sets. Bounded; beyond, not cached. */
    private final java.util.HashMap<PayloadMap, PayloadProfile> profileCache = new java.util.HashMap<>();
    private final FlowTable<RtpStream> bySsrc;
    private final FlowTable<RtpStream> byDst;
    private final FlowTable<RtpStream> bySrc;
    private final Candidate[] pool;
    private final int[] freeCandidates;
    private int freeCount;
    private int evictHand;
    private final SenderReportIndex senderReports = new SenderReportIndex(4096);
    private final RtpView rtp = new RtpView();
    private final RtcpView rtcpView = new RtcpView();
    private final int heuristicPackets;
    private final int heuristicMaxGap;

    private long datagrams;
    private long rtpPackets;
    private long rtcpDatagrams;
    private long invalidRtpPackets;
    private long probationPackets;
    private long heuristicDiscarded;
    private long candidatesEvicted;
    private long streamsCreated;
    private long streamsRefused;
    private long packetsDroppedAtLimit;
    private long rtcpMalformed;
    private long rtcpUnparsed;
    private long reportBlocksUnmatched;
    private long endpointsRefused;
    /** Streams quiet this long (capture time) may be retired when the table is full; 0: never. */
    private final long retireIdleNanos;
    /** Summaries of retired streams, in the order they were retired; at most {@link #maxRetired}. */
    private final java.util.ArrayDeque<StreamSummary> retired = new java.util.ArrayDeque<>();
    private final int maxRetired;
    /** Retired summaries dropped, the oldest first, to keep at most {@link #maxRetired}. */
    private long retiredDropped;
    /** No retirement is tried before this capture time (nothing was quiet long enough at the last try). */
    private long nextRetireNanos = Long.MIN_VALUE;
    private long retireSweeps;
    /** Keys (hashed) of streams refused lately, for counting each refused stream once: see {@link #refuse}. */
    private final long[] refusedKeys = new long[1024];
    /**
     * Run before a retirement sweep reads the streams: a {@link QualityPipeline} replaying a batch delivers the
     * packets it still holds back, so the sweep sees every earlier packet as direct feeding would.
     */
    Runnable beforeRetiring;

    /**
     * A sweep that frees fewer than this share of the table (1/64) is not repeated for
     * {@link #RETIRE_BACKOFF_NANOS} of capture time: each sweep reads the whole table, so its cost is
     * paid back by the slots it frees or bounded by capture time.
     */
    private static final int RETIRE_FEW_SHIFT = 6;
    static final long RETIRE_BACKOFF_NANOS = 1_000_000_000L;

    /**
     * The retirement time batch analysis and the UI use: 30 s without a packet. RFC 3550 §6.3.5 stops counting a
     * participant as a sender after two RTCP intervals without RTP and times it out after five (5 s at
     * least each), so a stream quiet this long has ended by the RTP rules; it matters only at the limit.
     */
    public static final long QUIET_STREAM_NANOS = 30_000_000_000L;

    /** An engine that never retires streams itself: at the limit, new streams are refused (counted). */
    public QualityEngine(QualityConfig config) {
        this(config, 0, 1);
    }

    /**
     * An engine that, when a new stream finds {@link QualityConfig#maxStreams()} streams held, first
     * retires every stream whose last packet is at least {@code retireIdleNanos} of capture time older
     * than the packet at hand: its summary is built then, listed by {@link #summaries()} with the others,
     * and its slot reused (a stream that resumes later starts a new one). Nothing changes while the table
     * has room, so results are those of {@link #QualityEngine(QualityConfig)} until then. 0 never retires.
     * At most {@code maxRetired} retired summaries are kept (each holds its call's reference): beyond, the
     * oldest is dropped and counted ({@link QualityCounters#retiredDropped()}), so memory stays bounded
     * however long the capture.
     */
    public QualityEngine(QualityConfig config, long retireIdleNanos, int maxRetired) {
        if (retireIdleNanos < 0) {
            throw new IllegalArgumentException("retireIdleNanos must not be negative, got " + retireIdleNanos);
        }
        if (maxRetired < 1) {
            throw new IllegalArgumentException("maxRetired must be positive, got " + maxRetired);
        }
        this.retireIdleNanos = retireIdleNanos;
        this.maxRetired = maxRetired;
        this.config = config;
        this.settings = new StreamSettings(config);
        this.unboundProfile = PayloadProfile.unbound(config.unboundEventPayloadType(), config.codecs());
        int maxStreams = config.maxStreams();
        this.streams = new FlowTable<>(maxStreams, SEED);
        this.tuples = new FlowTable<>(maxStreams + config.maxCandidates(), SEED + 1);
        this.endpoints = new FlowTable<>(2 * maxStreams, SEED + 2);
        this.bySsrc = new FlowTable<>(maxStreams, SEED + 4);
        this.byDst = new FlowTable<>(maxStreams, SEED + 5);
        this.bySrc = new FlowTable<>(maxStreams, SEED + 6);
        this.pool = new Candidate[config.maxCandidates()];
        this.freeCandidates = new int[config.maxCandidates()];
        for (int i = 0; i < pool.length; i++) {
            freeCandidates[i] = pool.length - 1 - i;
        }
        this.freeCount = pool.length;
        this.heuristicPackets = config.heuristicPackets();
        this.heuristicMaxGap = config.heuristicMaxGap();
    }

    public QualityConfig config() {
        return config;
    }

    /** Offers one decoded UDP datagram ({@link Packet} as {@code PacketSink.onDatagram} delivers it). */
    public MediaClass onDatagram(Packet p) {
        if (p.protocol != Packet.PROTO_UDP) {
            return MediaClass.NOT_MEDIA;
        }
        return onDatagram(p.timestampNanos, p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort, p.ipVersion,
                p.data, p.payloadOffset, p.payloadLength);
    }

    /**
     * Offers one UDP datagram given by its parts (addresses as in {@link Packet}). Never throws on bad
     * bytes; the bytes are read during the call only.
     */
    public MediaClass onDatagram(long nanos, long srcHi, long srcLo, int srcPort, long dstHi, long dstLo,
                                 int dstPort, int ipVersion, byte[] b, int off, int len) {
        datagrams++;
        if (b == null || off < 0 || len < 8 || len > b.length - off || ((b[off] & 0xff) >>> 6) != 2) {
            return MediaClass.NOT_MEDIA;
        }
        int second = b[off + 1] & 0xff;
        if (second >= 192 && second <= 223) {
            return rtcp(nanos, srcHi, srcLo, srcPort, dstHi, dstLo, b, off, len);
        }
        if (len < RtpView.FIXED_HEADER_LENGTH) {
            return MediaClass.NOT_MEDIA;
        }
        long ssrc = ((long) (b[off + 8] & 0xff) << 24) | ((b[off + 9] & 0xff) << 16) | ((b[off + 10] & 0xff) << 8)
                | (b[off + 11] & 0xff);
        long word = ((long) srcPort << 48) | ((long) dstPort << 32) | ssrc;
        int slot = streams.find(srcHi, srcLo, dstHi, dstLo, word);
        if (slot >= 0) {
            RtpStream s = streams.valueAt(slot);
            if (s.suspended) {
                s.suspendedPackets++;
                return MediaClass.NOT_MEDIA;
            }
            if (rtp.wrap(b, off, len) != RtpView.VALID) {
                s.invalidPackets++;
                invalidRtpPackets++;
                return MediaClass.INVALID;
            }
            deliver(s, nanos);
            return MediaClass.RTP;
        }
        return newFlow(nanos, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort, ipVersion, ssrc, b, off, len);
    }

    /**
     * For batches ({@link QualityPipeline}): the stream that {@link #onDatagram(long, long, long, int, long,
     * long, int, int, byte[], int, int)} would hand this datagram to on its hot path (RTP-looking, not
     * RTCP, an existing stream that is not suspended), or null when the datagram needs the full path.
     * Looks only; changes nothing. The bytes are known to lie inside {@code b}.
     */
    RtpStream knownStream(long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort, byte[] b, int off,
                          int len) {
        if (len < RtpView.FIXED_HEADER_LENGTH || ((b[off] & 0xff) >>> 6) != 2) {
            return null;
        }
        int second = b[off + 1] & 0xff;
        if (second >= 192 && second <= 223) {
            return null;
        }
        long ssrc = ((long) (b[off + 8] & 0xff) << 24) | ((b[off + 9] & 0xff) << 16) | ((b[off + 10] & 0xff) << 8)
                | (b[off + 11] & 0xff);
        long word = ((long) srcPort << 48) | ((long) dstPort << 32) | ssrc;
        int r = recentSlot(word);
        RtpStream s = recent[r];
        if (s == null || s.ssrc != ssrc || !s.matchesKey(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort)) {
            int slot = streams.find(srcHi, srcLo, dstHi, dstLo, word);
            if (slot < 0) {
                return null;
            }
            s = streams.valueAt(slot);
            recent[r] = s;
        }
        return s.suspended ? null : s;
    }

    /**
     * Whether {@link #onDatagram} takes a datagram of 8+ octets at {@code off} as RTCP: version 2 and a
     * second octet (packet type) in 192..223.
     */
    static boolean isRtcp(byte[] b, int off) {
        int second = b[off + 1] & 0xff;
        return ((b[off] & 0xff) >>> 6) == 2 && second >= 192 && second <= 223;
    }

    /** The first stream of the chain with this SSRC (then {@link RtpStream#nextSameSsrc}), or null. */
    RtpStream firstWithSsrc(long ssrc) {
        return bySsrc.get(0, 0, 0, 0, ssrc);
    }

    /** The first stream sent to the endpoint's address and port (then {@link RtpStream#nextSameDst}), or null. */
    RtpStream firstToDestination(MediaEndpoint e) {
        return byDst.get(e.addressHi(), e.addressLo(), 0, 0, e.port());
    }

    /** The first stream sent from the endpoint's address and port (then {@link RtpStream#nextSameSrc}), or null. */
    RtpStream firstFromSource(MediaEndpoint e) {
        return bySrc.get(e.addressHi(), e.addressLo(), 0, 0, e.port());
    }

    /** The state of a 5-tuple with streams or a candidate, or null. */
    TupleState tupleOf(long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort) {
        return tuples.get(srcHi, srcLo, dstHi, dstLo, ((long) srcPort << 48) | ((long) dstPort << 32));
    }

    /** The {@link #recent} entry of a stream key's ports-and-SSRC word (one multiplication). */
    private static int recentSlot(long word) {
        return (int) ((word * 0x9e3779b97f4a7c15L) >>> (64 - RECENT_BITS));
    }

    /**
     * For batches, with {@link #deliverParsed}: the rest of {@link #onDatagram} for a datagram
     * {@link #knownStream} matched to {@code s}, exactly what the full path does from there, in two halves.
     * This first half, done when the datagram is grouped, counts the datagram; one whose RTP header
     * {@link RtpView#wrap} refused ({@code valid} false: the pipeline's producer validated it) is counted on
     * its stream (counters only, whose order does not matter) and false returned.
     */
    boolean acceptKnown(RtpStream s, boolean valid) {
        datagrams++;
        if (!valid) {
            s.invalidPackets++;
            invalidRtpPackets++;
            return false;
        }
        return true;
    }

    /**
     * For batches: the second half of {@link #acceptKnown}, in the stream's order, with the header fields it
     * validated (the event word as {@link #deliver} derives it). Only the stream, its tuple and the engine's
     * sums change, so datagrams of different 5-tuples may be taken in any order relative to each other and
     * to records that touch neither, as long as each 5-tuple's keep their own.
     */
    void deliverParsed(RtpStream s, long nanos, int seq, long ts32, int pt, boolean marker, int rtpLength,
                       int payloadLength, long event) {
        TupleState t = s.tuple;
        if (t.lastStream != s) {
            if (t.lastStream != null) {
                t.ssrcChanges++;
            }
            t.lastStream = s;
        }
        s.onPacket(nanos, seq, ts32, pt, marker, rtpLength, payloadLength, event);
        rtpPackets++;
    }

    /** The hot path: one packet of a known stream, header already validated in {@link #rtp}. */
    private void deliver(RtpStream s, long nanos) {
        TupleState t = s.tuple;
        if (t.lastStream != s) {
            if (t.lastStream != null) {
                t.ssrcChanges++;
            }
            t.lastStream = s;
        }
        int payloadLength = rtp.payloadLength();
        long event = payloadLength >= TelephoneEventView.LENGTH
                ? TelephoneEventView.word(rtp.array(), rtp.payloadOffset()) & 0xffff_ffffL : RtpStream.NO_EVENT;
        s.onPacket(nanos, rtp.sequence(), rtp.timestamp(), rtp.payloadType(), rtp.marker(), rtp.length(),
                payloadLength, event);
        rtpPackets++;
    }

    private MediaClass newFlow(long nanos, long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort,
                               int ipVersion, long ssrc, byte[] b, int off, int len) {
        if (rtp.wrap(b, off, len) != RtpView.VALID) {
            return MediaClass.NOT_MEDIA;
        }
        long ports = ((long) srcPort << 48) | ((long) dstPort << 32);
        TupleState t = tuples.get(srcHi, srcLo, dstHi, dstLo, ports);
        MediaEndpoint e = endpoints.get(dstHi, dstLo, 0, 0, dstPort);
        Binding binding = Binding.SDP_DESTINATION;
        if (e == null) {
            e = endpoints.get(srcHi, srcLo, 0, 0, srcPort);
            binding = Binding.SDP_SOURCE;
        }
        if (e != null && !e.rtp()) {
            return MediaClass.NOT_MEDIA;
        }
        if (e != null && e.payloads().get(rtp.payloadType()) == null
                && !PayloadProfile.plausibleWithoutSdp(rtp.payloadType())) {
            return MediaClass.NOT_MEDIA;
        }
        if (e == null && (t == null || t.streams == 0)) {
            return heuristic(nanos, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort, ipVersion, ssrc, t);
        }
        if (t == null) {
            t = newTuple(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort);
            if (t == null) {
                return refuse(srcHi, srcLo, dstHi, dstLo, ports, ssrc);
            }
        }
        Binding how = e == null ? Binding.HEURISTIC : binding;
        Candidate c = t.candidate;
        if (c != null) {
            replay(t, c, ipVersion, how, e, nanos);
            release(c);
        }
        RtpStream s = streams.get(srcHi, srcLo, dstHi, dstLo, ports | ssrc);
        if (s == null) {
            s = createStream(t, ssrc, ipVersion, how, e, nanos);
            if (s == null) {
                // No 5-tuple is kept for a stream without room: it would hold a slot of the tuple table
                // that a later stream needs once streams are retired or expired.
                forgetIfUnused(t);
                return refuse(srcHi, srcLo, dstHi, dstLo, ports, ssrc);
            }
        }
        deliver(s, nanos);
        return MediaClass.RTP;
    }

    /**
     * Counts a packet whose stream found no room: a dropped packet every time, a refused stream once while it
     * keeps asking (each of its packets asks again). Streams refused lately are remembered by a hash of their
     * key in a small direct-mapped table, so the count of streams is exact unless two refused streams keep
     * taking each other's slot (then it counts more).
     */
    private MediaClass refuse(long srcHi, long srcLo, long dstHi, long dstLo, long ports, long ssrc) {
        long key = refusedKey(srcHi, srcLo, dstHi, dstLo, ports | ssrc);
        int slot = (int) (key >>> 40) & (refusedKeys.length - 1);
        if (refusedKeys[slot] != key) {
            refusedKeys[slot] = key;
            streamsRefused++;
        }
        packetsDroppedAtLimit++;
        return MediaClass.DROPPED;
    }

    /** A 64-bit hash of a stream's key, never 0 (an empty slot of {@link #refusedKeys}). */
    private static long refusedKey(long srcHi, long srcLo, long dstHi, long dstLo, long portsAndSsrc) {
        long z = srcHi * 0x9E3779B97F4A7C15L + Long.rotateLeft(srcLo * 0xC2B2AE3D27D4EB4FL, 21)
                + Long.rotateLeft(dstHi * 0x165667B19E3779F9L, 42) + Long.rotateLeft(dstLo * 0xD6E8FEB86659FD93L, 13)
                + Long.rotateLeft(portsAndSsrc * 0xFF51AFD7ED558CCDL, 34);
        return FlowTable.mix(z) | 1;
    }

    private MediaClass heuristic(long nanos, long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort,
                                 int ipVersion, long ssrc, TupleState t) {
        if (!config.heuristic()) {
            return MediaClass.NOT_MEDIA;
        }
        int pt = rtp.payloadType();
        int minPort = config.heuristicMinPort();
        if (!PayloadProfile.plausibleWithoutSdp(pt) || srcPort < minPort || dstPort < minPort
                || (config.heuristicRequireEvenPort() && (srcPort & 1) == 1 && (dstPort & 1) == 1)) {
            return MediaClass.NOT_MEDIA;
        }
        if (t == null) {
            t = newTuple(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort);
            if (t == null) {
                return MediaClass.NOT_MEDIA;
            }
        }
        Candidate c = t.candidate;
        if (c == null) {
            c = acquire(t);
        }
        int payloadLength = rtp.payloadLength();
        long event = payloadLength >= TelephoneEventView.LENGTH
                ? TelephoneEventView.word(rtp.array(), rtp.payloadOffset()) & 0xffff_ffffL : RtpStream.NO_EVENT;
        long before = c.discarded;
        boolean confirmed = c.offer(nanos, rtp.sequence(), rtp.timestamp(), pt, rtp.marker(), rtp.length(),
                payloadLength, event, ssrc, heuristicPackets, heuristicMaxGap);
        heuristicDiscarded += c.discarded - before;
        probationPackets++;
        if (!confirmed) {
            return MediaClass.PROBATION;
        }
        replay(t, c, ipVersion, Binding.HEURISTIC, null, nanos);
        release(c);
        return MediaClass.RTP;
    }

    /**
     * Replays every packet a candidate held, in arrival order, into the streams of their SSRCs (created
     * as needed: once one SSRC of the tuple is confirmed, the tuple carries RTP).
     */
    private void replay(TupleState t, Candidate c, int ipVersion, Binding b, MediaEndpoint e, long nowNanos) {
        for (int i = 0; i < c.size; i++) {
            long ssrc = c.ssrcOf[i];
            RtpStream s = streams.get(t.srcHi, t.srcLo, t.dstHi, t.dstLo, t.portsWord() | ssrc);
            if (s == null) {
                s = createStream(t, ssrc, ipVersion, b, e, nowNanos);
                if (s == null) {
                    refuse(t.srcHi, t.srcLo, t.dstHi, t.dstLo, t.portsWord(), ssrc);
                    continue;
                }
            }
            if (t.lastStream != s) {
                if (t.lastStream != null) {
                    t.ssrcChanges++;
                }
                t.lastStream = s;
            }
            s.onPacket(c.nanos[i], c.seq[i], c.ts[i], c.pt[i], c.marker[i], c.rtpLength[i], c.payloadLength[i],
                    c.eventWord[i]);
            rtpPackets++;
        }
        c.size = 0;
    }

    private TupleState newTuple(long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort) {
        TupleState t = new TupleState(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort);
        if (tuples.isFull() && !evictCandidateTuple()) {
            return null;
        }
        tuples.put(srcHi, srcLo, dstHi, dstLo, t.portsWord(), t);
        return t;
    }

    /** Frees one candidate to make room in the tuple table; false when no candidate exists. */
    private boolean evictCandidateTuple() {
        if (freeCount == pool.length) {
            return false;
        }
        evictOne();
        return true;
    }

    private Candidate acquire(TupleState t) {
        if (freeCount == 0) {
            evictOne();
        }
        int i = freeCandidates[--freeCount];
        Candidate c = pool[i];
        if (c == null) {
            c = new Candidate(config.heuristicBufferPackets(), i);
            pool[i] = c;
        }
        c.clear();
        c.discarded = 0;
        c.tuple = t;
        t.candidate = c;
        return c;
    }

    /**
     * Evicts the candidate with the least progress among the next few from the clock hand, so a flood of
     * one-packet 5-tuples cannot push out flows that are close to confirmation.
     */
    private void evictOne() {
        Candidate victim = null;
        int looked = 0;
        for (int n = 0; n < pool.length && looked < EVICTION_SCAN; n++) {
            evictHand = (evictHand + 1) % pool.length;
            Candidate c = pool[evictHand];
            if (c != null && c.tuple != null) {
                looked++;
                if (victim == null || c.progress() < victim.progress()) {
                    victim = c;
                }
            }
        }
        if (victim != null) {
            heuristicDiscarded += victim.size;
            candidatesEvicted++;
            release(victim);
        }
    }

    private void release(Candidate c) {
        TupleState t = c.tuple;
        if (t != null) {
            t.candidate = null;
            forgetIfUnused(t);
        }
        c.clear();
        freeCandidates[freeCount++] = c.poolIndex;
    }

    private RtpStream createStream(TupleState t, long ssrc, int ipVersion, Binding binding, MediaEndpoint e,
                                   long nanos) {
        if (streams.isFull()) {
            if (!retireQuiet(nanos)) {
                return null;
            }
            // The sweep may have retired this 5-tuple's last stream and so forgotten the 5-tuple: keep it.
            if (t.streams == 0 && tuples.get(t.srcHi, t.srcLo, t.dstHi, t.dstLo, t.portsWord()) != t
                    && tuples.put(t.srcHi, t.srcLo, t.dstHi, t.dstLo, t.portsWord(), t) < 0) {
                return null;
            }
        }
        RtpStream s = new RtpStream(t, ssrc, ipVersion, t.streams, settings);
        s.bind(binding, e, e == null ? unboundProfile : profileFor(e.payloads()));
        streams.put(t.srcHi, t.srcLo, t.dstHi, t.dstLo, t.portsWord() | ssrc, s);
        recent[recentSlot(t.portsWord() | ssrc)] = null;
        t.streams++;
        link(bySsrc, 0, 0, ssrc, s, Link.SSRC);
        link(byDst, t.dstHi, t.dstLo, t.dstPort, s, Link.DST);
        link(bySrc, t.srcHi, t.srcLo, t.srcPort, s, Link.SRC);
        streamsCreated++;
        return s;
    }

    private enum Link { SSRC, DST, SRC }

    private static RtpStream next(RtpStream s, Link l) {
        return l == Link.SSRC ? s.nextSameSsrc : l == Link.DST ? s.nextSameDst : s.nextSameSrc;
    }

    private static void setNext(RtpStream s, Link l, RtpStream n) {
        switch (l) {
            case SSRC -> s.nextSameSsrc = n;
            case DST -> s.nextSameDst = n;
            default -> s.nextSameSrc = n;
        }
    }

    private static void link(FlowTable<RtpStream> index, long hi, long lo, long w, RtpStream s, Link l) {
        RtpStream head = index.get(hi, lo, 0, 0, w);
        setNext(s, l, head);
        index.put(hi, lo, 0, 0, w, s);
    }

    private static void unlink(FlowTable<RtpStream> index, long hi, long lo, long w, RtpStream s, Link l) {
        RtpStream head = index.get(hi, lo, 0, 0, w);
        if (head == s) {
            RtpStream n = next(s, l);
            if (n == null) {
                index.remove(hi, lo, 0, 0, w);
            } else {
                index.put(hi, lo, 0, 0, w, n);
            }
            return;
        }
        for (RtpStream p = head; p != null; p = next(p, l)) {
            if (next(p, l) == s) {
                setNext(p, l, next(s, l));
                return;
            }
        }
    }

    private PayloadProfile profileFor(PayloadMap map) {
        PayloadProfile cached = profileCache.get(map);
        if (cached != null) {
            return cached;
        }
        PayloadProfile p = PayloadProfile.bound(map, config.codecs());
        if (profileCache.size() < MAX_CACHED_PROFILES) {
            profileCache.put(map, p);
        }
        return p;
    }

    // ------------------------------------------------------------------------------------ SDP

    /**
     * Declares where an SDP wants to receive media (QUALITY.md §10.2). A later declaration for the same
     * address and port replaces the earlier (re-INVITE, §10.6). Streams already flowing to that address
     * and port are bound to it now (their later packets use its payload map); streams flowing from it are
     * bound as {@link Binding#SDP_SOURCE} unless a destination binding exists. Returns false when the
     * endpoint limit is reached.
     */
    public boolean declareEndpoint(MediaEndpoint e) {
        if (endpoints.put(e.addressHi(), e.addressLo(), 0, 0, e.port(), e) < 0) {
            endpointsRefused++;
            return false;
        }
        PayloadProfile p = e.rtp() ? profileFor(e.payloads()) : null;
        for (RtpStream s = byDst.get(e.addressHi(), e.addressLo(), 0, 0, e.port()); s != null; s = s.nextSameDst) {
            govern(s, Binding.SDP_DESTINATION, e, p);
        }
        // A source declaration governs a stream only while its destination has none (tshark looks up the
        // destination's conversation first; QUALITY.md §10.4 decodes with the destination's map).
        for (RtpStream s = bySrc.get(e.addressHi(), e.addressLo(), 0, 0, e.port()); s != null; s = s.nextSameSrc) {
            if (endpoints.get(s.dstHi, s.dstLo, 0, 0, s.dstPort) == null) {
                govern(s, Binding.SDP_SOURCE, e, p);
            }
        }
        return true;
    }

    private static void govern(RtpStream s, Binding b, MediaEndpoint e, PayloadProfile p) {
        if (e.rtp()) {
            s.bind(b, e, p);
            s.suspended = false;
        } else {
            s.suspended = true;
        }
    }

    /**
     * Forgets a declared endpoint (m= line removed with port 0, call ended); bound streams keep their
     * binding. To say that an address and port now carries something other than RTP, declare a
     * {@link MediaEndpoint#notRtp} endpoint instead.
     */
    public boolean withdrawEndpoint(long addressHi, long addressLo, int port) {
        return endpoints.remove(addressHi, addressLo, 0, 0, port);
    }

    /**
     * Forgets the endpoint declared for an address and port if it was declared for {@code callRef}
     * (compared by identity): a call's media leaving does not remove a later call's declaration of the
     * same address. Streams already bound keep their call. Returns whether one was removed.
     */
    public boolean withdrawEndpointOf(long addressHi, long addressLo, int port, Object callRef) {
        MediaEndpoint e = endpoint(addressHi, addressLo, port);
        return e != null && e.callRef() == callRef && withdrawEndpoint(addressHi, addressLo, port);
    }

    /** The endpoint declared for an address and port, or null. */
    public MediaEndpoint endpoint(long addressHi, long addressLo, int port) {
        return endpoints.get(addressHi, addressLo, 0, 0, port);
    }

    /**
     * Tells the engine that media of the streams sent to this address and port resumes after a signalled
     * hold (QUALITY.md §10.5): their jitter baseline restarts and the jitter buffers re-anchor on the next
     * packet.
     */
    public void resumeAfterHold(long addressHi, long addressLo, int port) {
        for (RtpStream s = byDst.get(addressHi, addressLo, 0, 0, port); s != null; s = s.nextSameDst) {
            s.reanchor();
        }
    }

    // ------------------------------------------------------------------------------------ RTCP

    private MediaClass rtcp(long nanos, long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, byte[] b,
                            int off, int len) {
        int v = rtcpView.wrap(b, off, len);
        if (v == RtcpView.TRAILING_DATA) {
            rtcpUnparsed++;
            return MediaClass.RTCP;
        }
        if (v != RtcpView.VALID) {
            rtcpMalformed++;
            return MediaClass.INVALID;
        }
        rtcpDatagrams++;
        RtcpView r = rtcpView;
        for (boolean more = r.first(); more; more = r.next()) {
            int type = r.packetType();
            long reporter = r.senderSsrc();
            switch (type) {
                case RtcpView.PT_SR:
                    if (r.hasSenderInfo()) {
                        senderReports.put(reporter, r.ntpMiddle32(), nanos);
                        RtpStream sent = sentBy(reporter, srcHi, srcLo);
                        if (sent != null) {
                            RtcpState st = sent.rtcp();
                            st.senderReports++;
                            st.lastSenderPacketCount = r.senderPacketCount();
                            st.lastSenderOctetCount = r.senderOctetCount();
                        }
                    }
                    reportBlocks(r, nanos, reporter, srcHi, srcLo);
                    break;
                case RtcpView.PT_RR:
                    reportBlocks(r, nanos, reporter, srcHi, srcLo);
                    break;
                case RtcpView.PT_SDES:
                    while (r.nextSdesItem()) {
                        if (r.sdesItemType() == RtcpView.SDES_CNAME) {
                            RtpStream s = sentBy(r.sdesSsrc(), srcHi, srcLo);
                            if (s != null) {
                                s.rtcp().setCname(r.array(), r.sdesItemOffset(), r.sdesItemLength());
                            }
                        }
                    }
                    break;
                case RtcpView.PT_BYE:
                    for (int i = 0; i < r.byeSsrcCount(); i++) {
                        RtpStream s = sentBy(r.byeSsrc(i), srcHi, srcLo);
                        if (s != null) {
                            s.rtcp().bye = true;
                        }
                    }
                    break;
                case RtcpView.PT_XR:
                    extendedReports(r, nanos, reporter, srcHi, srcLo);
                    break;
                default:
                    break;
            }
        }
        return MediaClass.RTCP;
    }

    private void reportBlocks(RtcpView r, long nanos, long reporter, long srcHi, long srcLo) {
        int n = r.reportBlockCount();
        for (int i = 0; i < n; i++) {
            long about = r.blockSsrc(i);
            RtpStream s = receivedBy(about, srcHi, srcLo);
            if (s == null) {
                reportBlocksUnmatched++;
                continue;
            }
            long lsr = r.blockLsr(i);
            long dlsr = r.blockDlsr(i);
            double rttMs = Double.NaN;
            if (lsr != 0) {
                rttMs = roundTrip(about, lsr, dlsr, nanos, s, reporter, srcHi, srcLo);
            }
            long ext = r.blockExtendedHighestSeq(i);
            long jitterTs = r.blockJitter(i);
            int clock = s.jitter.clockHz() > 0 ? s.jitter.clockHz() : s.rfcJitter.clockHz();
            double jitterMs = RtcpMath.jitterMs(jitterTs, clock);
            boolean bad = false;
            if (s.seq.validated() && Math.abs((short) ((int) ext - s.seq.maxSeq())) > config.maxDropout()) {
                bad = true;
            }
            if (jitterMs > 10_000) {
                bad = true;
            }
            s.rtcp().addBlock(nanos, reporter, r.blockFractionLost(i), r.blockCumulativeLost(i), ext, jitterTs, jitterMs,
                    lsr, dlsr, rttMs, bad);
        }
    }

    /**
     * The passive segment method (QUALITY.md §9.4): the report's sender ("reporter") echoes the SR of
     * {@code about}; the difference of the two capture times minus the delay the reporter held the SR is
     * the round trip probe ↔ reporter. It is one half of the path for the stream {@code about} (its
     * receiver's side) and for the reporter's own stream (its sender's side). Returns ms, NaN if unusable.
     */
    private double roundTrip(long about, long lsr, long dlsr, long nanos, RtpStream aboutStream, long reporter,
                             long reporterHi, long reporterLo) {
        long tSr = senderReports.get(about, lsr);
        if (tSr == Long.MIN_VALUE) {
            return Double.NaN;
        }
        double h = RtcpMath.probeRoundTripSeconds(tSr, nanos, dlsr);
        if (!aboutStream.rtcp().receiverHalf.add(h)) {
            return Double.NaN;
        }
        RtpStream own = sentBy(reporter, reporterHi, reporterLo);
        if (own != null) {
            own.rtcp().senderHalf.add(h);
        }
        return h * 1000;
    }

    private void extendedReports(RtcpView r, long nanos, long reporter, long srcHi, long srcLo) {
        for (boolean more = r.firstXrBlock(); more; more = r.nextXrBlock()) {
            if (r.isVoipMetrics()) {
                RtpStream s = receivedBy(r.vmSsrc(), srcHi, srcLo);
                if (s != null) {
                    s.rtcp().setVoipMetrics(r, nanos, reporter);
                } else {
                    reportBlocksUnmatched++;
                }
            } else if (r.isReceiverReferenceTime()) {
                senderReports.put(reporter, r.rrtNtpMiddle32(), nanos);
            } else {
                int n = r.dlrrCount();
                for (int i = 0; i < n; i++) {
                    long receiver = r.dlrrSsrc(i);
                    long lrr = r.dlrrLastRr(i);
                    if (lrr == 0) {
                        continue;
                    }
                    // The DLRR's sender ("reporter") answers the RRT of "receiver": round trip probe ↔ reporter.
                    long tRrt = senderReports.get(receiver, lrr);
                    if (tRrt == Long.MIN_VALUE) {
                        continue;
                    }
                    double h = RtcpMath.probeRoundTripSeconds(tRrt, nanos, r.dlrrDelay(i));
                    RtpStream own = sentBy(reporter, srcHi, srcLo);
                    if (own != null) {
                        own.rtcp().senderHalf.add(h);
                    }
                    RtpStream toReporter = receivedBy(receiver, srcHi, srcLo);
                    if (toReporter != null) {
                        toReporter.rtcp().receiverHalf.add(h);
                    }
                }
            }
        }
    }

    /** The stream with this SSRC sent from {@code hi/lo} (the RTCP sender's address), else any with the SSRC. */
    private RtpStream sentBy(long ssrc, long hi, long lo) {
        RtpStream any = null;
        for (RtpStream s = bySsrc.get(0, 0, 0, 0, ssrc); s != null; s = s.nextSameSsrc) {
            if (s.srcLo == lo && s.srcHi == hi) {
                return s;
            }
            if (any == null) {
                any = s;
            }
        }
        return any;
    }

    /** The stream with this SSRC received at {@code hi/lo} (the reporter's address), else any with the SSRC. */
    private RtpStream receivedBy(long ssrc, long hi, long lo) {
        RtpStream any = null;
        for (RtpStream s = bySsrc.get(0, 0, 0, 0, ssrc); s != null; s = s.nextSameSsrc) {
            if (s.dstLo == lo && s.dstHi == hi) {
                return s;
            }
            if (any == null) {
                any = s;
            }
        }
        return any;
    }

    // ------------------------------------------------------------------------------------ results

    public int streamCount() {
        return streams.size();
    }

    /** Streams retired at the stream limit and not drained ({@link #QualityEngine(QualityConfig, long, int)}). */
    public int retiredCount() {
        return retired.size();
    }

    /**
     * Hands the summaries of the streams retired at the stream limit so far to {@code sink}, in the order they
     * were retired, and forgets them: {@link #summaries()} no longer lists them. For a caller that keeps ended
     * streams itself (the UI, as it does with {@link #expireIdle}). Returns how many.
     */
    public int drainRetired(Consumer<StreamSummary> sink) {
        int n = retired.size();
        for (StreamSummary s : retired) {
            sink.accept(s);
        }
        retired.clear();
        return n;
    }

    /** The retirement time this engine was made with (0: it never retires streams itself). */
    public long retireIdleNanos() {
        return retireIdleNanos;
    }

    /** Retired summaries kept at most. */
    public int maxRetired() {
        return maxRetired;
    }

    /** Sweeps of the stream table made at the limit (for tests of the sweep's bound). */
    long retireSweeps() {
        return retireSweeps;
    }

    public QualityCounters counters() {
        return new QualityCounters(datagrams, rtpPackets, rtcpDatagrams, invalidRtpPackets, probationPackets,
                heuristicDiscarded, candidatesEvicted, streams.size(), streamsCreated, streamsRefused,
                packetsDroppedAtLimit, rtcpMalformed, rtcpUnparsed, reportBlocksUnmatched, endpoints.size(),
                endpointsRefused, retired.size(), retiredDropped);
    }

    /** From this many streams on, {@link #summaries()} builds half of them on a second thread (with 2+ cores). */
    static final int PARALLEL_SUMMARIES = 1024;

    /**
     * Immutable summaries of every stream held, and of those retired at the stream limit, ordered by first
     * packet time (then source, destination and SSRC). With many streams and more than one processor, half
     * of those held are built on a short-lived second thread (the caller waits for it).
     */
    public List<StreamSummary> summaries() {
        List<StreamSummary> held = heldSummaries();
        if (retired.isEmpty()) {
            return held;
        }
        List<StreamSummary> old = new ArrayList<>(retired);
        old.sort(SUMMARY_ORDER);
        List<StreamSummary> out = new ArrayList<>(old.size() + held.size());
        int i = 0;
        int j = 0;
        while (i < old.size() || j < held.size()) {
            if (j == held.size() || (i < old.size() && SUMMARY_ORDER.compare(old.get(i), held.get(j)) <= 0)) {
                out.add(old.get(i++));
            } else {
                out.add(held.get(j++));
            }
        }
        return out;
    }

    private List<StreamSummary> heldSummaries() {
        List<RtpStream> all = new ArrayList<>(streams.size());
        for (int i = 0; i < streams.capacity(); i++) {
            RtpStream s = streams.valueAt(i);
            if (s != null) {
                all.add(s);
            }
        }
        all.sort(STREAM_ORDER);
        SummaryBuilder sb = new SummaryBuilder(config, this::reverseOf);
        StreamSummary[] out = new StreamSummary[all.size()];
        int half = out.length / 2;
        Thread helper = null;
        if (out.length >= PARALLEL_SUMMARIES && Runtime.getRuntime().availableProcessors() > 1) {
            // Building reads each stream (and its reverse) only and writes nothing shared, so the first half
            // can be built on another core meanwhile; each stream is built by exactly one thread.
            helper = new Thread(() -> {
                for (int i = 0; i < half; i++) {
                    out[i] = sb.build(all.get(i));
                }
            }, "summaries");
            helper.start();
        }
        for (int i = helper == null ? 0 : half; i < out.length; i++) {
            out[i] = sb.build(all.get(i));
        }
        if (helper != null) {
            boolean interrupted = false;
            while (true) {
                try {
                    helper.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            for (int i = 0; i < half; i++) {
                if (out[i] == null) {
                    out[i] = sb.build(all.get(i)); // the helper failed: build the rest here (and throw here)
                }
            }
        }
        return new ArrayList<>(java.util.Arrays.asList(out));
    }

    /**
     * Makes room at the stream limit ({@link #QualityEngine(QualityConfig, long, int)}): retires every stream
     * quiet for at least the retirement time at {@code nowNanos}, its summary kept for
     * {@link #summaries()}. Returns whether a slot is free now.
     */
    private boolean retireQuiet(long nowNanos) {
        if (retireIdleNanos == 0 || nowNanos < nextRetireNanos) {
            return false;
        }
        if (beforeRetiring != null) {
            beforeRetiring.run();
        }
        retireSweeps++;
        List<RtpStream> quiet = new ArrayList<>();
        long soonest = Long.MAX_VALUE;
        for (int i = 0; i < streams.capacity(); i++) {
            RtpStream s = streams.valueAt(i);
            if (s == null) {
                continue;
            }
            if (nowNanos - s.lastNanos >= retireIdleNanos) {
                quiet.add(s);
            } else if (s.lastNanos <= Long.MAX_VALUE - retireIdleNanos) {
                soonest = Math.min(soonest, s.lastNanos + retireIdleNanos);
            }
        }
        if (quiet.size() < Math.max(1, config.maxStreams() >> RETIRE_FEW_SHIFT)) {
            // Few or none were quiet: the next sweep waits until one more can be, and at least a second.
            long backoff = nowNanos > Long.MAX_VALUE - RETIRE_BACKOFF_NANOS ? Long.MAX_VALUE
                    : nowNanos + RETIRE_BACKOFF_NANOS;
            nextRetireNanos = Math.max(soonest, backoff);
        }
        if (quiet.isEmpty()) {
            return false;
        }
        // In start order, so that the bound drops the streams that started earliest.
        retireAll(quiet, summary -> {
            if (retired.size() == maxRetired) {
                retired.pollFirst();
                retiredDropped++;
            }
            retired.addLast(summary);
        });
        return true;
    }

    /**
     * Hands the summaries of {@code gone}, in {@link #STREAM_ORDER}, to {@code sink}, then removes those streams.
     * Every summary is built before any stream is removed, so each sees the reverse stream it had.
     */
    private void retireAll(List<RtpStream> gone, Consumer<StreamSummary> sink) {
        gone.sort(STREAM_ORDER);
        SummaryBuilder sb = new SummaryBuilder(config, this::reverseOf);
        for (RtpStream s : gone) {
            sink.accept(sb.build(s));
        }
        for (RtpStream s : gone) {
            remove(s);
        }
    }

    /**
     * Removes streams whose last packet is older than {@code nowNanos − idleNanos} and hands their final
     * summaries to {@code sink}. Returns how many were removed. Costs one pass over the streams.
     */
    public int expireIdle(long nowNanos, long idleNanos, Consumer<StreamSummary> sink) {
        List<RtpStream> idle = new ArrayList<>();
        for (int i = 0; i < streams.capacity(); i++) {
            RtpStream s = streams.valueAt(i);
            if (s != null && nowNanos - s.lastNanos > idleNanos) {
                idle.add(s);
            }
        }
        retireAll(idle, sink);
        return idle.size();
    }

    private void remove(RtpStream s) {
        TupleState t = s.tuple;
        streams.remove(t.srcHi, t.srcLo, t.dstHi, t.dstLo, t.portsWord() | s.ssrc);
        int r = recentSlot(t.portsWord() | s.ssrc);
        if (recent[r] == s) {
            recent[r] = null;
        }
        unlink(bySsrc, 0, 0, s.ssrc, s, Link.SSRC);
        unlink(byDst, t.dstHi, t.dstLo, t.dstPort, s, Link.DST);
        unlink(bySrc, t.srcHi, t.srcLo, t.srcPort, s, Link.SRC);
        t.streams--;
        if (t.lastStream == s) {
            t.lastStream = null;
        }
        forgetIfUnused(t);
    }

    /** Takes a 5-tuple with neither stream nor candidate out of the tuple table. */
    private void forgetIfUnused(TupleState t) {
        if (t.streams == 0 && t.candidate == null) {
            tuples.remove(t.srcHi, t.srcLo, t.dstHi, t.dstLo, t.portsWord());
        }
    }

    /** The stream flowing the other way on the same 5-tuple (the last one seen), or null. */
    private RtpStream reverseOf(RtpStream s) {
        TupleState t = s.tuple;
        TupleState back = tuples.get(t.dstHi, t.dstLo, t.srcHi, t.srcLo,
                ((long) t.dstPort << 48) | ((long) t.srcPort << 32));
        return back == null ? null : back.lastStream;
    }

    private static final Comparator<RtpStream> STREAM_ORDER = Comparator.<RtpStream>comparingLong(s -> s.firstNanos)
            .thenComparing(s -> IpAddress.format(s.srcHi, s.srcLo, s.srcPort))
            .thenComparing(s -> IpAddress.format(s.dstHi, s.dstLo, s.dstPort))
            .thenComparingLong(s -> s.ssrc);

    /**
     * {@link #STREAM_ORDER} on summaries: the same texts, as {@link IpAddress#format(long, long, int)}
     * writes them from the summary's address text (an IPv4 or v4-mapped address has no colon).
     */
    static final Comparator<StreamSummary> SUMMARY_ORDER = Comparator.<StreamSummary>comparingLong(
                    StreamSummary::firstNanos)
            .thenComparing(s -> orderText(s.srcAddress(), s.srcPort()))
            .thenComparing(s -> orderText(s.dstAddress(), s.dstPort()))
            .thenComparingLong(StreamSummary::ssrc);

    private static String orderText(String address, int port) {
        return address.indexOf(':') < 0 ? address + ":" + port : "[" + address + "]:" + port;
    }
}
