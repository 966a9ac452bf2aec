package dev.pacer.agent.config;

import static dev.pacer.agent.config.ConfigAssertions.FILE;
import static dev.pacer.agent.config.ConfigAssertions.assertProblem;
import static dev.pacer.agent.config.ConfigAssertions.onlyProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading {@code rate-limits:} and the rate-limit keys of pointcuts, and one test per rejected value. */
class RateLimitConfigTest {

    private static final String LIMITS = """
            rate-limits:
              defaults: { requests: 60, period: 60s, burst: 10 }
              limits:
                builds:  { requests: 10, period: 60s }
                plugins: { requests: 30, period: 60s, burst: 0 }
            """;

    private static AgentConfig parse(String yaml) throws InvalidConfigException {
        return ConfigLoader.parse(yaml, FILE);
    }

    // Valid files.

    @Test
    void namedLimitTakesOmittedValuesFromDefaults() throws InvalidConfigException {
        AgentConfig config = parse(LIMITS + """
                pointcuts:
                  - name: trigger-build
                    class: com.example.ci.CiClient
                    method: "triggerBuild|rebuild"
                    rate-limit: builds
                    on-limit: wait
                    max-wait: 2s
                    key: arg0.user.id
                """);

        RateLimitsConfig limits = config.rateLimits();
        assertThat(limits.store()).isEqualTo(RateLimitsConfig.Store.LOCAL);
        assertThat(limits.limits().keySet()).containsExactly("builds", "plugins");
        assertThat(limits.limits().get("builds")).isEqualTo(new RateLimitSpec(10, 60_000_000_000L, 10));
        assertThat(limits.limits().get("plugins")).isEqualTo(new RateLimitSpec(30, 60_000_000_000L, 0));

        PointcutRateLimit rateLimit = config.pointcuts().get(0).rateLimit();
        assertThat(rateLimit.limit()).isEqualTo("builds");
        assertThat(rateLimit.spec()).isEqualTo(new RateLimitSpec(10, 60_000_000_000L, 10));
        assertThat(rateLimit.onLimit()).isEqualTo(PointcutRateLimit.OnLimit.WAIT);
        assertThat(rateLimit.maxWaitNanos()).isEqualTo(2_000_000_000L);
        assertThat(rateLimit.key()).isEqualTo("arg0.user.id");
    }

    @Test
    void inlineLimitTakesPointcutName() throws InvalidConfigException {
        AgentConfig config = parse("""
                pointcuts:
                  - name: search
                    class: com.example.Search
                    rate-limit: { requests: 1, period: 7s }
                    on-limit: log-only
                """);

        PointcutRateLimit rateLimit = config.pointcuts().get(0).rateLimit();
        assertThat(rateLimit.limit()).isEqualTo("search");
        assertThat(rateLimit.spec()).isEqualTo(new RateLimitSpec(1, 7_000_000_000L, 0));
        assertThat(rateLimit.onLimit()).isEqualTo(PointcutRateLimit.OnLimit.LOG_ONLY);
        assertThat(rateLimit.maxWaitNanos()).isZero();
        assertThat(rateLimit.keyed()).isFalse();
    }

    @Test
    void waitWithoutMaxWaitDefaultsToOneSecond() throws InvalidConfigException {
        AgentConfig config = parse(LIMITS + """
                pointcuts:
                  - name: plugins
                    class: com.example.Plugins
                    rate-limit: plugins
                    on-limit: wait
                """);

        assertThat(config.pointcuts().get(0).rateLimit().maxWaitNanos()).isEqualTo(1_000_000_000L);
    }

    @Test
    void pointcutWithoutRateLimitIsOnlyTimed() throws InvalidConfigException {
        AgentConfig config = parse(LIMITS + """
                pointcuts:
                  - name: orders
                    class: com.example.Orders
                """);

        assertThat(config.pointcuts().get(0).rateLimit()).isNull();
    }

