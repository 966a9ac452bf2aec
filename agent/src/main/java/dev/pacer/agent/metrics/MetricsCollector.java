package dev.pacer.agent.metrics;

import dev.pacer.bootstrap.AgentErrors;
import dev.pacer.bootstrap.LatencyBuckets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Turns the recorders' counts into interval summaries, and keeps each method's cumulative histogram and error
 * counts for the cumulative JMX attributes.
 *
 * <p>Thread-safety: {@link #collect} runs on one thread at a time (the reporter, or the shutdown hook under the
 * reporter's lock). The cumulative views are replaced, never mutated, after each interval, so readers on other
 * threads see a consistent snapshot.
 */
public final class MetricsCollector {

    private final MethodRegistry registry;
    private final LongSupplier extraAgentErrors;
    private final Supplier<List<RateLimitSnapshot>> rateLimits;
    private final Map<Integer, Cumulative> cumulativeById = new HashMap<>();
    private final Histogram scratch = newHistogram();
    private volatile Map<String, CumulativeView> cumulativeViews = Map.of();

    /** Cumulative state of one method, owned by the collecting thread. */
    private static final class Cumulative {
        private Histogram histogram;
        long errorsSeen;
        Map<String, Long> errorsByTypeSeen = Map.of();

        /** Returns the histogram since start, created at the method's first call to save memory until then. */
        Histogram histogram() {
            if (histogram == null) {
                histogram = newHistogram();
            }
            return histogram;
        }

        boolean hasCalls() {
            return histogram != null;
        }
    }

    /**
     * Cumulative stats of one method since start, published after each interval. Immutable.
     *
     * @param key      the method key
     * @param pointcut the pointcut that selected the method
     * @param stats    the stats since start; throughput is over the time since start
     * @param last     the stats of the last interval
     */
    public record CumulativeView(String key, String pointcut, LatencyStats stats, LatencyStats last) {
    }

    /**
     * @param registry         the woven methods
     * @param extraAgentErrors errors counted by the agent outside {@link AgentErrors}, such as failed weaving
     */
    public MetricsCollector(MethodRegistry registry, LongSupplier extraAgentErrors) {
        this(registry, extraAgentErrors, List::of);
    }

    /**
     * @param registry         the woven methods
     * @param extraAgentErrors errors counted by the agent outside {@link AgentErrors}, such as failed weaving
     * @param rateLimits       returns the rate limits' snapshots of the interval; called once per interval
     */
    public MetricsCollector(MethodRegistry registry, LongSupplier extraAgentErrors,
            Supplier<List<RateLimitSnapshot>> rateLimits) {
        this.registry = registry;
        this.extraAgentErrors = extraAgentErrors;
        this.rateLimits = rateLimits;
    }

    /**
     * Creates an empty histogram in the layout of the recorders (lowest value 1 ns, 2 significant digits). It grows
     * to the largest value recorded, up to {@link LatencyBuckets#HIGHEST_TRACKABLE_NANOS}, so that a method whose
     * calls stay under 10 ms keeps about 18 KB of counts instead of the 36 KB the whole range needs.
     */
    public static Histogram newHistogram() {
        return new Histogram(2);
    }

    /**
     * Drains every recorder into one interval summary.
     *
     * @param startEpochMillis wall-clock start of the interval
     * @param endEpochMillis   wall-clock end of the interval
     * @param intervalNanos    length of the interval by the monotonic clock
     * @param sinceStartNanos  time since the agent started, for cumulative throughput
     */
    public IntervalSummary collect(long startEpochMillis, long endEpochMillis, long intervalNanos,
            long sinceStartNanos) {
        List<MethodSnapshot> snapshots = new ArrayList<>();
        Map<String, CumulativeView> views = new HashMap<>(cumulativeViews);

        for (MethodInfo method : registry.methods()) {
            scratch.reset();
            method.recorder().drainTo(scratch::recordValueWithCount);

            Cumulative cumulative = cumulativeById.computeIfAbsent(method.id(), ignored -> new Cumulative());
            long errorsTotal = method.errorsTotal();
            long intervalErrors = errorsTotal - cumulative.errorsSeen;
            boolean active = scratch.getTotalCount() > 0 || intervalErrors > 0;
            if (!active) {
                views.put(method.key(), idleView(method, cumulative, sinceStartNanos));
                continue;
            }

            Map<String, Long> byTypeTotal = method.errorsByType();
            Map<String, Long> intervalByType = difference(byTypeTotal, cumulative.errorsByTypeSeen);
            cumulative.errorsSeen = errorsTotal;
            cumulative.errorsByTypeSeen = byTypeTotal;

            // A copy sized to this interval's largest value; the scratch histogram is reused for every method.
            Histogram interval = newHistogram();
            interval.add(scratch);
            interval.setStartTimeStamp(startEpochMillis);
            interval.setEndTimeStamp(endEpochMillis);
            cumulative.histogram().add(interval);

            LatencyStats intervalStats = LatencyStats.of(interval, intervalErrors, intervalNanos);
            LatencyStats totalStats = LatencyStats.of(cumulative.histogram(), errorsTotal, sinceStartNanos);
            views.put(method.key(), new CumulativeView(method.key(), method.pointcut(), totalStats, intervalStats));
            snapshots.add(new MethodSnapshot(method.key(), method.pointcut(), intervalStats, intervalByType,
                    interval));
        }
        snapshots.sort(Comparator.comparing(MethodSnapshot::key));
        cumulativeViews = Map.copyOf(views);

        IntervalSummary.AgentCounters counters = new IntervalSummary.AgentCounters(instrumentedMethods(),
                agentErrors(), AgentErrors.overflowCount(), AgentErrors.negativeDurationCount());
        return new IntervalSummary(startEpochMillis, endEpochMillis, intervalNanos, snapshots, counters,
                rateLimits.get());
    }

    /** Returns the cumulative stats of every method after the last interval, by key. */
    public Map<String, CumulativeView> cumulativeViews() {
        return cumulativeViews;
    }

    /** Returns the number of methods woven so far. */
    public int instrumentedMethods() {
        return registry.size();
    }

    /** Returns the exceptions the agent caught and kept from the application, plus classes it failed to weave. */
    public long agentErrors() {
        return AgentErrors.suppressedCount() + AgentErrors.unknownMethodIdCount() + extraAgentErrors.getAsLong();
    }

    /** Returns the view of a method without calls in the interval, without recomputing its percentiles. */
    private CumulativeView idleView(MethodInfo method, Cumulative cumulative, long sinceStartNanos) {
        CumulativeView previous = cumulativeViews.get(method.key());
        LatencyStats noCalls = LatencyStats.empty(0);
        if (previous == null || !cumulative.hasCalls()) {
            return new CumulativeView(method.key(), method.pointcut(), LatencyStats.empty(cumulative.errorsSeen),
                    noCalls);
        }
        LatencyStats total = previous.stats()
                .withThroughput(previous.stats().count() / (Math.max(sinceStartNanos, 1) / 1e9));
        return new CumulativeView(method.key(), method.pointcut(), total, noCalls);
    }

    private static Map<String, Long> difference(Map<String, Long> total, Map<String, Long> seen) {
        Map<String, Long> delta = new HashMap<>();
        total.forEach((type, count) -> {
            long added = count - seen.getOrDefault(type, 0L);
            if (added > 0) {
                delta.put(type, added);
            }
        });
        return delta;
    }
}
