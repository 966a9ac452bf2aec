package dev.pacer.agent.history;

import static dev.pacer.agent.history.Intervals.INTERVAL_MILLIS;
import static dev.pacer.agent.history.Intervals.interval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pacer.agent.AgentClock;
import dev.pacer.agent.config.HistoryConfig;
import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.LatencyStats;
import dev.pacer.agent.metrics.MethodSnapshot;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Merges retained intervals and compares the window's statistics with one plain HdrHistogram fed every latency of
 * the window directly.
 */
class WindowMergerTest {

    private static final String KEY = "com.example.Repo#find(int)";

    /** A clock whose wall time the test sets; its monotonic time is not read by the queries. */
    private static final class FixedClock implements AgentClock {
        long millis;

        @Override
        public long nanoTime() {
            return millis * 1_000_000L;
        }

        @Override
        public long currentTimeMillis() {
            return millis;
        }
    }

    @Test
    void windowPercentilesEqualReferenceHistogram() {
        HistoryStore store = new HistoryStore(HistoryConfig.defaults());
        FixedClock clock = new FixedClock();
        HistoryQueries queries = new HistoryQueries(store, clock);
        Random random = new Random(42);
        Histogram lastHourReference = new Histogram(2);
        int intervals = 720;

        for (int i = 1; i <= intervals; i++) {
            // Latency shifts between intervals, so averaging interval percentiles would differ from the truth.
            double scaleNanos = i % 7 == 0 ? 40_000_000 : 2_000_000;
            long[] latencies = new long[50 + random.nextInt(200)];
            for (int j = 0; j < latencies.length; j++) {
                latencies[j] = 1 + (long) (-Math.log(1 - random.nextDouble()) * scaleNanos);
            }
            store.append(interval(i * INTERVAL_MILLIS, null, new Intervals.Calls(KEY, "jdbc", latencies, 1)));
            boolean inLastHour = i > intervals - 360;
            if (inLastHour) {
                for (long latency : latencies) {
                    lastHourReference.recordValue(latency);
                }
            }
        }
        clock.millis = intervals * INTERVAL_MILLIS;

        IntervalSummary window = queries.summary("1h");

        MethodSnapshot method = window.methods().get(0);
        LatencyStats stats = method.stats();
        assertThat(stats.count()).isEqualTo(lastHourReference.getTotalCount());
        assertThat(stats.errors()).isEqualTo(360);
        assertThat(stats.p50Micros()).isEqualTo(lastHourReference.getValueAtPercentile(50) / 1000.0);
        assertThat(stats.p90Micros()).isEqualTo(lastHourReference.getValueAtPercentile(90) / 1000.0);
        assertThat(stats.p99Micros()).isEqualTo(lastHourReference.getValueAtPercentile(99) / 1000.0);
        assertThat(stats.p999Micros()).isEqualTo(lastHourReference.getValueAtPercentile(99.9) / 1000.0);
        assertThat(stats.maxMicros()).isEqualTo(lastHourReference.getMaxValue() / 1000.0);
        assertThat(stats.minMicros()).isEqualTo(lastHourReference.getMinValue() / 1000.0);
        assertThat(stats.meanMicros()).isCloseTo(lastHourReference.getMean() / 1000.0, within(1e-6));
        assertThat(stats.throughputPerSecond()).isCloseTo(lastHourReference.getTotalCount() / 3600.0,
                within(1e-9));
        assertThat(window.intervalNanos()).isEqualTo(3_600_000_000_000L);
        assertThat(window.startEpochMillis()).isEqualTo((intervals - 360) * INTERVAL_MILLIS);
        assertThat(method.errorsByType()).containsEntry("java.io.IOException", 360L);
    }

    @Test
    void methodsOfDifferentIntervalsAreAllListed() {
        HistoryStore store = new HistoryStore(HistoryConfig.defaults());
        FixedClock clock = new FixedClock();
        store.append(interval(10_000, null, new Intervals.Calls("A#a()", "p", new long[] {1_000}, 0)));
        store.append(interval(20_000, null, new Intervals.Calls("B#b()", "p", new long[] {2_000, 3_000}, 0)));
        clock.millis = 20_000;

        IntervalSummary window = new HistoryQueries(store, clock).summary("5m");

        assertThat(window.methods()).extracting(MethodSnapshot::key).containsExactly("A#a()", "B#b()");
        assertThat(window.methods()).extracting(method -> method.stats().count()).containsExactly(1L, 2L);
    }

    @Test
    void windowWithoutIntervalsIsEmpty() {
        HistoryStore store = new HistoryStore(HistoryConfig.defaults());
        FixedClock clock = new FixedClock();
        store.append(interval(10_000, null, new Intervals.Calls(KEY, "jdbc", new long[] {1_000}, 0)));
        clock.millis = 10_000 + 600_000;

        HistoryQueries queries = new HistoryQueries(store, clock);

        assertThat(queries.summary("5m")).isNull();
        assertThat(queries.summaryJson("5m")).isEqualTo("{}");
    }
}
