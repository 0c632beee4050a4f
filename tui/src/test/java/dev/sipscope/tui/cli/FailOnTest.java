package dev.sipscope.tui.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --fail-on}: exit code 3 exactly when a call has a named diagnostic. */
class FailOnTest {
    private static final Path ROOT = Path.of(System.getProperty("sipscope.root", ".."));
    private static final String RETRANSMISSIONS = ROOT.resolve("samples/captures/call-retransmissions.pcap").toString();
    private static final String CLEAN = ROOT.resolve("samples/captures/call-udp-g711.pcap").toString();

    @Test
    void aNamedDiagnosticPresentGivesExitCodeThreeAfterTheFullReport() {
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("analyze", "--fail-on", "sip_retransmissions,LOW_MOS", RETRANSMISSIONS);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(r.out()).contains("Calls: 3");
        assertThat(r.err()).contains("sipscope: --fail-on matched: SIP_RETRANSMISSIONS in 3 calls");
    }

    @Test
    void diagnosticsNotNamedOrAbsentKeepExitCodeZero() {
        assertThat(AnalyzeCsvTest.run("analyze", "--fail-on", "LOW_MOS,ONE_WAY_AUDIO", RETRANSMISSIONS).exitCode()).isZero();
        assertThat(AnalyzeCsvTest.run("analyze", "--fail-on", "any", CLEAN).exitCode()).isZero();
        assertThat(AnalyzeCsvTest.run("analyze", "--format", "json", "--fail-on", "any", RETRANSMISSIONS).exitCode())
                .isEqualTo(ExitCodes.PROBLEMS);
    }

    @Test
    void anUnknownCodeIsAUsageError() {
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("analyze", "--fail-on", "NO_SUCH", CLEAN);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("sipscope: --fail-on: unknown diagnostic code 'NO_SUCH'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void knownCodesAreExactlyTheCodesDocumentedInJsonMd() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/JSON.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\| (info|warning|error)").matcher(doc);
        Set<String> documented = new TreeSet<>();
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(new TreeSet<>(FailOn.KNOWN)).isEqualTo(documented);
    }
}
