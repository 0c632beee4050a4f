package dev.sipscope.tui.cli;

import dev.sipscope.correlator.CaptureAnalysis;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on standard error while a batch command reads its input:
 * {@code [#########...........]  45%  1.2 of 2.6 GB  3,456,789 frames}, redrawn in place with a
 * carriage return and erased at the end. Redrawn only when the whole percent changes (the
 * analysis reports every {@value CaptureAnalysis#PROGRESS_EVERY_FRAMES} frames), so it costs
 * nothing measurable. Without a known size (standard input) it shows bytes and frames only.
 */
final class ProgressBar implements CaptureAnalysis.ProgressListener {
    /** Inputs smaller than this finish too fast for a bar to help; {@code --progress} shows it anyway. */
    static final long BIG_INPUT_BYTES = 64L << 20;
    static final int WIDTH = 20;

    private final PrintWriter err;
    private int lastPercent = -1;
    private long lastMiB = -1;
    private boolean drawn;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    /**
     * Whether to draw: {@code option} when given (--progress / --no-progress), else when standard
     * error is a terminal and the inputs add up to {@link #BIG_INPUT_BYTES} or more (or standard
     * input is read).
     */
    static boolean wanted(Boolean option, long totalSize, boolean readsStdin) {
        if (option != null) {
            return option;
        }
        return CaptureCommand.stderrIsTerminal() && (readsStdin || totalSize >= BIG_INPUT_BYTES);
    }

    @Override
    public void progress(long frames, long position, long size) {
        if (size > 0) {
            int percent = (int) Math.min(100, position * 100 / size);
            if (percent == lastPercent) {
                return;
            }
            lastPercent = percent;
        } else {
            long mib = position >> 20;
            if (mib == lastMiB) {
                return;
            }
            lastMiB = mib;
        }
        err.print("\r" + line(frames, position, size) + "\u001b[K");
        err.flush();
        drawn = true;
    }

    /** Erases the bar so that what follows starts on a clean line. */
    void finish() {
        if (drawn) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }

    static String line(long frames, long position, long size) {
        if (size <= 0) {
            return String.format(Locale.ROOT, "sipscope: %s read, %,d frames", CaptureCommand.humanBytes(position), frames);
        }
        int percent = (int) Math.min(100, position * 100 / size);
        int filled = percent * WIDTH / 100;
        StringBuilder bar = new StringBuilder(WIDTH + 2).append('[');
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '#' : '.');
        }
        bar.append(']');
        return String.format(Locale.ROOT, "%s %3d%%  %s of %s  %,d frames", bar, percent,
                CaptureCommand.humanBytes(position), CaptureCommand.humanBytes(size), frames);
    }
}
