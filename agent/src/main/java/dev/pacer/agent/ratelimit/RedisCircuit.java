package dev.pacer.agent.ratelimit;

import dev.pacer.agent.Log;
import dev.pacer.bootstrap.PacerThread;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Keeps a dead Redis from costing a timeout on every decision. After a failed call the circuit opens, decisions
 * skip Redis, and a probe on a {@link PacerThread} sends PING every probe interval until Redis replies, which
 * closes the circuit. Each change of state is logged once and counted. Thread-safe.
 */
final class RedisCircuit implements AutoCloseable {

    private final String target;
    private final long probeIntervalNanos;
    private final BooleanSupplier probe;
    private final AtomicBoolean open = new AtomicBoolean();
    private final AtomicLong outages = new AtomicLong();
    private final Object probeLock = new Object();
    private volatile boolean closed;

    /**
     * @param target             the Redis address, for log messages
     * @param probeIntervalNanos the time between two probes while the circuit is open
     * @param probe              returns whether Redis replied; runs on the probe thread and may block up to the
     *                           store's timeout
     */
    RedisCircuit(String target, long probeIntervalNanos, BooleanSupplier probe) {
        this.target = target;
        this.probeIntervalNanos = probeIntervalNanos;
        this.probe = probe;
    }

    /** Returns whether decisions must skip Redis. */
    boolean isOpen() {
        return open.get();
    }

    /**
     * Opens the circuit after a failed call, and starts the probe unless the circuit is already open.
     *
     * @return whether this call opened the circuit
     */
    boolean recordFailure(Exception error, String policy) {
        boolean opened = open.compareAndSet(false, true);
        if (!opened || closed) {
            return false;
        }
        outages.incrementAndGet();
        Log.warn("Redis unreachable at " + target + "; rate-limit decisions follow on-error: " + policy
                + " until a probe every " + probeIntervalNanos / 1_000_000 + " ms succeeds", error);
        new PacerThread("redis-probe", this::probeUntilBack).start();
        return true;
    }

    /** Returns how many times the circuit opened since start. */
    long outages() {
        return outages.get();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (probeLock) {
            probeLock.notifyAll();
        }
    }

    private void probeUntilBack() {
        while (!closed) {
            synchronized (probeLock) {
                try {
                    // NOTE: Object.wait may return early on a spurious wake-up, which only probes sooner.
                    probeLock.wait(Math.max(1, probeIntervalNanos / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (closed) {
                return;
            }
            if (probe.getAsBoolean()) {
                open.set(false);
                Log.info("Redis back at " + target + "; rate-limit decisions use Redis again");
                return;
            }
        }
    }
}
