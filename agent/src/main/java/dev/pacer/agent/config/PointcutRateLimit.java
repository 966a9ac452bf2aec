package dev.pacer.agent.config;

/**
 * The rate-limit advice of one pointcut. Immutable.
 *
 * @param limit       the name of the limit whose budget the calls take from: a name from
 *                    {@code rate-limits.limits}, or the pointcut's own name for an inline limit
 * @param spec        the limit's budget
 * @param onLimit     what happens to a call when the bucket is empty
 * @param maxWaitNanos the longest a call parks for a token under {@link OnLimit#WAIT}; 0 for the other modes
 * @param key         the argument path whose value picks the bucket, such as {@code arg0.user.id}, or null for one
 *                    bucket per limit
 */
public record PointcutRateLimit(String limit, RateLimitSpec spec, OnLimit onLimit, long maxWaitNanos, String key) {

    /** The action of a call that finds the bucket empty. */
    public enum OnLimit {
        /** Throw {@code RateLimitExceededException} at once. */
        REJECT,
        /** Park until the next token is due if that is within max-wait, else reject at once. */
        WAIT,
        /** Admit the call and count it as one that would have been rejected. */
        LOG_ONLY
    }

    public static final long DEFAULT_MAX_WAIT_NANOS = 1_000_000_000L;

    /** Returns whether each value of {@link #key} has its own bucket. */
    public boolean keyed() {
        return key != null;
    }
}
