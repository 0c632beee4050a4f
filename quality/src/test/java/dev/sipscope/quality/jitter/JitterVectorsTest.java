package dev.sipscope.quality.jitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** TV-JIT (QUALITY.md §4.3, §12.3) and TV-WS-JIT (§12.4), TV-WS-DTMF (§12.5). */
class JitterVectorsTest {
    private static final double EPS = 1e-9;
    // seq, ts, arrival ms
    private static final double[][] TV_JIT = {
            {100, 1000, 0.0}, {101, 1160, 20.0}, {102, 1320, 45.0}, {103, 1480, 58.0},
            {105, 1800, 100.0}, {104, 1640, 101.0}, {106, 1960, 120.0}, {107, 2120, 140.5}};

    @Test
    void tvJitRfcEstimatorMatchesEveryRowInBothForms() {
        InterarrivalJitter j = new InterarrivalJitter();
        double[] jTs = {0, 0, 2.5, 5.84375, 6.478515625, 16.573608398, 26.037757874, 24.660398006};
        long[] scaled = {0, 0, 40, 93, 103, 265, 416, 394};
        long[] field = {0, 0, 2, 5, 6, 16, 26, 24};
        for (int i = 0; i < TV_JIT.length; i++) {
            j.update(Math.round(TV_JIT[i][2] * 1e6), (long) TV_JIT[i][1], 8000);
            assertThat(j.jitterTs()).as("J row %d", i).isCloseTo(jTs[i], within(1e-9));
            assertThat(j.jitterScaled()).as("Jscaled row %d", i).isEqualTo(scaled[i]);
            assertThat(j.rtcpField()).as("field row %d", i).isEqualTo(field[i]);
            assertThat(j.rtcpFieldInteger()).isEqualTo(field[i]);
        }
        assertThat(j.jitterMs()).isCloseTo(3.082549751, within(EPS));
        assertThat(j.updates()).isEqualTo(7);
    }

    @Test
    void clockChangeResetsTheBaselineInsteadOfProducingADifference() {
        InterarrivalJitter j = new InterarrivalJitter();
        j.update(0, 0, 8000);
        j.update(20_000_000, 160, 8000);
        assertThat(j.update(40_000_000, 999_999, 16000)).isFalse();
        assertThat(j.jitterTs()).isZero();
        assertThat(j.update(60_000_000, 999_999 + 320, 16000)).isTrue();
        assertThat(j.jitterTs()).isZero();
    }

    @Test
    void tvWsJitReproducesTsharkPerPacketAndSummary() {
        Ws40Analysis w = new Ws40Analysis();
        double[][] expect = { // delta, jitter, diff, skew
                {0, 0, 0, 0}, {20.0, 0.0, 0.0, 0.0}, {25.0, 0.3125, 5.0, -5.0}, {13.0, 0.73046875, 7.0, 2.0},
                {42.0, 0.809814453, 2.0, 0.0}, {1.0, 2.071701050, 21.0, -21.0}, {19.0, 3.254719734, 21.0, 0.0},
                {20.5, 3.082549751, 0.5, -0.5}};
        int[] flags = new int[TV_JIT.length];
        for (int i = 0; i < TV_JIT.length; i++) {
            flags[i] = w.update(TV_JIT[i][2], (int) TV_JIT[i][0], (long) TV_JIT[i][1], 0, false, 8000, false);
            assertThat(w.deltaMs()).as("delta %d", i).isCloseTo(expect[i][0], within(EPS));
            assertThat(w.jitterMs()).as("jitter %d", i).isCloseTo(expect[i][1], within(EPS));
            assertThat(w.diffMs()).as("diff %d", i).isCloseTo(expect[i][2], within(EPS));
            assertThat(w.skewMs()).as("skew %d", i).isCloseTo(expect[i][3], within(EPS));
        }
        assertThat(flags[0] & Ws40Analysis.FLAG_FIRST).isNotZero();
        assertThat(flags[4] & Ws40Analysis.FLAG_WRONG_SEQ).isNotZero();
        assertThat(flags[5] & Ws40Analysis.FLAG_WRONG_SEQ).isNotZero();
        assertThat(flags[6] & Ws40Analysis.FLAG_WRONG_SEQ).isZero();
        assertThat(w.packets()).isEqualTo(8);
        assertThat(w.lost()).isZero();
        assertThat(w.lostPct()).isZero();
        assertThat(w.minDeltaMs()).isCloseTo(1.0, within(EPS));
        assertThat(w.meanDeltaMs()).isCloseTo(20.071428571, within(EPS));
        assertThat(w.maxDeltaMs()).isCloseTo(42.0, within(EPS));
        assertThat(w.minJitterMs()).isCloseTo(0.0, within(EPS));
        assertThat(w.meanJitterMs()).isCloseTo(1.465964820, within(EPS));
        assertThat(w.maxJitterMs()).isCloseTo(3.254719734, within(EPS));
        assertThat(w.maxSkewMs()).isCloseTo(-21.0, within(EPS));
        assertThat(w.sequenceErrors()).isEqualTo(2);
        assertThat(w.problems()).isTrue();
    }

    @Test
    void tvWsDtmfShowsWiresharksFalseJitterAfterEvents() {
        Ws40Analysis w = new Ws40Analysis();
        InterarrivalJitter rfc = new InterarrivalJitter();
        InterarrivalJitter withEvents = new InterarrivalJitter();
        for (int i = 0; i < 60; i++) {
            boolean event = i >= 20 && i < 30;
            long ts = event ? 3200 : 160L * i;
            int pt = event ? 101 : 0;
            double arr = 100 + 20.0 * i;
            w.update(arr, 100 + i, ts, pt, event && i == 20, event ? 0 : 8000, event);
            long ns = Math.round(arr * 1e6);
            if (!event) {
                rfc.update(ns, ts, 8000);
            }
            withEvents.update(ns, ts, 8000);
        }
        assertThat(w.packets()).isEqualTo(60);
        assertThat(w.lost()).isZero();
        assertThat(w.minDeltaMs()).isCloseTo(20, within(EPS));
        assertThat(w.meanDeltaMs()).isCloseTo(20, within(EPS));
        assertThat(w.maxDeltaMs()).isCloseTo(20, within(EPS));
        assertThat(w.minJitterMs()).isCloseTo(0, within(EPS));
        assertThat(w.meanJitterMs()).isCloseTo(2.900822157, within(EPS));
        assertThat(w.maxJitterMs()).isCloseTo(12.5, within(EPS));
        assertThat(w.problems()).isFalse();
        assertThat(rfc.jitterMs()).isZero();
        assertThat(rfc.maxJitterMs()).isZero();
        assertThat(withEvents.jitterMs()).isCloseTo(3.002216, within(1e-6));
        assertThat(withEvents.maxJitterMs()).isCloseTo(19.510790, within(1e-6));
    }

    @Test
    void lateWrapPacketFoolsTsharksCycleCountButNotTheCorrectedOne() {
        Ws40Analysis w = new Ws40Analysis();
        int[] seqs = {65533, 65534, 0, 65535, 1, 2};
        double t = 0;
        for (int s : seqs) {
            int idx = (s - 65533) & 0xffff;
            w.update(t, s, 160L * idx, 0, false, 8000, false);
            t += 20;
        }
        // tshark 4.0 counts a second cycle: expected = 2 + 2·65536 − 65533 + 1.
        assertThat(w.cycles()).isEqualTo(2);
        assertThat(w.lost()).isEqualTo(65536);
        assertThat(w.lostCorrected()).isZero();
    }
}
