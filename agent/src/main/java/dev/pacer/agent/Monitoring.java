package dev.pacer.agent;

import dev.pacer.agent.alert.AlertEvaluator;
import dev.pacer.agent.alert.AlertLog;
import dev.pacer.agent.config.AgentConfig;
import dev.pacer.agent.history.HistoryQueries;
import dev.pacer.agent.history.HistoryStore;
import dev.pacer.agent.history.MonitoringObserver;
import dev.pacer.agent.jmx.MonitoringSources;
import dev.pacer.agent.report.AlertFile;
import dev.pacer.agent.system.SystemMetrics;
import dev.pacer.bootstrap.PacerThread;
import java.nio.file.Path;

/**
 * Wires system metrics, the interval history and the alerts. Creating it touches neither OSHI nor JMX, so it is
 * cheap enough for premain; {@link #start} starts the sampling thread, whose first sample loads OSHI.
 *
 * @param system   the system sampler; null when {@code system-metrics} is off
 * @param sources  what the agent MBean and {@code pacer:type=System} read
 * @param observer the reporter's hook that adds system metrics, keeps history and evaluates alerts
 */
record Monitoring(SystemMetrics system, MonitoringSources sources, MonitoringObserver observer) {

    /**
     * Returns the failures that were logged once and kept from the application: failed system samples, intervals
     * that could not be kept or evaluated, and alert listeners that threw. They count as agent errors.
     */
    long failures() {
        long systemFailures = system == null ? 0 : system.failures();
        return systemFailures + observer.failures() + sources.alerts().listenerFailures();
    }

    static Monitoring create(AgentConfig config, AgentClock clock, Path directory) {
        SystemMetrics system = config.systemMetrics().enabled()
                ? SystemMetrics.withOshi(config.systemMetrics().intervalNanos(), clock) : null;
        HistoryStore history = new HistoryStore(config.history());
        AlertEvaluator alerts = new AlertEvaluator(config.alerts());
        alerts.addListener(new AlertLog());
        if (config.reporting().fileEnabled() && !config.alerts().isEmpty()) {
            alerts.addListener(new AlertFile(config.reporting(), directory));
        }
        MonitoringSources sources = new MonitoringSources(new HistoryQueries(history, clock), alerts, system);
        return new Monitoring(system, sources, new MonitoringObserver(system, history, alerts));
    }

    void start() {
        if (system != null) {
            new PacerThread("system-metrics", system).start();
        }
    }

    void stop() {
        if (system != null) {
            system.stop();
        }
    }
}
