package dev.pacer.agent.history;

import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.LatencyStats;
import dev.pacer.agent.metrics.MethodSnapshot;
import dev.pacer.agent.metrics.MetricsCollector;
import dev.pacer.agent.system.SystemSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Builds interval summaries for history tests. */
final class Intervals {

    static final long INTERVAL_NANOS = 10_000_000_000L;
    static final long INTERVAL_MILLIS = 10_000L;
    static final IntervalSummary.AgentCounters COUNTERS = new IntervalSummary.AgentCounters(1, 0, 0, 0);

    private Intervals() {
    }

    /** One method's calls in one interval. */
    record Calls(String key, String pointcut, long[] latenciesNanos, long errors) {
    }

    static Histogram histogram(long... latenciesNanos) {
        Histogram histogram = MetricsCollector.newHistogram();
        for (long latency : latenciesNanos) {
            histogram.recordValue(latency);
        }
        return histogram;
    }

    /** Returns the interval that ends at {@code endMillis} and lasts 10 s. */
    static IntervalSummary interval(long endMillis, SystemSnapshot system, Calls... calls) {
        List<MethodSnapshot> methods = new ArrayList<>();
        for (Calls call : calls) {
            Histogram histogram = histogram(call.latenciesNanos());
            methods.add(new MethodSnapshot(call.key(), call.pointcut(),
                    LatencyStats.of(histogram, call.errors(), INTERVAL_NANOS),
                    call.errors() > 0 ? Map.of("java.io.IOException", call.errors()) : Map.of(), histogram));
        }
        IntervalSummary summary = new IntervalSummary(endMillis - INTERVAL_MILLIS, endMillis, INTERVAL_NANOS,
                methods, COUNTERS);
        return summary.withSystem(system);
    }
}
