package dev.sipscope.correlator.export;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureStatsTest {

    @Test
    void percentilesUseTheNearestRank() {
        long[] ms = new long[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = (100 - i) * 1_000_000L;
        }
        CaptureStats.Percentiles p = CaptureStats.percentiles(ms, 100);
        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50Ms()).isEqualTo(50.0);
        assertThat(p.p90Ms()).isEqualTo(90.0);
        assertThat(p.p99Ms()).isEqualTo(99.0);
        CaptureStats.Percentiles one = CaptureStats.percentiles(new long[] {7_000_000L, 0}, 1);
        assertThat(one.p50Ms()).isEqualTo(7.0);
        assertThat(one.p99Ms()).isEqualTo(7.0);
        assertThat(CaptureStats.percentiles(new long[0], 0).p50Ms()).isNaN();
    }

    @Test
    void mosBandsFollowG107SatisfactionLimits() {
        assertThat(CaptureStats.band(4.41)).isZero();
        assertThat(CaptureStats.band(4.34)).isZero();
        assertThat(CaptureStats.band(4.33)).isEqualTo(1);
        assertThat(CaptureStats.band(3.6)).isEqualTo(2);
        assertThat(CaptureStats.band(3.0)).isEqualTo(4);
        assertThat(CaptureStats.band(1.0)).isEqualTo(5);
    }

    @Test
    void hostOfAnEndpointDropsThePort() {
        assertThat(CaptureStats.host("10.0.0.1:5060")).isEqualTo("10.0.0.1");
        assertThat(CaptureStats.host("[2001:db8::1]:5060")).isEqualTo("2001:db8::1");
    }
}
