package dev.pacer.bootstrap;

/**
 * Thrown from a woven method whose rate limit has no token for the call. The method's body did not run. It lives in
 * the bootstrap package so that application code in any class loader can catch it by type.
 *
 * <p>The exception has no stack trace, because a flood of rejections must stay cheap. The woven method that threw it
 * is the frame where the application catches it.
 */
public class RateLimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String limit;
    private final String key;
    private final long retryAfterNanos;

    /**
     * @param limit           the name of the limit
     * @param key             the key whose bucket was empty, or null for an unkeyed limit
     * @param retryAfterNanos the time until the next token is due, in nanoseconds
     */
    public RateLimitExceededException(String limit, String key, long retryAfterNanos) {
        super(message(limit, key, retryAfterNanos), null, false, false);
        this.limit = limit;
        this.key = key;
        this.retryAfterNanos = retryAfterNanos;
    }

    /** Returns the name of the limit, as in agent.yaml. */
    public String limit() {
        return limit;
    }

    /** Returns the key whose bucket was empty, or null for an unkeyed limit. */
    public String key() {
        return key;
    }

    /** Returns the time until the next token is due, in nanoseconds. */
    public long retryAfterNanos() {
        return retryAfterNanos;
    }

    private static String message(String limit, String key, long retryAfterNanos) {
        String bucket = key == null ? "" : " for key \"" + key + "\"";
        long retryAfterMillis = (retryAfterNanos + 999_999) / 1_000_000;
        return "Rate limit \"" + limit + "\" exceeded" + bucket + "; next token in " + retryAfterMillis + " ms";
    }
}
