package dev.pacer.agent.history;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * One statistic of a set of calls: a count, a rate or a latency. Latencies are returned in microseconds, rates as
 * fractions or per second. Immutable.
 *
 * @param kind       what is computed
 * @param percentile the percentile for {@link Kind#PERCENTILE}, above 0 and below 100; NaN otherwise
 */
public record Statistic(Kind kind, double percentile) {

    /** The statistics that history metric names and alerts can name. */
    public enum Kind { COUNT, ERRORS, ERROR_RATE, THROUGHPUT, MIN, MEAN, MAX, PERCENTILE }

    public static Statistic of(Kind kind) {
        return new Statistic(kind, Double.NaN);
    }

    public static Statistic percentile(double percentile) {
        return new Statistic(Kind.PERCENTILE, percentile);
    }

    /**
     * Parses {@code count}, {@code errors}, {@code error_rate}, {@code throughput}, {@code min}, {@code mean},
     * {@code max}, {@code p999} (the 99.9th percentile) or {@code pNN} such as {@code p99} or {@code p99.5}.
     * Returns null for anything else.
     */
    public static Statistic parse(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("p999")) {
            return percentile(99.9);
        }
        if (lower.matches("p\\d{1,2}(\\.\\d{1,3})?")) {
            double value = Double.parseDouble(lower.substring(1));
            return value > 0 ? percentile(value) : null;
        }
        return switch (lower) {
            case "count" -> of(Kind.COUNT);
            case "errors" -> of(Kind.ERRORS);
            case "error_rate" -> of(Kind.ERROR_RATE);
            case "throughput" -> of(Kind.THROUGHPUT);
            case "min" -> of(Kind.MIN);
            case "mean" -> of(Kind.MEAN);
            case "max" -> of(Kind.MAX);
            default -> null;
        };
    }

    /** Returns the unit of the values, for the JSON of a time series. */
    public String unit() {
        return switch (kind) {
            case COUNT, ERRORS -> "calls";
            case ERROR_RATE -> "fraction";
            case THROUGHPUT -> "calls/s";
            default -> "us";
        };
    }

    /** Returns failed over all calls, at most 1; a span whose only calls failed has the rate 1. */
    private static double errorRate(long count, long errors) {
        if (count == 0) {
            return errors == 0 ? 0 : 1;
        }
        return Math.min(1.0, (double) errors / count);
    }

    /**
     * Computes the statistic. Latencies of a span without calls are NaN.
     *
     * @param histogram latencies in nanoseconds
     * @param errors    failed calls
     * @param spanNanos length of the span, for throughput
     */
    public double compute(Histogram histogram, long errors, long spanNanos) {
        long count = histogram.getTotalCount();
        boolean empty = count == 0;
        return switch (kind) {
            case COUNT -> count;
            case ERRORS -> errors;
            case ERROR_RATE -> errorRate(count, errors);
            case THROUGHPUT -> spanNanos > 0 ? count / (spanNanos / 1e9) : Double.NaN;
            case MIN -> empty ? Double.NaN : histogram.getMinValue() / 1000.0;
            case MEAN -> empty ? Double.NaN : histogram.getMean() / 1000.0;
            case MAX -> empty ? Double.NaN : histogram.getMaxValue() / 1000.0;
            case PERCENTILE -> empty ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
        };
    }
}
