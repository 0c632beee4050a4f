package dev.sipscope.capture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole source into detached frames, for assertions. */
final class Reads {
    private Reads() {
    }

    record Result(List<Frame> frames, boolean truncated, List<String> warnings, List<InterfaceInfo> interfaces,
                  long position) {
        Frame frame(int i) {
            return frames.get(i);
        }
    }

    static Result read(byte[] bytes) throws IOException {
        return read(bytes, "fixture.bin");
    }

    static Result read(byte[] bytes, String name) throws IOException {
        try (FrameSource source = CaptureFiles.open(new ByteArrayInputStream(bytes), name)) {
            return drain(source);
        }
    }

    /** Reads every frame; after the end, next() must keep returning null. */
    static Result drain(FrameSource source) throws IOException {
        List<Frame> frames = new ArrayList<>();
        Frame f;
        while ((f = source.next()) != null) {
            frames.add(f.copy());
        }
        if (source.next() != null) {
            throw new AssertionError("next() returned a frame after the end");
        }
        return new Result(frames, source.truncated(), source.warnings(), List.copyOf(source.interfaces()),
                source.position());
    }
}
