package dev.sipscope.capture;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a {@link ByteInput} on a thread of its own ({@code capture-read}), a few chunks ahead of the
 * {@link RecordBuffer} that frames its records, so that the reading thread's system calls, the
 * kernel's copy and gzip's decompression are off the thread that decodes.
 *
 * <p>Each chunk is an array of {@link #HEAD} + {@link #CHUNK} bytes holding what one read gave at
 * {@code [HEAD, HEAD + length)}; the head room in front is where the record buffer puts the unread
 * tail of the previous chunk, so that records crossing a chunk boundary stay contiguous without the
 * chunk itself being copied. {@link #CHUNKS} arrays circulate between the two threads: a chunk is
 * handed back ({@link #recycle}) when the record buffer has moved past it, and the reading thread
 * waits when all are filled. Memory: {@value #CHUNKS} × (64 KiB + 1 MiB), whatever the input size.
 *
 * <p>The end of the input and a read's failure reach the consumer in order, after every chunk read
 * before them; a failure is rethrown by {@link #take} as it was thrown. Fields the input sets while
 * reading ({@link ByteInput#damage()}, its byte count) are volatile there.
 */
final class ReadAhead {
    /** Room in front of each chunk's bytes for the unread tail of the previous chunk. */
    static final int HEAD = 64 << 10;
    /** Bytes asked of the input per read. */
    static final int CHUNK = 1 << 20;
    /** Arrays in circulation: the one being framed, those filled ahead, the one being read into. */
    static final int CHUNKS = 4;

    /** A filled chunk: {@code array[HEAD, HEAD + length)}; the end of the input is {@link #END}. */
    static final class Chunk {
        final byte[] array;
        final int length;
        final Throwable failure;

        Chunk(byte[] array, int length, Throwable failure) {
            this.array = array;
            this.length = length;
            this.failure = failure;
        }
    }

    private static final Chunk END = new Chunk(null, -1, null);

    private final ByteInput input;
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread thread;
    private volatile boolean stopped;
    private boolean ended;

    ReadAhead(ByteInput input) {
        this.input = input;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[HEAD + CHUNK]);
        }
        thread = new Thread(this::run, "capture-read");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!stopped) {
                byte[] a = free.take();
                int r = input.read(a, HEAD, CHUNK);
                if (r < 0) {
                    filled.put(END);
                    return;
                }
                filled.put(new Chunk(a, r, null));
            }
        } catch (InterruptedException e) {
            // stopped: the consumer is gone
        } catch (IOException | RuntimeException | Error e) {
            if (!stopped) {
                // Room is guaranteed: at most CHUNKS chunks are ever filled, and this is the last put.
                filled.offer(new Chunk(null, -1, e));
            }
        }
    }

    /**
     * The next chunk, or null at the end of the input (and on every later call). Rethrows what the
     * read failed with; {@link InterruptedIOException} when the calling thread is interrupted.
     */
    Chunk take() throws IOException {
        if (ended) {
            return null;
        }
        Chunk c;
        try {
            c = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the capture to be read");
        }
        if (c.array != null) {
            return c;
        }
        ended = true;
        Throwable failure = c.failure;
        if (failure instanceof IOException) {
            throw (IOException) failure;
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        return null;
    }

    /** Hands a chunk's array back for reading into, once nothing refers to its bytes any more. */
    void recycle(byte[] array) {
        free.offer(array);
    }

    /**
     * Stops the reading thread (it may still be inside a read of a stream that only closing unblocks;
     * it is a daemon and touches nothing but the input and its own arrays). The input is the caller's
     * to close.
     */
    void stop() {
        stopped = true;
        thread.interrupt();
    }
}
