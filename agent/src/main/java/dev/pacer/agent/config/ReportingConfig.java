package dev.pacer.agent.config;

import java.nio.file.Path;

/**
 * The validated {@code reporting:} section of agent.yaml. Immutable.
 *
 * @param intervalNanos         length of one reporting interval
 * @param jmx                   whether MBeans are registered in the platform MBeanServer
 * @param jmxDelayNanos         minimum time after start before the MBeans are registered, at the first interval end
 *                              after it, so that the application can install its own MBeanServer builder or
 *                              LogManager first
 * @param fileEnabled           whether summary.jsonl and latency.hlog are written
 * @param directory             directory of the output files, relative to the working directory unless absolute
 * @param rotateBytes           size at which an output file is rotated
 * @param rotateDaily           whether output files are also rotated when the UTC date changes
 * @param maxFiles              rotated files kept per output; older ones are deleted
 * @param unmatchedWarningNanos time after start at which pointcuts that matched nothing are reported
 */
public record ReportingConfig(
        long intervalNanos,
        boolean jmx,
        long jmxDelayNanos,
        boolean fileEnabled,
        Path directory,
        long rotateBytes,
        boolean rotateDaily,
        int maxFiles,
        long unmatchedWarningNanos) {

    public static final long DEFAULT_INTERVAL_NANOS = 10_000_000_000L;

    /** Returns the settings used when agent.yaml has no {@code reporting:} section. */
    public static ReportingConfig defaults() {
        return new ReportingConfig(DEFAULT_INTERVAL_NANOS, true, 5_000_000_000L, true, Path.of("pacer-out"), 64L << 20, true, 10,
                30_000_000_000L);
    }
}
