package dev.sipscope.correlator.media;

import dev.sipscope.decoder.sdp.SdpConnection;
import dev.sipscope.decoder.sdp.SdpDirection;
import dev.sipscope.decoder.sdp.SdpMedia;
import dev.sipscope.decoder.sdp.SdpSession;

import java.util.ArrayList;
import java.util.List;

/**
 * The media one call has announced: for each party ({@link MediaSide}) the bindings of its latest
 * SDP, per m= line, and every binding the call ever had (for the summary).
 *
 * <p>Each SDP a party sends (offer or answer, in INVITE, 18x, 200, ACK, PRACK or UPDATE, RFC 3264 and
 * RFC 3311) replaces that party's previous announcement m= line by m= line:
 * <ul>
 *   <li>an m= line with a port and a readable IP address registers its RTP endpoint and its RTCP
 *       endpoint: the RTP port itself with {@code a=rtcp-mux} (RFC 5761), else {@code a=rtcp} (RFC
 *       3605, with its address when given), else the RTP port + 1 (RFC 3550 §11);</li>
 *   <li>the same endpoint announced again keeps its binding (and its counters) with the new
 *       description: direction, codecs (a hold with {@code a=sendonly} or {@code a=inactive});</li>
 *   <li>port 0 (a rejected or removed stream, RFC 3264 §6), the unspecified address {@code 0.0.0.0}
 *       (the RFC 2543 hold, RFC 3264 §8.4) or an endpoint that moved releases the previous binding
 *       after the registry's grace time; host names (not resolved) are counted, not bound.</li>
 * </ul>
 * Each m= line's bindings are paired with the other party's ones for the same m= line, so that a
 * lookup knows where media to an endpoint is expected to come from.
 *
 * <p>Bounds: {@link #MAX_MEDIA_LINES} m= lines per SDP, {@link #MAX_BINDINGS} bindings kept per
 * call (released ones are forgotten first). Engine thread only.
 */
public final class CallMedia {
    public static final int MAX_MEDIA_LINES = 16;
    public static final int MAX_BINDINGS = 64;

    private final MediaOwner owner;
    private static final MediaBinding[] NONE = new MediaBinding[0];

    /**
     * The current bindings of both sides, RTP and RTCP, by m= line index, in one array (sized to the
     * longest SDP either side sent): m= line {@code i}'s binding of side {@code s} is at
     * {@link #slot slot(i, s, rtcp)}. One array instead of one per side and kind keeps the retained
     * objects per call few.
     */
    private MediaBinding[] current = NONE;
    /** Bit {@code 1 << side} set when the side's latest SDP holds the other party / when the side sent an SDP. */
    private byte holding;
    private byte announced;
    /** Every binding, in order of creation: the first {@link #allCount} entries. */
    private MediaBinding[] all = NONE;
    private int allCount;

    private int unresolvedAddresses;
    private int droppedBindings;

    public CallMedia(MediaOwner owner) {
        this.owner = owner;
    }

    private static int slot(int index, int side, boolean isRtcp) {
        return index * 4 + side * 2 + (isRtcp ? 1 : 0);
    }

    /** m= lines {@link #current} has room for. */
    private int lines() {
        return current.length >> 2;
    }

    private MediaBinding rtpAt(int side, int index) {
        return index < lines() ? current[slot(index, side, false)] : null;
    }

    private MediaBinding rtcpAt(int side, int index) {
        return index < lines() ? current[slot(index, side, true)] : null;
    }

