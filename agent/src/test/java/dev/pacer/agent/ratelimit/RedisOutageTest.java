package dev.pacer.agent.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.AgentClock;
import dev.pacer.agent.config.RateLimitSpec;
import dev.pacer.agent.config.RedisConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

/**
 * Redis killed and restarted while decisions go on: each on-error policy is honoured during the outage, a dead Redis
 * costs at most about one timeout, and decisions go back to the shared bucket once the probe finds Redis again.
 */
class RedisOutageTest {

    private static final long HOUR = 3_600_000_000_000L;
    private static final long TIMEOUT_NANOS = 200_000_000L;

    private RedisServer server;

    @BeforeEach
    void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterEach
    void stopRedis() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(RedisConfig.OnError.class)
    void outageFollowsPolicyAndRecovers(RedisConfig.OnError onError) throws Exception {
        RedisConfig config = new RedisConfig(List.of(URI.create(server.uri())), TIMEOUT_NANOS, onError,
                "outage:", 4, 50_000_000L);
        RateLimitSpec spec = new RateLimitSpec(2, HOUR, 0);
        String limit = "builds-" + UUID.randomUUID();
        RateLimitMetrics metrics = new RateLimitMetrics(limit);

        try (RedisTokenBucketStore store = new RedisTokenBucketStore(config,
                new LocalTokenBucketStore(AgentClock.SYSTEM))) {
            RateLimitBudget budget = store.budget(limit, spec, metrics);
            assertThat(budget.decide(null, 0)).as("Redis up").isZero();

            server.kill();
            long failedStart = System.nanoTime();
            long duringOutage = budget.decide(null, 0);
            long failedNanos = System.nanoTime() - failedStart;
            long openStart = System.nanoTime();
            List<Long> whileOpen = List.of(budget.decide(null, 0), budget.decide(null, 0), budget.decide(null, 0));
            long openNanos = System.nanoTime() - openStart;

            assertThat(failedNanos).as("the failed call waits about one timeout at most")
                    .isLessThan(TIMEOUT_NANOS * 5);
            assertThat(openNanos).as("with the circuit open, Redis is skipped").isLessThan(TIMEOUT_NANOS);
            assertThat(store.available()).isFalse();
            assertThat(metrics.totals().storeErrors()).isEqualTo(1);
            assertThat(metrics.totals().fallbacks()).isEqualTo(4);
            switch (onError) {
                case ALLOW -> {
                    assertThat(duringOutage).isZero();
                    assertThat(whileOpen).containsOnly(0L);
                }
                case DENY -> {
                    assertThat(duringOutage).isNegative();
                    assertThat(whileOpen).allSatisfy(decision -> assertThat(decision).isNegative());
                }
                case LOCAL -> {
                    // A fresh local bucket of capacity 2 for the outage: two admitted, then rejected.
                    assertThat(duringOutage).isZero();
                    assertThat(whileOpen.get(0)).isZero();
                    assertThat(whileOpen.get(1)).isNegative();
                    assertThat(whileOpen.get(2)).isNegative();
                }
            }

            server.restart();
            awaitAvailable(store, Duration.ofSeconds(10));
            long errorsBefore = metrics.totals().storeErrors();

            assertThat(budget.decide(null, 0)).as("Redis back, restarted empty: a full shared bucket").isZero();
            assertThat(budget.decide(null, 0)).isZero();
            assertThat(budget.decide(null, 0)).isNegative();
            assertThat(metrics.totals().storeErrors()).isEqualTo(errorsBefore);
            assertThat(store.outages()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(RedisConfig.OnError.class)
    void unreachableFromStartFollowsPolicy(RedisConfig.OnError onError) throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RedisConfig config = new RedisConfig(List.of(URI.create("redis://127.0.0.1:" + closedPort)), TIMEOUT_NANOS,
                onError, "outage:", 4, 50_000_000L);
        RateLimitMetrics metrics = new RateLimitMetrics("builds");

        try (RedisTokenBucketStore store = new RedisTokenBucketStore(config,
                new LocalTokenBucketStore(AgentClock.SYSTEM))) {
            RateLimitBudget budget = store.budget("builds", new RateLimitSpec(1, HOUR, 0), metrics);
            long first = budget.decide(null, 0);
            long second = budget.decide(null, 0);

            assertThat(metrics.totals().storeErrors()).isEqualTo(1);
            assertThat(metrics.totals().fallbacks()).isEqualTo(2);
            assertThat(store.available()).isFalse();
            switch (onError) {
                case ALLOW -> assertThat(List.of(first, second)).containsOnly(0L);
                case DENY -> assertThat(List.of(first, second)).allSatisfy(decision -> assertThat(decision)
                        .isNegative());
                case LOCAL -> {
                    assertThat(first).isZero();
                    assertThat(second).isNegative();
                }
            }
        }
    }

    @Test
    void slowRedisCostsAboutOneTimeout() throws Exception {
        RedisConfig config = new RedisConfig(List.of(URI.create(server.uri())), TIMEOUT_NANOS,
                RedisConfig.OnError.ALLOW, "outage:", 4, 50_000_000L);
        RateLimitMetrics metrics = new RateLimitMetrics("slow");

        try (RedisTokenBucketStore store = new RedisTokenBucketStore(config,
                new LocalTokenBucketStore(AgentClock.SYSTEM));
                Jedis admin = new Jedis(URI.create(server.uri()))) {
            RateLimitBudget budget = store.budget("slow-" + UUID.randomUUID(), new RateLimitSpec(5, HOUR, 0),
                    metrics);
            assertThat(budget.decide(null, 0)).isZero();

            // CLIENT PAUSE holds every other client's commands, as a Redis busy with a slow script would.
            admin.clientPause(1_000);
            long start = System.nanoTime();
            long decision = budget.decide(null, 0);
            long elapsedNanos = System.nanoTime() - start;

            assertThat(decision).as("on-error: allow").isZero();
            assertThat(elapsedNanos).as("about one timeout of 200 ms").isBetween(TIMEOUT_NANOS / 2, 5 * TIMEOUT_NANOS);
            assertThat(metrics.totals().storeErrors()).isEqualTo(1);
        }
    }

    @Test
    void queuedDecisionsSkipRedisOnceCircuitOpens() throws Exception {
        long timeoutNanos = 3_000_000_000L;
        // Pool size 1 allows one pipeline, so the later decisions queue behind the first.
        RedisConfig config = new RedisConfig(List.of(URI.create(server.uri())), timeoutNanos,
                RedisConfig.OnError.ALLOW, "outage:", 1, 60_000_000_000L);
        RateLimitMetrics metrics = new RateLimitMetrics("queued");
        int queuedCallers = 5;

        try (RedisTokenBucketStore store = new RedisTokenBucketStore(config,
                new LocalTokenBucketStore(AgentClock.SYSTEM));
                Jedis admin = new Jedis(URI.create(server.uri()))) {
            RateLimitBudget budget = store.budget("queued-" + UUID.randomUUID(), new RateLimitSpec(5, HOUR, 0),
                    metrics);
            assertThat(budget.decide(null, 0)).isZero();

            // CLIENT PAUSE blocks the first pipeline in Redis, and the other callers queue behind it.
            admin.clientPause(20_000);
            ConcurrentLinkedQueue<Long> decisions = new ConcurrentLinkedQueue<>();
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i <= queuedCallers; i++) {
                Thread caller = new Thread(() -> decisions.add(budget.decide(null, 0)));
                caller.start();
                callers.add(caller);
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (store.queuedDecisions() < queuedCallers) {
                assertThat(System.nanoTime()).as("%d decisions queued within 10 s", queuedCallers)
                        .isLessThan(deadline);
                Thread.sleep(5);
            }

            long killed = System.nanoTime();
            server.kill();
            for (Thread caller : callers) {
                caller.join(10_000);
            }
            long elapsedNanos = System.nanoTime() - killed;

            assertThat(decisions).as("on-error: allow").hasSize(queuedCallers + 1).containsOnly(0L);
            assertThat(elapsedNanos).as("the queued decisions did not wait for their timeout")
                    .isLessThan(timeoutNanos);
            assertThat(metrics.totals().storeErrors()).as("only the pipeline in flight failed").isEqualTo(1);
            assertThat(metrics.totals().fallbacks()).isEqualTo(queuedCallers + 1);
            assertThat(store.available()).isFalse();
        }
    }

    private static void awaitAvailable(RedisTokenBucketStore store, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!store.available()) {
            assertThat(System.nanoTime()).as("Redis back within %s", timeout).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
