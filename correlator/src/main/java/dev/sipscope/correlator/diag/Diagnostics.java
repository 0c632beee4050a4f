package dev.sipscope.correlator.diag;

import dev.sipscope.correlator.call.CallKind;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.media.MediaSide;
import dev.sipscope.correlator.media.MediaSummary;
import dev.sipscope.quality.Binding;
import dev.sipscope.quality.StreamSummary;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes the diagnostics of one call from its snapshot and the RTP streams bound to it. Pure
 * function of its inputs; runs when a report or a screen asks, never per packet.
 *
 * <p>Codes: {@code NO_RTP}, {@code ONE_WAY_AUDIO}, {@code RTP_SOURCE_MISMATCH},
 * {@code PRIVATE_SDP_ADDRESS}, {@code PAYLOAD_TYPE_NOT_OFFERED}, {@code MEDIA_AFTER_BYE},
 * {@code RTP_GAP}, {@code HIGH_LOSS}, {@code HIGH_JITTER}, {@code LOW_MOS},
 * {@code LONG_POST_DIAL_DELAY}, {@code SIP_RETRANSMISSIONS}, {@code SIP_TIMEOUT},
 * {@code SERVER_ERROR} (docs/JSON.md).
 */
public final class Diagnostics {

    /** Every code {@link #of} can emit, sorted (docs/JSON.md lists them; a test checks). */
    public static final List<String> CODES = List.of("HIGH_JITTER", "HIGH_LOSS", "LONG_POST_DIAL_DELAY", "LOW_MOS",
            "MEDIA_AFTER_BYE", "NO_RTP", "ONE_WAY_AUDIO", "PAYLOAD_TYPE_NOT_OFFERED", "PRIVATE_SDP_ADDRESS", "RTP_GAP",
            "RTP_SOURCE_MISMATCH", "SERVER_ERROR", "SIP_RETRANSMISSIONS", "SIP_TIMEOUT");

    private Diagnostics() {
    }

    public static List<Diagnostic> of(CallSummary c, List<StreamSummary> streams, DiagnosticConfig cfg) {
        List<Diagnostic> out = new ArrayList<>();
        boolean isCall = c.kind() == CallKind.CALL;
        if (isCall) {
            media(c, streams, cfg, out);
            for (StreamSummary s : streams) {
                stream(c, s, cfg, out);
            }
            if (c.postDialDelayNanos() > cfg.postDialDelayWarnMs() * 1e6) {
                out.add(new Diagnostic("LONG_POST_DIAL_DELAY", Severity.WARNING, "Post-dial delay was "
                        + Decimals.fixed(c.postDialDelayNanos() / 1e9, 1) + " s (INVITE to first ringing)."));
            }
        }
        if (c.retransmissions() > 0) {
            out.add(new Diagnostic("SIP_RETRANSMISSIONS", Severity.INFO, c.retransmissions() + " SIP message"
                    + (c.retransmissions() == 1 ? "" : "s")
                    + " had to be retransmitted (packet loss or a slow peer on the signalling path)."));
        }
        if (c.finalStatus() == 408) {
            out.add(new Diagnostic("SIP_TIMEOUT", Severity.ERROR,
                    "The request timed out (408): the far end or a proxy never answered."));
        } else if (c.finalStatus() >= 500 && c.finalStatus() < 600) {
            out.add(new Diagnostic("SERVER_ERROR", Severity.ERROR, "The call failed with a server error ("
                    + c.finalStatus() + (c.reason() == null ? "" : " " + c.reason()) + ")."));
        }
        return out;
    }

    private static void media(CallSummary c, List<StreamSummary> streams, DiagnosticConfig cfg, List<Diagnostic> out) {
        long toCaller = 0;
        long toCallee = 0;
        String callerEndpoint = null;
        String calleeEndpoint = null;
        for (MediaSummary m : c.media()) {
            if (!"audio".equalsIgnoreCase(m.mediaType())) {
                continue;
            }
            if (m.side() == MediaSide.CALLER) {
                toCaller += m.packets();
                callerEndpoint = callerEndpoint == null ? m.endpoint() : callerEndpoint;
            } else {
                toCallee += m.packets();
                calleeEndpoint = calleeEndpoint == null ? m.endpoint() : calleeEndpoint;
            }
            if (m.natSuspected() && m.unexpectedSource() != null) {
                out.add(new Diagnostic("RTP_SOURCE_MISMATCH", Severity.WARNING, "RTP for " + m.endpoint()
                        + " came from " + m.unexpectedSource() + ", not from the address in the SDP ("
                        + m.expectedSource() + "): NAT or a media relay."));
            }
            String peer = m.side() == MediaSide.CALLER ? c.caller() : c.callee();
            if (isPrivateEndpoint(m.endpoint()) && peer != null && !isPrivateEndpoint(peer)) {
                out.add(new Diagnostic("PRIVATE_SDP_ADDRESS", Severity.WARNING, "The " + m.side().jsonName()
                        + "'s SDP announces the private address " + m.endpoint() + " while its SIP comes from "
                        + "the public address " + peer + ": media will not reach it without NAT help."));
            }
        }
        long lastSeen = c.lastMessageNanos();
        for (MediaSummary m : c.media()) {
            lastSeen = Math.max(lastSeen, m.lastPacketNanos());
        }
        for (StreamSummary s : streams) {
            lastSeen = Math.max(lastSeen, s.lastNanos());
        }
        long talkNanos = (c.endNanos() >= 0 ? c.endNanos() : lastSeen) - c.answerNanos();
        boolean answeredLongEnough = c.answerNanos() >= 0 && talkNanos >= cfg.noMediaAfterAnswerMs() * 1e6;
        if (!answeredLongEnough || c.media().isEmpty()) {
            return;
        }
        if (toCaller == 0 && toCallee == 0 && streams.isEmpty()) {
            out.add(new Diagnostic("NO_RTP", Severity.ERROR, "The call was answered but no RTP was seen in either "
                    + "direction (firewall, wrong SDP address, or media not captured)."));
        } else if (toCaller == 0 && callerEndpoint != null) {
            out.add(new Diagnostic("ONE_WAY_AUDIO", Severity.ERROR, "One-way audio: RTP reached the callee ("
                    + calleeEndpoint + ") but nothing reached the caller at " + callerEndpoint + "."));
        } else if (toCallee == 0 && calleeEndpoint != null) {
            out.add(new Diagnostic("ONE_WAY_AUDIO", Severity.ERROR, "One-way audio: RTP reached the caller ("
                    + callerEndpoint + ") but nothing reached the callee at " + calleeEndpoint + "."));
        }
    }

