package dev.sipscope.tui.export;

import dev.sipscope.tui.model.CallDetail;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.FeedControl;
import dev.sipscope.tui.model.Formats;
import dev.sipscope.tui.view.Glyphs;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongFunction;

/**
 * Writes saves on a background thread (one at a time, in order) so the UI never waits for a disk.
 * Each save ends with one sentence ({@link Outcome}) the UI thread collects with {@link #poll()}.
 * The rows and details handed in are immutable snapshots.
 */
public final class Saver implements AutoCloseable {
    public static final String THREAD_NAME = "save";

    /** How a save ended: a sentence for the footer, and whether it worked. */
    public record Outcome(String message, boolean ok, int calls) {
    }

    private final FeedControl feed;
    private final Glyphs glyphs;
    private final ZoneId zone;
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.ExecutorService executor;

    public Saver(FeedControl feed, Glyphs glyphs, ZoneId zone) {
        this.feed = feed;
        this.glyphs = glyphs;
        this.zone = zone;
        this.executor = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Queues a save; returns at once. {@code details} must read immutable data only (a snapshot's),
     * as it runs on the saving thread.
     */
    public void submit(SaveFormat format, Path target, List<CallRow> rows, LongFunction<CallDetail> details) {
        List<CallRow> r = List.copyOf(rows);
        executor.execute(() -> outcomes.add(save(format, target, r, details)));
    }

    /** Runs a save on the calling thread. */
    public Outcome save(SaveFormat format, Path target, List<CallRow> rows, LongFunction<CallDetail> details) {
        String what = rows.size() == 1 ? "call " + rows.get(0).key() : Formats.count(rows.size()) + " calls";
        try {
            switch (format) {
                case PCAP:
                case PCAPNG: {
                    List<Long> keys = new ArrayList<>();
                    for (CallRow row : rows) {
                        keys.add(row.key());
                    }
                    long packets = feed.savePackets(keys, target, format == SaveFormat.PCAPNG);
                    return new Outcome("Saved " + what + " (" + Formats.count(packets) + " packets) to " + target + ".",
                            true, rows.size());
                }
                case CSV:
                    try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                        CallCsv.write(w, rows, zone);
                    }
                    return new Outcome("Saved " + what + " as CSV to " + target + ".", true, rows.size());
                case TEXT:
                    List<CallDetail> ds = new ArrayList<>(rows.size());
                    for (CallRow row : rows) {
                        CallDetail d = details.apply(row.key());
                        ds.add(d == null ? CallDetail.empty(row.key()) : d);
                    }
                    try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                        LadderText.write(w, rows, ds, glyphs, zone);
                    }
                    return new Outcome("Saved the call flow of " + what + " to " + target + ".", true, rows.size());
                default:
                    throw new AssertionError(format);
            }
        } catch (IOException | RuntimeException e) {
            return new Outcome("Cannot save to " + target + ": " + reason(e) + ".", false, 0);
        }
    }

    static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "its directory does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        m = m.strip();
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }

    /** The next finished save, or null. */
    public Outcome poll() {
        return outcomes.poll();
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
