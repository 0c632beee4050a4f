package dev.sipscope.quality.jitter;

/**
 * Per-stream RTP analysis as Wireshark/tshark 4.0.x computes it (profile {@code WS40}, QUALITY.md §5),
 * so users can cross-check with {@code tshark -z rtp,streams} and the RTP Stream Analysis dialog:
 * delta, jitter (in ms with the integer-kHz divisor), diff, skew, the cycle heuristic and "Lost",
 * sequence errors, the problems flag, and the least-squares clock drift (§5.5).
 *
 * <p>Every quirk of §5.7 is kept on purpose (telephone-event and unknown-clock packets move the arrival
 * reference but not the nominal time; packets with a timestamp before the first packet's are skipped;
 * marker, CN and post-CN packets are left out of min/mean/max; means divide by all earlier packets).
 * One deviation is offered beside the exact value: {@link #lostCorrected()} counts sequence cycles the
 * way RFC 3550 extends sequence numbers, because 4.0's heuristic counts an extra cycle when a packet
 * from before a wrap arrives after it (§5.2 step 2: the late packet clears {@code under}, and the next
 * packet below the start counts a second wrap). {@link #lost()} stays bit-exact with tshark.
 *
 * <p>Inputs are per packet, in capture order; the caller resolves the clock with the WS40 rules (§5.2
 * step 5). Allocation-free.
 */
public final class Ws40Analysis {
    public static final int FLAG_FIRST = 1;
    public static final int FLAG_WRONG_TIMESTAMP = 1 << 1;
    public static final int FLAG_WRONG_SEQ = 1 << 2;
    public static final int FLAG_PT_CN = 1 << 3;
    public static final int FLAG_FOLLOW_CN = 1 << 4;
    public static final int FLAG_PT_CHANGE = 1 << 5;
    public static final int FLAG_MARKER = 1 << 6;
    public static final int FLAG_REG_PT_CHANGE = 1 << 7;
    public static final int FLAG_T_EVENT = 1 << 8;

    private boolean started;
    private int startSeq;
    private int stopSeq;
    private int seqNum;
    private long firstTs;
    private double time;
    private double startTime;
    private double lastTime;
    private double lastNominal;
    private int pt;
    private int regPt;
    private double delta;
    private double jitter;
    private double diff;
    private double skew;
    private double maxDelta;
    private double minDelta = -1;
    private double meanDelta;
    private double maxJitter;
    private double minJitter = -1;
    private double meanJitter;
    private double maxSkew;
    private long totalNr;
    private long cycles;
    private boolean under;
    private long sequenceErrors;
    private boolean problems;
    private int lastFlags;
    private long cnPackets;
    private long markerPackets;
    private long regPtChanges;
    private long wrongTimestamps;

    // The integer-kHz divisor of the last clock (clockHz / 1000), kept to spare a division per packet.
    private int khzOf = -1;
    private int khz;
    private double khzReciprocal;

    // Corrected cycle count (see lostCorrected).
    private long cyclesCorrected;
    private boolean underCorrected;
    private int highestSeq;

    // Least-squares sums for the clock drift (§5.5).
    private long lsqCount;
    private double sumT;
    private double sumTs;
    private double sumT2;
    private double sumTTs;

