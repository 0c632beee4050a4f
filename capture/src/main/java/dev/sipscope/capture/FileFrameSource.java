package dev.sipscope.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the pcap and pcapng readers share: the buffer, the frame they reuse, how a read ends,
 * warnings, and progress.
 *
 * <p>Ending: {@link #endClean()} at the end of input on a record boundary; {@link #endTruncated}
 * when the input stops inside a record; {@link #endCorrupt} when a length field cannot be
 * trusted. The last two set {@link #truncated()} and add one warning naming the byte offset and
 * how many frames were delivered. After any end, {@link #next()} keeps returning null.
 */
abstract class FileFrameSource implements FrameSource {
    final String name;
    /** The name as messages show it ({@code standard input} for {@code -}). */
    final String displayName;
    final ByteInput input;
    final RecordBuffer in;
    final Frame frame = new Frame();
    private final long size;
    private final List<String> warnings = new ArrayList<>(2);
    long frameCount;
    boolean ended;
    private boolean truncated;
    private boolean closed;

    FileFrameSource(String name, ByteInput input, RecordBuffer in, long size) {
        this.name = name;
        this.displayName = CaptureFiles.displayName(name);
        this.input = input;
        this.in = in;
        this.size = size;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Frames handed out so far. */
    public final long frameCount() {
        return frameCount;
    }

    @Override
    public final boolean truncated() {
        return truncated || input.damage() != null;
    }

    @Override
    public List<String> warnings() {
        List<String> extra = extraWarnings();
        String damage = input.damage();
        if (extra.isEmpty() && damage == null) {
            return Collections.unmodifiableList(warnings);
        }
        List<String> all = new ArrayList<>(warnings.size() + extra.size() + 1);
        if (damage != null) {
            all.add(displayName + ": " + damage + "; " + before());
        }
        all.addAll(warnings);
        all.addAll(extra);
        return Collections.unmodifiableList(all);
    }

    /** Warnings built from counters (blocks skipped and the like); empty by default. */
    List<String> extraWarnings() {
        return List.of();
    }

    @Override
    public final long position() {
        return input.compressed() ? input.deviceBytesRead() : in.offset();
    }

    @Override
    public final boolean compressed() {
        return input.compressed();
    }

    @Override
    public final long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            ended = true;
            in.stop();
            input.close();
        }
    }

    final Frame endClean() {
        ended = true;
        return null;
    }

    /** Ends the read at a record that the input cuts short, starting at stream offset {@code recordOffset}. */
    final Frame endTruncated(long recordOffset) {
        ended = true;
        if (input.damage() == null) {
            truncated = true;
            warnings.add(displayName + ": truncated record at byte " + recordOffset + "; " + before());
        }
        return null;
    }

    /** Ends the read at a record whose framing cannot be trusted; {@code reason} says why. */
    final Frame endCorrupt(long recordOffset, String reason) {
        ended = true;
        truncated = true;
        warnings.add(displayName + ": corrupt record at byte " + recordOffset + " (" + reason + "); " + before());
        return null;
    }

    /** Adds a warning that does not end the read. */
    final void warn(String sentence) {
        warnings.add(displayName + ": " + sentence);
    }

    private String before() {
        return framesBefore(frameCount);
    }

    /** How the end-of-read warnings count what was delivered: "the 3 frames before it were read". */
    static String framesBefore(long frameCount) {
        if (frameCount == 0) {
            return "no frame before it was read";
        }
        return "the " + frames(frameCount) + " before it " + (frameCount == 1 ? "was" : "were") + " read";
    }

    static String frames(long count) {
        return count == 1 ? "1 frame" : count + " frames";
    }
}
