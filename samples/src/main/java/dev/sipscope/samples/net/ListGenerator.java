package dev.sipscope.samples.net;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A generator over frames built in advance (signalling, handshakes: a few per call). Frames are
 * sorted by time, ties kept in insertion order. Each frame may carry a listener told the frame
 * number it received in the capture.
 */
public final class ListGenerator implements FrameGenerator {
    private record Item(long tsNanos, byte[] bytes, LongConsumer onEmit, int order) {
    }

    private final List<Item> items = new ArrayList<>();
    private final Frame frame = new Frame();
    private boolean sorted;
    private int next;

    /** Adds a frame; {@code onEmit} (nullable) receives its frame number when it is written. */
    public void add(WireFrame f, LongConsumer onEmit) {
        if (next > 0) {
            throw new IllegalStateException("cannot add frames once emission started");
        }
        items.add(new Item(f.tsNanos(), f.bytes(), onEmit, items.size()));
        sorted = false;
    }

    public void addAll(List<WireFrame> frames, LongConsumer onEmit) {
        for (WireFrame f : frames) {
            add(f, onEmit);
        }
    }

    public int size() {
        return items.size();
    }

    @Override
    public long nextNanos() {
        sort();
        return next < items.size() ? items.get(next).tsNanos : DONE;
    }

    @Override
    public void emitNext(FrameEmitter out) throws IOException {
        sort();
        Item it = items.get(next);
        items.set(next, null); // let emitted bytes go
        next++;
        frame.set(it.tsNanos, LinkType.ETHERNET, 0, it.bytes, 0, it.bytes.length, it.bytes.length);
        long number = out.emit(frame);
        if (it.onEmit != null) {
            it.onEmit.accept(number);
        }
    }

    private void sort() {
        if (!sorted) {
            items.subList(next, items.size()).sort(Comparator.comparingLong(Item::tsNanos).thenComparingInt(Item::order));
            sorted = true;
        }
    }
}
