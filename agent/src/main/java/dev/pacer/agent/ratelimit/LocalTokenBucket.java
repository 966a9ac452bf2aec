package dev.pacer.agent.ratelimit;

import dev.pacer.agent.config.RateLimitSpec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;

/**
 * A token bucket in this JVM, kept as one long that a CAS updates, so that an acquire takes no lock and allocates
 * nothing.
 *
 * <p>The state is the theoretical arrival time of the generic cell rate algorithm (GCRA), which is equivalent to a
 * token bucket of capacity {@code requests + burst} refilled continuously at {@code requests / period}: the bucket
 * contains {@code (now + capacity * I - tat) / I} tokens, where {@code I} is the time one token takes to refill. To stay
 * exact for rates such as 1 per 7 s, time is counted in units of {@code 1 / r} ns, where
 * {@code r = requests / gcd(requests, periodNanos)}, so that {@code I = periodNanos / gcd(requests, periodNanos)}
 * units is a whole number and no refill remainder is ever rounded away.
 *
 * <p>Scaled times are compared by their difference modulo 2^64, like {@link System#nanoTime()} values, so the
 * bucket has no epoch that could overflow. A difference that says the arrival time lies more than 2^62 units ahead
 * of now is impossible for a live bucket (the configuration bounds the capacity and the longest reservation each to
 * 2^61 units), so it is read as an idle bucket whose difference wrapped around, which is full. {@link #refresh} moves
 * the state of a full bucket up to now, and the agent calls it once per reporting interval, so that even an idle of
 * centuries at high scale cannot wrap into the ambiguous range.
 *
 * <p>Thread-safe and lock-free: an acquire retries its CAS only when another thread changed the state in between.
 */
public final class LocalTokenBucket {

    private static final VarHandle ARRIVAL;
    private static final long MAX_AHEAD_UNITS = 1L << 62;

    static {
        try {
            ARRIVAL = MethodHandles.lookup().findVarHandle(LocalTokenBucket.class, "arrivalUnits", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long capacity;
    private final long unitsPerToken;
    private final long unitsPerNano;
    private final long capacityUnits;

    // Theoretical arrival time of the next call in scaled units, modulo 2^64. Written only by CAS.
    @SuppressWarnings("unused")
    private volatile long arrivalUnits;

    /**
     * Creates a full bucket.
     *
     * @param spec     the budget; the configuration loader has checked that its scaled capacity fits
     * @param nowNanos the current time of the clock that every later call passes in
     * @throws ArithmeticException when {@code capacity * periodNanos / gcd(requests, periodNanos)} overflows a long,
     *     which no limit that agent.yaml accepts does
     */
    public LocalTokenBucket(RateLimitSpec spec, long nowNanos) {
        long gcd = BigInteger.valueOf(spec.requests()).gcd(BigInteger.valueOf(spec.periodNanos())).longValue();
        this.capacity = spec.capacity();
        this.unitsPerToken = spec.periodNanos() / gcd;
        this.unitsPerNano = spec.requests() / gcd;
        this.capacityUnits = Math.multiplyExact(capacity, unitsPerToken);
        this.arrivalUnits = nowNanos * unitsPerNano;
    }

    /** Takes one token if the bucket has one now, by {@link System#nanoTime()}. */
    public boolean tryAcquire() {
        return acquire(System.nanoTime(), 0) == 0;
    }

    /**
     * Takes one token, now or by reserving the next one that falls due within {@code maxWaitNanos}.
     *
     * @param nowNanos     the current time
     * @param maxWaitNanos how long the caller is willing to park for a token; 0 to take only a token that is there
     * @return 0 when a token was taken. A positive number of nanoseconds means that the next token was reserved and
     *     the caller must park that long before it proceeds. A negative number means that no token was taken, and
     *     its negation is the nanoseconds until the next token is due, at least 1.
     */
    public long acquire(long nowNanos, long maxWaitNanos) {
        long now = nowNanos * unitsPerNano;
        while (true) {
            long arrival = (long) ARRIVAL.getVolatile(this);
            long next = start(arrival, now) + unitsPerToken;

            long aheadUnits = next - now;
            boolean tokenPresent = aheadUnits <= capacityUnits;
            long waitNanos = 0;
            if (!tokenPresent) {
                waitNanos = ceilDiv(aheadUnits - capacityUnits, unitsPerNano);
                boolean waitAllowed = waitNanos <= maxWaitNanos;
                if (!waitAllowed) {
                    return -waitNanos;
                }
            }

            if (ARRIVAL.compareAndSet(this, arrival, next)) {
                return waitNanos;
            }
        }
    }

    /** Returns the whole tokens in the bucket, between 0 and the capacity; reserved tokens count as taken. */
    public long availableTokens(long nowNanos) {
        long now = nowNanos * unitsPerNano;
        long arrival = (long) ARRIVAL.getVolatile(this);
        long missingUnits = start(arrival, now) - now;
        long tokens = (capacityUnits - missingUnits) / unitsPerToken;
        return Math.max(0, Math.min(capacity, tokens));
    }

    /** Returns the number of tokens a full bucket holds. */
    public long capacity() {
        return capacity;
    }

    /**
     * Moves the state of a full bucket up to now. The bucket's behaviour does not change; this only keeps an idle
     * bucket's scaled difference far from wrapping around.
     */
    public void refresh(long nowNanos) {
        long now = nowNanos * unitsPerNano;
        long arrival = (long) ARRIVAL.getVolatile(this);
        if (start(arrival, now) == now && arrival != now) {
            ARRIVAL.compareAndSet(this, arrival, now);
        }
    }

    /**
     * Returns the later of the arrival time and now, comparing modulo 2^64. An arrival time more than 2^62 units
     * ahead is an idle bucket whose difference wrapped, and counts as now.
     */
    private static long start(long arrival, long now) {
        long ahead = arrival - now;
        boolean inFuture = ahead > 0 && ahead <= MAX_AHEAD_UNITS;
        return inFuture ? arrival : now;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
