package dev.pacer.agent.history;

import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.system.SystemSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * One retained interval: its times, its active methods in compressed form, the agent counters and the system
 * sample that was current when it closed. Immutable.
 */
record IntervalRecord(
        long startEpochMillis,
        long endEpochMillis,
        long intervalNanos,
        List<MethodRecord> methods,
        IntervalSummary.AgentCounters agent,
        SystemSnapshot system,
        long estimatedBytes) {

    /** Estimated bytes of the record itself and its list, without the methods. */
    static final long RECORD_BYTES = 96;

    /**
     * Estimated bytes of one system snapshot with two collectors, counted only by the first interval that refers
     * to it, because later intervals share it until the next sample.
     */
    static final long SYSTEM_SNAPSHOT_BYTES = 400;

    static IntervalRecord of(IntervalSummary summary, boolean newSystemSnapshot) {
        List<MethodRecord> methods = new ArrayList<>(summary.methods().size());
        long bytes = RECORD_BYTES + (newSystemSnapshot ? SYSTEM_SNAPSHOT_BYTES : 0);
        for (var snapshot : summary.methods()) {
            MethodRecord method = MethodRecord.of(snapshot);
            methods.add(method);
            bytes += method.estimatedBytes() + 8;
        }
        return new IntervalRecord(summary.startEpochMillis(), summary.endEpochMillis(), summary.intervalNanos(),
                List.copyOf(methods), summary.agent(), summary.system(), bytes);
    }
}
