package dev.pacer.agent.system;

/**
 * One sample of the host, this process and this JVM. Loads are fractions from 0 to 1 over the time since the
 * previous sample, so the first sample has none and reports NaN (null in JSON). Immutable.
 *
 * @param sampledEpochMillis  wall-clock time of the sample
 * @param systemCpuLoad       the host's CPU load, busy ticks over all ticks; NaN in the first sample
 * @param processCpuLoad      this process's CPU time over the CPU time it may use, which is the elapsed time
 *                            times {@code usableCpus}; NaN in the first sample
 * @param usableCpus          the CPUs this process may use: the available processors, lowered to the cgroup CPU
 *                            quota when there is one
 * @param loadAverage1m       the host's one-minute load average; NaN where the platform has none
 * @param residentMemoryBytes resident set size; -1 when unavailable
 * @param virtualMemoryBytes  virtual size; -1 when unavailable
 * @param openFileDescriptors open files; -1 when unavailable
 * @param threadCount         operating-system threads of the process; -1 when unavailable
 * @param jvm                 heap, non-heap, garbage collection and class loading
 */
public record SystemSnapshot(
        long sampledEpochMillis,
        double systemCpuLoad,
        double processCpuLoad,
        double usableCpus,
        double loadAverage1m,
        long residentMemoryBytes,
        long virtualMemoryBytes,
        long openFileDescriptors,
        long threadCount,
        JvmReading jvm) {

    /** Returns heap used over heap max, or NaN when the heap has no defined maximum. */
    public double heapUsedFraction() {
        long max = jvm.heap().maxBytes();
        return max > 0 ? (double) jvm.heap().usedBytes() / max : Double.NaN;
    }
}
