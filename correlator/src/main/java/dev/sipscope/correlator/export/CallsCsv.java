package dev.sipscope.correlator.export;

import dev.sipscope.correlator.diag.Decimals;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.diag.Diagnostic;
import dev.sipscope.correlator.diag.DiagnosticConfig;
import dev.sipscope.correlator.diag.Diagnostics;
import dev.sipscope.quality.StreamSummary;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The calls CSV of {@code sipscope analyze --calls-csv} (and {@code --format csv}): RFC 4180
 * through Commons CSV, one header row of {@link #COLUMNS} (documented in docs/CSV.md), then one
 * row per call in order of first message. Times are ISO-8601 UTC; absent values are empty cells.
 * Every text cell from the wire goes through {@link SpreadsheetCell#text}.
 */
public final class CallsCsv {
    /** The header row; docs/CSV.md lists the same names in the same order. */
    public static final List<String> COLUMNS = List.of("call_id", "kind", "from", "to", "caller", "callee", "state",
            "final_status", "reason", "start_time", "answer_time", "end_time", "post_dial_delay_ms", "setup_time_ms",
            "duration_s", "messages", "retransmissions", "hangup_by", "user_agent", "streams", "mos", "diagnostics");

    private CallsCsv() {
    }

    /** Writes the header and one row per call; {@code streams} are all stream summaries (ids s1, s2, ...). */
    public static void write(Appendable out, List<CallSummary> calls, List<StreamSummary> streams,
                             DiagnosticConfig diagnostics) throws IOException {
        Map<String, StreamsJson.CallStreams> byCall = StreamsJson.byCall(streams);
        CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get());
        for (CallSummary c : calls) {
            StreamsJson.CallStreams cs = byCall.get(c.callId());
            StringBuilder codes = new StringBuilder();
            for (Diagnostic d : Diagnostics.of(c, cs == null ? List.of() : cs.streams(), diagnostics)) {
                codes.append(codes.length() == 0 ? "" : " ").append(d.code());
            }
            p.printRecord(
                    SpreadsheetCell.text(c.callId()),
                    c.kind().jsonName(),
                    SpreadsheetCell.text(c.from()),
                    SpreadsheetCell.text(c.to()),
                    SpreadsheetCell.text(c.caller()),
                    SpreadsheetCell.text(c.callee()),
                    c.state().jsonName(),
                    c.finalStatus() > 0 ? Integer.toString(c.finalStatus()) : null,
                    SpreadsheetCell.text(c.reason()),
                    SummaryJson.isoTime(c.startNanos()),
                    SummaryJson.isoTime(c.answerNanos()),
                    SummaryJson.isoTime(c.endNanos()),
                    decimal(c.postDialDelayNanos(), 1e6, 3),
                    decimal(c.setupNanos(), 1e6, 3),
                    decimal(c.durationNanos(), 1e9, 3),
                    c.messageCount(),
                    c.retransmissions(),
                    c.hangupBy() == null ? null : c.hangupBy().jsonName(),
                    SpreadsheetCell.text(c.userAgent()),
                    cs == null ? null : String.join(" ", cs.streamIds()),
                    cs == null || cs.mos() == null ? null : Decimals.fixed(cs.mos(), 2),
                    codes.toString());
        }
        p.flush();
    }

    /** {@code nanos / unit} with {@code decimals} places, or null when {@code nanos} is negative (absent). */
    static String decimal(long nanos, double unit, int decimals) {
        return nanos < 0 ? null : Decimals.fixed(nanos / unit, decimals);
    }
}
