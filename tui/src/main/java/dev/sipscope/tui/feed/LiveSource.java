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
