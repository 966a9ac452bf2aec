package dev.pacer.agent.jmx;

import dev.pacer.agent.alert.AlertEvaluator;
import dev.pacer.agent.history.HistoryQueries;
import dev.pacer.agent.system.SystemMetrics;

/**
 * The sources of the agent MBean's history, window and alert members and of {@code pacer:type=System}.
 *
 * @param history the interval history
 * @param alerts  the alert rules and their state
 * @param system  the system sampler; null when {@code system-metrics} is off
 */
public record MonitoringSources(HistoryQueries history, AlertEvaluator alerts, SystemMetrics system) {
}
