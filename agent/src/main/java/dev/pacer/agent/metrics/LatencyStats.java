package dev.pacer.agent.metrics;

import org.HdrHistogram.Histogram;

/**
 * Count, errors and latency percentiles of one method over some span of time, in microseconds. Immutable.
 * Latencies are kept to 2 significant digits (within 1/128 of the true value), and {@code meanMicros} is the mean
 * of the histogram's bucket values.
 */
public record LatencyStats(
        long count,
        long errors,
        double errorRate,
        double throughputPerSecond,
        double minMicros,
        double meanMicros,
        double p50Micros,
        double p90Micros,
        double p99Micros,
        double p999Micros,
        double maxMicros) {

    /** Stats of a span with no calls: counts are zero and latencies are NaN, reported as null in JSON. */
    public static LatencyStats empty(long errors) {
        return new LatencyStats(0, errors, errors == 0 ? 0 : 1, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN);
    }

    /** Computes the stats of a histogram of nanosecond latencies that spans {@code spanNanos}. */
    public static LatencyStats of(Histogram histogram, long errors, long spanNanos) {
        long count = histogram.getTotalCount();
        if (count == 0) {
            return empty(errors);
        }
        double seconds = spanNanos / 1e9;
        double throughput = seconds > 0 ? count / seconds : 0;
        return new LatencyStats(
                count,
                errors,
                Math.min(1.0, (double) errors / count),
                throughput,
                micros(histogram.getMinValue()),
                histogram.getMean() / 1000.0,
                micros(histogram.getValueAtPercentile(50)),
                micros(histogram.getValueAtPercentile(90)),
                micros(histogram.getValueAtPercentile(99)),
                micros(histogram.getValueAtPercentile(99.9)),
                micros(histogram.getMaxValue()));
    }

    /** Returns the same stats with another throughput, for cumulative stats whose time span grew. */
    public LatencyStats withThroughput(double callsPerSecond) {
        return new LatencyStats(count, errors, errorRate, callsPerSecond, minMicros, meanMicros, p50Micros, p90Micros,
                p99Micros, p999Micros, maxMicros);
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
