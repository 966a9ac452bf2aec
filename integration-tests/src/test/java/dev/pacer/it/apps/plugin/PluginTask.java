package dev.pacer.it.apps.plugin;

/** Loaded by a child-first class loader in the test application, like a plugin or a nested fat-jar class. */
public class PluginTask implements Runnable {
    private long runs;

    @Override
    public void run() {
        runs++;
    }

    @Override
    public String toString() {
        return "PluginTask runs=" + runs + " loader=" + getClass().getClassLoader();
    }
}
