package dev.sipscope.quality;

/**
 * What the engine remembers about one UDP 5-tuple (source and destination address and port): the
 * candidate buffer while the heuristic probes it, and the streams (SSRCs) seen on it, so SSRC changes
 * can be counted without a lookup (each stream points to its tuple).
 */
final class TupleState {
    final long srcHi;
    final long srcLo;
    final long dstHi;
    final long dstLo;
    final int srcPort;
    final int dstPort;
    Candidate candidate;
    RtpStream lastStream;
    int streams;
    int ssrcChanges;
    /** While a {@link QualityPipeline} batch is being grouped: this tuple's group in it, else −1. */
    int batchGroup = -1;

    TupleState(long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort) {
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        this.srcPort = srcPort;
        this.dstHi = dstHi;
        this.dstLo = dstLo;
        this.dstPort = dstPort;
    }

    long portsWord() {
        return ((long) srcPort << 48) | ((long) dstPort << 32);
    }
}
