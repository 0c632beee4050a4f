package dev.sipscope.tui.feed;

import dev.sipscope.decoder.IpAddress;
import dev.sipscope.tui.model.StreamRow;

import java.util.List;

/**
 * Counts one RTP stream (source, destination, SSRC): packets, time span and loss from sequence
 * numbers (RFC 3550 §6.4.1 "cumulative number of packets lost": expected from the extended highest
 * sequence number minus received). Jitter, MOS and DTMF are left to the quality module. Engine
 * thread only; {@link #update} allocates nothing.
 */
final class RtpCounter {
    final long srcHi;
    final long srcLo;
    final int srcPort;
    final long dstHi;
    final long dstLo;
    final int dstPort;
    final long ssrc;
    final String codec;
    long firstNanos;
    long lastNanos;
    long packets;
    private long baseSeq;
    private long maxSeq;

    RtpCounter(long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort, long ssrc, String codec) {
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        this.srcPort = srcPort;
        this.dstHi = dstHi;
        this.dstLo = dstLo;
        this.dstPort = dstPort;
        this.ssrc = ssrc;
        this.codec = codec;
    }

    boolean is(long sHi, long sLo, int sPort, long dHi, long dLo, int dPort, long s) {
        return s == ssrc && sPort == srcPort && dPort == dstPort && sLo == srcLo && sHi == srcHi && dLo == dstLo
                && dHi == dstHi;
    }

    /** One packet with 16-bit sequence number {@code seq} at {@code tsNanos}. */
    void update(int seq, long tsNanos) {
        if (packets == 0) {
            firstNanos = tsNanos;
            baseSeq = seq;
            maxSeq = seq;
        } else {
            int delta = (seq - (int) (maxSeq & 0xffff)) & 0xffff;
            // RFC 3550 A.1: a forward step below half the sequence space advances, wrapping as needed
            if (delta != 0 && delta < 0x8000) {
                maxSeq += delta;
            }
        }
        if (tsNanos > lastNanos) {
            lastNanos = tsNanos;
        }
        packets++;
    }

    long expected() {
        return packets == 0 ? 0 : maxSeq - baseSeq + 1;
    }

    StreamRow row() {
        long expected = expected();
        long lost = expected - packets;
        double lossPercent = expected > 0 ? Math.max(0, lost) * 100.0 / expected : Double.NaN;
        return new StreamRow(IpAddress.format(srcHi, srcLo, srcPort), IpAddress.format(dstHi, dstLo, dstPort), ssrc, codec,
                firstNanos, lastNanos, packets, lost, lossPercent, Double.NaN, Double.NaN, Double.NaN, null, null, "",
                List.of());
    }
}
