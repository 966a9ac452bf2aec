package dev.pacer.agent.jmx;

import javax.management.openmbean.CompositeData;

/**
 * The agent itself, registered as {@code pacer:type=Agent}. It also emits the notifications of
 * {@link AlertNotifier}. A standard MBean whose types are all open types, so any JMX client reads it without
 * Pacer's classes.
 */
public interface AgentMBean {

    /** Returns the absolute path of agent.yaml. */
    String getConfigFile();

    /** Returns the number of methods woven so far. */
    int getInstrumentedMethods();

    /** Returns the number of exceptions the agent caught and kept from the application; 0 in a healthy agent. */
    long getAgentErrors();

    /** Returns the last interval summary as JSON, in the format of one line of summary.jsonl. */
    String performanceSummary();

    /**
     * Returns the merged summary of the intervals that ended within the window, such as {@code 5m}, {@code 1h} or
     * {@code 24h}, in the format of one line of summary.jsonl; {@code {}} when none did.
     */
    String performanceSummary(String window);

    /** Returns one metric over a window as a JSON time series; docs/outputs.md lists the metric names. */
    String history(String metric, String window);

    /** Returns the alerts that are raised now, each of the composite type {@code pacer.ActiveAlert}. */
    CompositeData[] getActiveAlerts();
}
