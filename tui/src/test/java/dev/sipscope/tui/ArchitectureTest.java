package dev.sipscope.tui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the module arrows of docs/ARCHITECTURE.md: every reference from one module's main sources
 * to another sipscope module must point "down" the pipeline, and only the live-capture package
 * may touch pcap4j or JNA.
 */
class ArchitectureTest {
    private static final Map<String, Set<String>> MAY_USE = Map.of(
            "capture", Set.of("capture"),
            "samples", Set.of("samples", "capture"),
            "decoder", Set.of("decoder", "capture"),
            "quality", Set.of("quality", "decoder", "capture"),
            "correlator", Set.of("correlator", "quality", "decoder", "capture"),
            "tui", Set.of("tui", "correlator", "quality", "decoder", "capture"),
            "bench", Set.of("bench", "tui", "correlator", "quality", "decoder", "capture", "samples"));
    private static final Pattern REF = Pattern.compile("\\bdev\\.sipscope\\.(\\w+)");
    private static final Pattern NATIVE = Pattern.compile("\\b(org\\.pcap4j|com\\.sun\\.jna)\\.");

    @Test
    void modulesOnlyImportDownThePipeline() throws IOException {
        Path root = Path.of(System.getProperty("sipscope.root", "..")).toAbsolutePath().normalize();
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (Map.Entry<String, Set<String>> e : MAY_USE.entrySet()) {
            Path src = root.resolve(e.getKey()).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(src)) {
                for (Path p : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".java"))::iterator) {
                    files++;
                    String text = Files.readString(p);
                    Matcher m = REF.matcher(text);
                    while (m.find()) {
                        if (!e.getValue().contains(m.group(1))) {
                            violations.add(root.relativize(p) + " uses dev.sipscope." + m.group(1));
                        }
                    }
                    boolean livePackage = p.toString().replace('\\', '/').contains("/dev/sipscope/capture/live/");
                    if (!livePackage && NATIVE.matcher(text).find()) {
                        violations.add(root.relativize(p) + " touches pcap4j/JNA outside dev.sipscope.capture.live");
                    }
                }
            }
        }
        assertThat(files).as("main source files found under " + root).isGreaterThan(10);
        assertThat(violations).isEmpty();
    }
}
