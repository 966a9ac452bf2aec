package dev.pacer.agent.config;

/**
 * The budget of one rate limit: a token bucket that holds {@code requests + burst} tokens, starts full and is
 * refilled continuously at {@code requests} tokens per {@code periodNanos}. Immutable.
 *
 * @param requests    tokens added per period, at least 1
 * @param periodNanos length of the period, above 0
 * @param burst       tokens the bucket holds beyond {@code requests}, at least 0
 */
public record RateLimitSpec(long requests, long periodNanos, long burst) {

    /** Returns the number of tokens a full bucket holds. */
    public long capacity() {
        return requests + burst;
    }
}