    /**
     * Feeds one packet.
     *
     * @param arrivalMs arrival time in ms on any fixed origin (only differences are used)
     * @param clockHz   the WS40 clock for this packet: 0 for telephone-event and unknown clocks
     * @param event     telephone-event (sets {@link #FLAG_T_EVENT}; give clockHz 0 as tshark does)
     * @return the packet's flags
     */
    public int update(double arrivalMs, int seq, long ts32, int payloadType, boolean marker, int clockHz, boolean event) {
        seq &= 0xffff;
        ts32 &= 0xffff_ffffL;
        if (!started) {
            started = true;
            startSeq = stopSeq = seqNum = seq;
            highestSeq = seq;
            firstTs = ts32;
            time = startTime = lastTime = arrivalMs;
            pt = regPt = payloadType;
            totalNr = 1;
            int f = FLAG_FIRST | (marker ? FLAG_MARKER : 0);
            if (marker) {
                markerPackets++;
            }
            if (payloadType == 13 || payloadType == 19) {
                cnPackets++;
            }
            lastFlags = f;
            return f;
        }
        int fl = 0;
        boolean inTs = ((ts32 - firstTs) & 0xffff_ffffL) < 0x8000_0000L;
        if (!inTs) {
            fl |= FLAG_WRONG_TIMESTAMP;
            wrongTimestamps++;
        }
        boolean behindHighest = (short) (seq - highestSeq) < 0;
        if (inTs) {
            if (seq < startSeq && !under) {
                cycles++;
                under = true;
            } else if (seq == 0 && stopSeq == 65535 && !under) {
                cycles++;
                under = true;
            } else if (seq > startSeq && under) {
                under = false;
            }
            if (seq < startSeq && !underCorrected) {
                cyclesCorrected++;
                underCorrected = true;
            } else if (seq == 0 && stopSeq == 65535 && !underCorrected) {
                cyclesCorrected++;
                underCorrected = true;
            } else if (seq > startSeq && underCorrected && !behindHighest) {
                underCorrected = false;
            }
        }
        if (!behindHighest) {
            highestSeq = seq;
        }
        if (inTs && seqNum + 1 == seq) {
            seqNum = seq;
        } else if (inTs && seqNum == 65535 && seq == 0) {
            seqNum = seq;
        } else if (inTs && (seqNum + 1 < seq || seqNum - seq > 0xff00)) {
            seqNum = seq;
            sequenceErrors++;
            fl |= FLAG_WRONG_SEQ;
        } else if (seqNum + 1 > seq) {
            sequenceErrors++;
            fl |= FLAG_WRONG_SEQ;
        }
        if (payloadType == 13 || payloadType == 19) {
            fl |= FLAG_PT_CN;
            cnPackets++;
        }
        if (pt == 13 || pt == 19) {
            fl |= FLAG_FOLLOW_CN;
        }
        if (payloadType != pt) {
            fl |= FLAG_PT_CHANGE;
        }
        pt = payloadType;
        if (event) {
            fl |= FLAG_T_EVENT;
        }
        double cur = arrivalMs;
        double arrival = cur - startTime;
        double cj = 0;
        if (inTs && clockHz > 0) {
            if (clockHz != khzOf) {
                khzOf = clockHz;
                khz = clockHz / 1000;
                // 1/khz is exact when khz is a power of two (8 kHz...): then x * (1/khz) == x / khz bit for bit.
                khzReciprocal = khz > 0 && Integer.bitCount(khz) == 1 ? 1.0 / khz : 0;
            }
            double tsDelta = (double) ((ts32 - firstTs) & 0xffff_ffffL);
            double nominal = khzReciprocal != 0 ? tsDelta * khzReciprocal : tsDelta / khz;
            double expected = time + (nominal - lastNominal);
            double cd = Math.abs(cur - expected);
            cj = (15 * jitter + cd) / 16;
            delta = cur - time;
            jitter = cj;
            diff = cd;
            lastNominal = nominal;
            skew = nominal - arrival;
            if (Math.abs(skew) > Math.abs(maxSkew)) {
                maxSkew = skew;
            }
            lsqCount++;
            sumT += arrival;
            sumTs += nominal;
            sumT2 += arrival * arrival;
            sumTTs += arrival * nominal;
        } else if (inTs) {
            delta = cur - time;
        }
        if (marker) {
            fl |= FLAG_MARKER;
            markerPackets++;
        }
        if ((fl & (FLAG_MARKER | FLAG_PT_CN | FLAG_WRONG_TIMESTAMP | FLAG_FOLLOW_CN)) == 0) {
            if (delta > maxDelta) {
                maxDelta = delta;
            }
            if (minDelta == -1) {
                minDelta = delta;
            } else if (delta < minDelta) {
                minDelta = delta;
            }
            long n = totalNr;
            meanDelta = (meanDelta * (n - 1) + delta) / n;
            if (clockHz > 0) {
                if (jitter > maxJitter) {
                    maxJitter = jitter;
                }
                meanJitter = (meanJitter * (n - 1) + cj) / n;
                if (minJitter == -1) {
                    minJitter = jitter;
                } else if (jitter < minJitter) {
                    minJitter = jitter;
                }
            }
        }
        if ((fl & FLAG_PT_CN) == 0) {
            if (pt != regPt) {
                fl |= FLAG_REG_PT_CHANGE;
                regPtChanges++;
            }
            regPt = pt;
        }
        if (inTs) {
            time = cur;
        }
        lastTime = cur;
        stopSeq = seq;
        totalNr++;
        if ((fl & (FLAG_WRONG_TIMESTAMP | FLAG_WRONG_SEQ)) != 0) {
            problems = true;
        }
        lastFlags = fl;
        return fl;
    }

