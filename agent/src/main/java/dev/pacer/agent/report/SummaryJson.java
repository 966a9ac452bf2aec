package dev.pacer.agent.report;

import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.LatencyStats;
import dev.pacer.agent.metrics.MethodSnapshot;
import dev.pacer.agent.metrics.RateLimitSnapshot;
import java.time.Instant;
import java.util.Map;

/**
 * Renders an {@link IntervalSummary} as one line of JSON. This is the format of summary.jsonl and of the
 * {@code performanceSummary()} and {@code performanceSummary(window)} JMX operations, where a window is rendered
 * as one summary of its merged intervals; docs/outputs.md describes every field.
 */
public final class SummaryJson {

    private SummaryJson() {
    }

    public static String render(IntervalSummary summary) {
        JsonWriter json = new JsonWriter().beginObject()
                .field("timestamp", Instant.ofEpochMilli(summary.endEpochMillis()).toString())
                .field("start", Instant.ofEpochMilli(summary.startEpochMillis()).toString())
                .field("interval_ms", summary.intervalNanos() / 1_000_000.0);

        json.name("methods").beginArray();
        for (MethodSnapshot method : summary.methods()) {
            json.beginObject().field("method", method.key()).field("pointcut", method.pointcut());
            writeStats(json, method.stats());
            json.name("errors_by_type").beginObject();
            for (Map.Entry<String, Long> entry : method.errorsByType().entrySet()) {
                json.field(entry.getKey(), entry.getValue());
            }
            json.endObject().endObject();
        }
        json.endArray();
        SummarySections.writeProcess(json, summary);
        SummarySections.writeRankings(json, summary);
        SystemJson.write(json, summary.system());

        IntervalSummary.AgentCounters agent = summary.agent();
        json.name("agent").beginObject()
                .field("instrumented_methods", agent.instrumentedMethods())
                .field("agent_errors", agent.agentErrors())
                .field("overflows", agent.overflows())
                .field("negative_durations", agent.negativeDurations())
                .endObject();

        json.name("rate_limits").beginArray();
        for (RateLimitSnapshot limit : summary.rateLimits()) {
            writeRateLimit(json, limit);
        }
        json.endArray();
        return json.endObject().toString();
    }

    /** Writes one limit's decisions of the interval, its totals since start, and its waits in milliseconds. */
    static void writeRateLimit(JsonWriter json, RateLimitSnapshot limit) {
        RateLimitSnapshot.Counts interval = limit.interval();
        RateLimitSnapshot.Counts total = limit.total();
        RateLimitSnapshot.WaitStats waits = limit.intervalWait();
        json.beginObject()
                .field("limit", limit.limit())
                .field("store", limit.store())
                .name("keyed").value(limit.keyed())
                .name("store_available").value(limit.storeAvailable())
                .field("store_outages", limit.storeOutages())
                .field("allowed", interval.allowed())
                .field("rejected", interval.rejected())
                .field("waited", interval.waited())
                .field("would_reject", interval.wouldReject())
                .field("store_errors", interval.storeErrors())
                .field("fallbacks", interval.fallbacks())
                .field("wait_p50_ms", waits.p50Millis())
                .field("wait_p99_ms", waits.p99Millis())
                .field("wait_max_ms", waits.maxMillis());
        json.name("total").beginObject()
                .field("allowed", total.allowed())
                .field("rejected", total.rejected())
                .field("waited", total.waited())
                .field("would_reject", total.wouldReject())
                .field("store_errors", total.storeErrors())
                .field("fallbacks", total.fallbacks())
                .endObject();
        json.endObject();
    }

    /** Writes the count, error and latency fields of one method; latencies are in microseconds. */
    static void writeStats(JsonWriter json, LatencyStats stats) {
        json.field("count", stats.count())
                .field("errors", stats.errors())
                .field("error_rate", stats.errorRate())
                .field("throughput", stats.throughputPerSecond())
                .field("min_us", stats.minMicros())
                .field("mean_us", stats.meanMicros())
                .field("p50_us", stats.p50Micros())
                .field("p90_us", stats.p90Micros())
                .field("p99_us", stats.p99Micros())
                .field("p999_us", stats.p999Micros())
                .field("max_us", stats.maxMicros());
    }
}
