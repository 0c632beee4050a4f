package dev.sipscope.quality.jb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sipscope.quality.loss.LossPattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TV-JB (QUALITY.md §6.3, §12.6). */
class JitterBufferVectorsTest {
    record P(int seq, long ts, double arr, boolean marker) {
    }

    static List<P> tvJbPackets() {
        double[] extra = {0, 5, 45, 10, 70, -1, 20, 65, 30, 5, 2, 90};
        List<P> p = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            if (i == 5) {
                continue;
            }
            p.add(new P(1000 + i, 160L * i, 20.0 * i + 40 + extra[i], false));
        }
        double[] extra2 = {0, 10, 0, 5};
        for (int k = 0; k < 4; k++) {
            int i = 12 + k;
            p.add(new P(1000 + i, 160L * i + 3200, 20.0 * i + 400 + 100 + extra2[k], k == 0));
        }
        p.sort(Comparator.comparingDouble(P::arr));
        return p;
    }

    @Test
    void tvJbDecisionsPlayoutsAndOutcomePattern() {
        FixedJitterBuffer jb = new FixedJitterBuffer(50);
        int[] outcome = new int[16];
        for (int i = 0; i < 16; i++) {
            outcome[i] = 1; // lost unless played
        }
        StringBuilder decisions = new StringBuilder();
        List<Double> playouts = new ArrayList<>();
        for (P p : tvJbPackets()) {
            int d = jb.offer(p.ts(), p.arr(), p.marker(), false, 8000);
            decisions.append(p.seq()).append(d == FixedJitterBuffer.PLAYED ? "P " : "L ");
            playouts.add(jb.lastPlayoutOfferedMs());
            outcome[p.seq() - 1000] = d == FixedJitterBuffer.PLAYED ? 0 : 1;
        }
        assertThat(decisions.toString().trim()).isEqualTo(
                "1000P 1001P 1003P 1002P 1006P 1004L 1009P 1008P 1010P 1007L 1011L 1012P 1013P 1014P 1015P");
        assertThat(playouts).containsExactly(90.0, 110.0, 150.0, 130.0, 210.0, 170.0, 270.0, 250.0, 290.0, 230.0,
                310.0, 790.0, 810.0, 830.0, 850.0);
        assertThat(jb.offsetMs()).isEqualTo(150.0);
        StringBuilder pattern = new StringBuilder();
        for (int x : outcome) {
            pattern.append(x);
        }
        assertThat(pattern.toString()).isEqualTo("0000110100010000");
        assertThat(jb.discards()).isEqualTo(3);
        long lostNet = 1;
        assertThat(100.0 * (lostNet + jb.discards()) / 16).isEqualTo(25.0);

        LossPattern lp = new LossPattern(16);
        for (int x : outcome) {
            lp.addBinary(x);
        }
        assertThat(lp.n0()).isEqualTo(11);
        assertThat(lp.n01()).isEqualTo(3);
        assertThat(lp.n1()).isEqualTo(4);
        assertThat(lp.n10()).isEqualTo(3);
        assertThat(lp.p()).isCloseTo(0.272727273, within(1e-6));
        assertThat(lp.q()).isCloseTo(0.75, within(1e-6));
        assertThat(lp.burstRatio()).isCloseTo(0.977777778, within(1e-6));
        assertThat(lp.burstRatioClamped()).isEqualTo(1.0);
    }

    @Test
    void withoutMarkerResyncTheNewTalkSpurtIsAllLate() {
        FixedJitterBuffer jb = new FixedJitterBuffer(50, false, Double.POSITIVE_INFINITY);
        List<Integer> lateSeqs = new ArrayList<>();
        for (P p : tvJbPackets()) {
            if (jb.offer(p.ts(), p.arr(), p.marker(), false, 8000) != FixedJitterBuffer.PLAYED && p.seq() >= 1012) {
                lateSeqs.add(p.seq());
            }
        }
        assertThat(lateSeqs).containsExactly(1012, 1013, 1014, 1015);
    }

    @Test
    void arrivalExactlyAtPlayoutIsOnTimeAndCapacityTurnsEarlyPacketsIntoOverflow() {
        FixedJitterBuffer jb = new FixedJitterBuffer(40, true, 60);
        assertThat(jb.offer(0, 0, false, false, 8000)).isEqualTo(FixedJitterBuffer.PLAYED);
        assertThat(jb.offer(160, 60, false, false, 8000)).isEqualTo(FixedJitterBuffer.PLAYED);
        assertThat(jb.offer(320, 60.001, false, false, 8000)).isEqualTo(FixedJitterBuffer.PLAYED);
        assertThat(jb.offer(1600, 70, false, false, 8000)).isEqualTo(FixedJitterBuffer.OVERFLOW_DISCARD);
        assertThat(jb.overflowDiscards()).isEqualTo(1);
    }
}
