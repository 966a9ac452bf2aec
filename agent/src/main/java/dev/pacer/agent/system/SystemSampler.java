package dev.pacer.agent.system;

import java.util.function.Supplier;

/**
 * Turns successive readings into {@link SystemSnapshot}s: CPU loads are differences against the previous reading,
 * so the first snapshot reports them as NaN. Not thread-safe; one thread samples.
 */
public final class SystemSampler {

    private final OsProbe os;
    private final Supplier<JvmReading> jvm;
    private final double usableCpus;

    private OsReading previous;
    private long previousNanos;

    /**
     * @param usableCpus the CPUs this process may use, the denominator of the process CPU load
     */
    public SystemSampler(OsProbe os, Supplier<JvmReading> jvm, double usableCpus) {
        this.os = os;
        this.jvm = jvm;
        this.usableCpus = usableCpus;
    }

    /** Returns the available processors, lowered to the cgroup CPU quota when that is smaller. */
    public static double usableCpus() {
        double available = Runtime.getRuntime().availableProcessors();
        double quota = CpuQuota.currentCpus();
        return Double.isNaN(quota) ? available : Math.min(available, quota);
    }

    /**
     * Reads the counters and returns a snapshot.
     *
     * @param nowNanos  monotonic time of the sample, for the elapsed time of the process CPU load
     * @param nowMillis wall-clock time of the sample
     */
    public SystemSnapshot sample(long nowNanos, long nowMillis) {
        OsReading current = os.read();
        JvmReading jvmReading = jvm.get();

        double systemCpuLoad = Double.NaN;
        double processCpuLoad = Double.NaN;
        if (previous != null) {
            systemCpuLoad = systemCpuLoad(previous.cpuTicks(), current.cpuTicks());
            processCpuLoad = processCpuLoad(previous.processCpuMillis(), current.processCpuMillis(),
                    nowNanos - previousNanos);
        }
        previous = current;
        previousNanos = nowNanos;

        return new SystemSnapshot(nowMillis, systemCpuLoad, processCpuLoad, usableCpus, current.loadAverage1m(),
                current.residentMemoryBytes(), current.virtualMemoryBytes(), current.openFileDescriptors(),
                current.threadCount(), jvmReading);
    }

    /** Returns busy ticks over all ticks between two readings, the way OSHI computes it; idle includes iowait. */
    static double systemCpuLoad(long[] before, long[] after) {
        boolean comparable = before.length == after.length && after.length > OsReading.IOWAIT;
        if (!comparable) {
            return Double.NaN;
        }
        long total = 0;
        for (int i = 0; i < after.length; i++) {
            total += after[i] - before[i];
        }
        long idle = (after[OsReading.IDLE] - before[OsReading.IDLE])
                + (after[OsReading.IOWAIT] - before[OsReading.IOWAIT]);
        return total > 0 ? clamp(1.0 - (double) idle / total) : Double.NaN;
    }

    private double processCpuLoad(long beforeMillis, long afterMillis, long elapsedNanos) {
        boolean known = beforeMillis >= 0 && afterMillis >= beforeMillis && elapsedNanos > 0 && usableCpus > 0;
        if (!known) {
            return Double.NaN;
        }
        double cpuNanos = (afterMillis - beforeMillis) * 1_000_000.0;
        return clamp(cpuNanos / (elapsedNanos * usableCpus));
    }

    private static double clamp(double load) {
        return Math.max(0.0, Math.min(1.0, load));
    }
}
