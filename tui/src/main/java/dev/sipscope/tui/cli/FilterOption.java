package dev.sipscope.tui.cli;

import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.diag.DiagnosticConfig;
import dev.sipscope.correlator.diag.Diagnostics;
import dev.sipscope.correlator.export.StreamsJson;
import dev.sipscope.correlator.query.CallFilter;
import dev.sipscope.correlator.query.FilterSyntaxException;
import dev.sipscope.correlator.query.MessageTextIndex;
import dev.sipscope.correlator.query.SummaryFacts;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.sip.SipMalformed;
import dev.sipscope.decoder.sip.SipMessage;
import dev.sipscope.decoder.sip.SipSink;
import dev.sipscope.decoder.sip.SipTransport;
import dev.sipscope.quality.StreamSummary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@code --filter EXPR} for the batch commands: parses the expression
 * ({@link CallFilter}, docs/FILTERS.md), taps the engine for free-text terms and selects the calls
 * (and their streams) after the run.
 */
final class FilterOption {
    String expression;

    /** Adds {@code --filter} to {@code c}. */
    void addTo(Cli.Command c) {
        c.option("--filter", "EXPR", v -> expression = v,
                "Only the calls matching EXPR (docs/FILTERS.md), e.g. 'state:busy or code:5xx',",
                "'from:alice mos<3.5', 'diag:ONE_WAY_AUDIO', 'after:10:00 before:10:30'.");
    }

    private CallFilter filter = CallFilter.ALL;
    private MessageTextIndex text;

    /** Parses the option; returns the sentence to print for a bad expression, else null. */
    String parse() {
        if (expression == null) {
            return null;
        }
        try {
            filter = CallFilter.parse(expression);
        } catch (FilterSyntaxException e) {
            return "--filter: " + e.getMessage();
        }
        List<String> needles = filter.textNeedles();
        text = needles.isEmpty() ? null : new MessageTextIndex(needles);
        return null;
    }

    /** True when a non-empty filter was given. */
    boolean active() {
        return !filter.isEmpty();
    }

    String text() {
        return filter.text();
    }

    /** {@code tap}, plus what the filter needs to see of every SIP message (free text); null when neither. */
    SipSink tap(SipSink tap) {
        return both(tap, text);
    }

    /** The calls the filter lets through, in their order. */
    List<CallSummary> select(List<CallSummary> calls, List<StreamSummary> streams) {
        if (!active()) {
            return calls;
        }
        Map<String, StreamsJson.CallStreams> byCall = StreamsJson.byCall(streams);
        List<CallSummary> out = new ArrayList<>();
        for (CallSummary c : calls) {
            StreamsJson.CallStreams cs = byCall.get(c.callId());
            List<StreamSummary> own = cs == null ? List.of() : cs.streams();
            SummaryFacts facts = new SummaryFacts(c, own, Diagnostics.of(c, own, DiagnosticConfig.DEFAULTS), text);
            if (filter.matches(facts)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The streams bound to one of {@code callIds}, in their order. */
    static List<StreamSummary> streamsOf(Collection<String> callIds, List<StreamSummary> streams) {
        List<StreamSummary> out = new ArrayList<>();
        for (StreamSummary s : streams) {
            String owner = StreamsJson.callIdOf(s);
            if (owner != null && callIds.contains(owner)) {
                out.add(s);
            }
        }
        return out;
    }

    /** A sink passing every callback to {@code a} then {@code b} (either may be null). */
    static SipSink both(SipSink a, SipSink b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return new SipSink() {
            @Override
            public void onSipMessage(SipMessage message, SipTransport transport, Packet packet) {
                a.onSipMessage(message, transport, packet);
                b.onSipMessage(message, transport, packet);
            }

            @Override
            public void onSipMalformed(SipMalformed reason, SipTransport transport, Packet packet) {
                a.onSipMalformed(reason, transport, packet);
                b.onSipMalformed(reason, transport, packet);
            }
        };
    }
}
