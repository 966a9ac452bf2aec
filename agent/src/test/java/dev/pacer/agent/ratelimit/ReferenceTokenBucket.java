package dev.pacer.agent.ratelimit;

import dev.pacer.agent.config.RateLimitSpec;
import java.math.BigInteger;

/**
 * A plain token bucket in exact rational arithmetic, to compare {@link LocalTokenBucket} against. Tokens are kept
 * as a BigInteger count of 1/periodNanos token, refilled by {@code requests} per nanosecond, and may go below zero
 * by the tokens reserved for waiting calls.
 */
final class ReferenceTokenBucket {

    private final BigInteger tokenUnits;
    private final BigInteger capacityUnits;
    private final BigInteger refillPerNano;
    private BigInteger units;
    private long lastNanos;

    ReferenceTokenBucket(RateLimitSpec spec, long nowNanos) {
        this.tokenUnits = BigInteger.valueOf(spec.periodNanos());
        this.capacityUnits = tokenUnits.multiply(BigInteger.valueOf(spec.capacity()));
        this.refillPerNano = BigInteger.valueOf(spec.requests());
        this.units = capacityUnits;
        this.lastNanos = nowNanos;
    }

    /** Same contract as {@link LocalTokenBucket#acquire}; times must not go backwards. */
    long acquire(long nowNanos, long maxWaitNanos) {
        BigInteger elapsed = BigInteger.valueOf(nowNanos - lastNanos);
        lastNanos = nowNanos;
        units = units.add(elapsed.multiply(refillPerNano)).min(capacityUnits);

        if (units.compareTo(tokenUnits) >= 0) {
            units = units.subtract(tokenUnits);
            return 0;
        }
        BigInteger[] division = tokenUnits.subtract(units).divideAndRemainder(refillPerNano);
        long waitNanos = division[0].longValueExact() + (division[1].signum() > 0 ? 1 : 0);
        if (waitNanos <= maxWaitNanos) {
            units = units.subtract(tokenUnits);
            return waitNanos;
        }
        return -waitNanos;
    }
}
