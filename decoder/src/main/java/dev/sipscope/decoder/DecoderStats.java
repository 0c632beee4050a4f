package dev.sipscope.decoder;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters kept by one {@link PacketDecoder}: plain longs, updated on the decoding thread without
 * allocation, read through getters. Not thread-safe: publish a {@link #copy()} to other threads.
 *
 * <p>Frames are counted once each; the other counters count events (one frame can carry a tunnel,
 * several SCTP chunks, or be malformed at two layers). "Malformed" never includes frames that are
 * merely not IP ({@link #nonIp(NonIpKind)}) or whose link type is unknown ({@link #unsupportedLinkTypeFrames}).
 */
public final class DecoderStats {
    /** Distinct link types counted by number; further ones are only summed in {@link #otherLinkTypeFrames}. */
    private static final int LINK_TYPE_SLOTS = 64;

    long frames;
    long capturedBytes;
    long wireBytes;
    long unsupportedLinkTypeFrames;
    long vlanTaggedFrames;
    long ipv4Packets;
    long ipv6Packets;
    long truncatedBySnaplen;
    long tunneledPackets;
    long ipInIpPackets;
    long grePackets;
    long erspanPackets;
    long vxlanPackets;
    long udpDatagrams;
    long tcpSegments;
    long sctpPackets;
    long sctpDataChunks;
    long sctpMessagesReassembled;
    long sctpFragmentsDropped;
    long hepPackets;
    long hepWithoutPayload;
    long fragmentsSeen;
    long fragmentDuplicates;
    long fragmentOverlaps;
    long datagramsReassembled;
    long datagramsExpired;
    long datagramsEvicted;
    long datagramsDiscardedForOverlap;
    long datagramsUnfinishedAtEnd;
    long internalErrors;
    final long[] nonIp = new long[NonIpKind.values().length];
    final long[] malformed = new long[Malformed.values().length];
    final long[] otherIpProtocols = new long[256];

    private final int[] linkTypeKeys = new int[LINK_TYPE_SLOTS];
    private final long[] linkTypeFrames = new long[LINK_TYPE_SLOTS];
    private int linkTypeCount;
    private long otherLinkTypeFrames;
    private int lastLinkType = Integer.MIN_VALUE;
    private int lastLinkTypeSlot = -1;

    /** Counts one frame of {@code linkType} (allocation-free; the last type is cached). */
    void countLinkType(int linkType) {
        if (linkType == lastLinkType) {
            linkTypeFrames[lastLinkTypeSlot]++;
        } else {
            countOtherLinkType(linkType);
        }
    }

    /** {@link #countLinkType} for a type other than the last one (kept apart so the common case inlines). */
    private void countOtherLinkType(int linkType) {
        for (int i = 0; i < linkTypeCount; i++) {
            if (linkTypeKeys[i] == linkType) {
                remember(linkType, i);
                return;
            }
        }
        if (linkTypeCount < LINK_TYPE_SLOTS) {
            linkTypeKeys[linkTypeCount] = linkType;
            remember(linkType, linkTypeCount++);
        } else {
            otherLinkTypeFrames++;
        }
    }

    private void remember(int linkType, int slot) {
        lastLinkType = linkType;
        lastLinkTypeSlot = slot;
        linkTypeFrames[slot]++;
    }

    /** Frames decoded. */
    public long frames() {
        return frames;
    }

    /** Bytes captured (sum of captured lengths). */
    public long capturedBytes() {
        return capturedBytes;
    }

    /** Bytes on the wire (sum of original lengths). */
    public long wireBytes() {
        return wireBytes;
    }

    /** Frames of the given link type seen so far. */
    public long framesOfLinkType(int linkType) {
        for (int i = 0; i < linkTypeCount; i++) {
            if (linkTypeKeys[i] == linkType) {
                return linkTypeFrames[i];
            }
        }
        return 0;
    }

    /** Frames per link type, in ascending link-type order (allocates; for reports). */
    public Map<Integer, Long> framesByLinkType() {
        Map<Integer, Long> m = new TreeMap<>();
        for (int i = 0; i < linkTypeCount; i++) {
            m.put(linkTypeKeys[i], linkTypeFrames[i]);
        }
        return m;
    }

    /** Frames of link types beyond the first 64 distinct ones (not counted by number). */
    public long otherLinkTypeFrames() {
        return otherLinkTypeFrames;
    }

    /** Frames whose link type the decoder does not know. */
    public long unsupportedLinkTypeFrames() {
        return unsupportedLinkTypeFrames;
    }

    /** Frames with at least one 802.1Q/802.1ad tag (at any layer). */
    public long vlanTaggedFrames() {
        return vlanTaggedFrames;
    }

    /** IPv4 headers decoded (outer and tunneled ones each count). */
    public long ipv4Packets() {
        return ipv4Packets;
    }

    /** IPv6 headers decoded (outer and tunneled ones each count). */
    public long ipv6Packets() {
        return ipv6Packets;
    }

    /** Frames of the given non-IP kind. */
    public long nonIp(NonIpKind kind) {
        return nonIp[kind.ordinal()];
    }

    /** All non-IP frames. */
    public long nonIpTotal() {
        long sum = 0;
        for (long n : nonIp) {
            sum += n;
        }
        return sum;
    }

    /** Non-zero non-IP counters (allocates; for reports). */
    public Map<NonIpKind, Long> nonIpByKind() {
        Map<NonIpKind, Long> m = new EnumMap<>(NonIpKind.class);
        for (int i = 0; i < nonIp.length; i++) {
            if (nonIp[i] != 0) {
                m.put(NonIpKind.ofOrdinal(i), nonIp[i]);
            }
        }
        return m;
    }

    /**
     * Frames whose IP packet was cut by the capture's snap length: delivered partially (flagged
     * {@link Packet#FLAG_TRUNCATED}) when the transport header was complete, dropped otherwise.
     */
    public long truncatedBySnaplen() {
        return truncatedBySnaplen;
    }

    /** Decapsulations of any tunnel kind (a frame with two nested tunnels counts twice). */
    public long tunneledPackets() {
        return tunneledPackets;
    }

    /** IP-in-IP decapsulations (IP protocol 4 or 41). */
    public long ipInIpPackets() {
        return ipInIpPackets;
    }

    /** GRE headers decoded, ERSPAN included. */
    public long grePackets() {
        return grePackets;
    }

    /** ERSPAN (type I, II or III) headers decoded. */
    public long erspanPackets() {
        return erspanPackets;
    }

    /** VXLAN headers decoded. */
    public long vxlanPackets() {
        return vxlanPackets;
    }

    /** UDP headers decoded (HEP and VXLAN carriers included). */
    public long udpDatagrams() {
        return udpDatagrams;
    }

    /** TCP segments handed to the TCP reassembler. */
    public long tcpSegments() {
        return tcpSegments;
    }

    /** SCTP packets (common headers) decoded. */
    public long sctpPackets() {
        return sctpPackets;
    }

    /** SCTP DATA and I-DATA chunks seen. */
    public long sctpDataChunks() {
        return sctpDataChunks;
    }

    /** SCTP user messages rebuilt from several fragments. */
    public long sctpMessagesReassembled() {
        return sctpMessagesReassembled;
    }

    /**
     * SCTP fragments given up: out of sequence, without a first fragment, over a bound, timed out or
     * left at end of input.
     */
    public long sctpFragmentsDropped() {
        return sctpFragmentsDropped;
    }

    /** HEP packets decapsulated and delivered. */
    public long hepPackets() {
        return hepPackets;
    }

    /** Well-formed HEP packets without a payload chunk (keep-alives, reports): not delivered. */
    public long hepWithoutPayload() {
        return hepWithoutPayload;
    }

    /** IP packets whose protocol the decoder does not follow (ICMP, ESP, OSPF...). */
    public long otherIpProtocolPackets() {
        long sum = 0;
        for (long n : otherIpProtocols) {
            sum += n;
        }
        return sum;
    }

    /** IP packets that ended in the given (unfollowed) protocol number. */
    public long otherIpProtocolPackets(int protocol) {
        return protocol >= 0 && protocol < 256 ? otherIpProtocols[protocol] : 0;
    }

    /** IPv4 and IPv6 fragments offered to reassembly. */
    public long fragmentsSeen() {
        return fragmentsSeen;
    }

    /** Fragments that repeated bytes already held exactly (dropped silently, RFC 8200 §4.5). */
    public long fragmentDuplicates() {
        return fragmentDuplicates;
    }

    /** Fragments that overlapped held bytes with different contents or boundaries. */
    public long fragmentOverlaps() {
        return fragmentOverlaps;
    }

    /** Datagrams completed from fragments and decoded onward. */
    public long datagramsReassembled() {
        return datagramsReassembled;
    }

    /** Incomplete datagrams dropped because their first fragment was older than the timeout. */
    public long datagramsExpired() {
        return datagramsExpired;
    }

    /** Incomplete datagrams dropped to stay within the datagram-count or buffer-bytes bound. */
    public long datagramsEvicted() {
        return datagramsEvicted;
    }

    /** IPv6 datagrams discarded whole because two fragments overlapped (RFC 5722). */
    public long datagramsDiscardedForOverlap() {
        return datagramsDiscardedForOverlap;
    }

    /** Incomplete datagrams dropped by {@link PacketDecoder#finish()}. */
    public long datagramsUnfinishedAtEnd() {
        return datagramsUnfinishedAtEnd;
    }

    /** Malformed events of every reason. */
    public long malformedTotal() {
        long sum = 0;
        for (long n : malformed) {
            sum += n;
        }
        return sum;
    }

    public long malformed(Malformed reason) {
        return malformed[reason.ordinal()];
    }

    /** Non-zero malformed counters (allocates; for reports). */
    public Map<Malformed, Long> malformedByReason() {
        Map<Malformed, Long> m = new EnumMap<>(Malformed.class);
        Malformed[] reasons = Malformed.values();
        for (int i = 0; i < malformed.length; i++) {
            if (malformed[i] != 0) {
                m.put(reasons[i], malformed[i]);
            }
        }
        return m;
    }

    /**
     * Frames on which the decoder itself failed (a bug, never expected): the frame was skipped and
     * decoding went on. Exceptions thrown by the {@link PacketSink} are not caught.
     */
    public long internalErrors() {
        return internalErrors;
    }

    /** A detached copy, safe to hand to another thread. */
    public DecoderStats copy() {
        DecoderStats c = new DecoderStats();
        c.frames = frames;
        c.capturedBytes = capturedBytes;
        c.wireBytes = wireBytes;
        c.unsupportedLinkTypeFrames = unsupportedLinkTypeFrames;
        c.vlanTaggedFrames = vlanTaggedFrames;
        c.ipv4Packets = ipv4Packets;
        c.ipv6Packets = ipv6Packets;
        c.truncatedBySnaplen = truncatedBySnaplen;
        c.tunneledPackets = tunneledPackets;
        c.ipInIpPackets = ipInIpPackets;
        c.grePackets = grePackets;
        c.erspanPackets = erspanPackets;
        c.vxlanPackets = vxlanPackets;
        c.udpDatagrams = udpDatagrams;
        c.tcpSegments = tcpSegments;
        c.sctpPackets = sctpPackets;
        c.sctpDataChunks = sctpDataChunks;
        c.sctpMessagesReassembled = sctpMessagesReassembled;
        c.sctpFragmentsDropped = sctpFragmentsDropped;
        c.hepPackets = hepPackets;
        c.hepWithoutPayload = hepWithoutPayload;
        c.fragmentsSeen = fragmentsSeen;
        c.fragmentDuplicates = fragmentDuplicates;
        c.fragmentOverlaps = fragmentOverlaps;
        c.datagramsReassembled = datagramsReassembled;
        c.datagramsExpired = datagramsExpired;
        c.datagramsEvicted = datagramsEvicted;
        c.datagramsDiscardedForOverlap = datagramsDiscardedForOverlap;
        c.datagramsUnfinishedAtEnd = datagramsUnfinishedAtEnd;
        c.internalErrors = internalErrors;
        System.arraycopy(nonIp, 0, c.nonIp, 0, nonIp.length);
        System.arraycopy(malformed, 0, c.malformed, 0, malformed.length);
        System.arraycopy(otherIpProtocols, 0, c.otherIpProtocols, 0, otherIpProtocols.length);
        System.arraycopy(linkTypeKeys, 0, c.linkTypeKeys, 0, linkTypeKeys.length);
        System.arraycopy(linkTypeFrames, 0, c.linkTypeFrames, 0, linkTypeFrames.length);
        c.linkTypeCount = linkTypeCount;
        c.otherLinkTypeFrames = otherLinkTypeFrames;
        return c;
    }

    /** The non-zero counters as {@code name=value} pairs (allocates; for logs and tests). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("DecoderStats[");
        append(sb, "frames", frames);
        append(sb, "capturedBytes", capturedBytes);
        append(sb, "wireBytes", wireBytes);
        for (Map.Entry<Integer, Long> e : framesByLinkType().entrySet()) {
            append(sb, "link" + e.getKey(), e.getValue());
        }
        append(sb, "otherLinkTypeFrames", otherLinkTypeFrames);
        append(sb, "unsupportedLinkTypeFrames", unsupportedLinkTypeFrames);
        append(sb, "vlanTaggedFrames", vlanTaggedFrames);
        append(sb, "ipv4", ipv4Packets);
        append(sb, "ipv6", ipv6Packets);
        append(sb, "truncatedBySnaplen", truncatedBySnaplen);
        append(sb, "tunneled", tunneledPackets);
        append(sb, "ipInIp", ipInIpPackets);
        append(sb, "gre", grePackets);
        append(sb, "erspan", erspanPackets);
        append(sb, "vxlan", vxlanPackets);
        append(sb, "udp", udpDatagrams);
        append(sb, "tcp", tcpSegments);
        append(sb, "sctp", sctpPackets);
        append(sb, "sctpDataChunks", sctpDataChunks);
        append(sb, "sctpMessagesReassembled", sctpMessagesReassembled);
        append(sb, "sctpFragmentsDropped", sctpFragmentsDropped);
        append(sb, "hep", hepPackets);
        append(sb, "hepWithoutPayload", hepWithoutPayload);
        append(sb, "otherIpProtocol", otherIpProtocolPackets());
        append(sb, "fragments", fragmentsSeen);
        append(sb, "fragmentDuplicates", fragmentDuplicates);
        append(sb, "fragmentOverlaps", fragmentOverlaps);
        append(sb, "reassembled", datagramsReassembled);
        append(sb, "expired", datagramsExpired);
        append(sb, "evicted", datagramsEvicted);
        append(sb, "discardedForOverlap", datagramsDiscardedForOverlap);
        append(sb, "unfinishedAtEnd", datagramsUnfinishedAtEnd);
        append(sb, "internalErrors", internalErrors);
        for (Map.Entry<NonIpKind, Long> e : nonIpByKind().entrySet()) {
            append(sb, "nonIp." + e.getKey(), e.getValue());
        }
        for (Map.Entry<Malformed, Long> e : malformedByReason().entrySet()) {
            append(sb, "malformed." + e.getKey(), e.getValue());
        }
        if (sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 1);
        }
        return sb.append(']').toString();
    }

    private static void append(StringBuilder sb, String name, long value) {
        if (value != 0) {
            sb.append(name).append('=').append(value).append(' ');
        }
    }
}
