package dev.sipscope.quality;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default window of 256 recent sequence slots per stream (QUALITY.md §3.6 A3 asks for at least
 * 1024): no lookup reaches further back than MAX_MISORDER, so every window size from 256 up gives the
 * same summaries, over traffic that reorders beyond MAX_MISORDER, repeats old packets, jumps past
 * MAX_DROPOUT, restarts and wraps.
 */
class SlotWindowSizeTest {

    @Test
    void everyFigureIsTheSameWithWindowsOf256And1024And65536Slots() {
        assertThat(QualityConfig.DEFAULTS.slotWindow()).isEqualTo(256);
        long dup = 0;
        long lates = 0;
        int restartsSeen = 0;
        for (long seed = 1; seed <= 12; seed++) {
            List<byte[]> packets = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            hostileStream(new Random(seed), packets, times);
            List<StreamSummary> w256 = run(QualityConfig.DEFAULTS.withSlotWindow(256), packets, times);
            List<StreamSummary> w1024 = run(QualityConfig.DEFAULTS.withSlotWindow(1024), packets, times);
            List<StreamSummary> w65536 = run(QualityConfig.DEFAULTS.withSlotWindow(65536), packets, times);
            assertThat(w256).as("seed %d", seed).isNotEmpty();
            long duplicates = 0;
            long late = 0;
            int restarts = 0;
            for (StreamSummary s : w256) {
                duplicates += s.sequence().duplicates();
                late += s.sequence().late();
                restarts += s.sequence().restarts();
            }
            dup += duplicates;
            lates += late;
            restartsSeen += restarts;
            assertThat(w256).as("seed %d: 256 against 1024 slots", seed).isEqualTo(w1024);
            assertThat(w256).as("seed %d: 256 against 65536 slots", seed).isEqualTo(w65536);
        }
        // The traffic does reach the window: duplicates, late packets and restarts were all seen.
        assertThat(dup).isPositive();
        assertThat(lates).isPositive();
        assertThat(restartsSeen).isPositive();
    }

    private static List<StreamSummary> run(QualityConfig config, List<byte[]> packets, List<Long> times) {
        QualityEngine q = new QualityEngine(config);
        q.declareEndpoint(new MediaEndpoint(RtpPackets.B_HI, RtpPackets.B_LO, 40002, 0, false,
                PayloadMap.of(new PayloadFormat(0, "PCMU", 8000)), 20, "call", 0, false, true));
        for (int i = 0; i < packets.size(); i++) {
            RtpPackets.send(q, times.get(i), 40000, 40002, packets.get(i));
        }
        return q.summaries();
    }

    /** One PCMU stream of some 6,000 packets with every kind of sequence trouble. */
    private static void hostileStream(Random r, List<byte[]> packets, List<Long> times) {
        int seq = r.nextInt(65536);
        long ts = r.nextInt();
        long ssrc = 0x1234_5678L;
        long t = 1_000_000_000L;
        List<int[]> recent = new ArrayList<>(); // {seq, ts} of sent packets, for repeats
        for (int i = 0; i < 6000; i++) {
            int roll = r.nextInt(1000);
            if (roll < 8) {
                seq = (seq + 1 + r.nextInt(5000)) & 0xffff; // a gap, sometimes past MAX_DROPOUT (3000)
            } else if (roll < 10) {
                seq = r.nextInt(65536); // a jump: after two in a row, a restart
            } else {
                seq = (seq + 1) & 0xffff;
            }
            ts += 160;
            t += 20_000_000L + r.nextInt(6_000_000);
            List<int[]> burst = new ArrayList<>();
            burst.add(new int[] {seq, (int) ts});
            if (r.nextInt(40) == 0 && recent.size() > 10) {
                // An old packet again: within MAX_MISORDER (a duplicate or late) or far behind it.
                int back = r.nextInt(Math.min(recent.size(), 1500));
                burst.add(recent.get(recent.size() - 1 - back));
            }
            if (r.nextInt(30) == 0) {
                Collections.shuffle(burst, r);
            }
            for (int[] p : burst) {
                if (r.nextInt(100) != 0) { // 1 % lost
                    packets.add(RtpPackets.rtp(p[0], p[1] & 0xffffffffL, 0, false, ssrc, 160));
                    times.add(t);
                    t += 100_000;
                }
            }
            recent.add(new int[] {seq, (int) ts});
        }
        // Some reordering beyond MAX_MISORDER: a packet held back by 100 to 300 places.
        for (int k = 0; k < 40; k++) {
            int from = r.nextInt(packets.size() - 400);
            int to = from + 100 + r.nextInt(200);
            packets.add(to, packets.remove(from));
        }
    }
}
