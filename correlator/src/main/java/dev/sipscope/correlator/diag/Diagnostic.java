package dev.sipscope.correlator.diag;

/**
 * One finding about a call.
 *
 * @param code     stable identifier (upper snake case) scripts can match, e.g. {@code ONE_WAY_AUDIO}
 * @param severity how much it matters
 * @param text     one sentence for a human, naming the addresses or figures involved
 */
public record Diagnostic(String code, Severity severity, String text) {
}
