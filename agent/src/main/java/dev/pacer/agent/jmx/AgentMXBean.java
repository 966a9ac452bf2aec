package dev.pacer.agent.jmx;

import java.util.List;

/**
 * The agent itself, registered as {@code pacer:type=Agent}. It also emits the notifications of
 * {@link AlertNotifier}.
 */
public interface AgentMXBean {

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

    /** Returns the alerts that are raised now. */
    List<ActiveAlert> getActiveAlerts();
}
