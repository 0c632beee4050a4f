package dev.sipscope.correlator.media;

import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.sdp.SdpDirection;

/**
 * One endpoint a call announced in SDP (RFC 3264): where one party of the call wants to receive the
 * RTP, or the RTCP, of one m= line. This is what {@link MediaRegistry#lookup} hands to whoever
 * computes stream statistics: the call ({@link #owner()}), the m= line ({@link #mediaIndex()},
 * {@link #mediaType()}) and the payload types with their codecs ({@link #payloads()}).
 *
 * <h2>Lifetime and threads</h2>
 * A binding is created by {@link CallMedia} when an SDP first announces its endpoint for its side
 * and m= line, and is reused (its description updated) when a later offer or answer of the same
 * party announces the same endpoint again (a re-INVITE putting the call on hold, for example), so
 * that counters survive renegotiation. It is released when the party moves the stream elsewhere,
 * disables it (port 0), or when the call ends; after {@link #releaseAtNanos()} lookups no longer
 * find it. Every field is read and written on the engine thread only; snapshots copy what they need.
 *
 * <h2>Observations</h2>
 * The registry records what the lookups saw (allocating once per binding at most, on the first
 * such lookup, never per packet): packets that arrived from an address the other party did not announce ({@link #unexpectedSourceLookups()}, NAT or a media
 * relay) and packets bound through their source because their destination was never announced
 * ({@link #sourceMatchedLookups()}, symmetric RTP towards a NAT's public address). Packet counters
 * ({@link #packets()}) are advanced by whoever feeds packets ({@link #countPacket}), not by lookups.
 */
public final class MediaBinding {
    // Declaration order is layout: HotSpot puts the first int in the header's gap and the longs next
    // in this order, so what every packet touches in the binding it finds (release time, SSRC,
    // counters, its peer's endpoint) sits in the object's first 88 bytes, one or two cache lines.
    final int port;
    long releaseAtNanos = Long.MAX_VALUE;
    /** SSRC of the latest stream noted here ({@link MediaRegistry#noteSsrc}), -1 before any. */
    long lastSsrc = -1;
    private long packets;
    private long bytes;
    private long firstPacketNanos = Long.MIN_VALUE;
    private long lastPacketNanos = Long.MIN_VALUE;
    /**
     * {@link #peer}'s endpoint, copied by {@link #setPeer} (an endpoint never changes), so that the
     * per-packet source check reads this object only: hi, lo and the port as a long, or
     * {@link #NO_PEER} in the port word while there is no peer.
     */
    long peerHi;
    long peerLo;
    long peerPortWord = NO_PEER;
    final long hi;
    final long lo;

    static final long NO_PEER = -1;

    private final MediaOwner owner;
    private final MediaSide side;
    private final int mediaIndex;
    private final boolean rtcp;

    private String mediaType;
    private String proto;
    private PayloadMap payloads;
    private SdpDirection direction;
    private boolean rtcpMux;
    long announcedNanos;

    /** The other party's binding of the same kind (RTP or RTCP) for the same m= line, or null. */
    MediaBinding peer;
    /** For an RTP binding, its RTCP binding (itself with rtcp-mux); for an RTCP binding, its RTP binding. */
    MediaBinding companion;
    /** A binding of another owner at the same endpoint, hidden by this one, restored when this one goes. */
    MediaBinding shadowed;
    /** True while the registry's table (or a shadow chain in it) holds this binding. */
    boolean registered;
    /** The registry's SSRC-cache slot this binding holds, or -1. */
    int ssrcSlot = -1;

    private String endpointText;

    /**
     * What lookups saw that the SDP did not say, made on the first such lookup: most bindings never
     * see one, so they keep a null reference instead of the counters and addresses (a call keeps its
     * bindings as long as it is kept). Allocated at most once per binding, never per packet.
     */
    private Observations observed;

    /** Unexpected sources and unannounced destinations seen by lookups (see {@link MediaBinding}). */
    private static final class Observations {
        long unexpectedSourceLookups;
        long unexpectedSrcHi;
        long unexpectedSrcLo;
        int unexpectedSrcPort = -1;
        long sourceMatchedLookups;
        long unannouncedDstHi;
        long unannouncedDstLo;
        int unannouncedDstPort = -1;
    }

    private Observations observed() {
        Observations o = observed;
        if (o == null) {
            o = new Observations();
            observed = o;
        }
        return o;
    }

    MediaBinding(MediaOwner owner, MediaSide side, int mediaIndex, boolean rtcp, long hi, long lo, int port) {
        this.owner = owner;
        this.side = side;
        this.mediaIndex = mediaIndex;
        this.rtcp = rtcp;
        this.hi = hi;
        this.lo = lo;
        this.port = port;
    }

    void describe(String mediaType, String proto, PayloadMap payloads, SdpDirection direction, boolean rtcpMux,
                  long nowNanos) {
        this.mediaType = mediaType;
        this.proto = proto;
        this.payloads = payloads;
        this.direction = direction;
        this.rtcpMux = rtcpMux;
        this.announcedNanos = nowNanos;
    }

    // ---------------------------------------------------------------- identity

    /** The call that announced this endpoint. */
    public MediaOwner owner() {
        return owner;
    }

    /** The party whose SDP announced it (the party that receives here). */
    public MediaSide side() {
        return side;
    }

    /** Position of the m= line in its SDP, 0-based. */
    public int mediaIndex() {
        return mediaIndex;
    }

    /** True for an RTCP endpoint; false for RTP (with rtcp-mux one binding serves both: see {@link #rtcpMux()}). */
    public boolean isRtcp() {
        return rtcp;
    }

    public long addressHi() {
        return hi;
    }

