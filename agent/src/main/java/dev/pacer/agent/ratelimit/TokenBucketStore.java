package dev.pacer.agent.ratelimit;

import dev.pacer.agent.config.RateLimitSpec;

/** The storage of every limit's token buckets: this JVM, or a Redis shared by every JVM. */
public interface TokenBucketStore extends AutoCloseable {

    /**
     * Returns the budget of a named limit. Each name is asked for once; two budgets of one name in two JVMs share
     * their tokens only in a shared store.
     *
     * @param limit   the limit's name
     * @param spec    the limit's requests, period and burst
     * @param metrics where the budget counts store errors and fallbacks
     */
    RateLimitBudget budget(String limit, RateLimitSpec spec, RateLimitMetrics metrics);

    /** Releases connections and threads; decisions after this follow the store's error policy. */
    @Override
    void close();
}
