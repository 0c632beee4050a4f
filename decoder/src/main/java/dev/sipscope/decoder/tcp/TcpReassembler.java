package dev.sipscope.decoder.tcp;

import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketSink;

import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reassembles TCP connections into ordered byte streams per direction.
 *
 * <h2>Connections</h2>
 * Connections are keyed by IP version and the unordered pair of endpoints (address, port). The client
 * is the sender of the SYN (the receiver of a SYN-ACK when that comes first); without a handshake it is
 * the side whose data was seen first, and each direction starts at the first sequence number seen in it
 * (mid-stream start). A segment with neither payload nor SYN for an unknown connection (a late ACK or
 * FIN, a stray RST) opens nothing. A SYN that does not repeat the known initial sequence number of an
 * open connection that has already carried data closes it and opens a new one (port reuse); so does any
 * SYN or data on a tuple whose connection was closed. A connection whose other side is never seen (a
 * one-way capture) cannot see FIN both ways and closes on idle timeout or {@link #finish}.
 *
 * <h2>Delivery</h2>
 * In-order bytes go to {@link PacketSink#onTcpData} straight from the caller's {@link Packet}, with
 * its payload offset and length narrowed to the new bytes (the prefix already delivered is trimmed),
 * then restored. Bytes beyond the next expected one are copied into the direction's
 * {@link ReorderBuffer} and delivered, from that buffer through a packet view, when the hole before
 * them fills. Overlaps keep the bytes received first; overlaps whose bytes differ are counted in
 * {@link #overlapsConflicting()}. Segments that bring nothing new count as retransmissions.
 *
 * <h2>Holes and gaps</h2>
 * A hole is given up, reported once through {@link PacketSink#onTcpGap} with its exact size, and
 * delivery continues with the next buffered byte, when: a segment would end more than
 * {@link TcpConfig#maxOutOfOrderBytesPerDirection()} past the next expected byte; the hole has waited
 * longer than {@link TcpConfig#holeTimeoutNanos()} of capture time; the global buffer budget
 * {@link TcpConfig#maxBufferedBytes()} is needed elsewhere (oldest holes first); or the connection
 * closes (FIN in both directions, RST, idle timeout, eviction, {@link #finish}). A FIN whose sequence
 * number lies beyond the delivered data turns the missing tail into a gap at close.
 *
 * <p>Resynchronisation: when three data segments in a row, each starting where the previous one
 * ended, all end more than 1 MiB before the next expected byte, they are not retransmissions: an earlier bogus segment made the direction jump, or the tuple
 * was reused by a connection whose handshake was not captured. The direction then restarts at the
 * last of them, discards what it had buffered and reports a gap of unknown size (-1).
 *
 * <h2>Limits and cost</h2>
 * At most {@link TcpConfig#maxConnections()} connections are tracked (the least recently active is
 * evicted, and closed, to make room); idle connections close after {@link TcpConfig#idleTimeoutNanos()}.
 * Expiry is checked incrementally: on each segment the two least recently active connections and the
 * two oldest holes are examined, so no segment pays for a scan. An in-order segment of a known
 * connection allocates nothing. Out-of-order data costs one copy into a buffer that is released as
 * soon as it empties, plus one bit per buffered byte of presence map.
 *
 * <p>Time is capture time: the largest packet timestamp seen so far.
 * Not thread-safe; sink callbacks must not call back into the reassembler.
 */
public final class TcpReassembler {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private static final long SEQ_MASK = 0xffff_ffffL;
    /** Connections and holes examined for expiry per segment. */
    private static final int EXPIRY_CHECKS_PER_SEGMENT = 2;
    /** How far before the next expected byte a data segment must end to count towards a resynchronisation. */
    static final long RESYNC_DISTANCE_BYTES = 1 << 20;
    /** Contiguous far-behind data segments in a row that make a direction resynchronise. */
    static final int RESYNC_SEGMENTS = 3;
    /** Smallest buffer allocated for out-of-order data (unless the per-direction bound is smaller). */
    private static final int MIN_BUFFER_BYTES = 4096;

    private final TcpConfig config;
    private final ConnectionTable table;
    /** Packet view used to deliver buffered bytes when no packet of that direction is at hand. */
    private final Packet scratch = new Packet();

    private TcpConnection lruHead;
    private TcpConnection lruTail;
    private TcpDirection holeHead;
    private TcpDirection holeTail;
    private long clockNanos = Long.MIN_VALUE;

    private long streams;
    private long segments;
    private long bytesDelivered;
    private long retransmissions;
    private long outOfOrderSegments;
    private long overlapsConflicting;
    private long gaps;
    private long gapBytes;
    private long evictions;
    private long timeouts;
    private long holeTimeouts;
    private long boundGaps;
    private long memoryFlushes;
    private long ignoredSegments;
    private long resyncs;
    private long currentBufferedBytes;
    private long peakBufferedBytes;
    private long pendingBytes;
    private int peakDirectionBufferedBytes;
    private int openStreams;

    /** A reassembler with {@link TcpConfig#DEFAULTS}. */
    public TcpReassembler() {
        this(TcpConfig.DEFAULTS);
    }

    public TcpReassembler(TcpConfig config) {
        this.config = config;
        this.table = new ConnectionTable(ThreadLocalRandom.current().nextLong());
    }

    public TcpConfig config() {
        return config;
    }

    /**
     * One TCP segment. {@code packet} holds the direction's addresses, ports, time and the segment
     * payload (possibly empty); {@code seq} and {@code ack} are the unsigned 32-bit header values
     * ({@code ack} is not needed by the current rules). Payload views that run past their array are cut
     * to the array.
     */
    public void segment(Packet packet, long seq, long ack, int tcpFlags, PacketSink sink) {
        segments++;
        if (packet.timestampNanos > clockNanos) {
            clockNanos = packet.timestampNanos;
        }
        expire(sink, EXPIRY_CHECKS_PER_SEGMENT);

        int length = safePayloadLength(packet);
        long seq32 = seq & SEQ_MASK;
        boolean syn = (tcpFlags & SYN) != 0;
        boolean fin = (tcpFlags & FIN) != 0;
        boolean rst = (tcpFlags & RST) != 0;
        boolean ackFlag = (tcpFlags & ACK) != 0;

        int ipVersion = packet.ipVersion;
        long srcHi = packet.srcHi;
        long srcLo = packet.srcLo;
        int srcPort = packet.srcPort;
        long dstHi = packet.dstHi;
        long dstLo = packet.dstLo;
        int dstPort = packet.dstPort;
        boolean srcIsA = endpointOrder(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort) <= 0;
        long aHi = srcIsA ? srcHi : dstHi;
        long aLo = srcIsA ? srcLo : dstLo;
        int aPort = srcIsA ? srcPort : dstPort;
        long bHi = srcIsA ? dstHi : srcHi;
        long bLo = srcIsA ? dstLo : srcLo;
        int bPort = srcIsA ? dstPort : srcPort;
        int hash = table.hash(ipVersion, aHi, aLo, aPort, bHi, bLo, bPort);

        TcpConnection conn = table.find(hash, ipVersion, aHi, aLo, aPort, bHi, bLo, bPort);
        if (conn != null && clockNanos - conn.lastActiveNanos > config.idleTimeoutNanos()) {
            timeouts++;
            close(conn, sink);
            conn = null;
        }
        if (conn != null && syn && !ackFlag && synStartsNewConnection(conn, srcHi, srcLo, srcPort, seq32)) {
            close(conn, sink);
            conn = null;
        }
        if (conn == null) {
            if (rst || (!syn && length == 0)) {
                ignoredSegments++;
                return;
            }
            // A SYN-ACK's sender is the server; otherwise the sender (of a SYN, or seen first) is the client.
            boolean srcIsClient = !(syn && ackFlag);
            conn = open(packet, srcIsClient, hash, aHi, aLo, aPort, bHi, bLo, bPort, sink);
        }
        touch(conn);
        TcpDirection d = conn.directionFrom(srcHi, srcLo, srcPort);

        if (rst) {
            close(conn, sink);
            return;
        }
        long dataSeq32 = seq32;
        if (syn) {
            if (!d.initialised) {
                d.init((seq32 + 1) & SEQ_MASK);
                d.synSeen = true;
                d.isn = seq32;
            }
            dataSeq32 = (seq32 + 1) & SEQ_MASK;
        }
        if (!d.initialised) {
            if (length == 0 && !fin) {
                return;
            }
            d.init(seq32);
        }
        long start = d.unwrap(dataSeq32);
        long end = start + length;
        if (length > 0) {
            acceptData(d, packet, start, end, sink);
        }
        if (fin && !d.finSeen) {
            d.finSeen = true;
            d.finSeq = end;
        }
        if (d.finSeen && conn.other(d).finSeen) {
            close(conn, sink);
        }
    }

    /** End of input: deliver what can be delivered, then close every open stream (in stream order). */
    public void finish(PacketSink sink) {
        TcpConnection[] open = new TcpConnection[openStreams];
        int n = 0;
        for (TcpConnection c = lruHead; c != null; c = c.lruNext) {
            open[n++] = c;
        }
        Arrays.sort(open, 0, n, Comparator.comparingLong(c -> c.stream.index));
        for (int i = 0; i < n; i++) {
            close(open[i], sink);
        }
    }

    /**
     * Moves capture time forward to {@code nowNanos} without a packet (a live capture gone quiet) and
     * applies every idle and hole timeout that is due.
     */
    public void advanceTime(long nowNanos, PacketSink sink) {
        if (nowNanos > clockNanos) {
            clockNanos = nowNanos;
        }
        expire(sink, Integer.MAX_VALUE);
    }

    // ------------------------------------------------------------------------------------------
    // Connection lifecycle
    // ------------------------------------------------------------------------------------------

    /**
     * Whether a SYN (without ACK) from {@code src} begins a new connection on the tuple of {@code conn}
     * rather than repeating or completing the handshake of {@code conn}.
     */
    private static boolean synStartsNewConnection(TcpConnection conn, long srcHi, long srcLo, int srcPort,
                                                  long seq32) {
        TcpDirection d = conn.directionFrom(srcHi, srcLo, srcPort);
        if (d.synSeen) {
            return d.isn != seq32;
        }
        return d.initialised || conn.other(d).carriedData;
    }

    private TcpConnection open(Packet p, boolean srcIsClient, int hash, long aHi, long aLo, int aPort,
                               long bHi, long bLo, int bPort, PacketSink sink) {
        if (openStreams >= config.maxConnections() && lruHead != null) {
            evictions++;
            close(lruHead, sink);
        }
        TcpStream stream = srcIsClient
                ? new TcpStream(streams, p.ipVersion, p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort)
                : new TcpStream(streams, p.ipVersion, p.dstHi, p.dstLo, p.dstPort, p.srcHi, p.srcLo, p.srcPort);
        streams++;
        TcpConnection conn = new TcpConnection(stream, hash, p.ipVersion, aHi, aLo, aPort, bHi, bLo, bPort);
        table.insert(conn);
        conn.lastActiveNanos = clockNanos;
        lruAppend(conn);
        openStreams++;
        return conn;
    }

    /** Gives up every hole of both directions, delivers what was buffered, forgets and reports the close. */
    private void close(TcpConnection conn, PacketSink sink) {
        if (conn.closed) {
            return;
        }
        conn.closed = true;
        flush(conn.client, sink);
        flush(conn.server, sink);
        table.remove(conn);
        lruUnlink(conn);
        openStreams--;
        sink.onTcpClose(conn.stream);
    }

    /** Delivers everything buffered in {@code d}, reporting each hole as a gap, and the missing tail before a FIN. */
    private void flush(TcpDirection d, PacketSink sink) {
        while (!d.buffer.isEmpty()) {
            skipTo(d, d.buffer.firstSeq(), null, null, sink);
        }
        if (d.finSeen && d.nextSeq < d.finSeq) {
            skipTo(d, d.finSeq, null, null, sink);
        }
    }

    /** Applies up to {@code budget} due idle timeouts and up to {@code budget} due hole timeouts. */
    private void expire(PacketSink sink, int budget) {
        long idle = config.idleTimeoutNanos();
        for (int i = 0; i < budget; i++) {
            TcpConnection c = lruHead;
            if (c == null || clockNanos - c.lastActiveNanos <= idle) {
                break;
            }
            timeouts++;
            close(c, sink);
        }
        long holeTimeout = config.holeTimeoutNanos();
        for (int i = 0; i < budget; i++) {
            TcpDirection d = holeHead;
            if (d == null || clockNanos - d.holeSinceNanos <= holeTimeout) {
                break;
            }
            holeTimeouts++;
            skipTo(d, d.buffer.firstSeq(), null, null, sink);
        }
    }

    private void touch(TcpConnection c) {
        c.lastActiveNanos = clockNanos;
        if (c != lruTail) {
            lruUnlink(c);
            lruAppend(c);
        }
    }

    private void lruAppend(TcpConnection c) {
        c.lruPrev = lruTail;
        c.lruNext = null;
        if (lruTail == null) {
            lruHead = c;
        } else {
            lruTail.lruNext = c;
        }
        lruTail = c;
    }

    private void lruUnlink(TcpConnection c) {
        if (c.lruPrev == null) {
            lruHead = c.lruNext;
        } else {
            c.lruPrev.lruNext = c.lruNext;
        }
        if (c.lruNext == null) {
            lruTail = c.lruPrev;
        } else {
            c.lruNext.lruPrev = c.lruPrev;
        }
        c.lruPrev = null;
        c.lruNext = null;
    }

    // ------------------------------------------------------------------------------------------
    // Data of one direction
    // ------------------------------------------------------------------------------------------

    /**
     * Accepts payload bytes {@code [start, end)} (unwrapped sequence numbers) carried by {@code p}:
     * delivers what is in order, buffers what is beyond a hole, drops what was already delivered.
     */
    private void acceptData(TcpDirection d, Packet p, long start, long end, PacketSink sink) {
        if (d.finSeen && end > d.finSeq) {
            end = Math.max(start, d.finSeq);
            if (end == start) {
                ignoredSegments++;
                return;
            }
        }
        d.carriedData = true;
        if (end <= d.nextSeq && d.nextSeq - end > RESYNC_DISTANCE_BYTES) {
            d.behindStreak = d.behindStreak > 0 && start == d.behindEnd ? d.behindStreak + 1 : 1;
            d.behindEnd = end;
            if (d.behindStreak < RESYNC_SEGMENTS) {
                retransmissions++;
                return;
            }
            resync(d, start, sink);
        } else {
            d.behindStreak = 0;
        }
        int payloadOffset = p.payloadOffset;
        ReorderBuffer buffer = d.buffer;
        boolean progressed = false;
        while (true) {
            long next = d.nextSeq;
            if (end <= next) {
                if (!progressed) {
                    retransmissions++;
                }
                return;
            }
            long firstBuffered = buffer.firstSeq();
            if (start <= next) {
                long upto = Math.min(end, firstBuffered);
                if (upto > next) {
                    d.nextSeq = upto;
                    deliverFromPacket(d, p, payloadOffset + (int) (next - start), (int) (upto - next), sink);
                    progressed = true;
                }
                if (upto < firstBuffered) {
                    return;
                }
                // Reached buffered bytes: they were received first, so they win over this segment's copy.
                int run = buffer.runLength(firstBuffered);
                long compareEnd = Math.min(end, firstBuffered + run);
                if (compareEnd > firstBuffered && !buffer.rangeEquals(firstBuffered, (int) (compareEnd - firstBuffered),
                        p.data, payloadOffset + (int) (firstBuffered - start))) {
                    overlapsConflicting++;
                }
                deliverRun(d, p, d, sink);
                holeProgressed(d);
                progressed = true;
                continue;
            }
            // Beyond a hole.
            if (end - next > config.maxOutOfOrderBytesPerDirection()) {
                boundGaps++;
                skipTo(d, Math.min(start, firstBuffered), p, d, sink);
                continue;
            }
            if (!reserve(d, end, sink)) {
                continue;
            }
            int added = buffer.store(start, end, p.data, payloadOffset);
            pendingBytes += added;
            if (buffer.lastStoreConflicted()) {
                overlapsConflicting++;
            }
            if (added == 0) {
                retransmissions++;
            } else {
                outOfOrderSegments++;
                holeOpened(d);
                if (start > d.nextSeq) {
                    sink.onTcpBuffered(d.connection.stream, d.fromClient, p, start - d.nextSeq, (int) (end - start));
                }
            }
            return;
        }
    }

    /** Restarts {@code d} at {@code seq}, behind its next expected byte, forgetting what it buffered. */
    private void resync(TcpDirection d, long seq, PacketSink sink) {
        resyncs++;
        ReorderBuffer buffer = d.buffer;
        pendingBytes -= buffer.storedBytes();
        currentBufferedBytes -= buffer.capacity();
        buffer.discard();
        if (d.inHoleList) {
            holeUnlink(d);
        }
        d.nextSeq = seq;
        d.finSeen = false;
        d.behindStreak = 0;
        gaps++;
        sink.onTcpGap(d.connection.stream, d.fromClient, -1);
    }

    /**
     * Gives up the bytes before {@code target} (a gap of exact size) and delivers what is buffered from
     * there on. {@code trigger}, when it belongs to {@code triggerDir}, serves as the delivery view.
     */
    private void skipTo(TcpDirection d, long target, Packet trigger, TcpDirection triggerDir, PacketSink sink) {
        long missing = target - d.nextSeq;
        d.nextSeq = target;
        gaps++;
        gapBytes += missing;
        sink.onTcpGap(d.connection.stream, d.fromClient, missing);
        boolean delivered = false;
        while (!d.buffer.isEmpty() && d.buffer.firstSeq() == d.nextSeq) {
            deliverRun(d, trigger, triggerDir, sink);
            delivered = true;
        }
        if (delivered) {
            holeProgressed(d);
        }
    }

    private void deliverFromPacket(TcpDirection d, Packet p, int offset, int length, PacketSink sink) {
        int savedOffset = p.payloadOffset;
        int savedLength = p.payloadLength;
        bytesDelivered += length;
        p.payloadOffset = offset;
        p.payloadLength = length;
        try {
            sink.onTcpData(d.connection.stream, p);
        } finally {
            p.payloadOffset = savedOffset;
            p.payloadLength = savedLength;
        }
    }

    /** Delivers the buffered run that starts at {@code d.nextSeq}. */
    private void deliverRun(TcpDirection d, Packet trigger, TcpDirection triggerDir, PacketSink sink) {
        ReorderBuffer buffer = d.buffer;
        long seq = d.nextSeq;
        int length = buffer.runLength(seq);
        int offset = buffer.indexOf(seq);
        byte[] bytes = buffer.bytes();
        buffer.consume(seq, length);
        pendingBytes -= length;
        d.nextSeq = seq + length;
        bytesDelivered += length;

        Packet view = trigger != null && triggerDir == d ? trigger : scratchFor(d, trigger);
        byte[] savedData = view.data;
        int savedOffset = view.payloadOffset;
        int savedLength = view.payloadLength;
        int savedIpOffset = view.ipOffset;
        view.data = bytes;
        view.payloadOffset = offset;
        view.payloadLength = length;
        view.ipOffset = -1;
        try {
            sink.onTcpData(d.connection.stream, view);
        } finally {
            view.data = savedData;
            view.payloadOffset = savedOffset;
            view.payloadLength = savedLength;
            view.ipOffset = savedIpOffset;
        }
    }

    /** The scratch packet dressed as a packet of direction {@code d}. */
    private Packet scratchFor(TcpDirection d, Packet trigger) {
        Packet p = scratch;
        p.clear();
        TcpStream s = d.connection.stream;
        p.timestampNanos = trigger != null ? trigger.timestampNanos : clockNanos;
        p.ipVersion = s.ipVersion;
        p.protocol = Packet.PROTO_TCP;
        if (d.fromClient) {
            p.srcHi = s.clientHi;
            p.srcLo = s.clientLo;
            p.srcPort = s.clientPort;
            p.dstHi = s.serverHi;
            p.dstLo = s.serverLo;
            p.dstPort = s.serverPort;
        } else {
            p.srcHi = s.serverHi;
            p.srcLo = s.serverLo;
            p.srcPort = s.serverPort;
            p.dstHi = s.clientHi;
            p.dstLo = s.clientLo;
            p.dstPort = s.clientPort;
        }
        return p;
    }

    // ------------------------------------------------------------------------------------------
    // Buffer memory
    // ------------------------------------------------------------------------------------------

    /**
     * Makes room in {@code d}'s buffer for bytes up to {@code endSeq}, within the global budget.
     *
     * @return false when memory pressure made {@code d} give up its own holes (its next expected
     *         byte moved), so the caller must look at its segment again
     */
    private boolean reserve(TcpDirection d, long endSeq, PacketSink sink) {
        ReorderBuffer buffer = d.buffer;
        if (buffer.isEmpty()) {
            buffer.rebase(d.nextSeq);
        }
        long needed = endSeq - buffer.baseSeq();
        int capacity = buffer.capacity();
        if (needed <= capacity) {
            return true;
        }
        if (buffer.baseSeq() < d.nextSeq) {
            buffer.compact(d.nextSeq);
            needed = endSeq - d.nextSeq;
            if (needed <= capacity) {
                return true;
            }
        }
        int limit = config.maxOutOfOrderBytesPerDirection();
        int wanted = (int) Math.min(limit, Math.max(MIN_BUFFER_BYTES, Long.highestOneBit(needed - 1) << 1));
        long growth = wanted - capacity;
        if (currentBufferedBytes + growth > config.maxBufferedBytes()) {
            long before = d.nextSeq;
            relieveMemory(growth, d, sink);
            if (d.nextSeq != before) {
                return false;
            }
        }
        buffer.resize(wanted);
        currentBufferedBytes += growth;
        if (currentBufferedBytes > peakBufferedBytes) {
            peakBufferedBytes = currentBufferedBytes;
        }
        if (wanted > peakDirectionBufferedBytes) {
            peakDirectionBufferedBytes = wanted;
        }
        return true;
    }

    /**
     * Flushes whole directions, oldest hole first, until {@code growth} more bytes fit in the global
     * budget; {@code requester} goes last.
     */
    private void relieveMemory(long growth, TcpDirection requester, PacketSink sink) {
        long max = config.maxBufferedBytes();
        TcpDirection d = holeHead;
        while (d != null && currentBufferedBytes + growth > max) {
            TcpDirection following = d.holeNext;
            if (d != requester) {
                memoryFlushes++;
                flushHoles(d, sink);
            }
            d = following;
        }
        if (currentBufferedBytes + growth > max && !requester.buffer.isEmpty()) {
            memoryFlushes++;
            flushHoles(requester, sink);
        }
    }

    private void flushHoles(TcpDirection d, PacketSink sink) {
        while (!d.buffer.isEmpty()) {
            skipTo(d, d.buffer.firstSeq(), null, null, sink);
        }
    }

    /** {@code d} has just buffered bytes beyond a hole. */
    private void holeOpened(TcpDirection d) {
        if (!d.inHoleList) {
            d.holeSinceNanos = clockNanos;
            holeAppend(d);
        }
    }

    /** A buffered run of {@code d} was delivered: its first hole is gone. */
    private void holeProgressed(TcpDirection d) {
        if (d.buffer.isEmpty()) {
            currentBufferedBytes -= d.buffer.capacity();
            d.buffer.release();
            if (d.inHoleList) {
                holeUnlink(d);
            }
            return;
        }
        // A later hole is now the first one; it gets its own full wait.
        d.holeSinceNanos = clockNanos;
        if (d.inHoleList) {
            holeUnlink(d);
        }
        holeAppend(d);
    }

    private void holeAppend(TcpDirection d) {
        d.holePrev = holeTail;
        d.holeNext = null;
        if (holeTail == null) {
            holeHead = d;
        } else {
            holeTail.holeNext = d;
        }
        holeTail = d;
        d.inHoleList = true;
    }

    private void holeUnlink(TcpDirection d) {
        if (d.holePrev == null) {
            holeHead = d.holeNext;
        } else {
            d.holePrev.holeNext = d.holeNext;
        }
        if (d.holeNext == null) {
            holeTail = d.holePrev;
        } else {
            d.holeNext.holePrev = d.holePrev;
        }
        d.holePrev = null;
        d.holeNext = null;
        d.inHoleList = false;
    }

    // ------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------

    /** The payload length, cut to what the packet's array really holds (0 for an inconsistent view). */
    private static int safePayloadLength(Packet p) {
        int length = p.payloadLength;
        if (length <= 0 || p.data == null || p.payloadOffset < 0 || p.payloadOffset > p.data.length) {
            return 0;
        }
        return Math.min(length, p.data.length - p.payloadOffset);
    }

    private static int endpointOrder(long hi1, long lo1, int port1, long hi2, long lo2, int port2) {
        if (hi1 != hi2) {
            return Long.compareUnsigned(hi1, hi2);
        }
        if (lo1 != lo2) {
            return Long.compareUnsigned(lo1, lo2);
        }
        return Integer.compare(port1, port2);
    }

    // ------------------------------------------------------------------------------------------
    // Counters
    // ------------------------------------------------------------------------------------------

    /** Connections seen so far. */
    public long streams() {
        return streams;
    }

    /** Calls to {@link #segment}. */
    public long segments() {
        return segments;
    }

    /** Payload bytes handed to {@link PacketSink#onTcpData}. */
    public long bytesDelivered() {
        return bytesDelivered;
    }

    /** Segments with payload that brought no byte not already delivered or buffered. */
    public long retransmissions() {
        return retransmissions;
    }

    /** Segments whose new bytes were buffered beyond a hole. */
    public long outOfOrderSegments() {
        return outOfOrderSegments;
    }

    /** Segments that overlapped buffered bytes with different content (the buffered bytes were kept). */
    public long overlapsConflicting() {
        return overlapsConflicting;
    }

    /** Holes reported through {@link PacketSink#onTcpGap} (resynchronisations included). */
    public long gaps() {
        return gaps;
    }

    /** Total size of the reported holes of known size. */
    public long gapBytes() {
        return gapBytes;
    }

    /** Connections closed to make room under {@link TcpConfig#maxConnections()}. */
    public long evictions() {
        return evictions;
    }

    /** Connections closed after {@link TcpConfig#idleTimeoutNanos()} without a segment. */
    public long timeouts() {
        return timeouts;
    }

    /** Holes given up after {@link TcpConfig#holeTimeoutNanos()}. */
    public long holeTimeouts() {
        return holeTimeouts;
    }

    /** Holes given up because a segment landed beyond {@link TcpConfig#maxOutOfOrderBytesPerDirection()}. */
    public long boundGaps() {
        return boundGaps;
    }

    /** Directions made to give up all their holes to keep within {@link TcpConfig#maxBufferedBytes()}. */
    public long memoryFlushes() {
        return memoryFlushes;
    }

    /** Segments that could not contribute: nothing to open a connection with, or data past a FIN. */
    public long ignoredSegments() {
        return ignoredSegments;
    }

    /** Directions restarted behind their next expected byte (see the class notes on resynchronisation). */
    public long resyncs() {
        return resyncs;
    }

    /** Memory reserved for out-of-order bytes now (buffer capacities, the presence maps excluded). */
    public long currentBufferedBytes() {
        return currentBufferedBytes;
    }

    /** Largest {@link #currentBufferedBytes()} so far. */
    public long peakBufferedBytes() {
        return peakBufferedBytes;
    }

    /** Largest buffer one direction has reserved so far. */
    public int peakDirectionBufferedBytes() {
        return peakDirectionBufferedBytes;
    }

    /** Out-of-order bytes held now, waiting for their holes to fill. */
    public long pendingBytes() {
        return pendingBytes;
    }

    /** Connections currently tracked. */
    public int openStreams() {
        return openStreams;
    }
}