    @Test
    void redisSectionIsRead() throws InvalidConfigException {
        AgentConfig config = parse("""
                rate-limits:
                  store: redis
                  redis:
                    uri: rediss://pacer:secret@127.0.0.1:6380/2
                    timeout: 20ms
                    on-error: local
                    key-prefix: "ci:"
                    pool-size: 8
                    probe-interval: 500ms
                """);

        RedisConfig redis = config.rateLimits().redis();
        assertThat(config.rateLimits().store()).isEqualTo(RateLimitsConfig.Store.REDIS);
        assertThat(redis.uris()).containsExactly(URI.create("rediss://pacer:secret@127.0.0.1:6380/2"));
        assertThat(redis.cluster()).isFalse();
        assertThat(redis.timeoutNanos()).isEqualTo(20_000_000L);
        assertThat(redis.onError()).isEqualTo(RedisConfig.OnError.LOCAL);
        assertThat(redis.keyPrefix()).isEqualTo("ci:");
        assertThat(redis.poolSize()).isEqualTo(8);
        assertThat(redis.probeIntervalNanos()).isEqualTo(500_000_000L);
    }

    @Test
    void uriListIsCluster() throws InvalidConfigException {
        AgentConfig config = parse("""
                rate-limits:
                  store: redis
                  redis:
                    uri: [redis://127.0.0.1:7000, redis://127.0.0.1:7001]
                """);

        assertThat(config.rateLimits().redis().cluster()).isTrue();
        assertThat(config.rateLimits().redis().onError()).isEqualTo(RedisConfig.OnError.ALLOW);
        assertThat(config.rateLimits().redis().timeoutNanos()).isEqualTo(50_000_000L);
    }

    // Rejected values of a limit.

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5"})
    void rateAtOrBelowZeroIsRejected(String value) {
        ConfigProblem problem = onlyProblem("""
                rate-limits:
                  limits:
                    builds: { requests: %s, period: 60s }
                """.formatted(value));

        assertProblem(problem, 3, 25, "rate-limits.limits.builds.requests", value,
                "The rate must be above 0, so requests must be a whole number of at least 1, such as 10.");
    }

    @Test
    void fractionalRequestsAreRejected() {
        ConfigProblem problem = onlyProblem("""
                rate-limits:
                  limits:
                    builds: { requests: 0.5, period: 1s }
                """);

        assertProblem(problem, 3, 25, "rate-limits.limits.builds.requests", "0.5",
                "For fewer than one request per second, lengthen the period instead: requests: 1, period: 7s.");
    }

    @Test
    void zeroPeriodIsRejected() {
        ConfigProblem problem = onlyProblem("""
                rate-limits:
                  limits:
                    builds: { requests: 10, period: 0s }
                """);

        assertProblem(problem, 3, 37, "rate-limits.limits.builds.period", "0s",
                "The period must be longer than 0, such as 60s.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1s", "soon", "60"})
    void periodWithoutUnitIsRejected(String value) {
        ConfigProblem problem = onlyProblem("""
                rate-limits:
                  limits:
                    builds: { requests: 10, period: %s }
                """.formatted(value));

        assertProblem(problem, 3, 37, "rate-limits.limits.builds.period", value,
                "Expected a duration: a number with a unit of ms, s, m, h or d, for example 60s.");
    }

    @Test
    void negativeBurstIsRejected() {
        ConfigProblem problem = onlyProblem("""
                rate-limits:
                  limits:
                    builds: { requests: 1, period: 60s, burst: -1 }
                """);

        assertProblem(problem, 3, 48, "rate-limits.limits.builds.burst", "-1",
                "The bucket's capacity is requests + burst and must be at least 1");
    }

    @Test
    void negativeDefaultBurstIsRejected() {
        ConfigProblem problem = onlyProblem("""
                rate-limits:
                  defaults: { burst: -10 }
                """);

        assertProblem(problem, 2, 22, "rate-limits.defaults.burst", "-10", "must be at least 1");
    }

    @Test
    void capacityTooLargeIsRejected() {
        ConfigProblem problem = onlyProblem("""
                rate-limits:
                  limits:
                    huge: { requests: 999999999999, period: 3000d }
                """);

        assertProblem(problem, 3, 11, "rate-limits.limits.huge", null,
                "is too large for exact arithmetic. Use fewer requests, a shorter period, or a round number of "
                        + "requests that shares factors with the period, such as 30000 instead of 30011.");
    }

