package dev.pacer.agent.alert;

import java.util.Locale;

/**
 * One change of state of an alert. Immutable.
 *
 * @param name          the alert's name
 * @param raised        true when the alert was raised, false when it was cleared
 * @param target        the pointcut, method key or rate limit watched; null for system metrics
 * @param condition     the condition as written in agent.yaml
 * @param value         the value of the interval that completed the change, in the metric's base unit
 * @param threshold     the threshold in the same unit
 * @param unit          the base unit: {@code us}, {@code fraction}, {@code /s} or {@code bytes}
 * @param epochMillis   the end of the interval that completed the change
 */
public record AlertEvent(String name, boolean raised, String target, String condition, double value,
        double threshold, String unit, long epochMillis) {

    /** Returns {@code raised} or {@code cleared}. */
    public String state() {
        return raised ? "raised" : "cleared";
    }

    /** Returns the JMX notification type, {@code pacer.alert.raised} or {@code pacer.alert.cleared}. */
    public String notificationType() {
        return "pacer.alert." + state();
    }

    /** Returns a one-line description such as {@code slow-db raised: p99 of jdbc is 312.4ms (p99 > 250ms)}. */
    public String describe() {
        String subject = target == null ? "" : " of " + target;
        String metric = condition.split("[<>]", 2)[0].trim();
        return name + " " + state() + ": " + metric + subject + " is " + format(value, unit) + " (" + condition
                + ")";
    }

    /** Formats a value of a base unit for people. */
    static String format(double value, String unit) {
        if (Double.isNaN(value)) {
            return "unavailable";
        }
        return switch (unit) {
            case "us" -> value >= 1000 ? String.format(Locale.ROOT, "%.1fms", value / 1000)
                    : String.format(Locale.ROOT, "%.1fus", value);
            case "fraction" -> String.format(Locale.ROOT, "%.1f%%", value * 100);
            case "/s" -> String.format(Locale.ROOT, "%.1f/s", value);
            default -> String.format(Locale.ROOT, "%.1fMB", value / (1 << 20));
        };
    }
}