    /**
     * Registers what {@code sdp}, written by {@code side}, announces. Returns the calls (other than
     * this one) that announced one of the same endpoints less than {@code linkWindowNanos} before:
     * the two legs of a B2BUA that passes SDP through. Usually empty.
     */
    public List<MediaOwner> announce(MediaRegistry registry, MediaSide side, SdpSession sdp, long nowNanos,
                                     long releaseGraceNanos, long linkWindowNanos) {
        List<MediaOwner> sharing = List.of();
        int s = side.ordinal();
        int o = side.other().ordinal();
        List<SdpMedia> lines = sdp.media();
        int n = Math.min(lines.size(), MAX_MEDIA_LINES);
        if (lines() < n) {
            current = java.util.Arrays.copyOf(current, n * 4);
        }
        long[] address = new long[2];
        boolean anyActive = false;
        boolean allHeld = true;
        for (int i = 0; i < n; i++) {
            SdpMedia m = lines.get(i);
            MediaBinding oldRtp = current[slot(i, s, false)];
            MediaBinding oldRtcp = current[slot(i, s, true)];
            SdpConnection c = m.effectiveConnection();
            boolean usable = m.isValid() && m.port() > 0 && c != null && !c.isUnspecified();
            if (usable && !dev.sipscope.decoder.IpAddress.parse(c.address(), address)) {
                unresolvedAddresses++;
                usable = false;
            }
            if (m.isValid() && m.port() > 0) {
                anyActive = true;
                SdpDirection d = m.effectiveDirection();
                allHeld &= c == null || c.isUnspecified() || !d.receives();
            }
            if (!usable) {
                release(registry, oldRtp, nowNanos + releaseGraceNanos);
                release(registry, oldRtcp, nowNanos + releaseGraceNanos);
                current[slot(i, s, false)] = null;
                current[slot(i, s, true)] = null;
                continue;
            }
            long hi = address[0];
            long lo = address[1];
            PayloadMap payloads = registry.sharedPayloads(PayloadMap.of(m));
            MediaBinding r = bindingAt(registry, oldRtp, side, i, false, hi, lo, m.port(), nowNanos, releaseGraceNanos);
            if (r == null) {
                continue;
            }
            r.describe(m.mediaType(), m.proto(), payloads, m.effectiveDirection(), m.rtcpMux(), nowNanos);
            sharing = noteSharing(sharing, registry.register(r, nowNanos), nowNanos, linkWindowNanos);
            current[slot(i, s, false)] = r;

            MediaBinding rc;
            if (m.rtcpMux()) {
                if (oldRtcp != null && oldRtcp != oldRtp) {
                    release(registry, oldRtcp, nowNanos + releaseGraceNanos);
                }
                rc = r;
            } else {
                long rcHi = hi;
                long rcLo = lo;
                int rcPort = m.rtcpPort() > 0 ? m.rtcpPort() : m.port() + 1;
                SdpConnection rcConn = m.rtcpConnection();
                if (m.rtcpPort() > 0 && rcConn != null && dev.sipscope.decoder.IpAddress.parse(rcConn.address(), address)) {
                    rcHi = address[0];
                    rcLo = address[1];
                }
                rc = rcPort > 65535 ? null
                        : bindingAt(registry, oldRtcp == oldRtp ? null : oldRtcp, side, i, true, rcHi, rcLo, rcPort,
                                nowNanos, releaseGraceNanos);
                if (rc != null) {
                    rc.describe(m.mediaType(), m.proto(), payloads, m.effectiveDirection(), false, nowNanos);
                    sharing = noteSharing(sharing, registry.register(rc, nowNanos), nowNanos, linkWindowNanos);
                } else if (oldRtcp != null && oldRtcp != oldRtp) {
                    release(registry, oldRtcp, nowNanos + releaseGraceNanos);
                }
            }
            current[slot(i, s, true)] = rc;
            r.companion = rc;
            if (rc != null) {
                rc.companion = r;
            }
            MediaBinding otherRtp = rtpAt(o, i);
            pair(r, otherRtp);
            if (rc != null && rc != r) {
                MediaBinding otherRtcp = rtcpAt(o, i);
                pair(rc, otherRtcp == otherRtp ? null : otherRtcp);
            }
        }
        for (int i = n; i < lines(); i++) {
            release(registry, current[slot(i, s, false)], nowNanos + releaseGraceNanos);
            release(registry, current[slot(i, s, true)], nowNanos + releaseGraceNanos);
            current[slot(i, s, false)] = null;
            current[slot(i, s, true)] = null;
        }
        announced |= (byte) (1 << s);
        holding = (byte) (anyActive && allHeld ? holding | (1 << s) : holding & ~(1 << s));
        return sharing;
    }

    private static void pair(MediaBinding mine, MediaBinding theirs) {
        mine.setPeer(theirs);
        if (theirs != null) {
            theirs.setPeer(mine);
        }
    }

    private static List<MediaOwner> noteSharing(List<MediaOwner> sharing, MediaBinding previous, long nowNanos,
                                                long windowNanos) {
        if (previous == null || nowNanos - previous.announcedNanos > windowNanos || sharing.contains(previous.owner())) {
            return sharing;
        }
        List<MediaOwner> out = new ArrayList<>(sharing);
        out.add(previous.owner());
        return out;
    }

