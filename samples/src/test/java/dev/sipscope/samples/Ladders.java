package dev.sipscope.samples;

import java.util.List;
import java.util.stream.Collectors;

/** Test helpers to read ladders back from generated frames. */
final class Ladders {
    private Ladders() {
    }

    /** Every SIP message on the wire, in capture order, with the truth it corresponds to (checked). */
    static List<SipTruthCheck.Pair> read(Scenario.Generated g) {
        return SipTruthCheck.verify(g);
    }

    /** The messages of one Call-ID. */
    static List<SipTruthCheck.Pair> of(List<SipTruthCheck.Pair> all, String callId) {
        return all.stream().filter(p -> callId.equals(p.truth().callId())).collect(Collectors.toList());
    }

    /** Compact labels: the method for a request, "code method" for a response, with " src>dst" hosts. */
    static List<String> steps(List<SipTruthCheck.Pair> pairs) {
        return pairs.stream().map(p -> label(p.truth()) + " " + p.truth().src().ip() + ">" + p.truth().dst().ip())
                .collect(Collectors.toList());
    }

    static String label(SipMessageTruth m) {
        return m.isRequest() ? m.method() : m.statusCode() + " " + m.method();
    }

    /** The first pair matching a label (e.g. "REFER" or "202 REFER"), after {@code from}. */
    static SipTruthCheck.Pair first(List<SipTruthCheck.Pair> pairs, String label) {
        return pairs.stream().filter(p -> label.equals(label(p.truth()))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + label));
    }

    static List<SipTruthCheck.Pair> all(List<SipTruthCheck.Pair> pairs, String label) {
        return pairs.stream().filter(p -> label.equals(label(p.truth()))).collect(Collectors.toList());
    }
}
