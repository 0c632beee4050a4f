package dev.sipscope.correlator.export;

import dev.sipscope.quality.StreamSummary;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The RTP streams table of {@code sipscope analyze} in text, 80 columns. */
public final class StreamsText {
    private StreamsText() {
    }

    public static void print(PrintWriter out, List<StreamSummary> streams) {
        out.printf(Locale.ROOT, "RTP streams: %d%n", streams.size());
        if (streams.isEmpty()) {
            return;
        }
        out.println("  id   source -> destination                     codec     pkts  lost maxjit MOS");
        for (int i = 0; i < streams.size(); i++) {
            StreamSummary s = streams.get(i);
            String path = fit(s.src() + " -> " + s.dst(), 40);
            Double mos = StreamsJson.mos(s);
            out.printf(Locale.ROOT, "  %-4s %-40s %-7s %6d %5d %6.2f %4s%n", StreamsJson.id(i), path,
                    fit(TerminalText.safe(s.codec().encodingName() == null ? "?" : s.codec().encodingName()), 7),
                    s.packets(), s.lost(), s.maxJitterMs(), mos == null ? "-" : String.format(Locale.ROOT, "%.2f", mos));
        }
    }

    private static String fit(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
