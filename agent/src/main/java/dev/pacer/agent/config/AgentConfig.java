package dev.pacer.agent.config;

import dev.pacer.agent.Log;
import java.util.List;

/**
 * The whole validated agent.yaml. Immutable.
 *
 * @param file        the path of agent.yaml as given
 * @param failOnError whether an invalid configuration stops the JVM instead of disabling the agent
 * @param logLevel    the level of the agent's log
 * @param reporting   where and how often summaries are written
 * @param pointcuts   the methods to time, in file order
 * @param rateLimits  the store and the named limits of rate-limit advice
 * @param systemMetrics how often host, process and JVM metrics are sampled
 * @param history     how much interval history is kept in memory
 * @param alerts      the alert rules, in file order
 */
public record AgentConfig(
        String file,
        boolean failOnError,
        Log.Level logLevel,
        ReportingConfig reporting,
        List<PointcutConfig> pointcuts,
        RateLimitsConfig rateLimits,
        SystemMetricsConfig systemMetrics,
        HistoryConfig history,
        List<AlertConfig> alerts) {

    public AgentConfig {
        pointcuts = List.copyOf(pointcuts);
        alerts = List.copyOf(alerts);
    }

    /** Creates a configuration with default system metrics and history and no alerts. */
    public AgentConfig(String file, boolean failOnError, Log.Level logLevel, ReportingConfig reporting,
            List<PointcutConfig> pointcuts, RateLimitsConfig rateLimits) {
        this(file, failOnError, logLevel, reporting, pointcuts, rateLimits, SystemMetricsConfig.defaults(),
                HistoryConfig.defaults(), List.of());
    }

    /** Creates a configuration without rate limits, with default system metrics and history and no alerts. */
    public AgentConfig(String file, boolean failOnError, Log.Level logLevel, ReportingConfig reporting,
            List<PointcutConfig> pointcuts) {
        this(file, failOnError, logLevel, reporting, pointcuts, RateLimitsConfig.none());
    }
}
