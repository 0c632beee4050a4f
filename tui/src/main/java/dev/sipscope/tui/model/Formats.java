package dev.sipscope.tui.model;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/** How times, durations and figures are written on screen and in exports. */
public final class Formats {
    private Formats() {
    }

    /** {@code HH:mm:ss.SSS} in {@code zone}. */
    public static String timeMillis(long tsNanos, ZoneId zone) {
        ZonedDateTime t = at(tsNanos, zone);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", t.getHour(), t.getMinute(), t.getSecond(),
                t.getNano() / 1_000_000);
    }

    /** {@code HH:mm:ss.SSSSSS} in {@code zone}, as the ladder shows each message. */
    public static String timeMicros(long tsNanos, ZoneId zone) {
        ZonedDateTime t = at(tsNanos, zone);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%06d", t.getHour(), t.getMinute(), t.getSecond(),
                t.getNano() / 1_000);
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSS} in {@code zone}. */
    public static String dateTime(long tsNanos, ZoneId zone) {
        ZonedDateTime t = at(tsNanos, zone);
        return String.format(Locale.ROOT, "%04d-%02d-%02d %s", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                timeMillis(tsNanos, zone));
    }

    private static ZonedDateTime at(long tsNanos, ZoneId zone) {
        return Instant.ofEpochSecond(Math.floorDiv(tsNanos, 1_000_000_000L), Math.floorMod(tsNanos, 1_000_000_000L))
                .atZone(zone);
    }

    /** A call's length: {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    public static String duration(long nanos) {
        long s = Math.max(0, nanos) / 1_000_000_000L;
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** A gap between two messages: {@code +0.000152}. */
    public static String delta(long nanos) {
        long us = Math.abs(nanos) / 1000;
        return String.format(Locale.ROOT, "%s%d.%06d", nanos < 0 ? "-" : "+", us / 1_000_000, us % 1_000_000);
    }

    /** MOS with two decimals, {@code -} when unknown. */
    public static String mos(double mos) {
        return Double.isNaN(mos) ? "-" : String.format(Locale.ROOT, "%.2f", mos);
    }

    /** A figure with one decimal, {@code -} when unknown. */
    public static String oneDecimal(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Thousands separated: {@code 12,345}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Bytes in binary units with one decimal ({@code 45.2 MiB}). */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
