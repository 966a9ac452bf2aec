package dev.pacer.agent.config;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code rate-limits:} section and the rate-limit keys of each pointcut. Like {@link ConfigLoader}, it
 * records every invalid value as a problem and goes on. A limit is never widened to "unlimited": an invalid limit
 * is an error, and the agent does not start with it.
 */
final class RateLimitConfigReader {

    static final Set<String> RATE_LIMITS_KEYS = ConfigLoader.orderedSet("store", "defaults", "redis", "limits");
    static final Set<String> LIMIT_KEYS = ConfigLoader.orderedSet("requests", "period", "burst");
    static final Set<String> REDIS_KEYS = ConfigLoader.orderedSet("uri", "timeout", "on-error", "key-prefix",
            "pool-size", "probe-interval");

    /** The key of a rate limit: an argument, optionally followed by a path of getters, fields or record components. */
    private static final Pattern KEY_PATH = Pattern.compile("arg(0|[1-9][0-9]?)(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Pattern LIMIT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * The largest {@code capacity * periodNanos / gcd(requests, periodNanos)} a local bucket accepts, so that its
     * scaled arithmetic stays far from overflowing a long.
     */
    static final long MAX_LOCAL_SCALED_CAPACITY = 1L << 61;

    /**
     * The largest {@code capacity * periodMicros / gcd(requests, periodMicros)} the Redis script accepts: Lua numbers
     * are doubles, which hold every integer up to 2^53 exactly.
     */
    static final long MAX_REDIS_SCALED_CAPACITY = 1L << 53;

    private RateLimitConfigReader() {
    }

    /** Reads {@code rate-limits:}; an absent section gives the local store with no named limits. */
    static RateLimitsConfig readRateLimits(YamlSection root) {
        YamlSection section = root.section("rate-limits");
        if (section == null) {
            return RateLimitsConfig.none();
        }
        section.rejectUnknownKeys(RATE_LIMITS_KEYS);
        String storeText = section.choice("store", "local", List.of("local", "redis"));
        RateLimitsConfig.Store store = storeText.equals("redis") ? RateLimitsConfig.Store.REDIS
                : RateLimitsConfig.Store.LOCAL;

        RateLimitSpec defaults = RateLimitsConfig.BUILT_IN_DEFAULTS;
        YamlSection defaultsSection = section.section("defaults");
        if (defaultsSection != null) {
            defaults = readSpec(defaultsSection, defaults, store);
        }

        RedisConfig redis = null;
        YamlSection redisSection = section.section("redis");
        if (redisSection != null) {
            redis = readRedis(redisSection);
        }
        if (store == RateLimitsConfig.Store.REDIS && redis == null) {
            section.reject("store", "The Redis store needs a redis: section with at least uri: "
                    + "redis://127.0.0.1:6379. Add it, or use store: local.");
        }

        Map<String, RateLimitSpec> limits = new LinkedHashMap<>();
        YamlSection limitsSection = section.section("limits");
        if (limitsSection != null) {
            for (Map.Entry<String, YamlSection> entry : limitsSection.sectionsByKey().entrySet()) {
                if (!LIMIT_NAME.matcher(entry.getKey()).matches()) {
                    limitsSection.rejectSection("The limit name \"" + entry.getKey() + "\" is invalid. Use letters, "
                            + "digits, '.', '_' and '-', starting with a letter or digit.");
                    continue;
                }
                limits.put(entry.getKey(), readSpec(entry.getValue(), defaults, store));
            }
        }
        return new RateLimitsConfig(store, defaults, redis, limits);
    }

    /**
     * Reads the rate-limit keys of one pointcut, or returns null when it has none.
     *
     * @param entry        the pointcut's mapping
     * @param pointcutName the pointcut's name, which an inline limit takes as its own
     * @param rateLimits   the section read by {@link #readRateLimits}
     */
    static PointcutRateLimit readPointcut(YamlSection entry, String pointcutName, RateLimitsConfig rateLimits) {
        boolean hasLimit = entry.has("rate-limit");
        if (!hasLimit) {
            for (String key : List.of("on-limit", "max-wait", "key")) {
                if (entry.has(key)) {
                    entry.reject(key, key + " applies only to a pointcut with a rate-limit. Add rate-limit: NAME, "
                            + "or remove " + key + ".");
                }
            }
            return null;
        }

        String limitName = null;
        RateLimitSpec spec = null;
        if (entry.isSection("rate-limit")) {
            spec = readSpec(entry.section("rate-limit"), rateLimits.defaults(), rateLimits.store());
            limitName = pointcutName;
            if (limitName != null && rateLimits.limits().containsKey(limitName)) {
                entry.reject("rate-limit", "An inline limit takes the pointcut's name, and rate-limits.limits "
                        + "already has a limit named \"" + limitName + "\". Rename the pointcut, or write "
                        + "rate-limit: " + limitName + " to share that limit.");
            }
        } else {
            limitName = entry.string("rate-limit", null);
            if (limitName != null) {
                spec = rateLimits.limits().get(limitName);
                if (spec == null) {
                    String known = rateLimits.limits().isEmpty() ? "none"
                            : String.join(", ", rateLimits.limits().keySet());
                    entry.reject("rate-limit", "No limit named \"" + limitName + "\" in rate-limits.limits "
                            + "(defined: " + known + "). Define it there, or write an inline limit such as "
                            + "{ requests: 10, period: 60s }.");
                }
            }
        }

        String onLimitText = entry.choice("on-limit", "reject", List.of("reject", "wait", "log-only"));
        PointcutRateLimit.OnLimit onLimit = switch (onLimitText) {
            case "wait" -> PointcutRateLimit.OnLimit.WAIT;
            case "log-only" -> PointcutRateLimit.OnLimit.LOG_ONLY;
            default -> PointcutRateLimit.OnLimit.REJECT;
        };

        long maxWaitNanos = 0;
        if (entry.has("max-wait") && onLimit != PointcutRateLimit.OnLimit.WAIT) {
            entry.reject("max-wait", "max-wait applies only to on-limit: wait. Remove it, or set on-limit: wait.");
        } else if (onLimit == PointcutRateLimit.OnLimit.WAIT) {
            maxWaitNanos = entry.duration("max-wait", PointcutRateLimit.DEFAULT_MAX_WAIT_NANOS, 0);
            boolean redis = rateLimits.store() == RateLimitsConfig.Store.REDIS;
            boolean fits = spec == null || waitFits(spec, maxWaitNanos) && (!redis || waitFitsRedis(spec,
                    maxWaitNanos));
            if (!fits) {
                entry.reject("max-wait", "max-wait is too long for exact arithmetic with this limit. Use a shorter "
                        + "max-wait, or a round number of requests that shares factors with the period.");
            }
        }

        String key = entry.string("key", null);
        if (key != null && !KEY_PATH.matcher(key).matches()) {
            entry.reject("key", "Expected an argument, optionally with a path of getters, such as arg0 or "
                    + "arg0.user.id. Arguments count from arg0.");
            key = null;
        }

        if (limitName == null || spec == null) {
            return null;
        }
        return new PointcutRateLimit(limitName, spec, onLimit, maxWaitNanos, key);
    }

    /** Reads requests, period and burst, taking omitted values from {@code defaults}. */
    private static RateLimitSpec readSpec(YamlSection section, RateLimitSpec defaults, RateLimitsConfig.Store store) {
        section.rejectUnknownKeys(LIMIT_KEYS);
        long requests = defaults.requests();
        String requestsText = section.string("requests", null);
        if (requestsText != null) {
            requests = wholeNumber(requestsText.trim());
            if (requests < 1) {
                section.reject("requests", "The rate must be above 0, so requests must be a whole number of at "
                        + "least 1, such as 10. For fewer than one request per second, lengthen the period "
                        + "instead: requests: 1, period: 7s.");
                requests = defaults.requests();
            }
        }

        long periodNanos = defaults.periodNanos();
        String periodText = section.string("period", null);
        if (periodText != null) {
            periodNanos = Durations.parseNanos(periodText);
            if (periodNanos < 0) {
                section.reject("period", "Expected a duration: a number with a unit of ms, s, m, h or d, for "
                        + "example 60s.");
                periodNanos = defaults.periodNanos();
            } else if (periodNanos == 0) {
                section.reject("period", "The period must be longer than 0, such as 60s.");
                periodNanos = defaults.periodNanos();
            } else if (store == RateLimitsConfig.Store.REDIS && periodNanos % 1000 != 0) {
                section.reject("period", "The Redis store counts time in whole microseconds. Use a period that "
                        + "is a whole number of microseconds, such as 60s or 1.5ms.");
                periodNanos = defaults.periodNanos();
            }
        }

        long burst = defaults.burst();
        String burstText = section.string("burst", null);
        if (burstText != null) {
            burst = wholeNumber(burstText.trim());
            if (burst < 0) {
                section.reject("burst", "Expected a whole number of at least 0. The bucket's capacity is requests "
                        + "+ burst and must be at least 1; write burst: 0 for a capacity of exactly requests.");
                burst = defaults.burst();
            }
        }

        RateLimitSpec spec = new RateLimitSpec(requests, periodNanos, burst);
        if (!fitsLocal(spec) || (store == RateLimitsConfig.Store.REDIS && !fitsRedis(spec))) {
            section.rejectSection("requests + burst = " + (requests + burst) + " tokens over a period of "
                    + Durations.format(periodNanos) + " is too large for exact arithmetic. Use fewer requests, "
                    + "a shorter period, or a round number of requests that shares factors with the period, such as "
                    + "30000 instead of 30011.");
            return defaults;
        }
        return spec;
    }

    private static RedisConfig readRedis(YamlSection section) {
        section.rejectUnknownKeys(REDIS_KEYS);

        List<URI> uris = new ArrayList<>();
        if (!section.has("uri")) {
            section.rejectSection("Missing required key uri. Add it, for example uri: redis://127.0.0.1:6379.");
        }
        for (String text : section.stringOrList("uri")) {
            URI uri = parseRedisUri(text.trim());
            if (uri == null) {
                section.rejectItem("uri", text, "Expected a Redis URI such as redis://127.0.0.1:6379, "
                        + "rediss://user:password@host:6380/2 for TLS, a user and database 2, or a list of node "
                        + "URIs for Redis Cluster.");
            } else {
                uris.add(uri);
            }
        }

        long timeoutNanos = section.duration("timeout", RedisConfig.DEFAULT_TIMEOUT_NANOS, 1_000_000L);
        String onErrorText = section.choice("on-error", "allow", List.of("allow", "deny", "local"));
        RedisConfig.OnError onError = switch (onErrorText) {
            case "deny" -> RedisConfig.OnError.DENY;
            case "local" -> RedisConfig.OnError.LOCAL;
            default -> RedisConfig.OnError.ALLOW;
        };

        String keyPrefix = section.string("key-prefix", RedisConfig.DEFAULT_KEY_PREFIX);
        if (keyPrefix.contains("{") || keyPrefix.contains("}")) {
            section.reject("key-prefix", "The prefix must not contain { or }, because the agent puts each bucket's "
                    + "name in braces as its Redis Cluster hash tag. Use, for example, pacer:.");
        }

        int poolSize = (int) section.integer("pool-size", RedisConfig.DEFAULT_POOL_SIZE, 1, 1024);
        long probeNanos = section.duration("probe-interval", RedisConfig.DEFAULT_PROBE_INTERVAL_NANOS, 10_000_000L);
        return new RedisConfig(uris, timeoutNanos, onError, keyPrefix, poolSize, probeNanos);
    }

    private static URI parseRedisUri(String text) {
        try {
            URI uri = new URI(text);
            boolean redisScheme = "redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme());
            return redisScheme && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Returns the value, or -1 when the text is not a whole number that fits a long. */
    private static long wholeNumber(String text) {
        if (!text.matches("-?[0-9]{1,18}")) {
            return -1;
        }
        return Long.parseLong(text);
    }

    static boolean fitsLocal(RateLimitSpec spec) {
        return scaledCapacity(spec.capacity(), spec.periodNanos(), spec.requests())
                .compareTo(BigInteger.valueOf(MAX_LOCAL_SCALED_CAPACITY)) <= 0;
    }

    static boolean fitsRedis(RateLimitSpec spec) {
        return scaledCapacity(spec.capacity(), spec.periodNanos() / 1000, spec.requests())
                .compareTo(BigInteger.valueOf(MAX_REDIS_SCALED_CAPACITY)) <= 0;
    }

    /** Returns whether a reservation of up to {@code maxWaitNanos} keeps a local bucket's arithmetic in range. */
    static boolean waitFits(RateLimitSpec spec, long maxWaitNanos) {
        long gcd = BigInteger.valueOf(spec.requests()).gcd(BigInteger.valueOf(spec.periodNanos())).longValue();
        BigInteger scaledWait = BigInteger.valueOf(maxWaitNanos).multiply(BigInteger.valueOf(spec.requests() / gcd));
        return scaledWait.compareTo(BigInteger.valueOf(MAX_LOCAL_SCALED_CAPACITY)) <= 0;
    }

    /**
     * Returns whether a Redis bucket reserving up to {@code maxWaitNanos} stays below 2^53 units, where the script's
     * doubles are exact: its balance then ranges from minus the reserved units to the capacity.
     */
    static boolean waitFitsRedis(RateLimitSpec spec, long maxWaitNanos) {
        long periodMicros = spec.periodNanos() / 1000;
        BigInteger gcd = BigInteger.valueOf(spec.requests()).gcd(BigInteger.valueOf(Math.max(1, periodMicros)));
        BigInteger reservedUnits = BigInteger.valueOf(maxWaitNanos / 1000)
                .multiply(BigInteger.valueOf(spec.requests()).divide(gcd));
        BigInteger span = reservedUnits.add(scaledCapacity(spec.capacity(), periodMicros, spec.requests()));
        return span.compareTo(BigInteger.valueOf(MAX_REDIS_SCALED_CAPACITY)) <= 0;
    }

    private static BigInteger scaledCapacity(long capacity, long period, long requests) {
        BigInteger gcd = BigInteger.valueOf(requests).gcd(BigInteger.valueOf(Math.max(1, period)));
        return BigInteger.valueOf(capacity).multiply(BigInteger.valueOf(period).divide(gcd));
    }
}
