package dev.pacer.agent.alert;

import dev.pacer.agent.config.AlertConfig;
import dev.pacer.agent.history.Statistic;
import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.MethodSnapshot;
import dev.pacer.agent.metrics.MetricsCollector;
import dev.pacer.agent.metrics.RateLimitSnapshot;
import dev.pacer.agent.system.SystemSnapshot;
import org.HdrHistogram.Histogram;

/** Computes the value an alert compares with its threshold, from one interval summary. */
final class AlertValues {

    private AlertValues() {
    }

    /** Returns the base unit of a metric's values, as reported in events. */
    static String unit(AlertMetric metric, boolean fractionOfMax) {
        return switch (metric.kind().unit()) {
            case LATENCY -> "us";
            case PERCENT -> "fraction";
            case PER_SECOND -> "/s";
            case BYTES -> "bytes";
            case PERCENT_OR_BYTES -> fractionOfMax ? "fraction" : "bytes";
        };
    }

    /**
     * Returns the value of the alert's metric in the interval, or NaN when it cannot be measured: a latency of a
     * target without calls, a system metric before its first sample or a CPU load in the first sample.
     */
    static double value(AlertConfig alert, IntervalSummary summary) {
        AlertCondition condition = alert.condition();
        AlertMetric metric = condition.metric();
        return switch (metric.kind()) {
            case SYSTEM_CPU, SYSTEM_PROCESS_CPU, SYSTEM_HEAP, SYSTEM_RSS -> system(metric, condition.fractionOfMax(),
                    summary.system());
            case REJECTED -> rejectedPerSecond(alert.target(), summary);
            default -> ofTarget(alert, summary);
        };
    }

    private static double ofTarget(AlertConfig alert, IntervalSummary summary) {
        Histogram merged = MetricsCollector.newHistogram();
        long errors = 0;
        boolean byKey = alert.targetIsMethodKey();
        for (MethodSnapshot method : summary.methods()) {
            boolean selected = byKey ? method.key().equals(alert.target()) : method.pointcut().equals(alert.target());
            if (selected) {
                merged.add(method.histogram());
                errors += method.stats().errors();
            }
        }
        return statistic(alert.condition().metric()).compute(merged, errors, summary.intervalNanos());
    }

    /** Returns the calls that the limit rejected per second of the interval, or NaN when it reported nothing. */
    private static double rejectedPerSecond(String limit, IntervalSummary summary) {
        double seconds = summary.intervalNanos() / 1e9;
        for (RateLimitSnapshot snapshot : summary.rateLimits()) {
            if (snapshot.limit().equals(limit) && seconds > 0) {
                return snapshot.interval().rejected() / seconds;
            }
        }
        return Double.NaN;
    }

    private static Statistic statistic(AlertMetric metric) {
        return switch (metric.kind()) {
            case PERCENTILE -> Statistic.percentile(metric.percentile());
            case MEAN -> Statistic.of(Statistic.Kind.MEAN);
            case MAX -> Statistic.of(Statistic.Kind.MAX);
            case ERROR_RATE -> Statistic.of(Statistic.Kind.ERROR_RATE);
            case THROUGHPUT -> Statistic.of(Statistic.Kind.THROUGHPUT);
            default -> throw new IllegalArgumentException(metric.displayName() + " is not a statistic of calls");
        };
    }

    private static double system(AlertMetric metric, boolean fractionOfMax, SystemSnapshot snapshot) {
        if (snapshot == null) {
            return Double.NaN;
        }
        return switch (metric.kind()) {
            case SYSTEM_CPU -> snapshot.systemCpuLoad();
            case SYSTEM_PROCESS_CPU -> snapshot.processCpuLoad();
            case SYSTEM_HEAP -> fractionOfMax ? snapshot.heapUsedFraction() : snapshot.jvm().heap().usedBytes();
            default -> snapshot.residentMemoryBytes() < 0 ? Double.NaN : snapshot.residentMemoryBytes();
        };
    }
}
