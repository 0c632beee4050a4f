package dev.sipscope.quality;

import static dev.sipscope.quality.RtpPackets.ms;
import static dev.sipscope.quality.RtpPackets.rtp;
import static dev.sipscope.quality.RtpPackets.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The per-stream time series of {@link StreamSummary#series()}: buckets, loss placement, merging. */
class StreamSeriesTest {
    private static final long T0 = 1_700_000_000_000_000_000L;

    /** Packets k = 0..count-1 every 20 ms, skipping the numbers in [lossFrom, lossTo), with an optional delay spike. */
    private static StreamSummary stream(int count, int lossFrom, int lossTo, int spikeAt) {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        q.declareEndpoint(MediaEndpoint.of("10.0.0.2", 40002,
                PayloadMap.of(new PayloadFormat(0, "PCMU", 8000)), "call", 0));
        for (int k = 0; k < count; k++) {
            if (k >= lossFrom && k < lossTo) {
                continue;
            }
            double extra = k == spikeAt ? 80 : 0;
            send(q, T0 + ms(20.0 * k + extra), 40000, 40002, rtp(k & 0xffff, 160L * k, 0, false, 0x5150L, 160));
        }
        assertThat(q.summaries()).hasSize(1);
        return q.summaries().get(0);
    }

    @Test
    void lossBurstAtAKnownTimeShowsInItsBucket() {
        // 10 s of 50 packets/s; packets 250..259 (5.00 s..5.18 s) lost: the gap is seen at packet 260 (5.2 s).
        StreamSummary s = stream(500, 250, 260, -1);
        StreamSummaries.Series series = s.series();
        assertThat(series.bucketNanos()).isEqualTo(1_000_000_000L);
        assertThat(series.startNanos()).isEqualTo(T0);
        assertThat(series.length()).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            assertThat(series.lostAt(i)).as("bucket %d", i).isEqualTo(i == 5 ? 10 : 0);
            assertThat(series.receivedAt(i)).as("bucket %d", i).isEqualTo(i == 5 ? 40 : 50);
        }
        assertThat(series.lossPercentAt(5)).isCloseTo(20.0, within(1e-9));
        assertThat(Arrays.stream(series.lost()).sum()).isEqualTo(s.sequence().lostRfc());
        assertThat(Arrays.stream(series.received()).sum()).isEqualTo(s.packets());
    }

    @Test
    void jitterSpikeShowsInItsBucketOnly() {
        StreamSummary s = stream(500, -1, -1, 175);
        StreamSummaries.Series series = s.series();
        assertThat(series.maxJitterMsAt(3)).isGreaterThan(4.0);
        assertThat(series.maxJitterMsAt(1)).isLessThan(0.01);
        double worst = Arrays.stream(series.maxJitterMs()).max().orElseThrow();
        assertThat(worst).isCloseTo(s.ws40().maxJitterMs(), within(1e-3));
    }

    @Test
    void longStreamMergesBucketsAndKeepsTotals() {
        // 20 minutes at 50 packets/s: more seconds than buckets, so pairs were merged at least once.
        int count = 50 * 1200;
        StreamSummary s = stream(count, 50 * 700, 50 * 700 + 25, -1);
        StreamSummaries.Series series = s.series();
        assertThat(series.length()).isLessThanOrEqualTo(SeriesBuckets.MAX_BUCKETS);
        assertThat(series.bucketNanos()).isEqualTo(4_000_000_000L);
        assertThat(series.length()).isEqualTo(300);
        assertThat(Arrays.stream(series.received()).sum()).isEqualTo(s.packets());
        assertThat(Arrays.stream(series.lost()).sum()).isEqualTo(25).isEqualTo((int) s.sequence().lostRfc());
        // The gap at 700.5 s is seen in the 4 s bucket 175 (700 s..704 s).
        assertThat(series.lostAt(175)).isEqualTo(25);
        assertThat(series.receivedAt(0)).isEqualTo(200);
    }

    @Test
    void latePacketFillingAGapIsTakenBackAndTotalsMatch() {
        QualityEngine q = new QualityEngine(QualityConfig.DEFAULTS);
        q.declareEndpoint(MediaEndpoint.of("10.0.0.2", 40002,
                PayloadMap.of(new PayloadFormat(0, "PCMU", 8000)), "call", 0));
        for (int k = 0; k < 200; k++) {
            if (k == 90) {
                continue;
            }
            send(q, T0 + ms(20.0 * k), 40000, 40002, rtp(k, 160L * k, 0, false, 0x77L, 160));
            if (k == 120) {
                // Packet 90 arrives 0.6 s late, in the next bucket.
                send(q, T0 + ms(20.0 * k + 1), 40000, 40002, rtp(90, 160L * 90, 0, false, 0x77L, 160));
            }
        }
        StreamSummaries.Series series = q.summaries().get(0).series();
        assertThat(series.lostAt(1)).isEqualTo(1);
        assertThat(series.lostAt(2)).isEqualTo(-1);
        assertThat(series.lossPercentAt(2)).isZero();
        assertThat(Arrays.stream(series.lost()).sum()).isZero();
    }

    @Test
    void summaryCopyIsImmutable() {
        StreamSummary s = stream(100, -1, -1, -1);
        int[] r = s.series().received();
        r[0] = -5;
        assertThat(s.series().receivedAt(0)).isEqualTo(50);
        assertThat(s.series()).isEqualTo(s.series());
    }
}
