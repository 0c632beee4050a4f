package dev.sipscope.tui.export;

import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.Formats;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Writes calls as CSV (RFC 4180, through Commons CSV): one header line, then one line per call
 * with every field of the call list. Times are ISO-like in the given zone plus the raw
 * nanoseconds; MOS is empty when unknown. Text fields are written as received (CSV quoting keeps
 * them intact; a spreadsheet is not a terminal).
 */
public final class CallCsv {
    static final String[] HEADER = {"index", "start", "start_ns", "method", "from", "to", "call_id", "caller",
        "callee", "state", "final_code", "messages", "duration_s", "mos", "diagnostics"};

    private CallCsv() {
    }

    public static void write(Writer out, List<CallRow> rows, ZoneId zone) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(HEADER).get();
        CSVPrinter p = new CSVPrinter(out, format);
        for (CallRow r : rows) {
            p.printRecord(r.key(), Formats.dateTime(r.startNanos(), zone), r.startNanos(), r.method(), r.from(),
                    r.to(), r.callId(), r.caller(), r.callee(), r.state().label(),
                    r.finalCode() == 0 ? "" : Integer.toString(r.finalCode()), r.messages(),
                    String.format(Locale.ROOT, "%.3f", r.durationNanos() / 1e9),
                    r.hasMos() ? String.format(Locale.ROOT, "%.2f", r.mos()) : "", r.diagnostics());
        }
        p.flush();
    }
}
