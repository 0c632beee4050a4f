package dev.sipscope.correlator.export;

import dev.sipscope.correlator.diag.Decimals;
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
        StringBuilder line = new StringBuilder(96);
        for (int i = 0; i < streams.size(); i++) {
            StreamSummary s = streams.get(i);
            String path = fit(s.src() + " -> " + s.dst(), 40);
            Double mos = StreamsJson.mos(s);
            // As printf("  %-4s %-40s %-7s %6d %5d %6.2f %4s%n"), without a Formatter per line (slow until compiled).
            line.setLength(0);
            line.append("  ");
            CallsText.left(line, StreamsJson.id(i), 4).append(' ');
            CallsText.left(line, path, 40).append(' ');
            CallsText.left(line, fit(TerminalText.safe(s.codec().encodingName() == null ? "?" : s.codec().encodingName()), 7), 7)
                    .append(' ');
            CallsText.right(line, Long.toString(s.packets()), 6).append(' ');
            CallsText.right(line, Long.toString(s.lost()), 5).append(' ');
            CallsText.right(line, Decimals.fixed(s.maxJitterMs(), 2), 6).append(' ');
            CallsText.right(line, mos == null ? "-" : Decimals.fixed(mos, 2), 4);
            out.println(line);
        }
    }

    private static String fit(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
