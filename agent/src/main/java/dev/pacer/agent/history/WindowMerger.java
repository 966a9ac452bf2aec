package dev.pacer.agent.history;

import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.LatencyStats;
import dev.pacer.agent.metrics.MethodSnapshot;
import dev.pacer.agent.metrics.MetricsCollector;
import dev.pacer.agent.system.SystemSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Merges retained intervals into one {@link IntervalSummary} for a window. Each method's histograms are added
 * together, so its percentiles are percentiles of every call in the window, not averages of interval percentiles.
 * Rate limits are merged by {@link RateLimitMerger}.
 */
final class WindowMerger {

    private WindowMerger() {
    }

    /** Accumulates one method over the window. */
    private static final class MethodTotal {
        final String key;
        final String pointcut;
        final Histogram histogram = MetricsCollector.newHistogram();
        final Map<String, Long> errorsByType = new TreeMap<>();
        long errors;

        MethodTotal(String key, String pointcut) {
            this.key = key;
            this.pointcut = pointcut;
        }
    }

    /**
     * Returns the merged summary, or null when there are no records.
     *
     * @param records the intervals of the window, oldest first
     */
    static IntervalSummary merge(List<IntervalRecord> records) {
        if (records.isEmpty()) {
            return null;
        }
        Map<String, MethodTotal> totals = new LinkedHashMap<>();
        long spanNanos = 0;
        SystemSnapshot system = null;
        for (IntervalRecord record : records) {
            spanNanos += record.intervalNanos();
            if (record.system() != null) {
                system = record.system();
            }
            for (MethodRecord method : record.methods()) {
                MethodTotal total = totals.computeIfAbsent(method.key(),
                        key -> new MethodTotal(key, method.pointcut()));
                total.histogram.add(method.histogram());
                total.errors += method.errors();
                method.errorsByType().forEach((type, count) -> total.errorsByType.merge(type, count, Long::sum));
            }
        }

        List<MethodSnapshot> methods = new ArrayList<>(totals.size());
        for (MethodTotal total : totals.values()) {
            LatencyStats stats = LatencyStats.of(total.histogram, total.errors, spanNanos);
            methods.add(new MethodSnapshot(total.key, total.pointcut, stats, new HashMap<>(total.errorsByType),
                    total.histogram));
        }
        methods.sort(Comparator.comparing(MethodSnapshot::key));

        IntervalRecord first = records.get(0);
        IntervalRecord last = records.get(records.size() - 1);
        IntervalSummary merged = new IntervalSummary(first.startEpochMillis(), last.endEpochMillis(), spanNanos,
                methods, last.agent(), RateLimitMerger.merge(records));
        return merged.withSystem(system);
    }
}