    private static void stream(CallSummary c, StreamSummary s, DiagnosticConfig cfg, List<Diagnostic> out) {
        String name = s.src() + " -> " + s.dst();
        if (s.binding() != Binding.HEURISTIC && s.codec().payloadType() >= 0 && s.codec().encodingName() == null) {
            out.add(new Diagnostic("PAYLOAD_TYPE_NOT_OFFERED", Severity.WARNING, "RTP " + name
                    + " uses payload type " + s.codec().payloadType() + ", which the SDP did not offer."));
        }
        if (c.endNanos() >= 0 && s.lastNanos() > c.endNanos() + cfg.mediaAfterByeGraceMs() * 1e6) {
            out.add(new Diagnostic("MEDIA_AFTER_BYE", Severity.WARNING, "RTP " + name + " kept flowing "
                    + Decimals.fixed((s.lastNanos() - c.endNanos()) / 1e9, 1) + " s after the call ended."));
        }
        if (s.maxDeltaMs() > cfg.rtpGapWarnMs()) {
            out.add(new Diagnostic("RTP_GAP", Severity.WARNING, "RTP " + name + " stopped for "
                    + Decimals.fixed(s.maxDeltaMs() / 1000, 1) + " s in the middle of the stream."));
        }
        double loss = s.sequence().lossPct();
        if (loss > cfg.lossWarnPercent()) {
            out.add(new Diagnostic("HIGH_LOSS", loss > cfg.lossErrorPercent() ? Severity.ERROR : Severity.WARNING,
                    "RTP " + name + " lost " + Decimals.fixed(loss, 1) + " % of its packets ("
                            + s.sequence().lostRfc() + " of " + s.sequence().expected() + ")."));
        }
        if (s.meanJitterMs() > cfg.meanJitterWarnMs()) {
            out.add(new Diagnostic("HIGH_JITTER", Severity.WARNING, "RTP " + name + " has a mean jitter of "
                    + Decimals.fixed(s.meanJitterMs(), 1) + " ms (max " + Decimals.fixed(s.maxJitterMs(), 1) + " ms)."));
        }
        Double mos = s.emodel() == null ? null : s.emodel().mosLq();
        if (mos != null && mos < cfg.mosWarn()) {
            out.add(new Diagnostic("LOW_MOS", mos < cfg.mosError() ? Severity.ERROR : Severity.WARNING,
                    "RTP " + name + " scores MOS " + Decimals.fixed(mos, 2)
                            + " (E-model): listeners will hear the damage."));
        }
    }

    /**
     * Whether the host of an endpoint as sipscope writes it ({@code a.b.c.d:port}, {@code [v6]:port},
     * or a bare address) is private: {@code isPrivate(host(endpoint))} without making the strings (it
     * runs for every media line of every call of a report): RFC 1918, RFC 6598 shared (CGNAT) and
     * RFC 4193 unique-local addresses.
     */
    static boolean isPrivateEndpoint(String endpoint) {
        if (endpoint == null) {
            return false;
        }
        int start = 0;
        int end = endpoint.length();
        if (endpoint.startsWith("[")) {
            int close = endpoint.indexOf(']');
            if (close > 0) {
                start = 1;
                end = close;
            }
        } else {
            int colon = endpoint.lastIndexOf(':');
            if (colon > 0 && endpoint.indexOf(':') == colon) {
                end = colon;
            }
        }
        if (end - start >= 2 && (endpoint.charAt(start) | 0x20) == 'f'
                && ((endpoint.charAt(start + 1) | 0x20) == 'c' || (endpoint.charAt(start + 1) | 0x20) == 'd')) {
            int colon = endpoint.indexOf(':', start);
            return colon > start && colon < end;
        }
        // A dotted quad: the first two numbers decide.
        int a = 0;
        int b = 0;
        int dots = 0;
        int digits = 0;
        for (int i = start; i < end; i++) {
            char c = endpoint.charAt(i);
            if (c == '.') {
                if (digits == 0) {
                    return false;
                }
                dots++;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                digits++;
                // Capped: a long run of digits must not wrap around into a private range.
                if (dots == 0) {
                    a = Math.min(a * 10 + (c - '0'), 1000);
                } else if (dots == 1) {
                    b = Math.min(b * 10 + (c - '0'), 1000);
                }
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0
                && (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) || (a == 100 && b >= 64 && b <= 127));
    }
}
