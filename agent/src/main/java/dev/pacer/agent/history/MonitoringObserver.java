package dev.pacer.agent.history;

import dev.pacer.agent.Log;
import dev.pacer.agent.alert.AlertEvaluator;
import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.report.IntervalObserver;
import dev.pacer.agent.system.SystemMetrics;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Adds the latest system sample to each interval, then keeps the interval in the history and evaluates the alerts
 * on it. A failure of one step is logged once and counted, and never stops the other steps or the reporter.
 */
public final class MonitoringObserver implements IntervalObserver {

    private final SystemMetrics system;
    private final HistoryStore history;
    private final AlertEvaluator alerts;
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param system null when system metrics are off
     */
    public MonitoringObserver(SystemMetrics system, HistoryStore history, AlertEvaluator alerts) {
        this.system = system;
        this.history = history;
        this.alerts = alerts;
    }

    @Override
    public IntervalSummary enrich(IntervalSummary summary) {
        return system == null ? summary : summary.withSystem(system.latest());
    }

    @Override
    public void afterInterval(IntervalSummary summary) {
        try {
            history.append(summary);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            Log.warnOnce("history", "Keeping an interval in the history failed; windows will miss it", e);
        }
        try {
            alerts.evaluate(summary);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            Log.warnOnce("alerts", "Evaluating the alerts failed for one interval", e);
        }
    }

    /** Returns the intervals that could not be kept or evaluated. */
    public long failures() {
        return failures.get();
    }
}
