package dev.sipscope.samples;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameWriter;
import dev.sipscope.samples.net.FrameEmitter;
import dev.sipscope.samples.net.MergedGenerator;
import dev.sipscope.samples.net.PacketBuilder;
import dev.sipscope.samples.net.SeededRandom;
import java.io.IOException;
import java.util.Iterator;

/**
 * Writes a stream of scenario items to a {@link FrameWriter} in capture-time order, opening each
 * item only when the merge reaches its start time and dropping it once it has emitted its last
 * frame. Memory therefore grows with the number of items active at once, not with the length of
 * the capture, so multi-gigabyte captures stream straight to disk.
 *
 * <p>Items must come in non-decreasing {@link ScenarioItem#atMillis()} order. The output depends
 * only on the seed, the start time and the items.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {
    }

    public static RunStats run(long seed, long startNanos, Iterator<ScenarioItem> items, FrameWriter out, TruthSink sink)
            throws IOException {
        PacketBuilder packets = new PacketBuilder(SeededRandom.derive(seed, -1));
        MergedGenerator merge = new MergedGenerator();
        CountingEmitter emitter = new CountingEmitter(out);
        int index = 0;
        int maxActive = 0;
        ScenarioItem pending = items.hasNext() ? items.next() : null;
        long lastAt = Long.MIN_VALUE;
        while (true) {
            while (pending != null && startNanos + pending.atMillis() * 1_000_000L <= merge.nextNanos()) {
                if (pending.atMillis() < lastAt) {
                    throw new IllegalArgumentException("scenario items must come in start order: item " + index
                            + " starts at " + pending.atMillis() + " ms, before " + lastAt + " ms");
                }
                lastAt = pending.atMillis();
                merge.add(pending.open(index++, startNanos, packets, seed, sink));
                maxActive = Math.max(maxActive, merge.active());
                pending = items.hasNext() ? items.next() : null;
            }
            if (merge.nextNanos() == MergedGenerator.DONE) {
                break;
            }
            merge.emitNext(emitter);
        }
        out.flush();
        return new RunStats(emitter.frames, emitter.bytes, emitter.first, emitter.last, index, maxActive);
    }

    /** Numbers frames, checks their order and passes them on. */
    private static final class CountingEmitter implements FrameEmitter {
        private final FrameWriter out;
        long frames;
        long bytes;
        long first = -1;
        long last = -1;

        CountingEmitter(FrameWriter out) {
            this.out = out;
        }

        @Override
        public long emit(Frame frame) throws IOException {
            long t = frame.timestampNanos();
            if (t < last) {
                throw new IllegalStateException("frame " + (frames + 1) + " goes back in time: " + t + " < " + last);
            }
            if (first < 0) {
                first = t;
            }
            last = t;
            bytes += frame.capturedLength();
            out.write(frame);
            return ++frames;
        }
    }
}
