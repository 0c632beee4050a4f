package dev.sipscope.tui.cli;

import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.diag.Diagnostic;
import dev.sipscope.correlator.diag.DiagnosticConfig;
import dev.sipscope.correlator.diag.Diagnostics;
import dev.sipscope.correlator.export.StreamsJson;
import dev.sipscope.quality.StreamSummary;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code --fail-on DIAG[,DIAG]}: the diagnostic codes that make a batch command exit with
 * {@link ExitCodes#PROBLEMS}. Codes are those of docs/JSON.md ({@link #KNOWN}, checked against it
 * by a test), case-insensitive; {@code any} matches every code.
 */
final class FailOn {
    /** The codes {@link Diagnostics} emits, as docs/JSON.md lists them. */
    static final Set<String> KNOWN = Set.copyOf(Diagnostics.CODES);
    static final String ANY = "ANY";

    private final Set<String> codes;

    private FailOn(Set<String> codes) {
        this.codes = codes;
    }

    /** The parsed option, or an {@link IllegalArgumentException} with one sentence naming the unknown code. */
    static FailOn parse(List<String> option) {
        Set<String> codes = new LinkedHashSet<>();
        for (String raw : option) {
            String code = raw.trim().toUpperCase(Locale.ROOT);
            if (!code.equals(ANY) && !KNOWN.contains(code)) {
                throw new IllegalArgumentException("--fail-on: unknown diagnostic code '" + raw
                        + "' (known: any, " + String.join(", ", new java.util.TreeSet<>(KNOWN)) + ")");
            }
            codes.add(code);
        }
        return new FailOn(Set.copyOf(codes));
    }

    boolean matches(String code) {
        return codes.contains(ANY) || codes.contains(code);
    }

    /** Per matching code, the number of calls that have it; empty when nothing matched. */
    Map<String, Integer> count(List<CallSummary> calls, List<StreamSummary> streams, DiagnosticConfig cfg) {
        Map<String, StreamsJson.CallStreams> byCall = StreamsJson.byCall(streams);
        Map<String, Integer> out = new TreeMap<>();
        for (CallSummary c : calls) {
            StreamsJson.CallStreams cs = byCall.get(c.callId());
            Set<String> seen = new LinkedHashSet<>();
            for (Diagnostic d : Diagnostics.of(c, cs == null ? List.of() : cs.streams(), cfg)) {
                if (matches(d.code()) && seen.add(d.code())) {
                    out.merge(d.code(), 1, Integer::sum);
                }
            }
        }
        return out;
    }
}
