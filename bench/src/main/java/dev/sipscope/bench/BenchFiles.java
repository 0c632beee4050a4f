package dev.sipscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where benchmarks find their input capture: {@code -p file=...}, else {@code bench/data/rtp-heavy.pcap}. */
final class BenchFiles {
    static final String DEFAULT = "bench/data/rtp-heavy.pcap";

    private BenchFiles() {
    }

    static Path resolve(String param) {
        Path p = Path.of(param == null || param.isEmpty() ? DEFAULT : param);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("benchmark input " + p.toAbsolutePath()
                    + " is missing: run bench/reader-vs-tcpdump.sh once (it generates it), or pass -p file=CAPTURE");
        }
        return p;
    }
}
