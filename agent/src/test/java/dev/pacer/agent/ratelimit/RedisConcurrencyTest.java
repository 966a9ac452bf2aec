package dev.pacer.agent.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.AgentClock;
import dev.pacer.agent.config.RateLimitSpec;
import dev.pacer.agent.config.RedisConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** 200 threads deciding on one key of a real Redis through a pool of 8 connections. */
class RedisConcurrencyTest {

    private static final long HOUR = 3_600_000_000_000L;
    private static final int THREADS = 200;
    private static final int CALLS_PER_THREAD = 10;

    private static RedisServer server;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @Test
    void everyTokenTakenExactlyOnce() throws Exception {
        Result result = run(new RateLimitSpec(1_000, HOUR, 0));

        assertThat(result.admitted).as("admitted of %d calls", THREADS * CALLS_PER_THREAD).isEqualTo(1_000);
        assertThat(result.rejected).isEqualTo(1_000);
        assertThat(result.metrics.totals().storeErrors()).as("store errors, such as pool exhaustion").isZero();
        assertThat(result.metrics.totals().fallbacks()).isZero();
    }

    @Test
    void noRejectionWhileTokensRemain() throws Exception {
        Result result = run(new RateLimitSpec(2_500, HOUR, 0));

        assertThat(result.admitted).isEqualTo(THREADS * CALLS_PER_THREAD);
        assertThat(result.rejected).isZero();
        assertThat(result.metrics.totals().storeErrors()).isZero();
    }

    @Test
    void scriptFlushUnderLoadLosesNoDecision() throws Exception {
        RateLimitSpec spec = new RateLimitSpec(1_000, HOUR, 0);
        RedisConfig config = config();
        String limit = "flushed-" + UUID.randomUUID();
        RateLimitMetrics metrics = new RateLimitMetrics(limit);
        AtomicLong admitted = new AtomicLong();
        AtomicLong rejected = new AtomicLong();

        try (RedisTokenBucketStore store = new RedisTokenBucketStore(config,
                new LocalTokenBucketStore(AgentClock.SYSTEM));
                RedisClient admin = RedisClient.create(URI.create(server.uri()))) {
            RateLimitBudget budget = store.budget(limit, spec, metrics);
            assertThat(budget.decide("alice", 0)).as("loads the script").isZero();
            admin.scriptFlush();

            runThreads(() -> {
                for (int call = 0; call < CALLS_PER_THREAD; call++) {
                    count(budget.decide("alice", 0), admitted, rejected);
                }
            });
        }

        // Pipelined calls with a NOSCRIPT reply are each sent once more after SCRIPT LOAD.
        assertThat(admitted.get()).as("admitted of %d calls after the first", THREADS * CALLS_PER_THREAD)
                .isEqualTo(999);
        assertThat(rejected.get()).isEqualTo(THREADS * CALLS_PER_THREAD - 999);
        assertThat(metrics.totals().storeErrors()).isZero();
        assertThat(metrics.totals().fallbacks()).isZero();
    }

    @Test
    void errorReplyFailsOnlyItsDecision() throws Exception {
        RateLimitSpec spec = new RateLimitSpec(1_000_000, HOUR, 0);
        String limit = "wrongtype-" + UUID.randomUUID();
        RateLimitMetrics metrics = new RateLimitMetrics(limit);
        AtomicLong admitted = new AtomicLong();
        AtomicLong rejected = new AtomicLong();

        try (RedisTokenBucketStore store = new RedisTokenBucketStore(config(),
                new LocalTokenBucketStore(AgentClock.SYSTEM));
                RedisClient admin = RedisClient.create(URI.create(server.uri()))) {
            RedisTokenBucketStore.RedisBudget budget = store.budget(limit, spec, metrics);
            admin.set(budget.redisKey("mallory"), "written by another program");

            runThreads(() -> {
                for (int call = 0; call < CALLS_PER_THREAD; call++) {
                    count(budget.decide(call % 2 == 0 ? "alice" : "mallory", 0), admitted, rejected);
                }
            });

            assertThat(store.available()).as("Redis replied, so the circuit stays closed").isTrue();
        }

        // Decisions on the two keys share pipelines, and each error reply fails only the decision on mallory.
        int half = THREADS * CALLS_PER_THREAD / 2;
        assertThat(admitted.get()).as("decisions on alice").isEqualTo(half);
        assertThat(rejected.get()).as("decisions on mallory, on-error: deny").isEqualTo(half);
        assertThat(metrics.totals().storeErrors()).isEqualTo(half);
    }

    private static RedisConfig config() {
        return new RedisConfig(List.of(URI.create(server.uri())), 2_000_000_000L, RedisConfig.OnError.DENY,
                "concurrency:", 8, 100_000_000L);
    }

    private static void count(long decision, AtomicLong admitted, AtomicLong rejected) {
        if (decision == 0) {
            admitted.incrementAndGet();
        } else {
            rejected.incrementAndGet();
        }
    }

    /** Runs the body on {@link #THREADS} threads that start together, and waits up to 60 s for each. */
    private static void runThreads(Runnable body) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                body.run();
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }

    private static Result run(RateLimitSpec spec) throws InterruptedException {
        RedisConfig config = new RedisConfig(List.of(URI.create(server.uri())), 2_000_000_000L,
                RedisConfig.OnError.DENY, "concurrency:", 8, 100_000_000L);
        String limit = "users-" + UUID.randomUUID();
        RateLimitMetrics metrics = new RateLimitMetrics(limit);
        AtomicLong admitted = new AtomicLong();
        AtomicLong rejected = new AtomicLong();

        try (RedisTokenBucketStore store = new RedisTokenBucketStore(config,
                new LocalTokenBucketStore(AgentClock.SYSTEM))) {
            RateLimitBudget budget = store.budget(limit, spec, metrics);
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int call = 0; call < CALLS_PER_THREAD; call++) {
                        if (budget.decide("alice", 0) == 0) {
                            admitted.incrementAndGet();
                        } else {
                            rejected.incrementAndGet();
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join(60_000);
            }
        }
        return new Result(admitted.get(), rejected.get(), metrics);
    }

    private record Result(long admitted, long rejected, RateLimitMetrics metrics) {
    }
}
