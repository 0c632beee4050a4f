package dev.sipscope.correlator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files under {@code correlator/src/test/resources/golden}. Run the tests with
 * {@code -Dsipscope.regenerateGolden=true} to rewrite them from what the code now produces (then
 * review the diff before committing).
 */
public final class Golden {
    private Golden() {
    }

    public static boolean regenerating() {
        return Boolean.getBoolean("sipscope.regenerateGolden");
    }

    public static Path directory() {
        String root = System.getProperty("sipscope.root");
        Path module = root != null ? Path.of(root, "correlator") : Path.of("");
        return module.resolve(Path.of("src", "test", "resources", "golden"));
    }

    /** Compares {@code actual} with golden file {@code name} (or writes it when regenerating). */
    public static void check(String name, String actual) throws IOException {
        Path file = directory().resolve(name);
        if (regenerating()) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file %s is missing: run with -Dsipscope.regenerateGolden=true", file).exists();
        assertThat(actual).as("%s differs from its golden file (regenerate with -Dsipscope.regenerateGolden=true)", name)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
