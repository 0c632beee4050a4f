package dev.sipscope.correlator.diag;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Diagnostics#CODES} (what filters and --fail-on accept) is exactly what the class can emit. */
class DiagnosticCodesTest {
    @Test
    void theListOfCodesIsEveryCodeTheSourceEmitsSorted() throws IOException {
        Path root = Path.of(System.getProperty("sipscope.root", ".."));
        String source = Files.readString(root.resolve(
                "correlator/src/main/java/dev/sipscope/correlator/diag/Diagnostics.java"));
        Set<String> emitted = new TreeSet<>();
        Matcher m = Pattern.compile("new Diagnostic\\(\"([A-Z_]+)\"").matcher(source);
        while (m.find()) {
            emitted.add(m.group(1));
        }
        assertThat(emitted).isNotEmpty();
        assertThat(Diagnostics.CODES).containsExactlyElementsOf(emitted);
    }
}
