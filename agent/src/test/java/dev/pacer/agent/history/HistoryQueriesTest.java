package dev.pacer.agent.history;

import static dev.pacer.agent.history.Intervals.interval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.agent.AgentClock;
import dev.pacer.agent.config.HistoryConfig;
import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.RateLimitSnapshot;
import dev.pacer.agent.system.JvmReading;
import dev.pacer.agent.system.SystemSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Renders time series of one metric and rejects invalid metric names and windows. */
class HistoryQueriesTest {

    private static final JvmReading JVM = new JvmReading(new JvmReading.Memory(100, 200, 400),
            new JvmReading.Memory(10, 20, -1), List.of(), 1234);

    private final HistoryStore store = new HistoryStore(HistoryConfig.defaults());
    private final AgentClock clock = new AgentClock() {
        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public long currentTimeMillis() {
            return 30_000;
        }
    };
    private final HistoryQueries queries = new HistoryQueries(store, clock);

    private static SystemSnapshot sample(long millis, double processCpuLoad) {
        return new SystemSnapshot(millis, 0.5, processCpuLoad, 2, 1.0, 1000, 2000, 30, 40, JVM);
    }

    @Test
    void methodSeriesHasOnePointPerInterval() {
        store.append(interval(10_000, null, new Intervals.Calls("A#a()", "p", new long[] {1_000_000}, 0)));
        store.append(interval(20_000, null));
        store.append(interval(30_000, null, new Intervals.Calls("A#a()", "p", new long[] {3_000_000}, 0)));

        String json = queries.seriesJson("method:A#a():p99", "1m");

        // With 2 significant digits HdrHistogram reports 1 ms as 1003.519 us and 3 ms as 3014.655 us, the highest
        // values of their buckets.
        assertThat(json).isEqualTo("{\"metric\":\"method:A#a():p99\",\"window\":\"1m\",\"unit\":\"us\",\"points\":["
                + "{\"t\":\"1970-01-01T00:00:10Z\",\"v\":1003.519},"
                + "{\"t\":\"1970-01-01T00:00:20Z\",\"v\":null},"
                + "{\"t\":\"1970-01-01T00:00:30Z\",\"v\":3014.655}]}");
    }

    @Test
    void pointcutSeriesMergesItsMethods() {
        store.append(interval(10_000, null, new Intervals.Calls("A#a()", "p", new long[] {1_000_000}, 0),
                new Intervals.Calls("B#b()", "p", new long[] {1_000_000, 1_000_000}, 0),
                new Intervals.Calls("C#c()", "other", new long[] {5_000_000}, 0)));

        assertThat(queries.seriesJson("pointcut:p:count", "1m")).contains("\"v\":3}");
        assertThat(queries.seriesJson("process:count", "1m")).contains("\"v\":4}");
    }

    @Test
    void systemSeriesHasOnePointPerSample() {
        SystemSnapshot first = sample(5_000, Double.NaN);
        SystemSnapshot second = sample(25_000, 0.25);
        store.append(interval(10_000, first));
        store.append(interval(20_000, first));
        store.append(interval(30_000, second));

        String json = queries.seriesJson("system:ProcessCpuLoad", "1m");

        assertThat(json).isEqualTo("{\"metric\":\"system:ProcessCpuLoad\",\"window\":\"1m\",\"unit\":\"fraction\","
                + "\"points\":[{\"t\":\"1970-01-01T00:00:05Z\",\"v\":null},{\"t\":\"1970-01-01T00:00:25Z\",\"v\":0.25}]}");
    }

    @Test
    void unknownScopeIsRejected() {
        assertThatThrownBy(() -> queries.seriesJson("jvm:heap", "1m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown metric \"jvm:heap\". Use method:<method key>:<statistic>, "
                        + "pointcut:<name>:<statistic>, process:<statistic>, limit:<rate limit>:<decision> or "
                        + "system:<attribute>, where a statistic is one of count, errors, error_rate, throughput, "
                        + "min, mean, max, p50, p90, p99, p999 or any pNN, and a decision one of allowed, rejected, "
                        + "waited, would_reject, store_errors, fallbacks.");
    }

    @Test
    void unknownStatisticIsRejected() {
        assertThatThrownBy(() -> queries.seriesJson("method:A#a():median", "1m"))
                .hasMessageStartingWith("Unknown statistic \"median\" in method:A#a():median.");
    }

    @Test
    void unknownSystemAttributeIsRejected() {
        assertThatThrownBy(() -> queries.seriesJson("system:Heap", "1m"))
                .hasMessageStartingWith("Unknown system attribute \"Heap\" in system:Heap. Use one of: SystemCpuLoad, "
                        + "ProcessCpuLoad,");
    }

    @Test
    void methodWithoutStatisticIsRejected() {
        assertThatThrownBy(() -> queries.seriesJson("method:A#a()", "1m"))
                .hasMessageStartingWith("The metric method:A#a() lacks a target or a statistic.");
    }

    @Test
    void windowWithoutUnitIsRejected() {
        assertThatThrownBy(() -> queries.summaryJson("5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid window \"5\". Write a duration with a unit of ms, s, m, h or d, such as 5m, 1h "
                        + "or 24h.");
    }

    private static RateLimitSnapshot limit(String name, long allowed, long rejected, double maxWaitMillis) {
        RateLimitSnapshot.Counts counts = new RateLimitSnapshot.Counts(allowed, rejected, 1, 0, 0, 0);
        RateLimitSnapshot.WaitStats waits = new RateLimitSnapshot.WaitStats(1, 1.0, 2.0, maxWaitMillis);
        return new RateLimitSnapshot(name, "local", false, true, 0, counts, counts, waits, waits);
    }

    private static IntervalSummary withLimits(long endMillis, RateLimitSnapshot... limits) {
        return new IntervalSummary(endMillis - 10_000, endMillis, 10_000_000_000L, List.of(), Intervals.COUNTERS,
                List.of(limits));
    }

    @Test
    void limitSeriesCountsDecisions() {
        store.append(withLimits(10_000, limit("builds", 9, 1, 5)));
        store.append(withLimits(20_000));
        store.append(withLimits(30_000, limit("builds", 7, 3, 8)));

        assertThat(queries.seriesJson("limit:builds:rejected", "1m")).isEqualTo("{\"metric\":\"limit:builds:rejected\","
                + "\"window\":\"1m\",\"unit\":\"calls\",\"points\":[{\"t\":\"1970-01-01T00:00:10Z\",\"v\":1},"
                + "{\"t\":\"1970-01-01T00:00:20Z\",\"v\":null},{\"t\":\"1970-01-01T00:00:30Z\",\"v\":3}]}");
    }

    @Test
    void windowSumsLimitDecisions() {
        store.append(withLimits(10_000, limit("builds", 9, 1, 5)));
        store.append(withLimits(30_000, limit("builds", 7, 3, 8)));

        RateLimitSnapshot merged = queries.summary("1m").rateLimits().get(0);

        assertThat(merged.interval()).isEqualTo(new RateLimitSnapshot.Counts(16, 4, 2, 0, 0, 0));
        assertThat(merged.intervalWait().count()).isEqualTo(2);
        assertThat(merged.intervalWait().maxMillis()).isEqualTo(8.0);
        assertThat(merged.intervalWait().p99Millis()).isNaN();
    }

    @Test
    void limitWithoutDecisionIsRejected() {
        assertThatThrownBy(() -> queries.seriesJson("limit:builds:denied", "1m"))
                .hasMessageStartingWith("The metric limit:builds:denied lacks a rate limit or a known decision.");
    }
}
