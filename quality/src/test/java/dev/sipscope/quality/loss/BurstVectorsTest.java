package dev.sipscope.quality.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sipscope.quality.seq.SlotWindow;
import org.junit.jupiter.api.Test;

/** TV-BURST-A (QUALITY.md §7.1–§7.3, §12.7) and the §7.1 edge cases. */
class BurstVectorsTest {
    static final String TV_BURST_A = "0".repeat(10) + "1" + "0".repeat(29) + "1101100101" + "0".repeat(30) + "1"
            + "0".repeat(19);

    static LossPattern feed(String pattern) {
        LossPattern lp = new LossPattern(16);
        for (char c : pattern.toCharArray()) {
            lp.addBinary(c - '0');
        }
        return lp;
    }

    @Test
    void tvBurstAMarkovAndRunLength() {
        assertThat(TV_BURST_A).hasSize(100);
        LossPattern lp = feed(TV_BURST_A);
        assertThat(lp.n0()).isEqualTo(91);
        assertThat(lp.n01()).isEqualTo(6);
        assertThat(lp.n1()).isEqualTo(8);
        assertThat(lp.n10()).isEqualTo(6);
        assertThat(lp.p()).isCloseTo(0.065934066, within(1e-6));
        assertThat(lp.q()).isCloseTo(0.75, within(1e-6));
        assertThat(lp.burstRatio()).isCloseTo(1.225589226, within(1e-6));
        assertThat(lp.pplMarkov()).isCloseTo(0.080808081, within(1e-6));
        assertThat(lp.lossRuns()).isEqualTo(6);
        assertThat(lp.burstRatioRunLength()).isCloseTo(1.226666667, within(1e-6));
    }

    @Test
    void tvBurstAGminDefinition() {
        LossPattern lp = feed(TV_BURST_A);
        assertThat(lp.bursts()).isEqualTo(1);
        assertThat(lp.burstSlots()).isEqualTo(10);
        assertThat(lp.burstEvents()).isEqualTo(6);
        assertThat(lp.gapSlots()).isEqualTo(90);
        assertThat(lp.gapPeriods()).isEqualTo(2);
        assertThat(lp.burstDensity8()).isEqualTo(153);
        assertThat(lp.gapDensity8()).isEqualTo(5);
        assertThat(lp.burstDurationMs(20)).isEqualTo(200.0);
        assertThat(lp.gapDurationMs(20)).isEqualTo(900.0);
        assertThat(lp.lossRate8()).isEqualTo(20);
    }

    @Test
    void tvBurstARepeatedThreeTimes() {
        LossPattern lp = feed(TV_BURST_A.repeat(3));
        assertThat(lp.bursts()).isEqualTo(3);
        assertThat(lp.burstDensity8()).isEqualTo(153);
        assertThat(lp.gapDensity8()).isEqualTo(5);
        assertThat(lp.burstDurationMs(20)).isEqualTo(200.0);
        assertThat(lp.gapDurationMs(20)).isEqualTo(1350.0);
    }

    @Test
    void tvBurstAAppendixA2CompatibilityMode() {
        Rfc3611BurstCounters zero = run(TV_BURST_A, 0);
        assertThat(new long[] {zero.c11(), zero.c13(), zero.c14(), zero.c22(), zero.c23(), zero.c33()})
                .containsExactly(59, 1, 1, 10, 4, 2);
        assertThat(zero.burstDensity8()).isEqualTo(85);
        assertThat(zero.gapDensity8()).isEqualTo(4);
        assertThat(zero.gapDurationMs(20)).isCloseTo(1220, within(1e-9));
        assertThat(zero.burstDurationMs(20)).isCloseTo(420, within(1e-9));
        Rfc3611BurstCounters one = run(TV_BURST_A, 1);
        assertThat(one.burstDensity8()).isEqualTo(93);
        assertThat(one.gapDensity8()).isZero();
        assertThat(one.gapDurationMs(20)).isCloseTo(610, within(1e-9));
        assertThat(one.burstDurationMs(20)).isCloseTo(220, within(1e-9));
    }

    private static Rfc3611BurstCounters run(String pattern, int initialLost) {
        Rfc3611BurstCounters c = new Rfc3611BurstCounters(16, initialLost);
        for (char ch : pattern.toCharArray()) {
            if (ch == '1') {
                c.lost();
            } else {
                c.received();
            }
        }
        return c;
    }

    @Test
    void edgeCasesOfTheMarkovEstimate() {
        LossPattern none = feed("0000");
        assertThat(none.p()).isZero();
        assertThat(none.burstRatio()).isEqualTo(1);
        LossPattern lastOnly = feed("00001");
        assertThat(lastOnly.q()).isZero();
        assertThat(lastOnly.burstRatio()).isCloseTo(1 / lastOnly.p(), within(1e-12));
        LossPattern all = feed("1111");
        assertThat(all.p()).isEqualTo(1);
        assertThat(all.q()).isZero();
        assertThat(all.burstRatio()).isEqualTo(1.0);
        assertThat(all.burstRatioClamped()).isEqualTo(1.0);
        // A loss followed only by a segment break and received slots: p = 0 and q = 0.
        LossPattern noTransition = new LossPattern(16);
        noTransition.addBinary(1);
        noTransition.segmentBreak();
        noTransition.addBinary(0);
        noTransition.addBinary(0);
        assertThat(noTransition.p()).isZero();
        assertThat(noTransition.q()).isZero();
        assertThat(noTransition.burstRatio()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(noTransition.burstRatioClamped()).isEqualTo(8);
    }

    @Test
    void segmentBreakStopsTransitionsButNotTheGminClusters() {
        LossPattern lp = new LossPattern(16);
        lp.slot(SlotWindow.PLAYED);
        lp.slot(SlotWindow.EMPTY);
        lp.segmentBreak();
        lp.slot(SlotWindow.DISCARDED);
        lp.slot(SlotWindow.RECEIVED);
        assertThat(lp.n0() + lp.n1()).isEqualTo(2);
        assertThat(lp.lost()).isEqualTo(1);
        assertThat(lp.discarded()).isEqualTo(1);
        assertThat(lp.lossRuns()).isEqualTo(2);
        assertThat(lp.bursts()).isEqualTo(1);
        assertThat(lp.discardRate8()).isEqualTo(64);
    }

    @Test
    void copyAddsPendingSlotsWithoutTouchingTheOriginal() {
        LossPattern lp = feed("0001");
        LossPattern c = lp.copy();
        c.addBinary(1);
        assertThat(lp.slots()).isEqualTo(4);
        assertThat(c.slots()).isEqualTo(5);
        assertThat(c.bursts()).isEqualTo(1);
        assertThat(lp.bursts()).isZero();
    }
}
