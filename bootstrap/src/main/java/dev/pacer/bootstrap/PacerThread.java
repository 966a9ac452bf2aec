package dev.pacer.bootstrap;

/**
 * A thread that runs the agent's own work (reporting, JMX registration, Redis probes). Woven methods called on
 * such a thread are not recorded, so the agent never measures itself.
 */
public final class PacerThread extends Thread {

    /** Creates a daemon thread named {@code pacer-<name>}. */
    public PacerThread(String name, Runnable task) {
        super(task, "pacer-" + name);
        setDaemon(true);
    }
}
