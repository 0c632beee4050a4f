package dev.sipscope.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the table {@code tshark -q -z rtp,streams} prints (Wireshark 4.0 layout): one row per
 * stream, columns separated by runs of spaces:
 * <pre>
 *   Start time  End time  Src IP addr  Port  Dest IP addr  Port  SSRC  Payload  Pkts  Lost (pct%)
 *   Min Delta(ms)  Mean Delta(ms)  Max Delta(ms)  Min Jitter(ms)  Mean Jitter(ms)  Max Jitter(ms)  Problems?
 * </pre>
 *
 * <p>The payload column may hold several names separated by ", " (e.g. {@code g711A, CN,
 * RTPType-100}), so a row is read from both ends: seven tokens from the left, the numbers and the
 * optional problem mark ({@code X}) from the right, and whatever is left in between is the
 * payload. Lost can be negative (tshark counts duplicates that way). Lines that are not stream rows
 * (the banner, the header, the closing rule, blank lines) are skipped; a line that starts like a
 * row but does not parse is an error naming the line, never a silent skip.
 */
public final class TsharkRtpStreams {
    private TsharkRtpStreams() {
    }

    /**
     * One stream as tshark prints it; times in seconds from the first frame, deltas and jitter in
     * milliseconds (three decimals as printed), SSRC as an unsigned 32-bit value.
     */
    public record Row(double startSeconds, double endSeconds, String srcAddress, int srcPort,
                      String dstAddress, int dstPort, long ssrc, String payload, long packets, long lost,
                      double minDeltaMillis, double meanDeltaMillis, double maxDeltaMillis,
                      double minJitterMillis, double meanJitterMillis, double maxJitterMillis, boolean problem) {
    }

    /** Parses every stream row of {@code lines}; throws {@link IllegalArgumentException} on a broken row. */
    public static List<Row> parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || !Character.isDigit(line.charAt(0)) && line.charAt(0) != '-') {
                continue; // banner "=====", the header "Start time ...", blank lines
            }
            try {
                rows.add(parseRow(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (n + 1) + " is not an rtp,streams row (" + e.getMessage()
                        + "): " + line, e);
            }
        }
        return rows;
    }

    private static Row parseRow(String line) {
        String[] t = line.split(" +");
        int right = t.length - 1;
        boolean problem = t[right].equals("X");
        if (problem) {
            right--;
        }
        // From the right: max jitter, mean jitter, min jitter, max delta, mean delta, min delta, "(pct%)", lost, packets.
        int firstNumber = right - 8;
        if (firstNumber < 8) {
            throw new IllegalArgumentException(t.length + " columns");
        }
        if (!t[right - 6].startsWith("(") || !t[right - 6].endsWith("%)")) {
            throw new IllegalArgumentException("no loss percentage where expected");
        }
        String payload = String.join(" ", java.util.Arrays.copyOfRange(t, 7, firstNumber));
        String ssrcText = t[6].toLowerCase(Locale.ROOT);
        if (!ssrcText.startsWith("0x")) {
            throw new IllegalArgumentException("SSRC \"" + t[6] + "\" is not hexadecimal");
        }
        return new Row(Double.parseDouble(t[0]), Double.parseDouble(t[1]), t[2], port(t[3]), t[4], port(t[5]),
                Long.parseLong(ssrcText.substring(2), 16), payload,
                Long.parseLong(t[firstNumber]), Long.parseLong(t[firstNumber + 1]),
                Double.parseDouble(t[right - 5]), Double.parseDouble(t[right - 4]), Double.parseDouble(t[right - 3]),
                Double.parseDouble(t[right - 2]), Double.parseDouble(t[right - 1]), Double.parseDouble(t[right]),
                problem);
    }

    private static int port(String text) {
        int port = Integer.parseInt(text);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + text + " out of range");
        }
        return port;
    }
}
