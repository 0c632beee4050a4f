package dev.sipscope.tui.view;

import java.nio.charset.Charset;
import java.util.Locale;

/**
 * The characters used for lines, arrows and sparklines: Unicode box drawing where the terminal's
 * character set is UTF-8, plain ASCII otherwise.
 *
 * @param vertical   a host's lifeline
 * @param horizontal an arrow's shaft and header rules
 * @param tee        where a host's lifeline starts under its name
 * @param band       the shaft of an RTP band
 * @param right      an arrow head pointing right
 * @param left       an arrow head pointing left
 * @param spark      sparkline levels, lowest first (the first is "nothing")
 * @param mark       a marked call
 * @param retrans    the mark of a retransmission
 */
public record Glyphs(char vertical, char horizontal, char tee, char band, char right, char left, String spark,
                     char mark, char retrans) {

    public static final Glyphs UNICODE = new Glyphs('│', '─', '┬', '═', '>', '<', " ▁▂▃▄▅▆▇█", '*', '↻');
    public static final Glyphs ASCII = new Glyphs('|', '-', '+', '=', '>', '<', " .:-=+*#%", '*', 'R');

    /** The set for this environment: UTF-8 when the locale or the default charset says so. */
    public static Glyphs forEnvironment() {
        for (String v : new String[] {System.getenv("LC_ALL"), System.getenv("LC_CTYPE"), System.getenv("LANG")}) {
            if (v != null && !v.isEmpty()) {
                String l = v.toLowerCase(Locale.ROOT);
                return l.contains("utf-8") || l.contains("utf8") ? UNICODE : ASCII;
            }
        }
        return Charset.defaultCharset().name().toLowerCase(Locale.ROOT).contains("utf") ? UNICODE : ASCII;
    }

    /** The sparkline level for {@code value} on a scale where {@code max} is the top; NaN gives a blank. */
    public char sparkFor(double value, double max) {
        if (Double.isNaN(value) || value <= 0 || max <= 0) {
            return spark.charAt(0);
        }
        int levels = spark.length() - 1;
        int i = (int) Math.ceil(Math.min(1.0, value / max) * levels);
        return spark.charAt(Math.max(1, Math.min(levels, i)));
    }
}
