package dev.sipscope.quality.seq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.quality.loss.LossPattern;
import org.junit.jupiter.api.Test;

/** TV-SEQ (QUALITY.md §12.1), TV-FRAC/TV-RTCP fraction and clamp rows (§3.8, §9.6), §3.9 edge cases. */
class SequenceVectorsTest {
    private static final int[] TV_SEQ = {65533, 65534, 65535, 0, 1, 1, 3, 2, 5, 4, 40000, 40001, 40002, 40004};

    @Test
    void tvSeqStrictRfcProfileFollowsEveryRow() {
        RfcSequenceTracker t = new RfcSequenceTracker();
        // seq -> {valid, maxSeq, cycles, baseSeq, received, extMax, expected, lostRfc}
        long[][] rows = {
                {0, 65533, 0, 65533, 0, 65533, -1, -1},
                {1, 65534, 0, 65534, 1, 65534, 1, 0},
                {1, 65535, 0, 65534, 2, 65535, 2, 0},
                {1, 0, 65536, 65534, 3, 65536, 3, 0},
                {1, 1, 65536, 65534, 4, 65537, 4, 0},
                {1, 1, 65536, 65534, 5, 65537, 4, -1},
                {1, 3, 65536, 65534, 6, 65539, 6, 0},
                {1, 3, 65536, 65534, 7, 65539, 6, -1},
                {1, 5, 65536, 65534, 8, 65541, 8, 0},
                {1, 5, 65536, 65534, 9, 65541, 8, -1},
                {0, 5, 65536, 65534, 9, 65541, 8, -1},
                {1, 40001, 0, 40001, 1, 40001, 1, 0},
                {1, 40002, 0, 40001, 2, 40002, 2, 0},
                {1, 40004, 0, 40001, 3, 40004, 4, 1},
        };
        int[] branches = {RfcSequenceTracker.PROBATION, RfcSequenceTracker.VALIDATED, RfcSequenceTracker.IN_ORDER,
                RfcSequenceTracker.IN_ORDER, RfcSequenceTracker.IN_ORDER, RfcSequenceTracker.IN_ORDER,
                RfcSequenceTracker.IN_ORDER, RfcSequenceTracker.LATE, RfcSequenceTracker.IN_ORDER,
                RfcSequenceTracker.LATE, RfcSequenceTracker.JUMP, RfcSequenceTracker.RESTART,
                RfcSequenceTracker.IN_ORDER, RfcSequenceTracker.IN_ORDER};
        for (int i = 0; i < TV_SEQ.length; i++) {
            int r = t.update(TV_SEQ[i]);
            long[] row = rows[i];
            assertThat(r).as("branch of row %d", i + 1).isEqualTo(branches[i]);
            boolean valid = r != RfcSequenceTracker.PROBATION && r != RfcSequenceTracker.JUMP;
            assertThat(valid ? 1 : 0).as("valid row %d", i + 1).isEqualTo((int) row[0]);
            assertThat((long) t.maxSeq()).as("maxSeq row %d", i + 1).isEqualTo(row[1]);
            assertThat(t.cycles()).as("cycles row %d", i + 1).isEqualTo(row[2]);
            assertThat(t.baseSeq()).as("baseSeq row %d", i + 1).isEqualTo(row[3]);
            assertThat(t.received()).as("received row %d", i + 1).isEqualTo(row[4]);
            assertThat(t.extendedMax()).as("extMax row %d", i + 1).isEqualTo(row[5]);
            if (row[6] >= 0) {
                assertThat(t.expected()).as("expected row %d", i + 1).isEqualTo(row[6]);
                assertThat(t.lost()).as("lost row %d", i + 1).isEqualTo(row[7]);
            }
        }
        assertThat(t.badSeq()).isEqualTo(65537);
    }

