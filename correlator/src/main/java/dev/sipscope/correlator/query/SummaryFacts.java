package dev.sipscope.correlator.query;

import dev.sipscope.correlator.call.CallKind;
import dev.sipscope.correlator.call.CallMessage;
import dev.sipscope.correlator.call.CallState;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.diag.Diagnostic;
import dev.sipscope.correlator.media.MediaSummary;
import dev.sipscope.quality.StreamSummary;
import dev.sipscope.quality.StreamSummaries;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A correlator {@link CallSummary}, with the RTP streams bound to it and its diagnostics, as a
 * {@link CallFilter} sees it (batch commands). State names map onto {@link CallState} one to one,
 * plus {@code setup} (an INVITE still calling or proceeding), {@code pending} (another kind still
 * waiting for its final response) and {@code ok} (another kind that succeeded). Free text beyond
 * the call's fields is looked up in a {@link MessageTextIndex} when there is one, else in the
 * messages the summary kept, its User-Agent and its reason.
 */
public final class SummaryFacts implements CallFacts {
    private final CallSummary call;
    private final List<StreamSummary> streams;
    private final List<Diagnostic> diagnostics;
    private final MessageTextIndex text;

    /**
     * @param streams     the streams bound to the call
     * @param diagnostics its diagnostics ({@code Diagnostics.of})
     * @param text        the index of message text made during the run, or null
     */
    public SummaryFacts(CallSummary call, List<StreamSummary> streams, List<Diagnostic> diagnostics,
                        MessageTextIndex text) {
        this.call = call;
        this.streams = streams == null ? List.of() : streams;
        this.diagnostics = diagnostics == null ? List.of() : diagnostics;
        this.text = text;
    }

    @Override
    public long index() {
        return call.number();
    }

    @Override
    public long startNanos() {
        return call.startNanos();
    }

    @Override
    public String method() {
        return call.kind() == CallKind.CALL ? "INVITE" : call.kind().name();
    }

    @Override
    public String from() {
        return nz(call.from());
    }

    @Override
    public String to() {
        return nz(call.to());
    }

    @Override
    public String callId() {
        return nz(call.callId());
    }

    @Override
    public String caller() {
        return nz(call.caller());
    }

    @Override
    public String callee() {
        return nz(call.callee());
    }

    @Override
    public boolean inState(String state) {
        CallState s = call.state();
        boolean invite = call.kind() == CallKind.CALL;
        boolean waiting = s == CallState.CALLING || s == CallState.PROCEEDING;
        switch (state) {
            case "setup": return invite && waiting;
            case "pending": return !invite && waiting;
            case "ok": return !invite && (s == CallState.COMPLETED || s == CallState.REGISTERED
                    || s == CallState.UNREGISTERED);
            default: return s.jsonName().equals(state);
        }
    }

    @Override
    public int finalCode() {
        return call.finalStatus();
    }

    @Override
    public int messages() {
        return call.messageCount() + call.retransmissions();
    }

    @Override
    public double durationSeconds() {
        return call.durationNanos() < 0 ? Double.NaN : call.durationNanos() / 1e9;
    }

    @Override
    public double postDialDelaySeconds() {
        return call.postDialDelayNanos() < 0 ? Double.NaN : call.postDialDelayNanos() / 1e9;
    }

    @Override
    public double mos() {
        double worst = Double.NaN;
        for (StreamSummary s : streams) {
            StreamSummaries.EModel e = s.emodel();
            Double m = e == null ? null : e.mosLq();
            if (m != null && !m.isNaN() && !(m >= worst)) {
                worst = m;
            }
        }
        return worst;
    }

    @Override
    public int diagnosticCount() {
        return diagnostics.size();
    }

    @Override
    public boolean hasDiagnostic(String code) {
        for (Diagnostic d : diagnostics) {
            if (d.code().equals(code)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int streamCount() {
        return streams.size();
    }

    @Override
    public double worstLossPercent() {
        double worst = Double.NaN;
        for (StreamSummary s : streams) {
            double v = s.sequence().lossPct();
            if (!Double.isNaN(v) && !(v <= worst)) {
                worst = v;
            }
        }
        return worst;
    }

    @Override
    public double worstJitterMillis() {
        double worst = Double.NaN;
        for (StreamSummary s : streams) {
            double v = s.maxJitterMs();
            if (!Double.isNaN(v) && !(v <= worst)) {
                worst = v;
            }
        }
        return worst;
    }

    @Override
    public boolean textContains(String needle) {
        if (text != null && text.contains(call.callId(), needle)) {
            return true;
        }
        if (CallFilter.containsIgnoreCase(nz(call.userAgent()), needle)
                || CallFilter.containsIgnoreCase(nz(call.reason()), needle)
                || CallFilter.containsIgnoreCase(call.kind().jsonName(), needle)
                || CallFilter.containsIgnoreCase(call.state().jsonName(), needle)) {
            return true;
        }
        byte[] bytes = needle.getBytes(StandardCharsets.UTF_8);
        for (CallMessage m : call.messages()) {
            if (MessageTextIndex.contains(m.message(), bytes)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean addressContains(String needle) {
        for (CallMessage m : call.messages()) {
            if (CallFilter.containsIgnoreCase(m.hop().source(), needle)
                    || CallFilter.containsIgnoreCase(m.hop().destination(), needle)) {
                return true;
            }
        }
        for (MediaSummary m : call.media()) {
            if (CallFilter.containsIgnoreCase(nz(m.endpoint()), needle)) {
                return true;
            }
        }
        for (StreamSummary s : streams) {
            if (CallFilter.containsIgnoreCase(s.src(), needle) || CallFilter.containsIgnoreCase(s.dst(), needle)) {
                return true;
            }
        }
        return false;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
