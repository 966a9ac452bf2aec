package dev.pacer.agent.ratelimit;

/**
 * The buckets of one named limit in one store: one bucket for unkeyed calls and one per key for keyed calls.
 * Implementations are thread-safe. A store failure does not throw, because the store's error policy decides the call
 * instead.
 */
public interface RateLimitBudget {

    /**
     * Decides one call.
     *
     * @param key          the key of a keyed pointcut, or null for the limit's unkeyed bucket
     * @param maxWaitNanos how long the caller is willing to park for a token; 0 to take only a token that is there
     * @return 0 to admit the call now. A positive number of nanoseconds admits it after parking that long. A
     *     negative number rejects it, and its negation is the nanoseconds until the next token is due.
     */
    long decide(String key, long maxWaitNanos);

    /** Runs periodic maintenance; called once per reporting interval on the reporter thread. */
    default void refresh() {
    }
}
