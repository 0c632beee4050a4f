package dev.sipscope.quality;

import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.rtp.RtpView;
import dev.sipscope.decoder.rtp.TelephoneEventView;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Feeds a {@link QualityEngine} in batches, on a thread of its own or on the caller's, with exactly the
 * results of feeding it datagram by datagram: for batch analysis of big captures.
 *
 * <h2>Why batches</h2>
 * The per-packet work of one stream touches a few dozen cache lines of state (sequence trackers, jitter
 * estimators, jitter buffers, the slot window, loss pattern, time series); with hundreds of concurrent
 * calls, interleaved packets often find that state evicted (JMH with 1,000 streams: about 30 % less time
 * per packet batched than direct; on a whole 2 GB capture some 6 % of the CPU). A batch is therefore
 * replayed 5-tuple by 5-tuple: the datagrams that go to existing streams on the hot path
 * ({@link QualityEngine#knownStream}) are grouped by their 5-tuple, each group in arrival order, and each
 * group runs while its streams' state is still in cache. Nothing else in the engine depends on the order
 * of different 5-tuples' packets (see {@link QualityEngine#deliverParsed}); every other record runs in
 * place, after the groups it may depend on or change (a barrier narrowed to them): none for a datagram
 * that is neither RTP nor RTCP (only counted) and for a withdrawal (it only edits the table of endpoints);
 * for an RTCP datagram the groups of 5-tuples with an SSRC it names ({@code Replay.flushReported}); for
 * an SDP declaration those of streams to or from its address and port ({@code Replay.flushDeclared}); for
 * any other datagram (a new flow or stream, a candidate...) the group of its own 5-tuple
 * ({@code Replay.flushTuple}). All groups run at the end of the batch. So every stream sees its packets,
 * and every record that concerns it, in the same order as before, and the results do not change.
 *
 * <h2>Hand-over</h2>
 * The producer (the engine thread) appends each UDP datagram to the current {@link Batch}: its bytes are
 * copied into the batch's byte buffer (of a plain RTP packet only the first {@value #PLAIN_RTP_KEPT}, the
 * only ones the engine reads of it, while the buffer keeps room for its whole length so every bounds
 * check sees the true length), and its time, addresses, ports and IP version into primitive arrays at the
 * same index. An SDP declaration ({@link #declareEndpoint}) takes a record of its own. With a
 * worker thread ({@link #QualityPipeline(QualityEngine)}), a full batch goes to it through a bounded queue
 * and the producer takes an empty one from a second queue; without ({@link #inline}), a full batch is
 * replayed on the caller's thread. A fixed set of at most {@value #BATCHES} batches is reused for the
 * whole run, so nothing is allocated per packet (only the queues' lock nodes, per batch, when one side
 * waits). Memory: {@value #BATCHES} × ({@value #BATCH_BYTES} bytes + {@value #BATCH_RECORDS} × 81
 * bytes), some 7 MiB. The producer allocates only the first batch: the worker allocates the others
 * when it starts, so that zeroing them (page faults on fresh heap, some 20 ms at 2 GHz) is done on the
 * second core while the producer fills the first, not before the first frame is read.
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
    /**
     * Records per batch. 8,192 rather than 16,384 measured 2-5 % faster on the RTP captures and the
     * same on SIP-heavy ones (docs/PERFORMANCE.md, "Sixth round"): a batch's arrays (81 bytes a
     * record) and the worker's grouping scratch (56) come to 1.1 MB instead of 2.2, nearer a
     * core's 1 MiB L2 cache, while at 300 concurrent calls (600 RTP streams) a stream still gets about
     * 13 records a group.
     */
    static final int BATCH_RECORDS = 8192;
    /**
     * Room for copied datagram bytes per batch: 128 bytes a record on average, eight times what plain RTP
     * needs ({@value #PLAIN_RTP_KEPT}); a batch of larger datagrams (RTCP, RTP with header extensions) is
     * handed over when its bytes are full, with fewer records.
     */
    static final int BATCH_BYTES = 1 << 20;
    /**
     * Bytes copied of a plain RTP datagram (version 2; no padding, header extension or CSRC; second octet
     * outside the RTCP range 192..223): the fixed header and the first payload word (a telephone-event),
     * which is all the engine reads of such a datagram; the rest of its length is only counted.
     */
    static final int PLAIN_RTP_KEPT = RtpView.FIXED_HEADER_LENGTH + 4;

    private final QualityEngine engine;
    private final ArrayBlockingQueue<Batch> full;
    private final ArrayBlockingQueue<Batch> free;
    /** Null when batches are replayed on the caller's thread. */
    private final Thread worker;
    private final Batch end = new Batch(0, 0);
    /**
     * Grouping scratch, used by the thread that replays (the worker, which makes it when it starts, or the
     * caller when inline).
     */
    private Replay replay;
    private final int records;
    private final int bytes;
    private Batch current;
    private volatile Throwable failure;
    private boolean finished;

    /** Starts the worker thread (named {@code quality}, a daemon) that replays the batches. */
    public QualityPipeline(QualityEngine engine) {
        this(engine, true, BATCH_RECORDS, BATCH_BYTES);
    }

    /** With batches of {@code records} records and {@code bytes} bytes (tests use tiny ones). */
    QualityPipeline(QualityEngine engine, boolean threaded, int records, int bytes) {
        if (records < 1 || bytes < 0) {
            throw new IllegalArgumentException("batch of " + records + " records, " + bytes + " bytes");
        }
        this.engine = engine;
        this.records = records;
        this.bytes = bytes;
        if (threaded) {
            full = new ArrayBlockingQueue<>(BATCHES + 1);
            free = new ArrayBlockingQueue<>(BATCHES);
            current = new Batch(records, bytes);
            worker = new Thread(this::work, "quality");
            worker.setDaemon(true);
            worker.start();
        } else {
            full = null;
            free = null;
            worker = null;
            replay = new Replay(records);
            current = new Batch(records, bytes);
        }
    }

    /** A pipeline without a thread: each full batch is replayed on the caller's thread (one core). */
    public static QualityPipeline inline(QualityEngine engine) {
        return new QualityPipeline(engine, false, BATCH_RECORDS, BATCH_BYTES);
    }

    /** Whether batches are replayed on a thread of their own. */
    public boolean threaded() {
        return worker != null;
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
        if (finished) {
            throw new IllegalStateException("quality pipeline already finished");
        }
        byte[] b = p.data;
        int off = p.payloadOffset;
        int len = p.payloadLength;
        if (b == null || off < 0 || len < 8 || len > b.length - off || ((b[off] & 0xff) >>> 6) != 2) {
            len = 0; // counted as a datagram and nothing more, as the engine would: no bytes needed
        }
        int copy = len;
        if (len > PLAIN_RTP_KEPT && (b[off] & 0x3f) == 0) {
            int second = b[off + 1] & 0xff;
            if (second < 192 || second > 223) {
                copy = PLAIN_RTP_KEPT;
            }
        }
        Batch t = current;
        // Room for all len bytes even when fewer are copied: the engine's bounds checks see offset + len.
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
        if (copy > 0) {
            System.arraycopy(b, off, t.bytes, t.used, copy);
            t.used += copy;
        }
        // The RTP header is validated and packed here, where the bytes are in this core's cache, and not
        // on the worker, often the busier of the two threads on RTP.
        long header = NOT_PARSED;
        if (len >= RtpView.FIXED_HEADER_LENGTH && !QualityEngine.isRtcp(b, off)) {
            // Nearly every packet is plain RTP (version 2; no padding, extension or CSRC): its fields are
            // read straight from the bytes, as RtpView gives them (QualityPipelineProducerTest).
            header = b[off] == (byte) 0x80 ? packPlain(b, off, len, t, i) : packViewed(producerRtp, b, off, len, t, i);
        }
        t.header[i] = header;
    }

    /**
     * {@link Batch#header} of an RTP-looking datagram at {@code b[off]} (at least the fixed header, not
     * RTCP) as {@link RtpView} validates and reads it, with its lengths and telephone-event word stored
     * at record {@code i}; {@link #INVALID} when the view refuses it.
     */
    static long packViewed(RtpView v, byte[] b, int off, int len, Batch t, int i) {
        if (v.wrap(b, off, len) != RtpView.VALID) {
            return INVALID;
        }
        int payloadLength = v.payloadLength();
        t.lengths[i] = ((long) v.length() << 32) | (payloadLength & 0xffff_ffffL);
        t.event[i] = payloadLength >= TelephoneEventView.LENGTH
                ? TelephoneEventView.word(v.array(), v.payloadOffset()) & 0xffff_ffffL : RtpStream.NO_EVENT;
        return v.timestamp() | ((long) v.sequence() << 32) | ((long) v.payloadType() << 48) | (v.marker() ? 1L << 55 : 0);
    }

    /**
     * {@link #packViewed} for a plain RTP datagram at {@code b[off]} (first octet 0x80, at least the
     * fixed header, not RTCP), with its lengths and telephone-event word stored at record {@code i};
     * {@link #INVALID} for payload types 72-76, which {@link RtpView#wrap} refuses.
     */
    static long packPlain(byte[] b, int off, int len, Batch t, int i) {
        // The header fields are read here as RtpView's accessors read them, not through them: each
        // accessor is a call the quick compiler (C1) does not inline, on every packet.
        int second = b[off + 1] & 0xff;
        int pt = second & 0x7f;
        if (pt >= 72 && pt <= 76) {
            return INVALID;
        }
        int payloadLength = len - RtpView.FIXED_HEADER_LENGTH;
        t.lengths[i] = ((long) len << 32) | payloadLength;
        t.event[i] = payloadLength >= TelephoneEventView.LENGTH
                ? TelephoneEventView.word(b, off + RtpView.FIXED_HEADER_LENGTH) & 0xffff_ffffL : RtpStream.NO_EVENT;
        long timestamp = ((long) (b[off + 4] & 0xff) << 24) | ((b[off + 5] & 0xff) << 16) | ((b[off + 6] & 0xff) << 8)
                | (b[off + 7] & 0xff);
        int sequence = ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
        return timestamp | ((long) sequence << 32) | ((long) pt << 48) | ((long) (second >>> 7) << 55);
    }

    /** {@link Batch#header} of a datagram that is not RTP-looking (too short, or RTCP). */
    static final long NOT_PARSED = -1;
    /** {@link Batch#header} of an RTP-looking datagram whose header {@link RtpView#wrap} refused. */
    static final long INVALID = -2;
    /** The producer's header parser (the worker's engine has its own). */
    private final RtpView producerRtp = new RtpView();

    /** As {@link QualityEngine#declareEndpoint}, in order with the datagrams (its result is not reported). */
    public void declareEndpoint(MediaEndpoint e) {
        if (finished) {
            throw new IllegalStateException("quality pipeline already finished");
        }
        Batch t = current;
        if (t.count == t.nanos.length) {
            t = publish(0);
        }
        int i = t.count++;
        t.length[i] = -1;
        t.endpoints[i] = e;
    }

    /**
     * As {@link QualityEngine#withdrawEndpointOf}, in order with the datagrams and declarations: the
     * endpoint is forgotten only if the one declared for that address and port, when the record is
     * replayed, belongs to {@code callRef}.
     */
    public void withdrawEndpointOf(long addressHi, long addressLo, int port, Object callRef) {
        if (finished) {
            throw new IllegalStateException("quality pipeline already finished");
        }
        Batch t = current;
        if (t.count == t.nanos.length) {
            t = publish(0);
        }
        int i = t.count++;
        t.length[i] = -2;
        t.endpoints[i] = new Withdrawal(addressHi, addressLo, port, callRef);
    }

    /** A withdrawal waiting in a batch (one per binding that leaves, not per packet). */
    private record Withdrawal(long addressHi, long addressLo, int port, Object callRef) {
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
        if (worker == null) {
            Batch t = current;
            current = null;
            try {
                replay.run(engine, t);
            } finally {
                t.clear();
            }
            return;
        }
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
        Batch t;
        if (worker == null) {
            t = current;
            try {
                replay.run(engine, t);
            } finally {
                t.clear(); // also after a failure: finish() must not replay these records again
            }
        } else {
            put(full, current);
            t = take(free);
        }
        if (t.bytes.length < need) {
            t.bytes = new byte[need]; // a datagram larger than a whole batch (reassembled, HEP): rare
        }
        current = t;
        return t;
    }

    private void work() {
        // The spare batches and the grouping scratch, made here while the producer fills the first batch.
        // Should that fail (memory), the one batch keeps circulating unprocessed and finish() says why.
        try {
            for (int i = 1; i < BATCHES; i++) {
                put(free, new Batch(records, bytes));
            }
            replay = new Replay(records);
        } catch (Throwable e) {
            failure = e;
        }
        while (true) {
            Batch t = take(full);
            if (t == end) {
                return;
            }
            if (failure == null) {
                try {
                    replay.run(engine, t);
                } catch (Throwable e) {
                    failure = e;
                }
            }
            t.clear();
            put(free, t);
        }
    }

    /**
     * Replays one batch into the engine, 5-tuple by 5-tuple between barriers (see the class comment).
     * Reused arrays: per record the stream it goes to and the next record of its group; per group its
     * tuple, first and last record.
     */
    static final class Replay {
        /**
         * The parsed RTP header of each grouped record, side by side ({@link #REC} longs at {@code REC·i}):
         * capture time; timestamp | sequence << 32 | payload type << 48 | marker << 55; RTP length << 32 |
         * payload length; the telephone-event word (or {@link RtpStream#NO_EVENT}); the index of the
         * group's next record (−1 at its end). A group's records, visited out of batch order, cost one or
         * two cache lines each here instead of one in each of the batch's arrays and its bytes.
         */
        private final long[] rec;
        private static final int REC = 5;
        private final RtpStream[] stream;
        private final TupleState[] groupTuple;
        private final int[] head;
        private final int[] tail;
        private int groups;

        Replay(int records) {
            rec = new long[records * REC];
            stream = new RtpStream[records];
            groupTuple = new TupleState[records];
            head = new int[records];
            tail = new int[records];
        }

        void run(QualityEngine q, Batch t) {
            // Retiring quiet streams at the stream limit reads every stream's last packet time and removes
            // streams: the one barrier that concerns every group, so all pending groups run first.
            q.beforeRetiring = () -> flush(q, t);
            try {
                replay(q, t);
            } finally {
                q.beforeRetiring = null;
            }
        }

        private void replay(QualityEngine q, Batch t) {
            byte[] bytes = t.bytes;
            for (int i = 0, n = t.count; i < n; i++) {
                int len = t.length[i];
                if (len < 0) {
                    if (t.endpoints[i] instanceof MediaEndpoint e) {
                        flushDeclared(q, t, e);
                    }
                    // A withdrawal only removes the declaration from the engine's table of endpoints, which
                    // the hot path never reads: no barrier.
                    if (t.endpoints[i] instanceof Withdrawal w) {
                        q.withdrawEndpointOf(w.addressHi(), w.addressLo(), w.port(), w.callRef());
                    } else {
                        q.declareEndpoint((MediaEndpoint) t.endpoints[i]);
                    }
                    t.endpoints[i] = null;
                    continue;
                }
                int ports = t.ports[i];
                int srcPort = ports >>> 16;
                int dstPort = ports & 0xffff;
                RtpStream s = q.knownStream(t.srcHi[i], t.srcLo[i], srcPort, t.dstHi[i], t.dstLo[i], dstPort, bytes,
                        t.offset[i], len);
                if (s == null) {
                    int off = t.offset[i];
                    if (len < 8) {
                        // Not RTP nor RTCP (the producer zeroed its length): the engine only counts it.
                    } else if (QualityEngine.isRtcp(bytes, off)) {
                        flushReported(q, t, bytes, off, len);
                    } else {
                        flushTuple(q, t, t.srcHi[i], t.srcLo[i], srcPort, t.dstHi[i], t.dstLo[i], dstPort);
                    }
                    q.onDatagram(t.nanos[i], t.srcHi[i], t.srcLo[i], srcPort, t.dstHi[i], t.dstLo[i], dstPort,
                            t.ipVersion[i], bytes, t.offset[i], len);
                    continue;
                }
                if (!q.acceptKnown(s, t.header[i] != INVALID)) {
                    continue; // invalid: counted now, as its stream's counters do not depend on order
                }
                // Validated and packed by the producer (onDatagram).
                int r = i * REC;
                rec[r] = t.nanos[i];
                rec[r + 1] = t.header[i];
                rec[r + 2] = t.lengths[i];
                rec[r + 3] = t.event[i];
                rec[r + 4] = -1;
                stream[i] = s;
                TupleState tuple = s.tuple;
                int g = tuple.batchGroup;
                if (g < 0) {
                    g = groups++;
                    tuple.batchGroup = g;
                    groupTuple[g] = tuple;
                    head[g] = i;
                } else {
                    rec[tail[g] * REC + 4] = i;
                }
                tail[g] = i;
            }
            flush(q, t);
        }

        private void flush(QualityEngine q, Batch t) {
            for (int g = 0; g < groups; g++) {
                if (groupTuple[g] != null) {
                    flushGroup(q, t, g);
                }
            }
            groups = 0;
        }

        /** Runs group g (pending) now; its 5-tuple's next datagrams start a new group. */
        private void flushGroup(QualityEngine q, Batch t, int g) {
            long[] a = rec;
            for (int i = head[g]; i >= 0; ) {
                int r = i * REC;
                long h = a[r + 1];
                long lengths = a[r + 2];
                q.deliverParsed(stream[i], a[r], (int) (h >>> 32) & 0xffff, h & 0xffff_ffffL, (int) (h >>> 48) & 0x7f,
                        (h & (1L << 55)) != 0, (int) (lengths >>> 32), (int) lengths, a[r + 3]);
                stream[i] = null;
                i = (int) a[r + 4];
            }
            groupTuple[g].batchGroup = -1;
            groupTuple[g] = null;
        }

        /**
         * The barrier of an RTP-looking datagram that needs the engine's full path (a new flow or stream,
         * a candidate, a suspended stream, an invalid packet), narrowed to its own 5-tuple: that path
         * changes the streams and the state of this 5-tuple only, besides the engine's tables, candidates
         * and sums, which the hot path never reads (candidates and the tuples they create have no streams,
         * so no group). So only this 5-tuple's group runs first.
         */
        private void flushTuple(QualityEngine q, Batch t, long srcHi, long srcLo, int srcPort, long dstHi, long dstLo,
                                int dstPort) {
            if (groups == 0) {
                return;
            }
            TupleState tuple = q.tupleOf(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort);
            if (tuple != null && tuple.batchGroup >= 0) {
                flushGroup(q, t, tuple.batchGroup);
            }
        }

        /**
         * The barrier of an SDP declaration, narrowed to the groups it can change: declaring governs only
         * streams sent to or from the declared address and port (their binding, profile and whether they
         * are suspended), besides the engine's tables of endpoints and profiles, which the hot path never
         * reads. So the groups of the 5-tuples of those streams run first; the others keep waiting.
         */
        private void flushDeclared(QualityEngine q, Batch t, MediaEndpoint e) {
            for (RtpStream x = q.firstToDestination(e); x != null && groups > 0; x = x.nextSameDst) {
                int g = x.tuple.batchGroup;
                if (g >= 0) {
                    flushGroup(q, t, g);
                }
            }
            for (RtpStream x = q.firstFromSource(e); x != null && groups > 0; x = x.nextSameSrc) {
                int g = x.tuple.batchGroup;
                if (g >= 0) {
                    flushGroup(q, t, g);
                }
            }
        }

        /**
         * The barrier of an RTCP datagram, narrowed to the groups it can depend on. The engine's RTCP path
         * reads and writes only streams it finds by an SSRC the datagram carries (sender, report blocks,
         * SDES chunks, BYE, XR blocks: all 32-bit words at multiples of 4 octets from the datagram's start,
         * since every RTCP packet, report block, SDES chunk and XR block is a whole number of 32-bit words),
         * besides state of its own that the hot path never reads. So the groups of every 5-tuple with a
         * stream whose SSRC equals any such word run first (a superset: other words may match too); the
         * rest keep waiting, their order relative to this datagram being irrelevant.
         */
        private void flushReported(QualityEngine q, Batch t, byte[] b, int off, int len) {
            for (int o = off, end = off + len - 4; o <= end && groups > 0; o += 4) {
                long word = ((long) (b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8)
                        | (b[o + 3] & 0xff);
                for (RtpStream x = q.firstWithSsrc(word); x != null; x = x.nextSameSsrc) {
                    int g = x.tuple.batchGroup;
                    if (g >= 0) {
                        flushGroup(q, t, g);
                    }
                }
            }
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
        /** Bytes of the datagram, or −1 for a declaration, −2 for a withdrawal (in {@link #endpoints}). */
        final int[] length;
        /**
         * An RTP-looking datagram's header as {@link Replay} packs it (timestamp | sequence << 32 | payload
         * type << 48 | marker << 55), or {@link #NOT_PARSED}, or {@link #INVALID}; with it, RTP length << 32
         * | payload length, and the telephone-event word (or {@link RtpStream#NO_EVENT}).
         */
        final long[] header;
        final long[] lengths;
        final long[] event;
        /** A {@link MediaEndpoint} to declare or a {@link Withdrawal}, at the index of its record. */
        final Object[] endpoints;
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
            header = new long[records];
            lengths = new long[records];
            event = new long[records];
            endpoints = new Object[records];
            this.bytes = new byte[bytes];
        }

        void clear() {
            count = 0;
            used = 0;
        }
    }
}
