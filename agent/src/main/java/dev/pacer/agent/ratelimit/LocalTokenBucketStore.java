package dev.pacer.agent.ratelimit;

import dev.pacer.agent.AgentClock;
import dev.pacer.agent.config.RateLimitSpec;

/** Keeps every bucket in this JVM, as a {@link LocalTokenBucket}. */
public final class LocalTokenBucketStore implements TokenBucketStore {

    private final AgentClock clock;
    private final int maxKeys;

    /**
     * @param clock   the clock of every bucket; its {@code nanoTime} must be monotonic
     * @param maxKeys the number of keys each keyed limit keeps before it evicts the least recently used
     */
    public LocalTokenBucketStore(AgentClock clock, int maxKeys) {
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    public LocalTokenBucketStore(AgentClock clock) {
        this(clock, KeyedBuckets.DEFAULT_MAX_KEYS);
    }

    @Override
    public LocalBudget budget(String limit, RateLimitSpec spec, RateLimitMetrics metrics) {
        return new LocalBudget(spec, clock, maxKeys);
    }

    @Override
    public void close() {
    }

    /** The buckets of one limit in this JVM. */
    public static final class LocalBudget implements RateLimitBudget {
        private final AgentClock clock;
        private final LocalTokenBucket unkeyed;
        private final KeyedBuckets<LocalTokenBucket> keyed;

        LocalBudget(RateLimitSpec spec, AgentClock clock, int maxKeys) {
            this.clock = clock;
            this.unkeyed = new LocalTokenBucket(spec, clock.nanoTime());
            this.keyed = new KeyedBuckets<>(maxKeys, key -> new LocalTokenBucket(spec, clock.nanoTime()));
        }

        @Override
        public long decide(String key, long maxWaitNanos) {
            LocalTokenBucket bucket = key == null ? unkeyed : keyed.get(key);
            return bucket.acquire(clock.nanoTime(), maxWaitNanos);
        }

        @Override
        public void refresh() {
            long nowNanos = clock.nanoTime();
            unkeyed.refresh(nowNanos);
            for (LocalTokenBucket bucket : keyed.snapshot()) {
                bucket.refresh(nowNanos);
            }
        }

        /** Returns the number of keys that have a bucket. */
        public int keyCount() {
            return keyed.size();
        }
    }
}
