package dev.sipscope.tui.feed;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.InterfaceInfo;
import dev.sipscope.tui.model.SourceKind;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Capture files (pcap, pcapng, gzip'ed or not; several are merged in time order), read as fast as
 * the engine goes. Standard input ({@code -}) can be read but not read again, so saving from it
 * keeps copies of the SIP frames instead.
 */
public final class FileSource implements PacketSource {
    private final List<String> names;
    private final FrameSource source;
    private volatile boolean stopped;
    private boolean done;

    private FileSource(List<String> names, FrameSource source) {
        this.names = List.copyOf(names);
        this.source = source;
    }

    /** Opens the files; the exception's message is one sentence naming the file. */
    public static FileSource open(List<String> names) throws IOException {
        if (names.size() == 1) {
            return new FileSource(names, CaptureFiles.openReadingAhead(names.get(0)));
        }
        List<Path> paths = new ArrayList<>();
        for (String n : names) {
            paths.add(Path.of(n));
        }
        return new FileSource(names, CaptureFiles.openAll(paths));
    }

    @Override
    public Frame poll(long timeoutMillis) throws IOException {
        if (done || stopped) {
            done = true;
            return null;
        }
        Frame f = source.next();
        if (f == null) {
            done = true;
        }
        return f;
    }

    @Override
    public boolean finished() {
        return done;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.FILE;
    }

    @Override
    public String name() {
        return String.join(", ", names);
    }

    @Override
    public double progress() {
        long size = source.size();
        return size > 0 ? Math.min(1.0, (double) source.position() / size) : -1;
    }

    @Override
    public String problem() {
        List<String> w = source.warnings();
        return source.truncated() && !w.isEmpty() ? w.get(w.size() - 1) : null;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return source.interfaces();
    }

    /** True when the frames can be read a second time (not standard input). */
    public boolean rereadable() {
        return !names.contains(CaptureFiles.STDIN);
    }

    @Override
    public FrameSource reopen() throws IOException {
        if (!rereadable()) {
            return null;
        }
        if (names.size() == 1) {
            return CaptureFiles.open(names.get(0));
        }
        List<Path> paths = new ArrayList<>();
        for (String n : names) {
            paths.add(Path.of(n));
        }
        return CaptureFiles.openAll(paths);
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (IOException ignored) {
            // reading is over; nothing to tell the user
        }
    }
}
