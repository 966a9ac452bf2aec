package dev.pacer.agent.history;

import dev.pacer.agent.AgentClock;
import dev.pacer.agent.config.Durations;
import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.MetricsCollector;
import dev.pacer.agent.metrics.RateLimitSnapshot;
import dev.pacer.agent.report.JsonWriter;
import dev.pacer.agent.report.SummaryJson;
import dev.pacer.agent.system.SystemSnapshot;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Computes the results of the {@code performanceSummary(window)} and {@code history(metric, window)} JMX
 * operations from the {@link HistoryStore}. A window such as {@code 5m}, {@code 1h} or {@code 24h} covers the
 * intervals that ended within that time before now, and the interval in progress is not part of any window.
 * Thread-safe.
 */
public final class HistoryQueries {

    private final HistoryStore store;
    private final AgentClock clock;

    public HistoryQueries(HistoryStore store, AgentClock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Returns the merged summary of a window, or null when no interval ended within it. */
    public IntervalSummary summary(String window) {
        long fromMillis = clock.currentTimeMillis() - windowMillis(window);
        return WindowMerger.merge(store.sinceWithRollups(fromMillis));
    }

    /** Returns the summary of a window as JSON, in the format of one line of summary.jsonl. */
    public String summaryJson(String window) {
        IntervalSummary summary = summary(window);
        return summary == null ? "{}" : SummaryJson.render(summary);
    }

    /**
     * Returns one metric over a window as JSON, such as
     * {@code {"metric":…,"window":…,"unit":…,"points":[{"t":…,"v":…}]}}, with one point per interval for calls
     * and one per sample for system attributes. A value that could not be
     * measured, such as a latency in an interval without calls, is null.
     */
    public String seriesJson(String metricName, String window) {
        HistoryMetric metric = HistoryMetric.parse(metricName);
        List<IntervalRecord> records = store.since(clock.currentTimeMillis() - windowMillis(window));

        JsonWriter json = new JsonWriter().beginObject().field("metric", metricName).field("window", window)
                .field("unit", metric.unit());
        json.name("points").beginArray();
        SystemSnapshot previousSample = null;
        for (IntervalRecord record : records) {
            if (metric.scope() == HistoryMetric.Scope.SYSTEM) {
                SystemSnapshot sample = record.system();
                boolean newSample = sample != null && sample != previousSample;
                previousSample = sample;
                if (newSample) {
                    point(json, sample.sampledEpochMillis(), metric.attribute().read(sample));
                }
                continue;
            }
            double value = metric.scope() == HistoryMetric.Scope.LIMIT ? limitValue(metric, record)
                    : value(metric, record);
            point(json, record.endEpochMillis(), value);
        }
        return json.endArray().endObject().toString();
    }

    private static double value(HistoryMetric metric, IntervalRecord record) {
        Histogram merged = MetricsCollector.newHistogram();
        long errors = 0;
        for (MethodRecord method : record.methods()) {
            if (metric.selects(method.key(), method.pointcut())) {
                merged.add(method.histogram());
                errors += method.errors();
            }
        }
        return metric.statistic().compute(merged, errors, record.intervalNanos());
    }

    /** Returns the count of the metric's decision in the interval, or NaN when the limit reported nothing. */
    private static double limitValue(HistoryMetric metric, IntervalRecord record) {
        for (RateLimitSnapshot limit : record.rateLimits()) {
            if (limit.limit().equals(metric.target())) {
                return metric.decision().read(limit.interval());
            }
        }
        return Double.NaN;
    }

    private static void point(JsonWriter json, long epochMillis, double value) {
        json.beginObject().field("t", Instant.ofEpochMilli(epochMillis).toString()).field("v", value).endObject();
    }

    /** Parses a window such as 5m, 1h or 24h, or throws IllegalArgumentException saying how to write one. */
    static long windowMillis(String window) {
        long nanos = window == null ? -1 : Durations.parseNanos(window);
        if (nanos <= 0) {
            throw new IllegalArgumentException("Invalid window \"" + window + "\". Write a duration with a unit of "
                    + "ms, s, m, h or d, such as 5m, 1h or 24h.");
        }
        return nanos / 1_000_000L;
    }
}
