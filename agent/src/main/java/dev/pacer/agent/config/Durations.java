package dev.pacer.agent.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations and byte sizes written with a unit, such as {@code 250ms}, {@code 10s} or {@code 64MB}. */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB)");

    private Durations() {
    }

    /**
     * Returns the duration in nanoseconds, or -1 when the text is not a number followed by one of the units
     * {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}, or is too long to fit.
     */
    public static long parseNanos(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches() || matcher.group(1).length() > 30) {
            return -1;
        }
        double amount = Double.parseDouble(matcher.group(1));
        long unitNanos = switch (matcher.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
        };
        double nanos = amount * unitNanos;
        boolean fits = nanos < Long.MAX_VALUE / 2.0;
        return fits ? Math.round(nanos) : -1;
    }

    /** Returns the size in bytes, or -1 when the text is not a whole number followed by B, KB, MB or GB. */
    public static long parseBytes(String text) {
        Matcher matcher = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!matcher.matches() || matcher.group(1).length() > 18) {
            return -1;
        }
        long amount = Long.parseLong(matcher.group(1));
        int shift = switch (matcher.group(2)) {
            case "B" -> 0;
            case "KB" -> 10;
            case "MB" -> 20;
            default -> 30;
        };
        boolean fits = amount <= (Long.MAX_VALUE >>> shift);
        return fits ? amount << shift : -1;
    }

    /** Formats nanoseconds with the largest unit that keeps the value whole, for messages and JSON. */
    public static String format(long nanos) {
        long[] units = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (nanos != 0 && nanos % units[i] == 0) {
                return nanos / units[i] + names[i];
            }
        }
        return nanos + "ns";
    }
}
