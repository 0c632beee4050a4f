package dev.sipscope.quality;

import dev.sipscope.decoder.Packet;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Runs a {@link QualityEngine} on a thread of its own, fed by the engine thread in the same order as a
 * direct caller would feed it, so that the results are exactly those of the single-threaded engine. For
 * batch analysis on a machine with a second core: the reader, decoder and correlator keep one core, the
 * per-packet stream statistics (the larger share of an RTP-heavy capture) take the other.
 *
 * <h2>Hand-over</h2>
 * The producer (the engine thread) appends each UDP datagram to the current {@link Batch}: its bytes are
 * copied into the batch's byte buffer, and its time, addresses, ports and IP version into primitive arrays
 * at the same index. An SDP declaration ({@link #declareEndpoint}) takes a record of its own, so the
 * worker sees declarations and packets interleaved exactly as they happened. A full batch goes to the
 * worker through a bounded queue, and the producer takes an empty one from a second queue: a fixed set of
 * {@value #BATCHES} batches is reused for the whole run, so nothing is allocated per packet (only the
 * queues' lock nodes, per batch, when one side waits). Memory: about {@value #BATCHES} ×
 * ({@value #BATCH_BYTES} bytes + {@value #BATCH_RECORDS} × 60 bytes), some 5 MiB.
 *
 * <h2>Errors</h2>
 * An exception in the worker is kept, the worker goes on recycling batches without processing them (so
 * the producer never blocks on it), and {@link #finish()} rethrows it. The engine must not be read before
 * {@link #finish()} returned; from then on it belongs to the thread that called it.
 *
 * <p>Producer methods are for one thread only (the engine thread).
 */
public final class QualityPipeline {
    static final int BATCHES = 4;
    static final int BATCH_RECORDS = 4096;
    static final int BATCH_BYTES = 1 << 20;

    private final QualityEngine engine;
    private final ArrayBlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
    private final ArrayBlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private final Thread worker;
    private final Batch end = new Batch(0, 0);
    private Batch current;
    private volatile Throwable failure;
    private boolean finished;

    /** Starts the worker thread (named {@code quality}, a daemon). */
    public QualityPipeline(QualityEngine engine) {
        this.engine = engine;
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch(BATCH_RECORDS, BATCH_BYTES));
        }
        current = take(free);
        worker = new Thread(this::work, "quality");
        worker.setDaemon(true);
        worker.start();
    }

    /** The engine fed by the worker; read it only after {@link #finish()}. */
    public QualityEngine engine() {
        return engine;
    }

    /** As {@link QualityEngine#onDatagram(Packet)}, later on the worker (bytes copied now). */
    public void onDatagram(Packet p) {
        if (p.protocol != Packet.PROTO_UDP) {
            return;
        }
        byte[] b = p.data;
        int off = p.payloadOffset;
        int len = p.payloadLength;
        if (b == null || off < 0 || len < 8 || len > b.length - off || ((b[off] & 0xff) >>> 6) != 2) {
            len = 0; // counted as a datagram and nothing more, as the engine would: no bytes needed
        }
        Batch t = current;
        if (t.count == t.nanos.length || len > t.bytes.length - t.used) {
            t = publish(len);
        }
        int i = t.count++;
        t.nanos[i] = p.timestampNanos;
        t.srcHi[i] = p.srcHi;
        t.srcLo[i] = p.srcLo;
        t.dstHi[i] = p.dstHi;
        t.dstLo[i] = p.dstLo;
        t.ports[i] = (p.srcPort << 16) | p.dstPort;
        t.ipVersion[i] = (byte) p.ipVersion;
        t.offset[i] = t.used;
        t.length[i] = len;
        if (len > 0) {
            System.arraycopy(b, off, t.bytes, t.used, len);
            t.used += len;
        }
    }

    /** As {@link QualityEngine#declareEndpoint}, in order with the datagrams (its result is not reported). */
    public void declareEndpoint(MediaEndpoint e) {
        Batch t = current;
        if (t.count == t.nanos.length) {
            t = publish(0);
        }
        int i = t.count++;
        t.length[i] = -1;
        t.endpoints[i] = e;
    }

    /**
     * Hands over what is pending, waits for the worker to process everything and stop, and rethrows its
     * failure if it had one. Idempotent.
     */
    public void finish() {
        if (finished) {
            rethrow();
            return;
        }
        finished = true;
        if (current.count > 0) {
            put(full, current);
        }
        current = null;
        put(full, end);
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        rethrow();
    }

    private void rethrow() {
        Throwable f = failure;
        if (f instanceof RuntimeException) {
            throw (RuntimeException) f;
        }
        if (f instanceof Error) {
            throw (Error) f;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
    }

    private Batch publish(int need) {
        if (finished) {
            throw new IllegalStateException("quality pipeline already finished");
        }
        put(full, current);
        Batch t = take(free);
        if (t.bytes.length < need) {
            t.bytes = new byte[need]; // a datagram larger than a whole batch (reassembled, HEP): rare
        }
        current = t;
        return t;
    }

    private void work() {
        while (true) {
            Batch t = take(full);
            if (t == end) {
                return;
            }
            if (failure == null) {
                try {
                    run(t);
                } catch (Throwable e) {
                    failure = e;
                }
            }
            t.clear();
            put(free, t);
        }
    }

    private void run(Batch t) {
        QualityEngine q = engine;
        byte[] bytes = t.bytes;
        for (int i = 0, n = t.count; i < n; i++) {
            int len = t.length[i];
            if (len < 0) {
                q.declareEndpoint(t.endpoints[i]);
                t.endpoints[i] = null;
                continue;
            }
            int ports = t.ports[i];
            q.onDatagram(t.nanos[i], t.srcHi[i], t.srcLo[i], ports >>> 16, t.dstHi[i], t.dstLo[i], ports & 0xffff,
                    t.ipVersion[i], bytes, t.offset[i], len);
        }
    }

    /** Blocking put that cannot be interrupted away (the hand-over must not lose a batch). */
    private static void put(ArrayBlockingQueue<Batch> q, Batch b) {
        boolean interrupted = false;
        while (true) {
            try {
                q.put(b);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Batch take(ArrayBlockingQueue<Batch> q) {
        boolean interrupted = false;
        Batch b;
        while (true) {
            try {
                b = q.take();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return b;
    }

    /** A reusable run of records: parallel primitive arrays, and the datagrams' bytes back to back. */
    static final class Batch {
        final long[] nanos;
        final long[] srcHi;
        final long[] srcLo;
        final long[] dstHi;
        final long[] dstLo;
        /** Source port in the high 16 bits, destination port in the low 16. */
        final int[] ports;
        final byte[] ipVersion;
        final int[] offset;
        /** Bytes of the datagram, or −1 for a declaration (in {@link #endpoints}). */
        final int[] length;
        final MediaEndpoint[] endpoints;
        byte[] bytes;
        int count;
        int used;

        Batch(int records, int bytes) {
            nanos = new long[records];
            srcHi = new long[records];
            srcLo = new long[records];
            dstHi = new long[records];
            dstLo = new long[records];
            ports = new int[records];
            ipVersion = new byte[records];
            offset = new int[records];
            length = new int[records];
            endpoints = new MediaEndpoint[records];
            this.bytes = new byte[bytes];
        }

        void clear() {
            count = 0;
            used = 0;
        }
    }
}
