package dev.pacer.agent.metrics;

import dev.pacer.bootstrap.StripedLatencyRecorder;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One woven method: its id, key, pointcut, latency recorder and error counts. The error counts are cumulative
 * since start; the reporter turns them into interval counts by difference. Thread-safe.
 */
public final class MethodInfo {

    private final int id;
    private final String key;
    private final String pointcut;
    private final StripedLatencyRecorder recorder = new StripedLatencyRecorder();
    private final AtomicLong errors = new AtomicLong();
    private final Map<String, AtomicLong> errorsByType = new ConcurrentHashMap<>();

    MethodInfo(int id, String key, String pointcut) {
        this.id = id;
        this.key = key;
        this.pointcut = pointcut;
    }

    public int id() {
        return id;
    }

    /** Returns {@code Class#method(ParamType,...)}, the method's name in every output. */
    public String key() {
        return key;
    }

    public String pointcut() {
        return pointcut;
    }

    public StripedLatencyRecorder recorder() {
        return recorder;
    }

    /** Counts a call that ended in an exception. Called on the failing thread, outside the hot path. */
    void recordError(Throwable thrown) {
        errorsByType.computeIfAbsent(thrown.getClass().getName(), ignored -> new AtomicLong()).incrementAndGet();
        errors.incrementAndGet();
    }

    /** Returns the number of failed calls since start. */
    public long errorsTotal() {
        return errors.get();
    }

    /** Returns the failed calls since start by exception class name, sorted by name. */
    public Map<String, Long> errorsByType() {
        Map<String, Long> copy = new TreeMap<>();
        errorsByType.forEach((type, count) -> copy.put(type, count.get()));
        return copy;
    }
}
