package dev.pacer.agent.ratelimit;

import dev.pacer.agent.metrics.RateLimitSnapshot;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The counters of one limit, summed over every pointcut and key that uses it, cumulative since start.
 *
 * <p>Thread-safe: counters are {@link LongAdder}s and waits go to an HdrHistogram {@link Recorder}, whose writers
 * never block. Only one thread at a time may call {@link #drainWaits}.
 */
public final class RateLimitMetrics {

    private final String limit;
    private final LongAdder allowed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder waited = new LongAdder();
    private final LongAdder wouldReject = new LongAdder();
    private final LongAdder storeErrors = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();
    private final Recorder waitNanos = new Recorder(2);
    private Histogram recycled;

    public RateLimitMetrics(String limit) {
        this.limit = limit;
    }

    public String limit() {
        return limit;
    }

    /** Counts a call that got a token, at once or after a wait. */
    public void countAllowed() {
        allowed.increment();
    }

    /** Counts a call that was rejected with {@code RateLimitExceededException}. */
    public void countRejected() {
        rejected.increment();
    }

    /** Counts a call that parked for a reserved token, and how long. Such a call also counts as allowed. */
    public void countWaited(long parkedNanos) {
        waited.increment();
        waitNanos.recordValue(Math.max(0, parkedNanos));
    }

    /** Counts a call of a log-only pointcut that found no token and was admitted anyway. */
    public void countWouldReject() {
        wouldReject.increment();
    }

    /** Counts a decision that Redis failed to make: a timeout, a lost connection or an error reply. */
    public void countStoreError() {
        storeErrors.increment();
    }

    /** Counts a decision made by the store's error policy (on-error) instead of by Redis. */
    public void countFallback() {
        fallbacks.increment();
    }

    /** Returns the cumulative counts. */
    public RateLimitSnapshot.Counts totals() {
        return new RateLimitSnapshot.Counts(allowed.sum(), rejected.sum(), waited.sum(), wouldReject.sum(),
                storeErrors.sum(), fallbacks.sum());
    }

    /** Moves the waits recorded since the previous drain into a histogram, which the caller must not keep. */
    public Histogram drainWaits() {
        Histogram interval = waitNanos.getIntervalHistogram(recycled);
        recycled = interval;
        return interval;
    }
}
