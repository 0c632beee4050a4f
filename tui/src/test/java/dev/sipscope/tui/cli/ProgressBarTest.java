package dev.sipscope.tui.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {
    private static final String MIXED =
            Path.of(System.getProperty("sipscope.root", "..")).resolve("samples/captures/calls-mixed.pcap").toString();

    @Test
    void barShowsPercentBytesAndFrames() {
        assertThat(ProgressBar.line(1_234_567, 450_000_000L, 1_000_000_000L))
                .isEqualTo("[#########...........]  45%  450.0 MB of 1.0 GB  1,234,567 frames");
        assertThat(ProgressBar.line(10, 2_000_000L, -1)).isEqualTo("sipscope: 2.0 MB read, 10 frames");
    }

    @Test
    void explicitOptionWinsOverTheTerminalTest() {
        assertThat(ProgressBar.wanted(true, 10, false)).isTrue();
        assertThat(ProgressBar.wanted(false, Long.MAX_VALUE, true)).isFalse();
    }

    @Test
    void progressGoesToStderrAndIsErasedWhileStdoutStaysClean() {
        AnalyzeCsvTest.Run on = AnalyzeCsvTest.run("analyze", "--progress", "--format", "csv", MIXED);
        assertThat(on.exitCode()).isZero();
        assertThat(on.err()).startsWith("\r[####################] 100%").endsWith("\r\u001b[K");
        assertThat(on.out()).doesNotContain("\r[", "\u001b");
        AnalyzeCsvTest.Run off = AnalyzeCsvTest.run("stats", "--no-progress", MIXED);
        assertThat(off.err()).isEmpty();
        AnalyzeCsvTest.Run stats = AnalyzeCsvTest.run("stats", "--progress", MIXED);
        assertThat(stats.err()).contains("100%");
    }
}
