package dev.sipscope.quality;

/**
 * The RTP heuristic's probation buffer for one 5-tuple (pooled and reused). It holds the header fields
 * of up to {@code capacity} packets of one SSRC and decides when they look like RTP: {@code needed}
 * packets in order, each pair with a sequence step of 1..maxGap and a timestamp that moves forward no
 * faster than the payload type's clock (90 kHz when unknown) allows for the elapsed time, plus one
 * second of slack. Duplicates and small reorderings are kept but do not count; anything else restarts
 * the probation with the offending packet. When the buffer is full the oldest packet is dropped.
 * Allocation-free after construction.
 */
final class Candidate {
    final long[] nanos;
    final int[] seq;
    final long[] ts;
    final int[] pt;
    final boolean[] marker;
    final int[] rtpLength;
    final int[] payloadLength;
    final int[] eventWord;
    int size;
    long ssrc;
    int good;
    int lastSeq;
    long lastTs;
    long lastNanos;
    TupleState tuple;
    /** Packets dropped by restarts and by a full buffer since the candidate was (re)used. */
    long discarded;
    /** Position in the engine's pool. */
    final int poolIndex;

    Candidate(int capacity, int poolIndex) {
        this.poolIndex = poolIndex;
        nanos = new long[capacity];
        seq = new int[capacity];
        ts = new long[capacity];
        pt = new int[capacity];
        marker = new boolean[capacity];
        rtpLength = new int[capacity];
        payloadLength = new int[capacity];
        eventWord = new int[capacity];
    }

    void clear() {
        size = 0;
        good = 0;
        tuple = null;
    }

    /**
     * Adds a packet; returns true once the buffered packets pass the heuristic.
     */
    boolean offer(long ns, int sq, long ts32, int payloadType, boolean m, int rtpLen, int payloadLen, int event,
                  long packetSsrc, int needed, int maxGap) {
        boolean newLast = true;
        if (size == 0 || packetSsrc != ssrc) {
            restart(packetSsrc);
        } else {
            int dseq = (short) (sq - lastSeq);
            if (dseq >= 1 && dseq <= maxGap) {
                long dts = (int) (ts32 - lastTs);
                int clock = PayloadProfile.staticClock(payloadType);
                if (clock == 0) {
                    clock = 90_000;
                }
                double dtSeconds = Math.max(0, (ns - lastNanos) / 1e9);
                if (dts >= 0 && dts <= clock * (2 * dtSeconds + 1)) {
                    good++;
                } else {
                    restart(packetSsrc);
                }
            } else if (dseq <= 0 && dseq >= -maxGap) {
                newLast = false;
            } else {
                restart(packetSsrc);
            }
        }
        if (newLast) {
            lastSeq = sq;
            lastTs = ts32;
            lastNanos = ns;
        }
        if (size == nanos.length) {
            dropOldest();
        }
        int i = size++;
        nanos[i] = ns;
        seq[i] = sq;
        ts[i] = ts32;
        pt[i] = payloadType;
        marker[i] = m;
        rtpLength[i] = rtpLen;
        payloadLength[i] = payloadLen;
        eventWord[i] = event;
        return good >= needed - 1;
    }

    private void restart(long packetSsrc) {
        discarded += size;
        size = 0;
        good = 0;
        ssrc = packetSsrc;
    }

    private void dropOldest() {
        int n = size - 1;
        System.arraycopy(nanos, 1, nanos, 0, n);
        System.arraycopy(seq, 1, seq, 0, n);
        System.arraycopy(ts, 1, ts, 0, n);
        System.arraycopy(pt, 1, pt, 0, n);
        System.arraycopy(marker, 1, marker, 0, n);
        System.arraycopy(rtpLength, 1, rtpLength, 0, n);
        System.arraycopy(payloadLength, 1, payloadLength, 0, n);
        System.arraycopy(eventWord, 1, eventWord, 0, n);
        size = n;
        discarded++;
    }
}
