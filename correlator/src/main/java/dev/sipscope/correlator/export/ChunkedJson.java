package dev.sipscope.correlator.export;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Renders the elements of a long JSON array on two threads (the report's calls and streams): the
 * bytes are exactly those of writing the elements one by one on the calling thread.
 */
final class ChunkedJson {
    private ChunkedJson() {
    }

    /** Writes element {@code index} of the array to {@code json}. */
    @FunctionalInterface
    interface Element {
        void write(JsonWriter json, int index);
    }

    /**
     * Writes elements {@code 0..count-1} into the array {@code json} has just opened, in chunks of
     * {@code chunk}: the even chunks on the calling thread, straight into {@code json}, the odd ones
     * on a {@code json} thread into one of two reused buffers, spliced in after the even chunk before
     * them. {@code each} must only read what it writes (what the two threads share must be
     * immutable) and write to the writer it is given. Memory: two buffered chunks. A failure of
     * {@code each} on either thread is thrown here.
     */
    static void writeElements(JsonWriter json, int count, int chunk, Element each) {
        int n = count;
        if (n <= chunk) {
            for (int i = 0; i < n; i++) {
                each.write(json, i);
            }
            return;
        }
        int chunks = (n + chunk - 1) / chunk;
        BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(2);
        BlockingQueue<Chunk> rendered = new ArrayBlockingQueue<>(3);
        free.add(new Chunk());
        free.add(new Chunk());
        // Taken here: the helper must not read the state of the writer this thread is using.
        JsonWriter model = json.elementsWriter(OutputStream.nullOutputStream());
        Thread helper = new Thread(() -> {
            try {
                for (int c = 1; c < chunks; c += 2) {
                    Chunk out = free.take();
                    out.reset();
                    JsonWriter w = model.elementsWriter(out);
                    for (int i = c * chunk, end = Math.min(n, i + chunk); i < end; i++) {
                        each.write(w, i);
                    }
                    w.flushElements();
                    rendered.put(out);
                }
            } catch (InterruptedException e) {
                // the calling thread gave up
            } catch (RuntimeException | Error e) {
                Chunk failed = new Chunk();
                failed.failure = e;
                rendered.offer(failed);
            }
        }, "json");
        helper.setDaemon(true);
        helper.start();
        try {
            for (int c = 0; c < chunks; c += 2) {
                for (int i = c * chunk, end = Math.min(n, i + chunk); i < end; i++) {
                    each.write(json, i);
                }
                if (c + 1 < chunks) {
                    Chunk next = rendered.take();
                    if (next.failure instanceof Error err) {
                        throw err;
                    }
                    if (next.failure != null) {
                        throw (RuntimeException) next.failure;
                    }
                    json.raw(next.bytes(), 0, next.size());
                    free.put(next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing JSON", e);
        } finally {
            helper.interrupt();
        }
    }

    /** A reusable buffer of rendered JSON, or a failure of the helper thread. */
    private static final class Chunk extends ByteArrayOutputStream {
        /** A RuntimeException or an Error. */
        Throwable failure;

        Chunk() {
            super(1 << 20);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
