package dev.sipscope.decoder.tcp;

/**
 * Reassembly state of one direction of a connection: one byte stream.
 *
 * <p>Sequence numbers here are "unwrapped": 64-bit values that keep counting past 2^32, so comparisons
 * are plain {@code <}. A 32-bit header value is mapped to the unwrapped value nearest to
 * {@link #nextSeq} (RFC 1982 serial number arithmetic: at most 2^31 - 1 either side), see {@link #unwrap}.
 *
 * <p>Invariant: once {@link #initialised}, no buffered byte starts at {@link #nextSeq} (it would have
 * been delivered), so a non-empty {@link #buffer} means a hole, and the direction is then linked in the
 * reassembler's hole list ordered by {@link #holeSinceNanos}.
 */
final class TcpDirection {
    final TcpConnection connection;
    final boolean fromClient;

    /** Whether {@link #nextSeq} is known (from a SYN, or from the first segment seen mid-stream). */
    boolean initialised;
    /** A SYN of this direction was seen; {@link #isn} is its 32-bit sequence number. */
    boolean synSeen;
    long isn;
    /** At least one payload byte of this direction was accepted (delivered or buffered). */
    boolean carriedData;
    /** Unwrapped sequence number of the next byte to deliver. */
    long nextSeq;
    /** A FIN was seen; {@link #finSeq} is the unwrapped sequence number of the FIN (end of data). */
    boolean finSeen;
    long finSeq;

    final ReorderBuffer buffer = new ReorderBuffer();

    /**
     * Data segments in a row that ended far before {@link #nextSeq}, each starting where the previous
     * one ended ({@link #behindEnd}); enough of them make the reassembler resynchronise.
     */
    int behindStreak;
    long behindEnd;

    /** Links of the reassembler's hole list (directions with buffered data, oldest hole first). */
    TcpDirection holePrev;
    TcpDirection holeNext;
    boolean inHoleList;
    /** Capture time from which the current first hole has been waiting. */
    long holeSinceNanos;

    TcpDirection(TcpConnection connection, boolean fromClient) {
        this.connection = connection;
        this.fromClient = fromClient;
    }

    /** Starts the byte stream at the 32-bit sequence number {@code seq32}. */
    void init(long seq32) {
        initialised = true;
        nextSeq = seq32;
    }

    /** The unwrapped sequence number nearest to {@link #nextSeq} whose low 32 bits are {@code seq32}. */
    long unwrap(long seq32) {
        return nextSeq + (int) (seq32 - nextSeq);
    }
}
