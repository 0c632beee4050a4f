package dev.sipscope.correlator.export;

import dev.sipscope.correlator.diag.Decimals;
import dev.sipscope.quality.StreamSummaries;
import dev.sipscope.quality.StreamSummary;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.util.List;

/**
 * The RTP streams CSV of {@code sipscope analyze --streams-csv}: RFC 4180 through Commons CSV, one
 * header row of {@link #COLUMNS} (documented in docs/CSV.md), then one row per stream, ids
 * {@code s1, s2, ...} as in the JSON. Times are ISO-8601 UTC; absent values are empty cells; the
 * only text from the wire (Call-ID, codec name) goes through {@link SpreadsheetCell#text}.
 */
public final class StreamsCsv {
    /** The header row; docs/CSV.md lists the same names in the same order. */
    public static final List<String> COLUMNS = List.of("id", "call_id", "src", "dst", "ssrc", "binding",
            "payload_type", "codec", "clock_rate_hz", "packets", "expected", "lost", "loss_percent", "duplicates",
            "out_of_order", "max_delta_ms", "max_jitter_ms", "mean_jitter_ms", "jitter_buffer_ms",
            "effective_loss_percent", "r_factor", "mos", "bitrate_kbps", "start_time", "end_time");

    private StreamsCsv() {
    }

    public static void write(Appendable out, List<StreamSummary> streams) throws IOException {
        CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get());
        for (int i = 0; i < streams.size(); i++) {
            StreamSummary s = streams.get(i);
            StreamSummaries.Codec codec = s.codec();
            StreamSummaries.Sequence seq = s.sequence();
            StreamSummaries.JitterBuffer jb = s.primaryJitterBuffer();
            StreamSummaries.EModel e = s.emodel();
            p.printRecord(
                    StreamsJson.id(i),
                    SpreadsheetCell.text(StreamsJson.callIdOf(s)),
                    s.src(),
                    s.dst(),
                    s.ssrcHex(),
                    s.binding().jsonName(),
                    codec.payloadType(),
                    SpreadsheetCell.text(codec.encodingName()),
                    codec.clockRateHz(),
                    s.packets(),
                    seq.expected(),
                    s.lost(),
                    fixed(seq.lossPct(), 3),
                    seq.duplicates(),
                    seq.late(),
                    fixed(s.maxDeltaMs(), 3),
                    fixed(s.maxJitterMs(), 3),
                    fixed(s.meanJitterMs(), 3),
                    fixed(jb.depthMs(), 1),
                    fixed(jb.effLossPct(), 3),
                    e == null || e.rLq() == null ? null : fixed(e.rLq(), 2),
                    e == null || e.mosLq() == null ? null : fixed(e.mosLq(), 2),
                    fixed(s.bitrateKbps(), 2),
                    SummaryJson.isoTime(s.firstNanos()),
                    SummaryJson.isoTime(s.lastNanos()));
        }
        p.flush();
    }

    private static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? Decimals.fixed(v, decimals) : null;
    }
}
