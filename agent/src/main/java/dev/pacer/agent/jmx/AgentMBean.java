package dev.pacer.agent.jmx;

/** The agent itself, registered as {@code pacer:type=Agent}. */
public interface AgentMBean {

    /** Returns the absolute path of agent.yaml. */
    String getConfigFile();

    /** Returns the number of methods woven so far. */
    int getInstrumentedMethods();

    /** Returns the number of exceptions the agent caught and kept from the application; 0 in a healthy agent. */
    long getAgentErrors();

    /** Returns the last interval summary as JSON, in the format of one line of summary.jsonl. */
    String performanceSummary();
}
