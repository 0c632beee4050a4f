package dev.sipscope.correlator.export;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BiConsumer;

/**
 * Renders the elements of a long JSON array on two threads (the report's calls and streams): the
 * bytes are exactly those of writing the elements one by one on the calling thread.
 */
final class ChunkedJson {
    private ChunkedJson() {
    }

    /**
     * Writes {@code items} as elements of the array {@code json} has just opened, in chunks of
     * {@code chunk}: the even chunks on the calling thread, straight into {@code json}, the odd ones
     * on a {@code json} thread into one of two reused buffers, spliced in after the even chunk before
     * them. {@code each} must only read its item (items shared by the two threads must be
     * immutable) and write to the writer it is given. Memory: two buffered chunks. A failure of
     * {@code each} on either thread is thrown here.
     */
    static <T> void writeElements(JsonWriter json, List<T> items, int chunk, BiConsumer<JsonWriter, T> each) {
        int n = items.size();
        if (n <= chunk) {
            for (T item : items) {
                each.accept(json, item);
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
                        each.accept(w, items.get(i));
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
                    each.accept(json, items.get(i));
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
