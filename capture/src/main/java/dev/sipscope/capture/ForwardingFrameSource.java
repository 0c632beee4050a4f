package dev.sipscope.capture;

import java.io.IOException;
import java.util.List;

/**
 * A {@link FrameSource} that passes every call on to another one: subclasses override
 * {@link #next()} (to count, mask or otherwise look at each frame) and inherit the rest. Closing
 * it closes the source it wraps.
 */
public abstract class ForwardingFrameSource implements FrameSource {
    protected final FrameSource in;

    protected ForwardingFrameSource(FrameSource in) {
        this.in = in;
    }

    @Override
    public Frame next() throws IOException {
        return in.next();
    }

    @Override
    public String name() {
        return in.name();
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return in.interfaces();
    }

    @Override
    public boolean truncated() {
        return in.truncated();
    }

    @Override
    public List<String> warnings() {
        return in.warnings();
    }

    @Override
    public long position() {
        return in.position();
    }

    @Override
    public long size() {
        return in.size();
    }

    @Override
    public boolean compressed() {
        return in.compressed();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
