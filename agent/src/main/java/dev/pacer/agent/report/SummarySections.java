package dev.pacer.agent.report;

import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.LatencyStats;
import dev.pacer.agent.metrics.MethodSnapshot;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the whole-process totals and the rankings of a summary: the slowest methods by p99 and the methods with
 * the most errors. Every timed method counts as a request, so a timed method that calls another timed method
 * counts twice.
 */
final class SummarySections {

    /** Methods listed in {@code slowest} and in {@code most_failing}. */
    static final int RANKING_SIZE = 5;

    private SummarySections() {
    }

    static void writeProcess(JsonWriter json, IntervalSummary summary) {
        long requests = 0;
        long errors = 0;
        double latencySumMicros = 0;
        for (MethodSnapshot method : summary.methods()) {
            LatencyStats stats = method.stats();
            requests += stats.count();
            errors += stats.errors();
            if (stats.count() > 0) {
                latencySumMicros += stats.meanMicros() * stats.count();
            }
        }
        double seconds = summary.intervalNanos() / 1e9;
        json.name("process").beginObject()
                .field("requests", requests)
                .field("errors", errors)
                .field("error_rate", requests > 0 ? Math.min(1.0, (double) errors / requests) : errors > 0 ? 1 : 0)
                .field("throughput", seconds > 0 ? requests / seconds : Double.NaN)
                .field("mean_us", requests > 0 ? latencySumMicros / requests : Double.NaN)
                .endObject();
    }

    static void writeRankings(JsonWriter json, IntervalSummary summary) {
        List<MethodSnapshot> slowest = summary.methods().stream()
                .filter(method -> method.stats().count() > 0)
                .sorted(Comparator.comparingDouble((MethodSnapshot method) -> method.stats().p99Micros()).reversed()
                        .thenComparing(MethodSnapshot::key))
                .limit(RANKING_SIZE)
                .toList();
        json.name("slowest").beginArray();
        for (MethodSnapshot method : slowest) {
            json.beginObject().field("method", method.key()).field("pointcut", method.pointcut())
                    .field("count", method.stats().count()).field("p99_us", method.stats().p99Micros()).endObject();
        }
        json.endArray();

        List<MethodSnapshot> failing = summary.methods().stream()
                .filter(method -> method.stats().errors() > 0)
                .sorted(Comparator.comparingLong((MethodSnapshot method) -> method.stats().errors()).reversed()
                        .thenComparing(MethodSnapshot::key))
                .limit(RANKING_SIZE)
                .toList();
        json.name("most_failing").beginArray();
        for (MethodSnapshot method : failing) {
            json.beginObject().field("method", method.key()).field("pointcut", method.pointcut())
                    .field("errors", method.stats().errors()).field("error_rate", method.stats().errorRate())
                    .endObject();
        }
        json.endArray();
    }
}
