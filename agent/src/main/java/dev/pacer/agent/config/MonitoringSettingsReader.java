package dev.pacer.agent.config;

import java.util.Set;

/** Reads {@code system-metrics:} and the history keys of {@code reporting:}. */
final class MonitoringSettingsReader {

    static final Set<String> SYSTEM_METRICS_KEYS = ConfigLoader.orderedSet("enabled", "interval");

    private static final long MIN_RETENTION_NANOS = 60_000_000_000L;
    private static final long MAX_RETENTION_NANOS = 7 * 86_400_000_000_000L;
    private static final long MIN_MAX_MEMORY_BYTES = 1L << 20;

    private MonitoringSettingsReader() {
    }

    static SystemMetricsConfig systemMetrics(YamlSection root) {
        SystemMetricsConfig defaults = SystemMetricsConfig.defaults();
        if (root.has("system-metrics") && !root.isSection("system-metrics")) {
            boolean enabled = root.bool("system-metrics", true);
            return new SystemMetricsConfig(enabled, defaults.intervalNanos());
        }
        YamlSection section = root.section("system-metrics");
        if (section == null) {
            return defaults;
        }
        section.rejectUnknownKeys(SYSTEM_METRICS_KEYS);
        boolean enabled = section.bool("enabled", true);
        long intervalNanos = section.duration("interval", defaults.intervalNanos(),
                SystemMetricsConfig.MIN_INTERVAL_NANOS);
        return new SystemMetricsConfig(enabled, intervalNanos);
    }

    /** Reads retention and max-memory from the reporting section; a missing or invalid section gives defaults. */
    static HistoryConfig history(YamlSection root) {
        HistoryConfig defaults = HistoryConfig.defaults();
        if (!root.isSection("reporting")) {
            return defaults;
        }
        YamlSection reporting = root.section("reporting");
        long retentionNanos = reporting.duration("retention", defaults.retentionNanos(), MIN_RETENTION_NANOS);
        if (retentionNanos > MAX_RETENTION_NANOS) {
            reporting.reject("retention", "Must be at most 7d, because the history is kept in memory.");
            retentionNanos = defaults.retentionNanos();
        }
        long maxMemoryBytes = reporting.bytes("max-memory", defaults.maxMemoryBytes(), MIN_MAX_MEMORY_BYTES);
        return new HistoryConfig(retentionNanos, maxMemoryBytes);
    }
}
