package dev.sipscope.samples.net;

import java.io.IOException;
import java.util.PriorityQueue;

/**
 * Merges generators in capture-time order. Frames with the same time come out in the order their
 * generators were added (then, for one generator, in its own order), so a merge is deterministic.
 * A generator is {@link FrameGenerator#finish() finished} as soon as it runs dry.
 * Generators may be added at any time, provided their first frame is not earlier than a frame
 * already emitted.
 */
public final class MergedGenerator implements FrameGenerator {
    private static final class Entry implements Comparable<Entry> {
        final FrameGenerator generator;
        final long order;
        long nextNanos;

        Entry(FrameGenerator generator, long order) {
            this.generator = generator;
            this.order = order;
            this.nextNanos = generator.nextNanos();
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(nextNanos, o.nextNanos);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long added;

    /** Adds a generator; one that is already empty is finished at once. */
    public void add(FrameGenerator generator) {
        Entry e = new Entry(generator, added++);
        if (e.nextNanos == DONE) {
            generator.finish();
        } else {
            queue.add(e);
        }
    }

    /** Number of generators that still have frames. */
    public int active() {
        return queue.size();
    }

    @Override
    public long nextNanos() {
        Entry head = queue.peek();
        return head == null ? DONE : head.nextNanos;
    }

    @Override
    public void emitNext(FrameEmitter out) throws IOException {
        Entry head = queue.poll();
        if (head == null) {
            throw new IllegalStateException("emitNext on an exhausted merge");
        }
        head.generator.emitNext(out);
        long next = head.generator.nextNanos();
        if (next == DONE) {
            head.generator.finish();
            return;
        }
        if (next < head.nextNanos) {
            throw new IllegalStateException("generator " + head.generator + " went back in time: " + next + " < " + head.nextNanos);
        }
        head.nextNanos = next;
        queue.add(head);
    }
}