    public long addressLo() {
        return lo;
    }

    public int port() {
        return port;
    }

    /** Makes {@code p} (may be null) this binding's peer. */
    void setPeer(MediaBinding p) {
        peer = p;
        if (p == null) {
            peerHi = 0;
            peerLo = 0;
            peerPortWord = NO_PEER;
        } else {
            peerHi = p.hi;
            peerLo = p.lo;
            peerPortWord = p.port;
        }
    }

    /** Whether the peer is exactly at this address and port (false without a peer). Allocates nothing. */
    boolean peerIsAt(long addrHi, long addrLo, int addrPort) {
        return peerPortWord == addrPort && peerLo == addrLo && peerHi == addrHi;
    }

    /** Whether this binding is for exactly this address and port. Allocates nothing. */
    public boolean isAt(long addrHi, long addrLo, int addrPort) {
        return port == addrPort && lo == addrLo && hi == addrHi;
    }

    // ---------------------------------------------------------------- description (latest SDP)

    /** {@code audio}, {@code video}, {@code image}... as written on the m= line. */
    public String mediaType() {
        return mediaType;
    }

    /** The m= line's transport, e.g. {@code RTP/AVP}, {@code RTP/SAVP}, {@code udptl}. */
    public String proto() {
        return proto;
    }

    /** Payload types announced for this m= line and their codecs. */
    public PayloadMap payloads() {
        return payloads;
    }

    /** The announced direction (RFC 4566 §6) as the announcing party sees it. */
    public SdpDirection direction() {
        return direction;
    }

    /** a=rtcp-mux (RFC 5761): RTP and RTCP share the port. */
    public boolean rtcpMux() {
        return rtcpMux;
    }

    /** Capture time of the SDP that last announced this endpoint. */
    public long announcedNanos() {
        return announcedNanos;
    }

    /** Capture time from which lookups stop finding the binding; {@code Long.MAX_VALUE} while in use. */
    public long releaseAtNanos() {
        return releaseAtNanos;
    }

    /** Whether lookups at {@code timeNanos} find this binding. */
    public boolean isActive(long timeNanos) {
        return registered && timeNanos < releaseAtNanos;
    }

    /** The other party's binding of the same kind for the same m= line (where this side sends to), or null. */
    public MediaBinding peer() {
        return peer;
    }

    /** The RTCP binding of an RTP binding (itself with rtcp-mux) or the RTP binding of an RTCP one; may be null. */
    public MediaBinding companion() {
        return companion;
    }

    // ---------------------------------------------------------------- counters

    /**
     * Counts one packet that was bound here (called by the media sink, on the engine thread).
     * Allocates nothing.
     */
    public void countPacket(int payloadBytes, long timeNanos) {
        packets++;
        bytes += payloadBytes;
        if (firstPacketNanos == Long.MIN_VALUE) {
            firstPacketNanos = timeNanos;
        }
        lastPacketNanos = timeNanos;
    }

    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    public long firstPacketNanos() {
        return firstPacketNanos;
    }

    public long lastPacketNanos() {
        return lastPacketNanos;
    }

    void noteUnexpectedSource(long srcHi, long srcLo, int srcPort) {
        Observations o = observed();
        o.unexpectedSourceLookups++;
        o.unexpectedSrcHi = srcHi;
        o.unexpectedSrcLo = srcLo;
        o.unexpectedSrcPort = srcPort;
    }

    void noteUnannouncedDestination(long dstHi, long dstLo, int dstPort) {
        Observations o = observed();
        o.sourceMatchedLookups++;
        o.unannouncedDstHi = dstHi;
        o.unannouncedDstLo = dstLo;
        o.unannouncedDstPort = dstPort;
    }

    /** Lookups that found this binding by destination while the source was not the announced peer. */
    public long unexpectedSourceLookups() {
        Observations o = observed;
        return o == null ? 0 : o.unexpectedSourceLookups;
    }

    /** The latest unexpected source seen, as {@code ip:port}, or null (allocates). */
    public String unexpectedSource() {
        Observations o = observed;
        return o == null || o.unexpectedSrcPort < 0 ? null
                : IpAddress.format(o.unexpectedSrcHi, o.unexpectedSrcLo, o.unexpectedSrcPort);
    }

    /** Whether the unexpected source differs from the announced peer in its address, not only its port (NAT). */
    public boolean unexpectedSourceAddress() {
        Observations o = observed;
        return o != null && o.unexpectedSrcPort >= 0 && peer != null
                && (peer.hi != o.unexpectedSrcHi || peer.lo != o.unexpectedSrcLo);
    }

    /**
     * Lookups bound to this binding through their source because their destination was not
     * announced: media meant for this endpoint that was sent to another address (its NAT's public one).
     */
    public long sourceMatchedLookups() {
        Observations o = observed;
        return o == null ? 0 : o.sourceMatchedLookups;
    }

    /** The latest unannounced address media meant for this endpoint was sent to, as {@code ip:port}, or null (allocates). */
    public String unannouncedDestination() {
        Observations o = observed;
        return o == null || o.unannouncedDstPort < 0 ? null
                : IpAddress.format(o.unannouncedDstHi, o.unannouncedDstLo, o.unannouncedDstPort);
    }

    /** {@code ip:port} (made once, then cached). */
    public String endpointText() {
        String t = endpointText;
        if (t == null) {
            t = IpAddress.format(hi, lo, port);
            endpointText = t;
        }
        return t;
    }

    @Override
    public String toString() {
        return "MediaBinding[call " + owner.callNumber() + " " + side + " m" + mediaIndex + (rtcp ? " rtcp " : " rtp ")
                + endpointText() + "]";
    }
}
