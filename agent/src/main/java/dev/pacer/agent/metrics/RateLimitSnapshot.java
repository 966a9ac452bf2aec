package dev.pacer.agent.metrics;

/**
 * One limit's decisions in one interval and since start. Immutable.
 *
 * @param limit        the limit's name
 * @param store        {@code local} or {@code redis}
 * @param keyed        whether any pointcut picks this limit's buckets by a key; the counts then sum every key
 * @param storeAvailable whether decisions go to the store now, which is false while Redis is unreachable
 * @param storeOutages  how many times the store became unreachable since start; always 0 for the local store
 * @param interval     the counts of the interval
 * @param total        the counts since start
 * @param intervalWait the waits of the interval
 * @param totalWait    the waits since start
 */
public record RateLimitSnapshot(String limit, String store, boolean keyed, boolean storeAvailable,
        long storeOutages, Counts interval, Counts total, WaitStats intervalWait, WaitStats totalWait) {

    /**
     * Counts of decisions.
     *
     * @param allowed     calls admitted, including those that waited
     * @param rejected    calls rejected
     * @param waited      calls that parked for a token before they proceeded
     * @param wouldReject calls of log-only pointcuts that found no token
     * @param storeErrors decisions that Redis failed to make
     * @param fallbacks   decisions made by the on-error policy instead of Redis
     */
    public record Counts(long allowed, long rejected, long waited, long wouldReject, long storeErrors,
            long fallbacks) {
    }

    /**
     * The distribution of the time calls parked for a token.
     *
     * @param count     calls that waited
     * @param p50Millis median wait
     * @param p99Millis 99th percentile wait
     * @param maxMillis longest wait
     */
    public record WaitStats(long count, double p50Millis, double p99Millis, double maxMillis) {
    }
}
