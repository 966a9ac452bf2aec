package dev.pacer.agent.ratelimit;

import dev.pacer.agent.Log;
import dev.pacer.agent.config.PointcutRateLimit;
import dev.pacer.bootstrap.AgentErrors;
import dev.pacer.bootstrap.AgentScope;
import dev.pacer.bootstrap.RateLimitExceededException;
import dev.pacer.bootstrap.RateLimitGate;
import java.util.concurrent.locks.LockSupport;

/**
 * The gate of one rate-limited pointcut: requests a token from the limit's budget, parks for a reserved one under
 * {@code on-limit: wait}, and counts the outcome in the limit's metrics.
 *
 * <p>A {@code wait} decision is made up front: the budget either takes a token, reserves the next one when it falls
 * due within {@code max-wait}, or rejects the call at once without taking a token. A reserved call parks until
 * exactly that time, and never polls. A thread interrupted while it parks is rejected, keeping its interrupt flag.
 * Thread-safe.
 */
public final class PointcutGate implements RateLimitGate {

    private final String pointcut;
    private final String limit;
    private final RateLimitBudget budget;
    private final RateLimitMetrics metrics;
    private final PointcutRateLimit.OnLimit onLimit;
    private final long maxWaitNanos;
    private final KeyExtractor keyExtractor;
    private final ParkingClock clock;

    /** The time source and parking of waiting calls, replaceable so that tests do not sleep. */
    public interface ParkingClock {
        long nanoTime();

        /**
         * Parks the calling thread until {@code deadlineNanos} by {@link #nanoTime()}.
         *
         * @return true when the deadline passed, false when the thread was interrupted first
         */
        boolean parkUntil(long deadlineNanos);

        ParkingClock SYSTEM = new ParkingClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public boolean parkUntil(long deadlineNanos) {
                long remaining = deadlineNanos - System.nanoTime();
                while (remaining > 0) {
                    // parkNanos returns at once while the interrupt flag is set, so an interrupt ends the wait.
                    if (Thread.currentThread().isInterrupted()) {
                        return false;
                    }
                    LockSupport.parkNanos(remaining);
                    remaining = deadlineNanos - System.nanoTime();
                }
                return true;
            }
        };
    }

    public PointcutGate(String pointcut, PointcutRateLimit config, RateLimitBudget budget, RateLimitMetrics metrics,
            ParkingClock clock) {
        this.pointcut = pointcut;
        this.limit = config.limit();
        this.budget = budget;
        this.metrics = metrics;
        this.onLimit = config.onLimit();
        this.maxWaitNanos = config.onLimit() == PointcutRateLimit.OnLimit.WAIT ? config.maxWaitNanos() : 0;
        this.keyExtractor = config.keyed() ? new KeyExtractor(config.key()) : null;
        this.clock = clock;
    }

    @Override
    public RateLimitExceededException acquire(Object[] arguments) {
        String key = null;
        long decision;
        if (keyExtractor == null) {
            decision = budget.decide(null, maxWaitNanos);
        } else {
            // Getters and the keyed buckets' maps may themselves be woven, so the keyed path runs as agent code.
            AgentScope.enter();
            try {
                key = keyOf(arguments);
                if (key == null) {
                    metrics.countAllowed();
                    return null;
                }
                decision = budget.decide(key, maxWaitNanos);
            } finally {
                AgentScope.exit();
            }
        }
        boolean admittedNow = decision == 0;
        boolean reserved = decision > 0;

        if (admittedNow) {
            metrics.countAllowed();
            return null;
        }
        if (reserved) {
            return park(key, decision);
        }
        if (onLimit == PointcutRateLimit.OnLimit.LOG_ONLY) {
            metrics.countWouldReject();
            return null;
        }
        metrics.countRejected();
        return new RateLimitExceededException(limit, key, -decision);
    }

    /**
     * Parks for a reserved token. The wait is counted from after the decision, never from before it, so the call
     * never proceeds before its token is due.
     */
    private RateLimitExceededException park(String key, long waitNanos) {
        AgentScope.enter();
        try {
            long deadlineNanos = clock.nanoTime() + waitNanos;
            boolean deadlinePassed = clock.parkUntil(deadlineNanos);
            if (!deadlinePassed) {
                // The reserved token stays taken, so an interrupted wait costs budget but never exceeds it.
                metrics.countRejected();
                return new RateLimitExceededException(limit, key, Math.max(1, deadlineNanos - clock.nanoTime()));
            }
            metrics.countAllowed();
            metrics.countWaited(waitNanos);
            return null;
        } finally {
            AgentScope.exit();
        }
    }

    /** Reads the key, or returns null after counting an agent error when it cannot be read. */
    private String keyOf(Object[] arguments) {
        try {
            return keyExtractor.extract(arguments);
        } catch (RuntimeException e) {
            AgentErrors.suppressed(e);
            Log.warnOnce("key:" + pointcut, "Could not read the key of pointcut \"" + pointcut + "\" (limit \""
                    + limit + "\"); such calls are admitted without a decision", e);
            return null;
        }
    }
}
