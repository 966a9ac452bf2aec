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
        if (keyExtractor != null) {
            key = keyOf(arguments);
            if (key == null) {
                metrics.countAllowed();
                return null;
            }
        }

        long decisionStartNanos = maxWaitNanos > 0 ? clock.nanoTime() : 0;
        long decision = budget.decide(key, maxWaitNanos);
        boolean admittedNow = decision == 0;
        boolean reserved = decision > 0;

        if (admittedNow) {
            metrics.countAllowed();
            return null;
        }
        if (reserved) {
            long deadlineNanos = decisionStartNanos + decision;
            boolean deadlinePassed = clock.parkUntil(deadlineNanos);
            if (!deadlinePassed) {
                // The reserved token stays taken, so an interrupted wait costs budget but never exceeds it.
                metrics.countRejected();
                return new RateLimitExceededException(limit, key, Math.max(1, deadlineNanos - clock.nanoTime()));
            }
            metrics.countAllowed();
            metrics.countWaited(decision);
            return null;
        }
        if (onLimit == PointcutRateLimit.OnLimit.LOG_ONLY) {
            metrics.countWouldReject();
            return null;
        }
        metrics.countRejected();
        return new RateLimitExceededException(limit, key, -decision);
    }

    /** Reads the key inside agent scope, because the getters it calls may themselves be woven. */
    private String keyOf(Object[] arguments) {
        AgentScope.enter();
        try {
            return keyExtractor.extract(arguments);
        } catch (RuntimeException e) {
            AgentErrors.suppressed(e);
            Log.warnOnce("key:" + pointcut, "Could not read the key of pointcut \"" + pointcut + "\" (limit \""
                    + limit + "\"); such calls are admitted without a decision", e);
            return null;
        } finally {
            AgentScope.exit();
        }
    }
}