    @Test
    void tvSeqAnalyzerProfileKeepsSegmentsDuplicatesAndLatePackets() {
        LossPattern pattern = new LossPattern(16);
        AnalyzerSequenceTracker t = new AnalyzerSequenceTracker(2, 3000, 100, 1024, pattern);
        int[] classes = new int[TV_SEQ.length];
        for (int i = 0; i < TV_SEQ.length; i++) {
            classes[i] = t.update(TV_SEQ[i]);
            switch (i + 1) {
                case 2 -> assertRow(t, 65533, 2, 2, 2, 0, 0, 0);
                case 5 -> assertRow(t, 65533, 5, 5, 5, 0, 0, 0);
                case 6 -> assertRow(t, 65533, 6, 5, 5, -1, 1, 0);
                case 8 -> assertRow(t, 65533, 8, 7, 7, -1, 1, 1);
                case 10 -> assertRow(t, 65533, 10, 9, 9, -1, 1, 2);
                case 12 -> assertRow(t, 40000, 2, 2, 2, 0, 1, 2);
                case 14 -> assertRow(t, 40000, 4, 4, 5, 1, 1, 2);
                default -> {
                }
            }
        }
        assertThat(classes).containsExactly(AnalyzerSequenceTracker.PROBATION, AnalyzerSequenceTracker.VALIDATED,
                AnalyzerSequenceTracker.IN_ORDER, AnalyzerSequenceTracker.IN_ORDER, AnalyzerSequenceTracker.IN_ORDER,
                AnalyzerSequenceTracker.DUPLICATE, AnalyzerSequenceTracker.GAP, AnalyzerSequenceTracker.LATE,
                AnalyzerSequenceTracker.GAP, AnalyzerSequenceTracker.LATE, AnalyzerSequenceTracker.JUMP,
                AnalyzerSequenceTracker.RESTART, AnalyzerSequenceTracker.IN_ORDER, AnalyzerSequenceTracker.GAP);
        assertThat(t.expected()).isEqualTo(14);
        assertThat(t.received()).isEqualTo(14);
        assertThat(t.unique()).isEqualTo(13);
        assertThat(t.lostRfc()).isZero();
        assertThat(t.lostNet()).isEqualTo(1);
        assertThat(t.duplicates()).isEqualTo(1);
        assertThat(t.late()).isEqualTo(2);
        assertThat(t.restarts()).isEqualTo(1);
        assertThat(t.segments()).isEqualTo(2);
        // The first segment's 9 slots were handed out at the restart, all received, then a break.
        assertThat(pattern.slots()).isEqualTo(9);
        assertThat(pattern.lost()).isZero();
    }

    private static void assertRow(AnalyzerSequenceTracker t, long base, long received, long unique, long expected,
                                  long lostRfc, long dup, long late) {
        assertThat(t.baseSeq()).isEqualTo(base);
        assertThat(t.segmentReceived()).isEqualTo(received);
        assertThat(t.segmentUnique()).isEqualTo(unique);
        assertThat(t.segmentExpected()).isEqualTo(expected);
        assertThat(t.segmentExpected() - t.segmentReceived()).isEqualTo(lostRfc);
        assertThat(t.duplicates()).isEqualTo(dup);
        assertThat(t.late()).isEqualTo(late);
    }

    @Test
    void fractionLostFollowsTvFracRows() {
        assertThat(RfcSequenceTracker.fraction8(250, 245)).isEqualTo(5);
        assertThat(RfcSequenceTracker.fraction8(250, 250)).isZero();
        assertThat(RfcSequenceTracker.fraction8(250, 252)).isZero();
        assertThat(RfcSequenceTracker.fraction8(3, 1)).isEqualTo(170);
        assertThat(RfcSequenceTracker.fraction8(0, 0)).isZero();
    }

    @Test
    void cumulativeLostClampsToSigned24Bits() {
        assertThat(RfcSequenceTracker.clampCumulativeLost(9_000_000)).isEqualTo(8388607);
        assertThat(RfcSequenceTracker.cumulativeLostWire(9_000_000)).isEqualTo(0x7FFFFF);
        assertThat(RfcSequenceTracker.clampCumulativeLost(-9_000_000)).isEqualTo(-8388608);
        assertThat(RfcSequenceTracker.cumulativeLostWire(-9_000_000)).isEqualTo(0x800000);
        assertThat(RfcSequenceTracker.cumulativeLostWire(-2)).isEqualTo(0xFFFFFE);
    }

    @Test
    void fractionLostPerIntervalMovesThePriorSnapshot() {
        RfcSequenceTracker t = new RfcSequenceTracker();
        for (int s = 0; s < 10; s++) {
            t.update(s);
        }
        assertThat(t.fractionLostAndAdvance()).isZero();
        for (int s = 12; s < 20; s++) {
            t.update(s);
        }
        // Interval: expected 19−9 = 10, received 8 → floor(256·2/10) = 51.
        assertThat(t.fractionLostAndAdvance()).isEqualTo(51);
        assertThat(t.fractionLostAndAdvance()).isZero();
    }

    @Test
    void lossAcrossAWrapIsAGapNotARestart() {
        AnalyzerSequenceTracker t = new AnalyzerSequenceTracker(2, 3000, 100, 1024, new LossPattern(16));
        t.update(65529);
        t.update(65530);
        assertThat(t.update(5)).isEqualTo(AnalyzerSequenceTracker.GAP);
        assertThat(t.cycles()).isEqualTo(65536);
        assertThat(t.expected()).isEqualTo(13);
        assertThat(t.lostNet()).isEqualTo(10);
    }

