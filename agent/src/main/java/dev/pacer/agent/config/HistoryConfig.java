package dev.pacer.agent.config;

/**
 * How much interval history the agent keeps in memory, from {@code reporting.retention} and
 * {@code reporting.max-memory}. Immutable.
 *
 * @param retentionNanos intervals older than this are dropped
 * @param maxMemoryBytes cap on the estimated memory of the history; the oldest intervals are dropped first
 */
public record HistoryConfig(long retentionNanos, long maxMemoryBytes) {

    public static final long DEFAULT_RETENTION_NANOS = 86_400_000_000_000L;
    public static final long DEFAULT_MAX_MEMORY_BYTES = 64L << 20;

    public static HistoryConfig defaults() {
        return new HistoryConfig(DEFAULT_RETENTION_NANOS, DEFAULT_MAX_MEMORY_BYTES);
    }
}
