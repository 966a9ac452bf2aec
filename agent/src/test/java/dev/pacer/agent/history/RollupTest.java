package dev.pacer.agent.history;

import static dev.pacer.agent.history.Intervals.INTERVAL_MILLIS;
import static dev.pacer.agent.history.Intervals.interval;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.config.HistoryConfig;
import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.LatencyStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Checks that windows merged from roll-ups give the same statistics as one plain HdrHistogram fed every latency of
 * the window, also after the memory cap dropped intervals in the middle of a roll-up.
 */
class RollupTest {

    private static final String KEY = "com.example.Repo#find(int)";
    private static final long DAY_MILLIS = 86_400_000L;

    /** Appends a day of intervals and returns the latencies of each, oldest first. */
    private static List<long[]> fillDay(HistoryStore store, Random random) {
        List<long[]> all = new ArrayList<>();
        for (int i = 1; i <= 8_640; i++) {
            long[] latencies = new long[1 + random.nextInt(30)];
            double scaleNanos = i % 11 == 0 ? 30_000_000 : 1_000_000;
            for (int j = 0; j < latencies.length; j++) {
                latencies[j] = 1 + (long) (-Math.log(1 - random.nextDouble()) * scaleNanos);
            }
            store.append(interval(i * INTERVAL_MILLIS, null, new Intervals.Calls(KEY, "jdbc", latencies, 1)));
            all.add(latencies);
        }
        return all;
    }

    private static Histogram reference(List<long[]> intervals, int fromIndex) {
        Histogram reference = new Histogram(2);
        for (long[] latencies : intervals.subList(fromIndex, intervals.size())) {
            for (long latency : latencies) {
                reference.recordValue(latency);
            }
        }
        return reference;
    }

    private static void assertEqualsReference(LatencyStats stats, Histogram reference) {
        assertThat(stats.count()).isEqualTo(reference.getTotalCount());
        assertThat(stats.p50Micros()).isEqualTo(reference.getValueAtPercentile(50) / 1000.0);
        assertThat(stats.p99Micros()).isEqualTo(reference.getValueAtPercentile(99) / 1000.0);
        assertThat(stats.p999Micros()).isEqualTo(reference.getValueAtPercentile(99.9) / 1000.0);
        assertThat(stats.maxMicros()).isEqualTo(reference.getMaxValue() / 1000.0);
        assertThat(stats.minMicros()).isEqualTo(reference.getMinValue() / 1000.0);
    }

    @Test
    void dayWindowUsesRollups() {
        HistoryStore store = new HistoryStore(new HistoryConfig(HistoryConfig.DEFAULT_RETENTION_NANOS, 1L << 30));
        List<long[]> intervals = fillDay(store, new Random(5));

        List<IntervalRecord> window = store.sinceWithRollups(0);

        // 8,640 intervals are 135 roll-ups of HistoryStore.ROLLUP_SIZE = 64.
        assertThat(window).hasSize(135);
        IntervalSummary merged = WindowMerger.merge(window);
        assertEqualsReference(merged.methods().get(0).stats(), reference(intervals, 0));
        assertThat(merged.methods().get(0).stats().errors()).isEqualTo(8_640);
        assertThat(merged.intervalNanos()).isEqualTo(DAY_MILLIS * 1_000_000L);
        assertThat(merged.startEpochMillis()).isZero();
    }

    @Test
    void windowEdgesUseIntervals() {
        HistoryStore store = new HistoryStore(new HistoryConfig(HistoryConfig.DEFAULT_RETENTION_NANOS, 1L << 30));
        List<long[]> intervals = fillDay(store, new Random(6));
        long fromMillis = DAY_MILLIS - 3_600_000L - 5 * INTERVAL_MILLIS;

        List<IntervalRecord> window = store.sinceWithRollups(fromMillis);

        IntervalSummary merged = WindowMerger.merge(window);
        int firstIndex = (int) (fromMillis / INTERVAL_MILLIS);
        assertEqualsReference(merged.methods().get(0).stats(), reference(intervals, firstIndex));
        assertThat(merged.startEpochMillis()).isEqualTo(fromMillis);
        assertThat(window.size()).isLessThan(365 / 4);
    }

    @Test
    void memoryCapDropsRollupsWithTheirIntervals() {
        HistoryStore unbounded = new HistoryStore(new HistoryConfig(HistoryConfig.DEFAULT_RETENTION_NANOS, 1L << 30));
        fillDay(unbounded, new Random(7));
        long cap = unbounded.estimatedBytes() / 3;
        HistoryStore capped = new HistoryStore(new HistoryConfig(HistoryConfig.DEFAULT_RETENTION_NANOS, cap));

        List<long[]> intervals = fillDay(capped, new Random(7));

        int firstKept = intervals.size() - capped.size();
        IntervalSummary merged = WindowMerger.merge(capped.sinceWithRollups(0));
        assertEqualsReference(merged.methods().get(0).stats(), reference(intervals, firstKept));
        assertThat(capped.estimatedBytes()).isLessThanOrEqualTo(cap);
        assertThat(capped.sinceWithRollups(0).size()).isLessThan(capped.size());
    }
}
