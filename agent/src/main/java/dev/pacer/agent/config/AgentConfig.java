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
 */
public record AgentConfig(
        String file,
        boolean failOnError,
        Log.Level logLevel,
        ReportingConfig reporting,
        List<PointcutConfig> pointcuts,
        RateLimitsConfig rateLimits) {

    public AgentConfig {
        pointcuts = List.copyOf(pointcuts);
    }
}
