package dev.sipscope.quality;

/**
 * The RTP heuristic's probation buffer for one 5-tuple (pooled and reused). It holds the header fields
 * of up to {@code capacity} packets, sorted into at most {@value #LANES} lanes by SSRC (a tuple may
 * interleave several sources, e.g. audio and events or FEC), and decides per lane when its packets look
 * like RTP: {@code needed} packets in order, each pair with a sequence step of 1..maxGap and a
 * timestamp that moves forward no faster than the payload type's clock (90 kHz when unknown) allows
 * for the elapsed time, plus one second of slack. Duplicates and small reorderings are kept but do not
 * count; anything else restarts the lane with the offending packet. When the buffer is full the oldest
 * packet is dropped; a new SSRC when every lane is taken replaces the lane with the least progress.
 * Allocation-free after construction.
 */
final class Candidate {
    static final int LANES = 4;

    final long[] nanos;
    final int[] seq;
    final long[] ts;
    final int[] pt;
    final boolean[] marker;
    final int[] rtpLength;
    final int[] payloadLength;
    final long[] eventWord;
    final long[] ssrcOf;
    int size;

    private final long[] laneSsrc = new long[LANES];
    private final int[] laneGood = new int[LANES];
    private final int[] laneLastSeq = new int[LANES];
    private final long[] laneLastTs = new long[LANES];
    private final long[] laneLastNanos = new long[LANES];
    private final boolean[] laneUsed = new boolean[LANES];

    TupleState tuple;
    /** Packets dropped by restarts, lane evictions and a full buffer since the candidate was (re)used. */
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
        eventWord = new long[capacity];
        ssrcOf = new long[capacity];
    }

    void clear() {
        size = 0;
        tuple = null;
        for (int i = 0; i < LANES; i++) {
            laneUsed[i] = false;
        }
    }

    /**
     * Adds a packet; returns true once its lane passes the heuristic.
     */
    boolean offer(long ns, int sq, long ts32, int payloadType, boolean m, int rtpLen, int payloadLen, long event,
                  long packetSsrc, int needed, int maxGap) {
        int lane = laneOf(packetSsrc);
        boolean newLast = true;
        if (lane < 0) {
            lane = newLane(packetSsrc);
        } else {
            int dseq = (short) (sq - laneLastSeq[lane]);
            if (dseq >= 1 && dseq <= maxGap) {
                long dts = (int) (ts32 - laneLastTs[lane]);
                int clock = PayloadProfile.staticClock(payloadType);
                if (clock == 0) {
                    clock = 90_000;
                }
                double dtSeconds = Math.max(0, (ns - laneLastNanos[lane]) / 1e9);
                if (dts >= 0 && dts <= clock * (2 * dtSeconds + 1)) {
                    laneGood[lane]++;
                } else {
                    restartLane(lane);
                }
            } else if (dseq <= 0 && dseq >= -maxGap) {
                newLast = false;
            } else {
                restartLane(lane);
            }
        }
        if (newLast) {
            laneLastSeq[lane] = sq;
            laneLastTs[lane] = ts32;
            laneLastNanos[lane] = ns;
        }
        if (size == nanos.length) {
            dropAt(0);
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
        ssrcOf[i] = packetSsrc;
        return laneGood[lane] >= needed - 1;
    }

    /** Consistent pairs of the most advanced lane: how close the candidate is to confirmation. */
    int progress() {
        int best = 0;
        for (int i = 0; i < LANES; i++) {
            if (laneUsed[i] && laneGood[i] > best) {
                best = laneGood[i];
            }
        }
        return best;
    }

    private int laneOf(long ssrc) {
        for (int i = 0; i < LANES; i++) {
            if (laneUsed[i] && laneSsrc[i] == ssrc) {
                return i;
            }
        }
        return -1;
    }

    private int newLane(long ssrc) {
        int lane = -1;
        for (int i = 0; i < LANES; i++) {
            if (!laneUsed[i]) {
                lane = i;
                break;
            }
        }
        if (lane < 0) {
            lane = 0;
            for (int i = 1; i < LANES; i++) {
                if (laneGood[i] < laneGood[lane]) {
                    lane = i;
                }
            }
            removePackets(laneSsrc[lane]);
        }
        laneUsed[lane] = true;
        laneSsrc[lane] = ssrc;
        laneGood[lane] = 0;
        return lane;
    }

    private void restartLane(int lane) {
        removePackets(laneSsrc[lane]);
        laneGood[lane] = 0;
    }

    private void removePackets(long ssrc) {
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (ssrcOf[r] == ssrc) {
                discarded++;
                continue;
            }
            if (w != r) {
                move(r, w);
            }
            w++;
        }
        size = w;
    }

    private void move(int from, int to) {
        nanos[to] = nanos[from];
        seq[to] = seq[from];
        ts[to] = ts[from];
        pt[to] = pt[from];
        marker[to] = marker[from];
        rtpLength[to] = rtpLength[from];
        payloadLength[to] = payloadLength[from];
        eventWord[to] = eventWord[from];
        ssrcOf[to] = ssrcOf[from];
    }

    private void dropAt(int index) {
        for (int r = index + 1; r < size; r++) {
            move(r, r - 1);
        }
        size--;
        discarded++;
    }
}
