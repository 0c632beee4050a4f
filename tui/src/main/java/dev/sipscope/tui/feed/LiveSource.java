package dev.sipscope.tui.feed;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.InterfaceInfo;
import dev.sipscope.capture.live.LiveCaptureException;
import dev.sipscope.capture.live.LiveFrameSource;
import dev.sipscope.capture.live.LiveOptions;
import dev.sipscope.capture.live.LiveStats;
import dev.sipscope.tui.model.SourceKind;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A live interface through libpcap ({@link LiveFrameSource}): its own capture thread, a bounded queue, drop counters. */
public final class LiveSource implements PacketSource {
    /**
     * The kernel buffer for live analysis when the user gives none: 64 MiB, where {@code sipscope
     * capture} keeps libpcap's usual 8 MiB. The analysing process allocates far more than a capture
     * to a file, and a garbage collection pause stops the capture thread too (pcap4j runs libpcap on
     * a Java thread), so the kernel must hold the traffic meanwhile: 8 MiB holds about 140 ms of
     * 100,000 small RTP packets/s on Linux loopback (each packet takes room twice there), 64 MiB about
     * 1.1 s. The ring is memory-mapped and counts in the resident size as it fills.
     */
    public static final int DEFAULT_BUFFER_MIB = 64;
    /**
     * The queue between the capture thread and the engine for live analysis: 262,144 frames and
     * 64 MiB (where {@code sipscope capture} keeps 65,536 and 32 MiB), about 2.6 s of 100,000
     * small frames/s. It carries the traffic while the engine thread falls behind for a moment,
     * which it does when the capture starts (the analysis code not yet compiled, measured on a
     * loaded 2-core machine: some 0.9 s at 80,000 frames/s, which overflowed 65,536 frames) or
     * when the machine is short of CPU. The arena is allocated up front (about 75 MB with the slots).
     */
    public static final int DEFAULT_QUEUE_FRAMES = 1 << 18;
    public static final int DEFAULT_QUEUE_BYTES = 64 << 20;

    /**
     * Live analysis' sizes on {@code options}: the kernel buffer ({@code bufferMiB}, or
     * {@link #DEFAULT_BUFFER_MIB} when 0) and the queue ({@link #DEFAULT_QUEUE_FRAMES},
     * {@link #DEFAULT_QUEUE_BYTES}).
     */
    public static LiveOptions.Builder forAnalysis(LiveOptions.Builder options, int bufferMiB) {
        return options.bufferSizeBytes((bufferMiB > 0 ? bufferMiB : DEFAULT_BUFFER_MIB) << 20)
                .queueFrames(DEFAULT_QUEUE_FRAMES).queueBytes(DEFAULT_QUEUE_BYTES);
    }

    private final LiveFrameSource source;
    private volatile String problem;

    private LiveSource(LiveFrameSource source) {
        this.source = source;
    }

    /** Opens the interface; the exception's message says what to do (install libpcap, run as root...). */
    public static LiveSource open(LiveOptions options) throws LiveCaptureException {
        return new LiveSource(LiveFrameSource.open(options));
    }

    @Override
    public Frame poll(long timeoutMillis) throws IOException {
        try {
            return source.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (LiveCaptureException e) {
            problem = e.getMessage();
            return null;
        }
    }

    @Override
    public boolean finished() {
        return source.isFinished();
    }

    @Override
    public SourceKind kind() {
        return SourceKind.LIVE;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public String filter() {
        String f = source.options().filter();
        return f == null ? "" : f;
    }

    @Override
    public long kernelDrops() {
        LiveStats s = source.stats();
        return s.kernelDropped() + s.interfaceDropped();
    }

    @Override
    public long queueDrops() {
        return source.stats().queueDropped();
    }

    @Override
    public String problem() {
        return problem;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return source.interfaces();
    }

    /** Warnings from opening the interface (a filter that matches nothing, a buffer the kernel cut). */
    public List<String> warnings() {
        return source.warnings();
    }

    @Override
    public void stop() {
        source.stop();
    }

    @Override
    public void close() {
        source.close();
    }
}
