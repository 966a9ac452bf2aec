package dev.pacer.agent.history;

import dev.pacer.agent.metrics.MethodSnapshot;
import java.util.Map;

/**
 * One method in one retained interval: its compressed histogram and error counts. Immutable.
 *
 * @param key          the method key
 * @param pointcut     the pointcut that selected the method
 * @param errors       failed calls in the interval
 * @param errorsByType failed calls by exception class name
 * @param histogram    the interval histogram of latencies in nanoseconds
 */
record MethodRecord(String key, String pointcut, long errors, Map<String, Long> errorsByType,
        CompressedHistogram histogram) {

    /**
     * Estimated heap bytes of one record beyond its shared strings. The record takes 32 bytes with compressed
     * references, the byte array adds a 16-byte header to the compressed bytes, and each error type adds about 64.
     */
    long estimatedBytes() {
        return 48L + histogram.sizeBytes() + 64L * errorsByType.size();
    }

    static MethodRecord of(MethodSnapshot snapshot) {
        Map<String, Long> errorsByType = snapshot.errorsByType().isEmpty() ? Map.of() : snapshot.errorsByType();
        return new MethodRecord(snapshot.key(), snapshot.pointcut(), snapshot.stats().errors(), errorsByType,
                CompressedHistogram.of(snapshot.histogram()));
    }
}
