package dev.sipscope.decoder;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Access to the shared capture corpus for decoder tests, read through the capture module's readers. */
final class TestCaptureFiles {

    private TestCaptureFiles() {
    }

    /** The shared capture corpus; skips the calling test when it is absent. */
    static Path captures() {
        String shared = System.getProperty("sipscope.shared", "../shared");
        Path dir = Paths.get(shared, "captures");
        assumeTrue(Files.isDirectory(dir), "shared capture corpus not found at " + dir.toAbsolutePath()
                + " (set -Dsipscope.shared); skipping real-capture test");
        return dir;
    }

    /** Every frame of a capture of the shared corpus (detached copies); skips the test when the file is absent. */
    static List<Frame> read(String relativePath) throws IOException {
        Path file = captures().resolve(relativePath);
        assumeTrue(Files.isRegularFile(file), "capture " + file + " not found; skipping");
        return read(file);
    }

    static List<Frame> read(Path file) throws IOException {
        List<Frame> frames = new ArrayList<>();
        try (FrameSource source = CaptureFiles.open(file)) {
            for (Frame f = source.next(); f != null; f = source.next()) {
                frames.add(f.copy());
            }
        }
        return frames;
    }
}
