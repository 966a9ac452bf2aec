package dev.pacer.agent.metrics;

import dev.pacer.agent.system.SystemSnapshot;
import java.util.List;

/**
 * Everything the agent reports for one interval: the methods called in it and the agent's own counters. Files and
 * JMX render this one object. Immutable.
 *
 * @param startEpochMillis wall-clock start of the interval
 * @param endEpochMillis   wall-clock end of the interval
 * @param intervalNanos    length of the interval by the monotonic clock
 * @param methods          the methods with at least one call or error in the interval, by key
 * @param agent            the agent's counters at the end of the interval
 * @param rateLimits       every configured rate limit's decisions, in configuration order
 * @param system           the latest sample of the host, process and JVM; null when system metrics are off or
 *                         no sample has been taken yet
 */
public record IntervalSummary(
        long startEpochMillis,
        long endEpochMillis,
        long intervalNanos,
        List<MethodSnapshot> methods,
        AgentCounters agent,
        List<RateLimitSnapshot> rateLimits,
        SystemSnapshot system) {

    public IntervalSummary {
        methods = List.copyOf(methods);
        rateLimits = List.copyOf(rateLimits);
    }

    /** Creates a summary without system metrics. */
    public IntervalSummary(long startEpochMillis, long endEpochMillis, long intervalNanos,
            List<MethodSnapshot> methods, AgentCounters agent, List<RateLimitSnapshot> rateLimits) {
        this(startEpochMillis, endEpochMillis, intervalNanos, methods, agent, rateLimits, null);
    }

    /** Creates a summary of an agent without rate limits and without system metrics. */
    public IntervalSummary(long startEpochMillis, long endEpochMillis, long intervalNanos,
            List<MethodSnapshot> methods, AgentCounters agent) {
        this(startEpochMillis, endEpochMillis, intervalNanos, methods, agent, List.of());
    }

    /** Returns a copy with the given system sample. */
    public IntervalSummary withSystem(SystemSnapshot snapshot) {
        return new IntervalSummary(startEpochMillis, endEpochMillis, intervalNanos, methods, agent, rateLimits,
                snapshot);
    }

    /**
     * The agent's own counters, cumulative since start.
     *
     * @param instrumentedMethods methods woven so far
     * @param agentErrors         exceptions caught inside advice or agent code, plus classes that failed to weave
     * @param overflows           latencies above the highest trackable value, recorded as that value
     * @param negativeDurations   latencies dropped because the clock went backwards
     */
    public record AgentCounters(int instrumentedMethods, long agentErrors, long overflows, long negativeDurations) {
    }
}
