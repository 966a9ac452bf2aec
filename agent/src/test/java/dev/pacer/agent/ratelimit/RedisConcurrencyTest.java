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