    @Test
    void unknownLimitKeyIsRejected() {
        ConfigProblem problem = onlyProblem("""
                rate-limits:
                  limits:
                    builds: { requests: 10, per: 60s }
                """);

        assertProblem(problem, 3, 29, "rate-limits.limits.builds.per", null,
                "Unknown key. Allowed keys here: requests, period, burst.");
    }

    @Test
    void limitThatIsNotMappingIsRejected() {
        ConfigProblem problem = onlyProblem("""
                rate-limits:
                  limits:
                    builds: 10
                """);

        assertProblem(problem, 3, 13, "rate-limits.limits.builds", "10",
                "Expected a mapping such as { requests: 10, period: 60s }.");
    }

    @Test
    void unknownStoreIsRejected() {
        ConfigProblem problem = onlyProblem("""
                rate-limits:
                  store: memcached
                """);

        assertProblem(problem, 2, 10, "rate-limits.store", "memcached", "Expected one of: local, redis.");
    }

    @Test
    void redisStoreWithoutRedisSectionIsRejected() {
        ConfigProblem problem = onlyProblem("""
                rate-limits:
                  store: redis
                """);

        assertProblem(problem, 2, 10, "rate-limits.store", "redis",
                "The Redis store needs a redis: section with at least uri: redis://127.0.0.1:6379.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:6379", "127.0.0.1:6379", "redis://"})
    void badRedisUriIsRejected(String value) {
        ConfigProblem problem = onlyProblem("""
                rate-limits:
                  redis:
                    uri: "%s"
                """.formatted(value));

        assertProblem(problem, 3, 10, "rate-limits.redis.uri", value,
                "Expected a Redis URI such as redis://127.0.0.1:6379");
    }

    @Test
    void unknownOnErrorIsRejected() {
        ConfigProblem problem = onlyProblem("""
                rate-limits:
                  redis:
                    uri: redis://127.0.0.1:6379
                    on-error: retry
                """);

        assertProblem(problem, 4, 15, "rate-limits.redis.on-error", "retry", "Expected one of: allow, deny, local.");
    }

    @Test
    void keyPrefixWithBraceIsRejected() {
        ConfigProblem problem = onlyProblem("""
                rate-limits:
                  redis:
                    uri: redis://127.0.0.1:6379
                    key-prefix: "{pacer}:"
                """);

        assertProblem(problem, 4, 17, "rate-limits.redis.key-prefix", "{pacer}:",
                "The prefix must not contain { or }");
    }

    @Test
    void redisPeriodBelowMicrosecondIsRejected() {
        ConfigProblem problem = onlyProblem("""
                rate-limits:
                  store: redis
                  redis: { uri: "redis://127.0.0.1:6379" }
                  limits:
                    fast: { requests: 1, period: 0.0000001s }
                """);

        assertProblem(problem, 5, 34, "rate-limits.limits.fast.period", "0.0000001s",
                "The Redis store counts time in whole microseconds.");
    }

    // Rejected rate-limit keys of a pointcut.

    @Test
    void unknownLimitReferenceIsRejected() {
        ConfigProblem problem = onlyProblem(LIMITS + """
                pointcuts:
                  - name: users
                    class: com.example.Users
                    rate-limit: user
                """);

        assertProblem(problem, 9, 17, "pointcuts[0].rate-limit", "user", "No limit named \"user\" in "
                + "rate-limits.limits (defined: builds, plugins). Define it there, or write an inline limit such as "
                + "{ requests: 10, period: 60s }.");
    }

