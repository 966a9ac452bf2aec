package dev.pacer.agent.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.config.RateLimitSpec;
import dev.pacer.agent.config.RedisConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The store contract against a real Redis server, plus what only a shared store does. */
class RedisTokenBucketStoreTest extends TokenBucketStoreContract {

    private static RedisServer server;
    private static RedisClient admin;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
        admin = RedisClient.create(URI.create(server.uri()));
    }

    @AfterAll
    static void stopRedis() throws Exception {
        admin.close();
        server.close();
    }

    static RedisConfig config(String uri, RedisConfig.OnError onError) {
        return new RedisConfig(List.of(URI.create(uri)), 1_000_000_000L, onError, "test:", 8, 50_000_000L);
    }

    @Override
    TokenBucketStore createStore() {
        return new RedisTokenBucketStore(config(server.uri(), RedisConfig.OnError.DENY),
                new LocalTokenBucketStore(dev.pacer.agent.AgentClock.SYSTEM));
    }

    @Test
    void budgetsOfOneNameShareTokens() {
        RateLimitSpec spec = new RateLimitSpec(1, HOUR, 0);
        RateLimitBudget first = budget("shared", spec);
        RateLimitBudget second = budget("shared", spec);

        assertThat(first.decide(null, 0)).isZero();
        assertThat(second.decide(null, 0)).as("both budgets take from one bucket in Redis").isNegative();
    }

    @Test
    void keysAreHashTaggedAndExpireWhenFull() {
        RateLimitSpec spec = new RateLimitSpec(10, 60 * SECOND, 0);
        RedisTokenBucketStore.RedisBudget budget = (RedisTokenBucketStore.RedisBudget) budget("expiry", spec);

        budget.decide("alice", 0);
        String key = budget.redisKey("alice");
        long ttlMillis = admin.pttl(key);

        assertThat(key).isEqualTo("test:{" + limitName("expiry") + ":alice}");
        assertThat(ttlMillis).as("one token refills in 6 s").isBetween(5_000L, 6_001L);
    }

    @Test
    void expiredKeyBehavesLikeFullBucket() {
        RateLimitSpec spec = new RateLimitSpec(2, HOUR, 1);
        RedisTokenBucketStore.RedisBudget budget = (RedisTokenBucketStore.RedisBudget) budget("expired", spec);
        budget.decide(null, 0);
        budget.decide(null, 0);
        budget.decide(null, 0);
        assertThat(budget.decide(null, 0)).isNegative();

        admin.del(budget.redisKey(null));

        for (int call = 0; call < 3; call++) {
            assertThat(budget.decide(null, 0)).as("call %d after expiry", call).isZero();
        }
        assertThat(budget.decide(null, 0)).isNegative();
    }

    @Test
    void keyExpiresOnceBucketIsFull() throws InterruptedException {
        RateLimitSpec spec = new RateLimitSpec(2, 200_000_000L, 0);
        RedisTokenBucketStore.RedisBudget budget = (RedisTokenBucketStore.RedisBudget) budget("expires", spec);
        String key = budget.redisKey(null);
        assertThat(budget.decide(null, 0)).isZero();
        assertThat(budget.decide(null, 0)).isZero();
        assertThat(admin.pttl(key)).as("two tokens refill in 200 ms").isBetween(1L, 201L);

        long deadline = System.nanoTime() + 5 * SECOND;
        while (admin.exists(key)) {
            assertThat(System.nanoTime()).as("the key expires within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }

        assertThat(budget.decide(null, 0)).as("an expired key is a full bucket").isZero();
        assertThat(budget.decide(null, 0)).isZero();
        assertThat(budget.decide(null, 0)).isNegative();
    }

    @Test
    void sameConfigurationKeepsRemainingTokens() {
        RateLimitSpec spec = new RateLimitSpec(3, HOUR, 0);
        budget("reapplied", spec).decide(null, 0);
        budget("reapplied", spec).decide(null, 0);

        RateLimitBudget reapplied = budget("reapplied", spec);

        assertThat(reapplied.decide(null, 0)).isZero();
        assertThat(reapplied.decide(null, 0)).isNegative();
    }

    @Test
    void scriptFlushIsInvisibleToCaller() {
        RateLimitSpec spec = new RateLimitSpec(2, HOUR, 0);
        RateLimitMetrics metrics = new RateLimitMetrics(limitName("flush"));
        RateLimitBudget budget = store().budget(limitName("flush"), spec, metrics);
        assertThat(budget.decide(null, 0)).isZero();

        admin.scriptFlush();

        assertThat(budget.decide(null, 0)).as("reloaded and retried").isZero();
        assertThat(budget.decide(null, 0)).isNegative();
        assertThat(metrics.totals().storeErrors()).isZero();
        assertThat(metrics.totals().fallbacks()).isZero();
    }

    @Test
    void errorReplyFallsBackWithoutOpeningCircuit() {
        RateLimitSpec spec = new RateLimitSpec(2, HOUR, 0);
        RateLimitMetrics metrics = new RateLimitMetrics(limitName("wrongtype"));
        RedisTokenBucketStore redis = (RedisTokenBucketStore) store();
        RedisTokenBucketStore.RedisBudget budget = redis.budget(limitName("wrongtype"), spec, metrics);
        admin.set(budget.redisKey(null), "written by another program");

        long decision = budget.decide(null, 0);

        assertThat(decision).as("on-error: deny").isNegative();
        assertThat(metrics.totals().storeErrors()).isEqualTo(1);
        assertThat(redis.available()).as("Redis replied, so the circuit stays closed").isTrue();
        admin.del(budget.redisKey(null));
        assertThat(budget.decide(null, 0)).isZero();
    }

    @Test
    void hashContainsScaledUnits() {
        RateLimitSpec spec = new RateLimitSpec(1, 7 * SECOND, 0);
        RedisTokenBucketStore.RedisBudget budget = (RedisTokenBucketStore.RedisBudget) budget("units", spec);

        budget.decide(null, 0);
        Map<String, String> hash = admin.hgetAll(budget.redisKey(null));

        assertThat(hash).containsEntry("units", "0").containsEntry("cost", "7000000").containsKey("at");
    }

    @Test
    void scriptArgumentsEncodeSpecAndWait() {
        RateLimitSpec spec = new RateLimitSpec(4, 6 * SECOND, 2);
        RedisTokenBucketStore.RedisBudget budget = (RedisTokenBucketStore.RedisBudget) budget("arguments", spec);

        List<String> arguments = decode(budget.scriptArguments(2_500_000L));

        // 4 tokens per 6,000,000 µs: gcd 4, so 1,500,000 units per token and 1 unit per microsecond.
        assertThat(arguments).containsExactly("9000000", "1", "1500000", "2500");
    }

    @Test
    void scriptArgumentsFollowChangedWait() {
        RedisTokenBucketStore.RedisBudget budget = (RedisTokenBucketStore.RedisBudget) budget("argument-cache",
                new RateLimitSpec(1, HOUR, 0));

        List<byte[]> first = budget.scriptArguments(0);
        List<byte[]> again = budget.scriptArguments(999);
        List<byte[]> longer = budget.scriptArguments(5_000_000L);
        List<byte[]> back = budget.scriptArguments(0);

        assertThat(again).as("999 ns is 0 µs, like the first wait").isSameAs(first);
        assertThat(decode(longer).get(3)).isEqualTo("5000");
        assertThat(decode(back).get(3)).isEqualTo("0");
    }

    @Test
    void keyedDecisionsAlternatingWaits() {
        RedisTokenBucketStore.RedisBudget budget = (RedisTokenBucketStore.RedisBudget) budget("alternating",
                new RateLimitSpec(1, HOUR, 0));

        assertThat(budget.decide("alice", 0)).isZero();
        assertThat(budget.decide("alice", 0)).as("no wait allowed").isNegative();
        assertThat(budget.decide("alice", 2 * HOUR)).as("reserves the token due in an hour").isPositive();
        assertThat(budget.decide("bob", 2 * HOUR)).as("bob's bucket is full").isZero();
        assertThat(budget.decide("bob", 0)).as("the wait of 0 applies again").isNegative();
    }

    @Test
    void scriptKeysAreUtf8RedisKeys() {
        RedisTokenBucketStore.RedisBudget budget = (RedisTokenBucketStore.RedisBudget) budget("utf8",
                new RateLimitSpec(5, HOUR, 0));

        assertThat(budget.decide("zoë", 0)).isZero();

        assertThat(decode(budget.scriptKeys("zoë"))).containsExactly(budget.redisKey("zoë"));
        assertThat(decode(budget.scriptKeys(null))).containsExactly(budget.redisKey(null));
        assertThat(admin.exists(budget.redisKey("zoë"))).as("the bucket of the key as Redis stores it").isTrue();
    }

    @Test
    void keyCacheIsBounded() {
        RedisTokenBucketStore.RedisBudget budget = (RedisTokenBucketStore.RedisBudget) budget("key-cache",
                new RateLimitSpec(5, HOUR, 0));
        int keys = KeyedBuckets.DEFAULT_MAX_KEYS + 4_000;

        for (int i = 0; i < keys; i++) {
            budget.scriptKeys("user-" + i);
        }

        assertThat(budget.cachedKeys()).isBetween(1, KeyedBuckets.DEFAULT_MAX_KEYS);
        assertThat(decode(budget.scriptKeys("user-0"))).as("an evicted key is encoded again")
                .containsExactly(budget.redisKey("user-0"));
    }

    private static List<String> decode(List<byte[]> values) {
        return values.stream().map(value -> new String(value, StandardCharsets.UTF_8)).toList();
    }
}
