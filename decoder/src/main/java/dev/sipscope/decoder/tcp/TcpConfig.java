package dev.sipscope.decoder.tcp;

/**
 * Limits of the {@link TcpReassembler}. Every time here is capture time (packet timestamps), never
 * the wall clock, so a file gives the same result however fast it is read.
 *
 * @param maxOutOfOrderBytesPerDirection how far past a hole one direction (one byte stream) may buffer
 *                                       data: the span from the next expected byte to the end of the
 *                                       furthest buffered byte. A segment that would go further forces
 *                                       a gap. Also the most memory one direction reserves.
 * @param maxBufferedBytes               memory reserved for out-of-order data across all connections; when a
 *                                       new reservation would exceed it, the directions with the oldest
 *                                       holes give up their holes (gaps) and release their buffers first
 * @param maxConnections                 connections tracked at once; opening one more evicts the least
 *                                       recently active
 * @param idleTimeoutNanos               a connection with no segment for longer than this is closed
 * @param holeTimeoutNanos               a hole waiting longer than this for its missing bytes is given up
 *                                       (reported as a gap) and delivery continues after it
 */
public record TcpConfig(int maxOutOfOrderBytesPerDirection, long maxBufferedBytes, int maxConnections,
                        long idleTimeoutNanos, long holeTimeoutNanos) {

    private static final long SECOND_NANOS = 1_000_000_000L;

    /** 1 MiB per direction, 64 MiB in all, 100 000 connections, 10 minutes idle, 10 seconds per hole. */
    public static final TcpConfig DEFAULTS = new TcpConfig(1 << 20, 64L << 20, 100_000,
            600 * SECOND_NANOS, 10 * SECOND_NANOS);

    public TcpConfig {
        if (maxOutOfOrderBytesPerDirection < 1) {
            throw new IllegalArgumentException("maxOutOfOrderBytesPerDirection must be at least 1, was "
                    + maxOutOfOrderBytesPerDirection);
        }
        if (maxBufferedBytes < maxOutOfOrderBytesPerDirection) {
            throw new IllegalArgumentException("maxBufferedBytes (" + maxBufferedBytes
                    + ") must be at least maxOutOfOrderBytesPerDirection (" + maxOutOfOrderBytesPerDirection + ")");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        if (idleTimeoutNanos < 1) {
            throw new IllegalArgumentException("idleTimeoutNanos must be positive, was " + idleTimeoutNanos);
        }
        if (holeTimeoutNanos < 1) {
            throw new IllegalArgumentException("holeTimeoutNanos must be positive, was " + holeTimeoutNanos);
        }
    }

    public TcpConfig withMaxOutOfOrderBytesPerDirection(int bytes) {
        return new TcpConfig(bytes, maxBufferedBytes, maxConnections, idleTimeoutNanos, holeTimeoutNanos);
    }

    public TcpConfig withMaxBufferedBytes(long bytes) {
        return new TcpConfig(maxOutOfOrderBytesPerDirection, bytes, maxConnections, idleTimeoutNanos, holeTimeoutNanos);
    }

    public TcpConfig withMaxConnections(int connections) {
        return new TcpConfig(maxOutOfOrderBytesPerDirection, maxBufferedBytes, connections, idleTimeoutNanos,
                holeTimeoutNanos);
    }

    public TcpConfig withIdleTimeoutNanos(long nanos) {
        return new TcpConfig(maxOutOfOrderBytesPerDirection, maxBufferedBytes, maxConnections, nanos, holeTimeoutNanos);
    }

    public TcpConfig withHoleTimeoutNanos(long nanos) {
        return new TcpConfig(maxOutOfOrderBytesPerDirection, maxBufferedBytes, maxConnections, idleTimeoutNanos, nanos);
    }
}
