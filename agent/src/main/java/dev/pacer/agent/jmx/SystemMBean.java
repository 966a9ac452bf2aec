package dev.pacer.agent.jmx;

/**
 * The host, this process and this JVM, registered as {@code pacer:type=System}. Values come from the latest sample,
 * taken every {@code system-metrics.interval}. Loads are fractions from 0 to 1 and NaN when unavailable, as in the
 * first sample; counts and sizes are -1 when unavailable.
 */
public interface SystemMBean {

    /** Returns the wall-clock time of the latest sample in ISO-8601, or an empty string before the first. */
    String getSampledAt();

    double getSystemCpuLoad();

    /** Returns this process's CPU time over the CPU time of the CPUs it may use, including a cgroup quota. */
    double getProcessCpuLoad();

    /** Returns the CPUs this process may use: the available processors, or the cgroup CPU quota when smaller. */
    double getUsableCpus();

    double getLoadAverage();

    long getResidentMemoryBytes();

    long getVirtualMemoryBytes();

    long getOpenFileDescriptors();

    long getThreadCount();

    long getHeapUsedBytes();

    long getHeapCommittedBytes();

    long getHeapMaxBytes();

    long getNonHeapUsedBytes();

    long getNonHeapCommittedBytes();

    /** Returns the collections of all garbage collectors together. */
    long getGcCount();

    /** Returns the collection time of all garbage collectors together. */
    long getGcTimeMillis();

    int getLoadedClassCount();

    /** Returns the samples that failed, plus 1 when OSHI could not load; 0 in a healthy agent. */
    long getSampleFailures();
}
