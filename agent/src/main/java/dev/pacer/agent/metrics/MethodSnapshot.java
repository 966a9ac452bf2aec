package dev.pacer.agent.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * One method over one interval: its stats, its errors by exception class (sorted by class name), and the interval
 * histogram itself.
 * Immutable once published; readers must not record into the histogram.
 */
public record MethodSnapshot(
        String key,
        String pointcut,
        LatencyStats stats,
        Map<String, Long> errorsByType,
        Histogram histogram) {

    public MethodSnapshot {
        errorsByType = Collections.unmodifiableMap(new TreeMap<>(errorsByType));
    }
}
