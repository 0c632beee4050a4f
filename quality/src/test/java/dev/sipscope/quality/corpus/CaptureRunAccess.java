package dev.sipscope.quality.corpus;

import dev.sipscope.quality.QualityConfig;
import dev.sipscope.quality.StreamSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Lets tests in other packages run a capture through the decoder, SDP hints and the engine. */
public final class CaptureRunAccess {
    private CaptureRunAccess() {
    }

    public static List<StreamSummary> run(Path file, QualityConfig config) throws IOException {
        return CaptureRun.of(file, config).summaries();
    }
}
