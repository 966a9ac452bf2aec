package dev.pacer.agent.system;

/**
 * Raw counters of the host and of this process at one moment, as the operating system reports them. Loads are
 * computed from the difference of two readings. Immutable.
 *
 * @param cpuTicks            the host's cumulative CPU ticks by state, in OSHI's order (user, nice, system, idle,
 *                            iowait, irq, softirq, steal); empty when unavailable
 * @param processCpuMillis    CPU time of this process since it started, user plus kernel; -1 when unavailable
 * @param loadAverage1m       the one-minute load average; NaN when the platform has none
 * @param residentMemoryBytes resident set size of this process; -1 when unavailable
 * @param virtualMemoryBytes  virtual size of this process; -1 when unavailable
 * @param openFileDescriptors open files of this process; -1 when unavailable
 * @param threadCount         operating-system threads of this process; -1 when unavailable
 */
public record OsReading(
        long[] cpuTicks,
        long processCpuMillis,
        double loadAverage1m,
        long residentMemoryBytes,
        long virtualMemoryBytes,
        long openFileDescriptors,
        long threadCount) {

    /** Index of the idle ticks in {@link #cpuTicks}. */
    static final int IDLE = 3;
    /** Index of the ticks spent waiting for I/O, which count as idle. */
    static final int IOWAIT = 4;

    public OsReading {
        cpuTicks = cpuTicks.clone();
    }

    @Override
    public long[] cpuTicks() {
        return cpuTicks.clone();
    }
}
