package dev.pacer.agent.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validated {@code rate-limits:} section of agent.yaml. Immutable.
 *
 * @param store    where the buckets live
 * @param defaults the values that a limit takes for the keys it omits
 * @param redis    the Redis settings, or null when the store is local
 * @param limits   the named limits, by name, in file order
 */
public record RateLimitsConfig(Store store, RateLimitSpec defaults, RedisConfig redis,
        Map<String, RateLimitSpec> limits) {

    /** The store of the token buckets: this JVM, or Redis. */
    public enum Store {
        /** In this JVM; every JVM has its own budget. */
        LOCAL,
        /** In Redis; every JVM that names the same limit shares one budget. */
        REDIS
    }

    /** The values used for requests, period and burst when neither the limit nor {@code defaults} gives them. */
    public static final RateLimitSpec BUILT_IN_DEFAULTS = new RateLimitSpec(60, 60_000_000_000L, 0);

    public RateLimitsConfig {
        limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
    }

    /** Returns the settings used when agent.yaml has no {@code rate-limits:} section. */
    public static RateLimitsConfig none() {
        return new RateLimitsConfig(Store.LOCAL, BUILT_IN_DEFAULTS, null, Map.of());
    }
}
