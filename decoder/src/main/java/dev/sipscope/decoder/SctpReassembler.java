package dev.sipscope.decoder;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Rebuilds SCTP user messages that a sender split over several DATA chunks (RFC 9260 §6.9) or
 * I-DATA chunks (RFC 8260 §2.1).
 *
 * <p>DATA fragments of one message carry consecutive TSNs and a sender may not interleave another
 * message between them, so one message at a time is rebuilt per association direction (addresses,
 * ports, verification tag). I-DATA fragments are tied together by stream, U bit and Message
 * Identifier and ordered by Fragment Sequence Number (0 for the first), so several may be rebuilt
 * at once per direction.
 *
 * <p>Fragments must arrive in order (a capture normally sees them so); a repeated fragment is
 * ignored, a gap or a missing first fragment drops what was held. Bounds: messages pending at once,
 * bytes per message and bytes in all (the oldest pending message is dropped first), and the same
 * capture-time timeout as IP fragments. Whatever is dropped is counted in
 * {@link DecoderStats#sctpFragmentsDropped()}. Not thread-safe.
 */
final class SctpReassembler {
    private static final long SEQ_MASK = 0xffff_ffffL;
    private static final int INITIAL_BUFFER = 4096;

    private final int maxPending;
    private final int maxMessageBytes;
    private final long maxBufferBytes;
    private final long timeoutNanos;
    private final DecoderStats stats;

    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private long bufferedBytes;
    private Pending completed;
    private byte[] spare;

    SctpReassembler(int maxPending, int maxMessageBytes, long maxBufferBytes, long timeoutNanos, DecoderStats stats) {
        this.maxPending = maxPending;
        this.maxMessageBytes = maxMessageBytes;
        this.maxBufferBytes = maxBufferBytes;
        this.timeoutNanos = timeoutNanos;
        this.stats = stats;
    }

    /**
     * Association direction plus, for I-DATA, stream / U bit / message id; {@code messageId} is -1
     * for DATA, whose fragments are keyed by direction alone.
     */
    record Key(long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort, int verificationTag,
               int streamId, boolean unordered, long messageId) {
    }

    static final class Pending {
        final Key key;
        final long firstSeenNanos;
        byte[] buf;
        int length;
        long firstSeq;
        long nextSeq;
        int fragments;

        Pending(Key key, long firstSeenNanos) {
            this.key = key;
            this.firstSeenNanos = firstSeenNanos;
        }
    }

    /**
     * Offers one fragment (a chunk without both B and E bits). {@code seq} is the TSN for DATA, the
     * FSN for I-DATA (0 for the first fragment). Returns true when a message completed: it is then
     * {@code message()[0 .. messageLength())} until {@link #release()}.
     */
    boolean offer(Key key, long seq, boolean begin, boolean end, byte[] b, int off, int len, long nowNanos) {
        Pending p = pending.get(key);
        if (begin) {
            if (p != null && seq == p.firstSeq) {
                return false;
            }
            if (p != null) {
                drop(p);
            }
            if (len > maxMessageBytes) {
                stats.sctpFragmentsDropped++;
                return false;
            }
            if (pending.size() >= maxPending) {
                drop(pending.values().iterator().next());
            }
            p = new Pending(key, nowNanos);
            pending.put(key, p);
            p.firstSeq = seq;
            p.nextSeq = seq;
        } else if (p == null) {
            stats.sctpFragmentsDropped++;
            return false;
        }
        long expected = p.nextSeq;
        if (seq != expected) {
            if (((expected - seq) & SEQ_MASK) < (1L << 31)) {
                // Serial-number arithmetic (RFC 1982): seq is behind, a repeated fragment.
                return false;
            }
            drop(p);
            stats.sctpFragmentsDropped++;
            return false;
        }
        if (!append(p, b, off, len)) {
            stats.sctpFragmentsDropped++;
            return false;
        }
        p.fragments++;
        p.nextSeq = (seq + 1) & SEQ_MASK;
        if (end) {
            pending.remove(key);
            bufferedBytes -= p.buf.length;
            stats.sctpMessagesReassembled++;
            completed = p;
            return true;
        }
        return false;
    }

    byte[] message() {
        return completed.buf;
    }

    int messageLength() {
        return completed.length;
    }

    /** Ends the use of the completed message; its buffer is kept for the next one. */
    void release() {
        if (completed != null) {
            if (spare == null || spare.length < completed.buf.length) {
                spare = completed.buf;
            }
            completed = null;
        }
    }

    /**
     * Drops pending messages whose first fragment is older than the timeout at {@code nowNanos}. Called
     * for every frame: the test for "nothing pending" is kept small enough to be inlined.
     */
    void expire(long nowNanos) {
        if (!pending.isEmpty()) {
            expirePending(nowNanos);
        }
    }

    private void expirePending(long nowNanos) {
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (nowNanos - p.firstSeenNanos <= timeoutNanos) {
                return;
            }
            it.remove();
            forget(p);
        }
    }

    /** End of input: drops every pending message, counting its fragments. */
    void finish() {
        for (Pending p : pending.values()) {
            forget(p);
        }
        pending.clear();
    }

    int pendingMessages() {
        return pending.size();
    }

    long bufferedBytes() {
        return bufferedBytes;
    }

    private boolean append(Pending p, byte[] b, int off, int len) {
        int needed = p.length + len;
        if (needed > maxMessageBytes) {
            drop(p);
            return false;
        }
        int capacity = p.buf == null ? 0 : p.buf.length;
        if (needed > capacity) {
            int size = Math.max(needed, Math.min(maxMessageBytes, Math.max(INITIAL_BUFFER, capacity * 2)));
            boolean useSpare = p.buf == null && spare != null && spare.length >= size;
            if (useSpare) {
                size = spare.length;
            }
            long extra = size - capacity;
            while (bufferedBytes + extra > maxBufferBytes && !pending.isEmpty()) {
                Pending oldest = pending.values().iterator().next();
                if (oldest == p) {
                    break;
                }
                drop(oldest);
            }
            if (bufferedBytes + extra > maxBufferBytes) {
                drop(p);
                return false;
            }
            if (useSpare) {
                p.buf = spare;
                spare = null;
            } else {
                p.buf = p.buf == null ? new byte[size] : Arrays.copyOf(p.buf, size);
            }
            bufferedBytes += extra;
        }
        System.arraycopy(b, off, p.buf, p.length, len);
        p.length = needed;
        return true;
    }

    private void drop(Pending p) {
        pending.remove(p.key);
        forget(p);
    }

    private void forget(Pending p) {
        stats.sctpFragmentsDropped += p.fragments;
        if (p.buf != null) {
            bufferedBytes -= p.buf.length;
            p.buf = null;
        }
    }
}
