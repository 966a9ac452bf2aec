package dev.pacer.agent.history;

import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.RateLimitSnapshot;
import dev.pacer.agent.system.SystemSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * One retained interval: its times, its active methods in compressed form, the agent counters, the rate limits'
 * decisions and the system sample that was current when it closed. Immutable.
 */
record IntervalRecord(
        long startEpochMillis,
        long endEpochMillis,
        long intervalNanos,
        PackedMethods packedMethods,
        IntervalSummary.AgentCounters agent,
        List<RateLimitSnapshot> rateLimits,
        SystemSnapshot system,
        long estimatedBytes) {

    /** Estimated bytes of the record itself and its list, without the methods. */
    static final long RECORD_BYTES = 96;

    /**
     * Estimated bytes of one system snapshot with two collectors, counted only by the first interval that refers
     * to it, because later intervals share it until the next sample.
     */
    static final long SYSTEM_SNAPSHOT_BYTES = 400;

    /** Estimated bytes of one rate limit's snapshot: the record, its four count and wait records and a reference. */
    static final long RATE_LIMIT_BYTES = 240;

    static IntervalRecord of(IntervalSummary summary, boolean newSystemSnapshot) {
        PackedMethods methods = PackedMethods.of(summary.methods());
        long bytes = RECORD_BYTES + (newSystemSnapshot ? SYSTEM_SNAPSHOT_BYTES : 0) + methods.estimatedBytes()
                + RATE_LIMIT_BYTES * summary.rateLimits().size();
        return new IntervalRecord(summary.startEpochMillis(), summary.endEpochMillis(), summary.intervalNanos(),
                methods, summary.agent(), summary.rateLimits(), summary.system(), bytes);
    }

    /** Decodes the interval's methods, each with a new histogram. */
    List<MethodRecord> methods() {
        return packedMethods.unpack();
    }
}
