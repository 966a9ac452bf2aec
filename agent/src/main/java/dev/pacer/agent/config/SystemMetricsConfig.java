package dev.pacer.agent.config;

/**
 * The validated {@code system-metrics:} section of agent.yaml. Immutable.
 *
 * @param enabled       whether host, process and JVM metrics are sampled
 * @param intervalNanos time between two samples
 */
public record SystemMetricsConfig(boolean enabled, long intervalNanos) {

    public static final long DEFAULT_INTERVAL_NANOS = 60_000_000_000L;

    /**
     * The shortest interval accepted. CPU loads are differences of tick counters between two samples, and the
     * kernel and OSHI update those counters too coarsely for shorter intervals to mean anything.
     */
    public static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

    public static SystemMetricsConfig defaults() {
        return new SystemMetricsConfig(true, DEFAULT_INTERVAL_NANOS);
    }
}
