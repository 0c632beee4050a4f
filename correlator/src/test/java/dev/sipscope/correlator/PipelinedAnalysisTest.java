package dev.sipscope.correlator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.ForwardingFrameSource;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.correlator.media.QualityMediaSink;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.quality.QualityConfig;
import dev.sipscope.quality.QualityEngine;
import dev.sipscope.quality.StreamSummary;
import dev.sipscope.samples.SampleCaptures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CaptureAnalysis} over an engine whose stream statistics are fed in batches on a thread of their
 * own: the quality engine has caught up when {@code run} returns (same streams and counters as direct),
 * progress is reported, and a read error ends the run with that error and with the worker stopped.
 */
class PipelinedAnalysisTest {

    private record Outcome(CaptureSummary summary, List<StreamSummary> streams, String counters, List<Long> progress) {
    }

    private static Outcome analyze(String sample, QualityMediaSink.Mode mode) throws IOException {
        QualityEngine quality = new QualityEngine(QualityConfig.DEFAULTS);
        Engine engine = new Engine(EngineConfig.DEFAULTS, r -> QualityMediaSink.batched(r, quality, mode));
        List<Long> progress = new ArrayList<>();
        CaptureSummary summary;
        try (FrameSource in = CaptureFiles.open(SampleCaptures.directory().resolve(sample).toString())) {
            summary = new CaptureAnalysis(DecoderConfig.DEFAULTS, engine)
                    .onProgress((frames, position, size) -> progress.add(frames))
                    .run(in, List.of(sample));
        }
        return new Outcome(summary, quality.summaries(), quality.counters().toString(), progress);
    }

    @Test
    void theQualityEngineHasCaughtUpWhenRunReturns() throws IOException {
        for (String sample : List.of("rtp-impairments.pcap", "calls-mixed.pcap", "call-tcp.pcap")) {
            Outcome direct = analyze(sample, QualityMediaSink.Mode.DIRECT);
            for (QualityMediaSink.Mode mode : List.of(QualityMediaSink.Mode.INLINE, QualityMediaSink.Mode.THREAD)) {
                Outcome got = analyze(sample, mode);
                assertThat(got.counters()).as("%s %s", sample, mode).isEqualTo(direct.counters());
                assertThat(got.streams()).as("%s %s", sample, mode).hasSameSizeAs(direct.streams());
                for (int i = 0; i < got.streams().size(); i++) {
                    StreamSummary a = got.streams().get(i);
                    StreamSummary b = direct.streams().get(i);
                    assertThat(a.packets()).isEqualTo(b.packets());
                    assertThat(a.ws40()).isEqualTo(b.ws40());
                    assertThat(a.sequence()).isEqualTo(b.sequence());
                    assertThat(a.emodel()).isEqualTo(b.emodel());
                }
                assertThat(got.summary().sipMessages()).isEqualTo(direct.summary().sipMessages());
                assertThat(got.progress()).as("progress at the end").isNotEmpty()
                        .last().isEqualTo(got.summary().frames());
            }
        }
        assertThat(analyze("rtp-impairments.pcap", QualityMediaSink.Mode.THREAD).streams()).isNotEmpty();
    }

    @Test
    void aReadErrorEndsTheRunWithThatErrorAndStopsTheWorker() throws IOException {
        QualityEngine quality = new QualityEngine(QualityConfig.DEFAULTS);
        Engine engine = new Engine(EngineConfig.DEFAULTS,
                r -> QualityMediaSink.batched(r, quality, QualityMediaSink.Mode.THREAD));
        try (FrameSource in = CaptureFiles.open(SampleCaptures.directory().resolve("rtp-impairments.pcap").toString())) {
            FrameSource failing = new FailingAfter(in, 500);
            assertThatThrownBy(() -> new CaptureAnalysis(DecoderConfig.DEFAULTS, engine).run(failing, List.of("x")))
                    .isInstanceOf(IOException.class).hasMessage("disk went away");
        }
        assertThat(Thread.getAllStackTraces().keySet()).as("quality workers still running")
                .noneMatch(t -> t.getName().equals("quality") && t.isAlive() && isOurs(t));
        assertThat(quality.counters().datagrams()).as("what was read before the error reached the engine")
                .isPositive();
    }

    /** A worker left waiting on its queue would show QualityPipeline in its stack. */
    private static boolean isOurs(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().endsWith("QualityPipeline")) {
                return true;
            }
        }
        return false;
    }

    /** Hands out {@code limit} frames of another source, then fails. */
    private static final class FailingAfter extends ForwardingFrameSource {
        private int left;

        FailingAfter(FrameSource in, int limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public Frame next() throws IOException {
            if (left-- == 0) {
                throw new IOException("disk went away");
            }
            return in.next();
        }
    }
}