    /** The existing binding when it is at this endpoint, else a new one (the old one released). */
    private MediaBinding bindingAt(MediaRegistry registry, MediaBinding old, MediaSide side, int index, boolean isRtcp,
                                   long hi, long lo, int port, long nowNanos, long graceNanos) {
        if (old != null && old.isAt(hi, lo, port) && old.isRtcp() == isRtcp) {
            return old;
        }
        if (old != null) {
            release(registry, old, nowNanos + graceNanos);
        }
        if (allCount >= MAX_BINDINGS && !forgetOneReleased()) {
            droppedBindings++;
            return null;
        }
        MediaBinding b = new MediaBinding(owner, side, index, isRtcp, hi, lo, port);
        if (allCount == all.length) {
            all = java.util.Arrays.copyOf(all, allCount == 0 ? 2 : allCount * 2);
        }
        all[allCount++] = b;
        return b;
    }

    private boolean forgetOneReleased() {
        for (int i = 0; i < allCount; i++) {
            if (!isCurrent(all[i])) {
                System.arraycopy(all, i + 1, all, i, allCount - i - 1);
                all[--allCount] = null;
                return true;
            }
        }
        return false;
    }

    private boolean isCurrent(MediaBinding b) {
        int s = b.side().ordinal();
        int i = b.mediaIndex();
        return rtpAt(s, i) == b || rtcpAt(s, i) == b;
    }

    private static void release(MediaRegistry registry, MediaBinding b, long atNanos) {
        if (b != null) {
            registry.release(b, atNanos);
        }
    }

    /** Releases every binding of the call from {@code atNanos} on (the call ended, or was evicted). */
    public void releaseAll(MediaRegistry registry, long atNanos) {
        for (int i = 0; i < allCount; i++) {
            registry.release(all[i], atNanos);
        }
    }

    /** Takes every binding of the call out of the registry at once (the call was evicted). */
    public void removeAll(MediaRegistry registry) {
        for (int i = 0; i < allCount; i++) {
            registry.remove(all[i]);
        }
    }

    /** Whether {@code side} has sent an SDP. */
    public boolean announced(MediaSide side) {
        return (announced & (1 << side.ordinal())) != 0;
    }

    /**
     * Whether the latest SDP of {@code side} puts the other party on hold: every active m= line is
     * sendonly or inactive, or uses the unspecified address (RFC 3264 §8.4).
     */
    public boolean holding(MediaSide side) {
        return (holding & (1 << side.ordinal())) != 0;
    }

    /** The current RTP binding of {@code side} for m= line {@code index}, or null. */
    public MediaBinding rtp(MediaSide side, int index) {
        return index >= 0 ? rtpAt(side.ordinal(), index) : null;
    }

    /** The current RTCP binding of {@code side} for m= line {@code index} (the RTP one with rtcp-mux), or null. */
    public MediaBinding rtcp(MediaSide side, int index) {
        return index >= 0 ? rtcpAt(side.ordinal(), index) : null;
    }

    /** Every binding of the call, in order of creation (released ones included, up to {@link #MAX_BINDINGS}). */
    public List<MediaBinding> bindings() {
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(all).subList(0, allCount));
    }

    /** SDP connection addresses that were host names or unreadable, so not bound. */
    public int unresolvedAddresses() {
        return unresolvedAddresses;
    }

    /** Bindings not created because the call already had {@link #MAX_BINDINGS} current ones. */
    public int droppedBindings() {
        return droppedBindings;
    }

    /**
     * A number that changes whenever a binding of the call counts a packet or records an observation,
     * so that a snapshot can tell whether the call's media summary must be rebuilt without a
     * callback per packet.
     */
    public long activity() {
        long n = 0;
        for (int i = 0; i < allCount; i++) {
            MediaBinding b = all[i];
            n += b.packets() + b.unexpectedSourceLookups() + b.sourceMatchedLookups();
        }
        return n;
    }

    /** Immutable summaries of the call's RTP bindings (RTCP counted in with them), in order of creation. */
    public List<MediaSummary> summaries() {
        if (allCount == 0) {
            return List.of();
        }
        List<MediaSummary> out = new ArrayList<>(allCount);
        for (int i = 0; i < allCount; i++) {
            MediaBinding b = all[i];
            if (!b.isRtcp()) {
                out.add(MediaSummary.of(b, isCurrent(b) && b.releaseAtNanos() == Long.MAX_VALUE));
            }
        }
        return List.copyOf(out);
    }
}
