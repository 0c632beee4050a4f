package dev.sipscope.capture;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A reused read buffer over a {@link ByteInput}: the readers' window on the file.
 *
 * <p>Invariants: {@code 0 <= pos <= limit <= buf.length}; {@code buf[pos, limit)} holds the input
 * bytes at stream offsets {@code [offset(), offset() + available())}. The array starts at
 * {@link #INITIAL_CAPACITY} and grows only when one record needs more; callers bound record
 * sizes (see {@link CaptureFiles#MAX_FRAME_BYTES}), so memory stays bounded whatever the input
 * size. Bytes before {@code pos} may be discarded by the next {@link #require} call.
 *
 * <p>Readers use the fields directly in their per-record loop; no method here allocates except
 * {@link #require} when a record is larger than the array.
 *
 * <p>With a {@link ReadAhead} the array is the chunk being framed, read on another thread: when a
 * record crosses the chunk's end, its unread tail (at most {@link ReadAhead#HEAD} bytes) is copied
 * into the head room of the next chunk, which becomes the array, and the old chunk goes back to be
 * read into again. A record longer than the head room is gathered in an array of the buffer's own.
 * Either way the bytes before {@code pos} are gone after {@link #require}, as without read-ahead.
 */
final class RecordBuffer {
    static final int INITIAL_CAPACITY = 1 << 20;

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    byte[] buf;
    int pos;
    int limit;
    /** Stream offset of {@code buf[0]}. */
    private long base;
    private final ByteInput input;
    private final ReadAhead ahead;
    /** With read-ahead: {@link #buf} is a chunk's array, to be handed back when the buffer moves on. */
    private boolean bufIsChunk;
    private boolean eof;

    /** A buffer whose first bytes are {@code prefix[0, prefixLength)}, already taken from {@code input}. */
    RecordBuffer(ByteInput input, byte[] prefix, int prefixLength, int capacity) {
        this(input, null, prefix, prefixLength, capacity);
    }

    private RecordBuffer(ByteInput input, ReadAhead ahead, byte[] prefix, int prefixLength, int capacity) {
        this.input = input;
        this.ahead = ahead;
        this.buf = new byte[Math.max(capacity, prefixLength)];
        System.arraycopy(prefix, 0, buf, 0, prefixLength);
        this.limit = prefixLength;
    }

    /**
     * A buffer whose first bytes are {@code prefix[0, prefixLength)}, then what a {@link ReadAhead}
     * thread, started here, reads from {@code input}. {@link #stop} ends that thread.
     */
    static RecordBuffer readingAhead(ByteInput input, byte[] prefix, int prefixLength) {
        return new RecordBuffer(input, new ReadAhead(input), prefix, prefixLength, prefixLength);
    }

    /** Stops the read-ahead thread, if any (the input is the caller's to close). */
    void stop() {
        if (ahead != null) {
            ahead.stop();
        }
    }

    int available() {
        return limit - pos;
    }

    /** Stream offset of {@code buf[pos]}: the bytes consumed so far. */
    long offset() {
        return base + pos;
    }

    /** Stream offset of {@code buf[index]}. */
    long offsetOf(int index) {
        return base + index;
    }

    /**
     * Makes at least {@code n} bytes available from {@code pos}, compacting or growing the array.
     * Returns false when the input ends first; whatever was read stays available. May replace
     * {@code buf} and move {@code pos}: re-read both afterwards.
     */
    boolean require(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (ahead != null) {
            return requireAhead(n);
        }
        if (n > buf.length) {
            grow(n);
        } else if (pos + n > buf.length) {
            compact();
        }
        while (limit - pos < n) {
            if (eof) {
                return false;
            }
            int r = input.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
                return false;
            }
            limit += r;
        }
        return true;
    }

    /** {@link #require} with read-ahead: moves to the next chunks until {@code n} bytes are there. */
    private boolean requireAhead(int n) throws IOException {
        while (limit - pos < n) {
            ReadAhead.Chunk c = eof ? null : ahead.take();
            if (c == null) {
                eof = true;
                return false;
            }
            int live = limit - pos;
            if (live <= ReadAhead.HEAD) {
                int start = ReadAhead.HEAD - live;
                System.arraycopy(buf, pos, c.array, start, live);
                base += pos - start;
                release();
                buf = c.array;
                bufIsChunk = true;
                pos = start;
                limit = ReadAhead.HEAD + c.length;
            } else {
                gather(live, c, n);
            }
        }
        return true;
    }

    /**
     * Appends chunk {@code c} to the {@code live} unread bytes in an array of the buffer's own, for a
     * record longer than a chunk's head room; grown as {@link #grow} grows, for a record of {@code n}.
     */
    private void gather(int live, ReadAhead.Chunk c, int n) {
        int need = live + c.length;
        byte[] target = buf;
        if (bufIsChunk || need > buf.length) {
            int capacity = (int) Math.min(Math.max((long) Math.max(need, n), 2L * buf.length),
                    Math.max(Math.max(need, n), CaptureFiles.MAX_BLOCK_BYTES));
            target = new byte[capacity];
        }
        System.arraycopy(buf, pos, target, 0, live);
        base += pos;
        release();
        buf = target;
        bufIsChunk = false;
        pos = 0;
        System.arraycopy(c.array, ReadAhead.HEAD, buf, live, c.length);
        limit = need;
        ahead.recycle(c.array);
    }

    /** Hands the current array back to the read-ahead thread if it is one of its chunks. */
    private void release() {
        if (bufIsChunk) {
            ahead.recycle(buf);
            bufIsChunk = false;
        }
    }

    /** Consumes {@code n} bytes, reading through what is not buffered. False when the input ends first. */
    boolean skip(long n) throws IOException {
        long buffered = limit - pos;
        if (n <= buffered) {
            pos += (int) n;
            return true;
        }
        if (ahead != null) {
            return skipAhead(n - buffered);
        }
        long remaining = n - buffered;
        base += limit;
        pos = 0;
        limit = 0;
        while (remaining > 0) {
            if (eof) {
                return false;
            }
            int r = input.read(buf, 0, buf.length);
            if (r < 0) {
                eof = true;
                return false;
            }
            if (r <= remaining) {
                base += r;
                remaining -= r;
            } else {
                limit = r;
                pos = (int) remaining;
                remaining = 0;
            }
        }
        return true;
    }

    /** {@link #skip} with read-ahead, past the buffered bytes: {@code remaining} more bytes. */
    private boolean skipAhead(long remaining) throws IOException {
        base += limit;
        pos = 0;
        limit = 0;
        while (true) {
            ReadAhead.Chunk c = eof ? null : ahead.take();
            if (c == null) {
                eof = true;
                return false;
            }
            release();
            buf = c.array;
            bufIsChunk = true;
            base -= ReadAhead.HEAD;
            pos = ReadAhead.HEAD;
            limit = ReadAhead.HEAD + c.length;
            if (remaining <= c.length) {
                pos += (int) remaining;
                return true;
            }
            remaining -= c.length;
            base += limit;
            pos = 0;
            limit = 0;
        }
    }

    private void compact() {
        int live = limit - pos;
        System.arraycopy(buf, pos, buf, 0, live);
        base += pos;
        pos = 0;
        limit = live;
    }

    private void grow(int n) {
        int live = limit - pos;
        int capacity = (int) Math.min(Math.max((long) n, 2L * buf.length), Math.max(n, CaptureFiles.MAX_BLOCK_BYTES));
        byte[] bigger = new byte[capacity];
        System.arraycopy(buf, pos, bigger, 0, live);
        base += pos;
        buf = bigger;
        pos = 0;
        limit = live;
    }

    static int intLE(byte[] b, int at) {
        return (int) INT_LE.get(b, at);
    }

    /** A 32-bit field in the file's byte order ({@code swapped}: the file is big-endian). */
    static int int32(byte[] b, int at, boolean swapped) {
        int v = (int) INT_LE.get(b, at);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    static int uint16(byte[] b, int at, boolean swapped) {
        short v = (short) SHORT_LE.get(b, at);
        return (swapped ? Short.reverseBytes(v) : v) & 0xffff;
    }

    static long int64(byte[] b, int at, boolean swapped) {
        long v = (long) LONG_LE.get(b, at);
        return swapped ? Long.reverseBytes(v) : v;
    }
}
