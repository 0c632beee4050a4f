package dev.sipscope.bench;

import dev.sipscope.capture.live.LiveCaptureException;
import dev.sipscope.capture.live.LiveOptions;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.tui.feed.CaptureFeed;
import dev.sipscope.tui.feed.LiveSource;
import dev.sipscope.tui.feed.TableOptions;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.model.StatusCounters;
import dev.sipscope.tui.model.ViewSpec;
import dev.sipscope.tui.model.ViewWorker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The TUI's live analysis path without a terminal: a {@link LiveSource} (libpcap, capture thread,
 * bounded queue) feeding a {@link CaptureFeed} (decoder, correlator, RTP quality; a snapshot every
 * 250 ms) and a {@link ViewWorker} (filters and sorts each snapshot for the call list), wired as
 * {@code sipscope -i IFACE} wires them; only the drawing is left out.
 *
 * <p>Command line: {@code LiveFeedLoad -i IFACE [--seconds S] [--until-file F] [-B MiB] [FILTER...]}: runs S
 * seconds (default 30) or until the file F exists, whichever comes first. Prints the
 * status counters the TUI's status bar shows once a second on stderr, then one line on stdout:
 * {@code FEED frames kernelDrops queueDrops calls sipMessages heapUsedBytes engineCpuSeconds captureCpuSeconds}.
 */
public final class LiveFeedLoad {
    private LiveFeedLoad() {
    }

    public static void main(String[] args) throws Exception {
        String iface = "lo";
        double seconds = 30;
        int bufferMiB = 0;
        java.nio.file.Path untilFile = null;
        StringBuilder filter = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-i": iface = args[++i]; break;
                case "--seconds": seconds = Double.parseDouble(args[++i]); break;
                case "-B": bufferMiB = Integer.parseInt(args[++i]); break;
                case "--until-file": untilFile = java.nio.file.Path.of(args[++i]); break;
                default: filter.append(filter.length() == 0 ? "" : " ").append(args[i]);
            }
        }
        LiveOptions.Builder options = LiveOptions.builder(iface).filter(filter.toString()).promiscuous(false);
        // as sipscope -i does (UiLauncher): live analysis' kernel buffer (unless -B says) and queue
        LiveSource.forAnalysis(options, bufferMiB);
        LiveSource source;
        try {
            source = LiveSource.open(options.build());
        } catch (LiveCaptureException e) {
            System.err.println("live feed: " + e.getMessage());
            System.exit(2);
            return;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CaptureFeed feed = new CaptureFeed(source, DecoderConfig.DEFAULTS, TableOptions.DEFAULTS).start();
        ViewWorker worker = new ViewWorker(feed, ViewSpec.DEFAULT).start();
        System.err.println("live feed on " + iface + (filter.length() > 0 ? " (" + filter + ")" : "") + " for " + seconds + " s");
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long lastFrames = 0;
        while (System.nanoTime() - end < 0 && (untilFile == null || !java.nio.file.Files.exists(untilFile))) {
            Thread.sleep(1000);
            StatusCounters s = feed.get().status();
            System.err.printf(Locale.ROOT, "%5.1f s: %,d frames (%,d/s), kernel drops %,d, queue drops %,d, %,d calls, %,d SIP, heap %d MB%n",
                    (System.nanoTime() - start) / 1e9, s.frames(), s.frames() - lastFrames, s.kernelDrops(), s.queueDrops(),
                    s.calls(), s.sipMessages(), s.heapUsedBytes() >> 20);
            lastFrames = s.frames();
        }
        long engineCpu = cpuOf(threads, CaptureFeed.THREAD_NAME);
        long captureCpu = cpuOf(threads, dev.sipscope.capture.live.LiveFrameSource.THREAD_NAME);
        source.stop();
        if (!feed.awaitFinished(10_000)) {
            System.err.println("live feed: the engine did not finish within 10 s of the stop");
        }
        FeedSnapshot last = feed.get();
        worker.close();
        feed.close();
        source.close();
        StatusCounters s = last.status();
        System.err.printf(Locale.ROOT, "final: %,d frames analysed, kernel drops %,d, queue drops %,d, %,d calls, %,d SIP messages;"
                + " CPU: engine thread %.1f s, capture thread %.1f s%n", s.frames(), s.kernelDrops(), s.queueDrops(), s.calls(),
                s.sipMessages(), engineCpu / 1e9, captureCpu / 1e9);
        System.out.printf(Locale.ROOT, "FEED %d %d %d %d %d %d %.3f %.3f%n", s.frames(), s.kernelDrops(), s.queueDrops(), s.calls(),
                s.sipMessages(), s.heapUsedBytes(), engineCpu / 1e9, captureCpu / 1e9);
        System.exit(0);
    }

    /** CPU nanoseconds of the live thread named {@code name}, or -1. */
    private static long cpuOf(ThreadMXBean threads, String name) {
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            if (info != null && info.getThreadName().equals(name)) {
                return threads.getThreadCpuTime(id);
            }
        }
        return -1;
    }
}