    public boolean started() {
        return started;
    }

    /** Flags of the last packet. */
    public int lastFlags() {
        return lastFlags;
    }

    /** Packets seen (duplicates included): tshark's "Pkts". */
    public long packets() {
        return started ? totalNr : 0;
    }

    /** stopSeq + 65536·cycles − startSeq + 1, with tshark's cycle heuristic. */
    public long expected() {
        return started ? stopSeq + 65536L * cycles - startSeq + 1 : 0;
    }

    /** tshark's "Lost": expected − packets (negative with duplicates; uses the last packet's number). */
    public long lost() {
        return expected() - packets();
    }

    /** Lost percentage as tshark prints it: 100·lost/expected (0 when nothing expected). */
    public double lostPct() {
        long e = expected();
        return e == 0 ? 0 : 100.0 * lost() / e;
    }

    /** Like {@link #expected()}, with the cycle count not fooled by a late packet from before a wrap. */
    public long expectedCorrected() {
        return started ? stopSeq + 65536L * cyclesCorrected - startSeq + 1 : 0;
    }

    /** Like {@link #lost()}, with the corrected cycle count (see the class comment). */
    public long lostCorrected() {
        return expectedCorrected() - packets();
    }

    public long cycles() {
        return cycles;
    }

    public double minDeltaMs() {
        return minDelta;
    }

    public double meanDeltaMs() {
        return meanDelta;
    }

    public double maxDeltaMs() {
        return maxDelta;
    }

    public double minJitterMs() {
        return minJitter;
    }

    public double meanJitterMs() {
        return meanJitter;
    }

    public double maxJitterMs() {
        return maxJitter;
    }

    /** Jitter after the last packet, ms. */
    public double jitterMs() {
        return jitter;
    }

    /** Delta of the last packet, ms. */
    public double deltaMs() {
        return delta;
    }

    /** Diff of the last packet that had a known clock, ms. */
    public double diffMs() {
        return diff;
    }

    /** Skew of the last packet with a known clock, ms. */
    public double skewMs() {
        return skew;
    }

    /** The skew with the largest magnitude, sign kept. */
    public double maxSkewMs() {
        return maxSkew;
    }

    public long sequenceErrors() {
        return sequenceErrors;
    }

    public boolean problems() {
        return problems;
    }

    public long wrongTimestamps() {
        return wrongTimestamps;
    }

    public long comfortNoisePackets() {
        return cnPackets;
    }

    public long markerPackets() {
        return markerPackets;
    }

    /** Payload changes that are not to or from CN (REG_PT_CHANGE). */
    public long regPtChanges() {
        return regPtChanges;
    }

    /** First packet's arrival on the caller's origin, ms. */
    public double startMs() {
        return startTime;
    }

    /** Last packet's arrival on the caller's origin, ms. */
    public double endMs() {
        return lastTime;
    }

    /** Least-squares slope of nominal time over arrival time (§5.5); NaN with fewer than 2 points. */
    public double slope() {
        double n = lsqCount;
        double den = n * sumT2 - sumT * sumT;
        if (lsqCount < 2 || den == 0) {
            return Double.NaN;
        }
        return (n * sumTTs - sumT * sumTs) / den;
    }

    /** (last − first arrival) · (slope − 1), ms; NaN when the slope is unknown. */
    public double clockDriftMs() {
        return (lastTime - startTime) * (slope() - 1);
    }

    /** 100 · (slope − 1). */
    public double freqDriftPct() {
        return 100 * (slope() - 1);
    }
}