    @Test
    void referenceWithoutLimitsSectionIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: users
                    class: com.example.Users
                    rate-limit: users
                """);

        assertProblem(problem, 4, 17, "pointcuts[0].rate-limit", "users", "(defined: none)");
    }

    @Test
    void unknownOnLimitIsRejected() {
        ConfigProblem problem = onlyProblem(LIMITS + """
                pointcuts:
                  - name: builds
                    class: com.example.Builds
                    rate-limit: builds
                    on-limit: queue
                """);

        assertProblem(problem, 10, 15, "pointcuts[0].on-limit", "queue", "Expected one of: reject, wait, log-only.");
    }

    @Test
    void invalidInlineLimitIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: search
                    class: com.example.Search
                    rate-limit: { requests: 0, period: 1s }
                """);

        assertProblem(problem, 4, 29, "pointcuts[0].rate-limit.requests", "0", "The rate must be above 0");
    }

    @Test
    void inlineLimitNamedLikeSharedLimitIsRejected() {
        ConfigProblem problem = onlyProblem(LIMITS + """
                pointcuts:
                  - name: builds
                    class: com.example.Builds
                    rate-limit: { requests: 5, period: 1s }
                """);

        assertProblem(problem, 9, 17, "pointcuts[0].rate-limit", "(a mapping)",
                "An inline limit takes the pointcut's name");
    }

    @Test
    void maxWaitWithoutWaitIsRejected() {
        ConfigProblem problem = onlyProblem(LIMITS + """
                pointcuts:
                  - name: builds
                    class: com.example.Builds
                    rate-limit: builds
                    max-wait: 2s
                """);

        assertProblem(problem, 10, 15, "pointcuts[0].max-wait", "2s",
                "max-wait applies only to on-limit: wait. Remove it, or set on-limit: wait.");
    }

    @Test
    void badMaxWaitIsRejected() {
        ConfigProblem problem = onlyProblem(LIMITS + """
                pointcuts:
                  - name: builds
                    class: com.example.Builds
                    rate-limit: builds
                    on-limit: wait
                    max-wait: forever
                """);

        assertProblem(problem, 11, 15, "pointcuts[0].max-wait", "forever", "Expected a duration");
    }

    @Test
    void maxWaitTooLongForScaleIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: prime
                    class: com.example.Prime
                    rate-limit: { requests: 999983, period: 1s }
                    on-limit: wait
                    max-wait: 1d
                """);

        assertProblem(problem, 6, 15, "pointcuts[0].max-wait", "1d", "max-wait is too long for exact arithmetic "
                + "with this limit. Use a shorter max-wait, or a round number of requests that shares factors with "
                + "the period.");
    }

    @Test
    void maxWaitTooLongForRedisIsRejected() {
        ConfigProblem problem = onlyProblem("""
                rate-limits:
                  store: redis
                  redis: { uri: "redis://127.0.0.1:6379" }
                pointcuts:
                  - name: prime
                    class: com.example.Prime
                    rate-limit: { requests: 999983, period: 1s }
                    on-limit: wait
                    max-wait: 1h
                """);

        assertProblem(problem, 9, 15, "pointcuts[0].max-wait", "1h", "max-wait is too long for exact arithmetic");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "arg", "args0", "arg0.", "arg0..id", "arg-1", "arg0.user-id"})
    void badKeyIsRejected(String value) {
        ConfigProblem problem = onlyProblem(LIMITS + """
                pointcuts:
                  - name: users
                    class: com.example.Users
                    rate-limit: builds
                    key: "%s"
                """.formatted(value));

        assertProblem(problem, 10, 10, "pointcuts[0].key", value,
                "Expected an argument, optionally with a path of getters, such as arg0 or arg0.user.id.");
    }

    @Test
    void onLimitWithoutRateLimitIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: com.example.Orders
                    on-limit: wait
                """);

        assertProblem(problem, 4, 15, "pointcuts[0].on-limit", "wait",
                "on-limit applies only to a pointcut with a rate-limit.");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidConfigException error = ConfigAssertions.rejected("""
                rate-limits:
                  limits:
                    builds: { requests: 0, period: 0s, burst: -1 }
                pointcuts:
                  - name: users
                    class: com.example.Users
                    rate-limit: nowhere
                    on-limit: sometimes
                """);

        List<String> keys = error.problems().stream().map(ConfigProblem::key).toList();
        assertThat(keys).containsExactly("rate-limits.limits.builds.requests", "rate-limits.limits.builds.period",
                "rate-limits.limits.builds.burst", "pointcuts[0].rate-limit", "pointcuts[0].on-limit");
    }
}
