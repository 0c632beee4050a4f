package dev.sipscope.correlator.privacy;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.InterfaceInfo;

import java.io.IOException;
import java.util.List;

/** A {@link FrameSource} whose frames are masked by a {@link FrameMasker} as they are read (in the source's buffer). */
public final class MaskingFrameSource implements FrameSource {
    private final FrameSource in;
    private final FrameMasker masker;

    public MaskingFrameSource(FrameSource in, FrameMasker masker) {
        this.in = in;
        this.masker = masker;
    }

    @Override
    public Frame next() throws IOException {
        Frame f = in.next();
        if (f != null) {
            masker.mask(f);
        }
        return f;
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
    public void close() throws IOException {
        in.close();
    }
}
