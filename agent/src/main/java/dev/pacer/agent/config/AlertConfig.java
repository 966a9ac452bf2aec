package dev.pacer.agent.config;

import dev.pacer.agent.alert.AlertCondition;

/**
 * One validated entry of {@code alerts:} in agent.yaml. Immutable.
 *
 * @param name         unique name, used in notifications, logs and alerts.jsonl
 * @param line         1-based line of the entry in agent.yaml, for messages
 * @param target       the pointcut name, method key or rate limit name the condition watches; null for system
 *                     metrics
 * @param condition    the parsed {@code when:} expression
 * @param forIntervals consecutive breaching intervals before the alert is raised, and consecutive clear intervals
 *                     before it is cleared
 */
public record AlertConfig(String name, int line, String target, AlertCondition condition, int forIntervals) {

    /** Returns whether the target is a method key ({@code Class#method(...)}) rather than a pointcut name. */
    public boolean targetIsMethodKey() {
        return target != null && target.indexOf('#') >= 0;
    }
}
