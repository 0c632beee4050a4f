package dev.sipscope.correlator.privacy;

import dev.sipscope.capture.ForwardingFrameSource;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;

import java.io.IOException;

/** A {@link FrameSource} whose frames are masked by a {@link FrameMasker} as they are read (in the source's buffer). */
public final class MaskingFrameSource extends ForwardingFrameSource {
    private final FrameMasker masker;

    public MaskingFrameSource(FrameSource in, FrameMasker masker) {
        super(in);
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
}
