package dev.sipscope.samples;

import dev.sipscope.samples.net.FrameEmitter;
import dev.sipscope.samples.net.FrameGenerator;
import java.io.IOException;

/**
 * Base of the multi-element scenario items: the script plans everything on a {@link SipNet} in its
 * constructor; once the last frame is out, {@link #deliver()} hands the truth to the sink.
 */
abstract class ScriptedGenerator implements FrameGenerator {
    final SipNet net;
    private boolean finished;

    ScriptedGenerator(SipNet net) {
        this.net = net;
    }

    @Override
    public long nextNanos() {
        return net.nextNanos();
    }

    @Override
    public void emitNext(FrameEmitter out) throws IOException {
        net.emitNext(out);
    }

    @Override
    public void finish() {
        if (!finished) {
            finished = true;
            net.finish();
            deliver();
        }
    }

    /** Passes the item's truth on; every frame has been emitted, so frame numbers are known. */
    abstract void deliver();
}