    @Test
    void lateArrivalFromBeforeTheWrapBelongsToThePreviousCycle() {
        AnalyzerSequenceTracker t = new AnalyzerSequenceTracker(2, 3000, 100, 1024, new LossPattern(16));
        for (int s : new int[] {65532, 65533, 0, 1, 2, 3}) {
            t.update(s);
        }
        assertThat(t.update(65534)).isEqualTo(AnalyzerSequenceTracker.LATE);
        assertThat(t.lastExtSeq()).isEqualTo(65534);
        assertThat(t.update(65535)).isEqualTo(AnalyzerSequenceTracker.LATE);
        assertThat(t.lostNet()).isZero();
        assertThat(t.expected()).isEqualTo(8);
    }

    @Test
    void aSingleStrayPacketIsIgnoredAndCountingGoesOn() {
        AnalyzerSequenceTracker t = new AnalyzerSequenceTracker(2, 3000, 100, 1024, new LossPattern(16));
        for (int s = 100; s < 110; s++) {
            t.update(s);
        }
        assertThat(t.update(30000)).isEqualTo(AnalyzerSequenceTracker.JUMP);
        assertThat(t.update(110)).isEqualTo(AnalyzerSequenceTracker.IN_ORDER);
        assertThat(t.restarts()).isZero();
        assertThat(t.expected()).isEqualTo(11);
        assertThat(t.lostNet()).isZero();
    }

    @Test
    void aStreamThatNeverLeavesProbationReportsItsRunAsProvisional() {
        AnalyzerSequenceTracker t = new AnalyzerSequenceTracker(2, 3000, 100, 1024, new LossPattern(16));
        t.update(500);
        assertThat(t.validated()).isFalse();
        assertThat(t.expected()).isEqualTo(1);
        assertThat(t.received()).isEqualTo(1);
        RfcSequenceTracker r = new RfcSequenceTracker();
        r.update(500);
        assertThat(r.validated()).isFalse();
        assertThat(r.expected()).isZero();
    }

    @Test
    void probationPacketsThatArrivedBeforeTheValidatingRunAreCounted() {
        AnalyzerSequenceTracker t = new AnalyzerSequenceTracker(2, 3000, 100, 1024, new LossPattern(16));
        int[] arrivals = {43261, 43260, 43262, 43264, 43263, 43263, 43265};
        for (int s : arrivals) {
            assertThat(t.update(s)).isEqualTo(AnalyzerSequenceTracker.PROBATION);
        }
        assertThat(t.update(43266)).isEqualTo(AnalyzerSequenceTracker.VALIDATED);
        assertThat(t.baseSeq()).isEqualTo(43260);
        assertThat(t.acceptedCount()).isEqualTo(7);
        assertThat(t.acceptedDuplicate(5)).isTrue();
        assertThat(t.expected()).isEqualTo(7);
        assertThat(t.unique()).isEqualTo(7);
        assertThat(t.received()).isEqualTo(8);
        assertThat(t.duplicates()).isEqualTo(1);
        // 43260 arrived after 43261, 43263 after 43264.
        assertThat(t.late()).isEqualTo(2);
        assertThat(t.lostNet()).isZero();
    }

    @Test
    void aFarAwayStrayBeforeTheRunIsNotCounted() {
        AnalyzerSequenceTracker t = new AnalyzerSequenceTracker(2, 3000, 100, 1024, new LossPattern(16));
        t.update(7000);
        t.update(100);
        assertThat(t.update(101)).isEqualTo(AnalyzerSequenceTracker.VALIDATED);
        assertThat(t.baseSeq()).isEqualTo(100);
        assertThat(t.expected()).isEqualTo(2);
    }

    @Test
    void lateArrivalOlderThanTheSegmentStartLowersTheStart() {
        AnalyzerSequenceTracker t = new AnalyzerSequenceTracker(2, 3000, 100, 1024, new LossPattern(16));
        t.update(10);
        t.update(11);
        t.update(12);
        assertThat(t.update(8)).isEqualTo(AnalyzerSequenceTracker.LATE);
        assertThat(t.baseSeq()).isEqualTo(8);
        assertThat(t.expected()).isEqualTo(5);
        assertThat(t.unique()).isEqualTo(4);
        assertThat(t.lostNet()).isEqualTo(1);
    }

    @Test
    void timestampUnwrapperCrossesTheWrapAndStepsBackForReorderedPackets() {
        TimestampUnwrapper u = new TimestampUnwrapper();
        assertThat(u.next(4294967000L)).isEqualTo(4294967000L);
        assertThat(u.next(4294967000L + 160 - (1L << 32) + 160)).isEqualTo(4294967000L + 320);
        assertThat(u.next(4294967000L + 160)).isEqualTo(4294967000L + 160);
    }
}
