package dev.pacer.agent.config;

import java.net.URI;
import java.util.List;

/**
 * The validated {@code rate-limits.redis:} section of agent.yaml. Immutable.
 *
 * @param uris               one {@code redis://} or {@code rediss://} URI for a single server, or several for the
 *                           nodes of a Redis Cluster
 * @param timeoutNanos       the longest a decision waits for Redis, for connecting, borrowing a pooled connection
 *                           and reading the reply alike
 * @param onError            what a decision does while Redis fails
 * @param keyPrefix          prepended to every bucket key
 * @param poolSize           the largest number of connections per server
 * @param probeIntervalNanos how often a failed Redis is probed until it replies again
 */
public record RedisConfig(List<URI> uris, long timeoutNanos, OnError onError, String keyPrefix, int poolSize,
        long probeIntervalNanos) {

    /** The policy of a decision while Redis fails or the circuit is open. */
    public enum OnError {
        /** Admit the call. */
        ALLOW,
        /** Reject the call with {@code RateLimitExceededException}. */
        DENY,
        /** Decide with a bucket in this JVM until Redis is back. */
        LOCAL
    }

    public static final long DEFAULT_TIMEOUT_NANOS = 50_000_000L;
    public static final String DEFAULT_KEY_PREFIX = "pacer:";
    public static final int DEFAULT_POOL_SIZE = 32;
    public static final long DEFAULT_PROBE_INTERVAL_NANOS = 1_000_000_000L;

    public RedisConfig {
        uris = List.copyOf(uris);
    }

    /** Returns whether the URIs name the nodes of a Redis Cluster rather than one server. */
    public boolean cluster() {
        return uris.size() > 1;
    }
}
