package dev.pacer.agent.history;

import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.MethodSnapshot;
import dev.pacer.agent.metrics.MetricsCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Adds up {@link #BLOCK_SIZE} consecutive intervals into one roll-up record, so that a long window merges one
 * histogram per method and block instead of one per interval. A day of 10 s intervals then takes 135 roll-ups plus
 * at most 2 × 63 intervals at its edges instead of 8,640 intervals. The roll-up has the same form as an
 * {@link IntervalRecord} whose start is its first interval's start and whose length is the sum of its intervals'
 * lengths. Not thread-safe; the {@link HistoryStore} calls it under its lock.
 */
final class RollupBuilder {

    /** Intervals per roll-up. */
    static final int BLOCK_SIZE = 64;

    /** One method's calls in the block so far. */
    private static final class MethodTotal {
        final String pointcut;
        final Histogram histogram = MetricsCollector.newHistogram();
        final Map<String, Long> errorsByType = new TreeMap<>();
        long errors;

        MethodTotal(String pointcut) {
            this.pointcut = pointcut;
        }
    }

    private final Map<String, MethodTotal> methods = new LinkedHashMap<>();
    private int intervals;
    private long firstStartEpochMillis;
    private long spanNanos;

    /** Adds one interval, and returns the finished roll-up when it completes a block, else null. */
    IntervalRecord add(IntervalSummary summary) {
        if (intervals == 0) {
            firstStartEpochMillis = summary.startEpochMillis();
        }
        intervals++;
        spanNanos += summary.intervalNanos();
        for (MethodSnapshot method : summary.methods()) {
            MethodTotal total = methods.computeIfAbsent(method.key(), key -> new MethodTotal(method.pointcut()));
            total.histogram.add(method.histogram());
            total.errors += method.stats().errors();
            method.errorsByType().forEach((type, count) -> total.errorsByType.merge(type, count, Long::sum));
        }
        if (intervals < BLOCK_SIZE) {
            return null;
        }
        IntervalRecord rollup = finish(summary);
        reset();
        return rollup;
    }

    /** Forgets the intervals added so far, because the oldest of them left the history. */
    void reset() {
        methods.clear();
        intervals = 0;
        spanNanos = 0;
    }

    private IntervalRecord finish(IntervalSummary last) {
        List<MethodRecord> records = new ArrayList<>(methods.size());
        long bytes = IntervalRecord.RECORD_BYTES;
        for (Map.Entry<String, MethodTotal> entry : methods.entrySet()) {
            MethodTotal total = entry.getValue();
            Map<String, Long> errorsByType = total.errorsByType.isEmpty() ? Map.of() : Map.copyOf(total.errorsByType);
            MethodRecord record = new MethodRecord(entry.getKey(), total.pointcut, total.errors, errorsByType,
                    CompressedHistogram.of(total.histogram));
            records.add(record);
            bytes += record.estimatedBytes() + 8;
        }
        return new IntervalRecord(firstStartEpochMillis, last.endEpochMillis(), spanNanos, List.copyOf(records),
                last.agent(), last.system(), bytes);
    }
}
