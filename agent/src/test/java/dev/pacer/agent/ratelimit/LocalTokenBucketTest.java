package dev.pacer.agent.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.config.RateLimitSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bucket arithmetic, driven by explicit times in nanoseconds; nothing here sleeps. */
class LocalTokenBucketTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long DAY = 86_400 * SECOND;

    @Test
    void startsFullWithRequestsPlusBurst() {
        LocalTokenBucket bucket = new LocalTokenBucket(new RateLimitSpec(10, 60 * SECOND, 5), 0);

        for (int call = 0; call < 15; call++) {
            assertThat(bucket.acquire(0, 0)).as("call %d", call).isZero();
        }
        assertThat(bucket.acquire(0, 0)).as("16th call").isEqualTo(-6 * SECOND);
        assertThat(bucket.availableTokens(0)).isZero();
    }

    @Test
    void burstBoundaryRefillsOneTokenPerInterval() {
        LocalTokenBucket bucket = new LocalTokenBucket(new RateLimitSpec(10, 60 * SECOND, 5), 0);
        drain(bucket, 0);

        assertThat(bucket.acquire(6 * SECOND - 1, 0)).as("1 ns before the token").isEqualTo(-1);
        assertThat(bucket.acquire(6 * SECOND, 0)).as("when the token is due").isZero();
        assertThat(bucket.acquire(6 * SECOND, 0)).as("right after").isEqualTo(-6 * SECOND);
    }

    @Test
    void fractionalRateOnePerSevenSeconds() {
        LocalTokenBucket bucket = new LocalTokenBucket(new RateLimitSpec(1, 7 * SECOND, 0), 0);

        assertThat(bucket.acquire(0, 0)).as("t=0").isZero();
        assertThat(bucket.acquire(6_900_000_000L, 0)).as("t=6.9s").isEqualTo(-100_000_000L);
        assertThat(bucket.acquire(7 * SECOND, 0)).as("t=7s").isZero();
        assertThat(bucket.acquire(14 * SECOND, 0)).as("t=14s").isZero();
    }

    @Test
    void refillRemainderCarriesOver() {
        // 3 per second: a token every 333,333,333 1/3 ns. Rounding each interval down or up would shift these times.
        LocalTokenBucket bucket = new LocalTokenBucket(new RateLimitSpec(3, SECOND, 0), 0);
        drain(bucket, 0);

        assertThat(bucket.acquire(333_333_333L, 0)).as("first token, 1/3 ns early").isEqualTo(-1);
        assertThat(bucket.acquire(333_333_334L, 0)).as("first token").isZero();
        assertThat(bucket.acquire(666_666_666L, 0)).as("second token, 2/3 ns early").isEqualTo(-1);
        assertThat(bucket.acquire(666_666_667L, 0)).as("second token").isZero();
        assertThat(bucket.acquire(999_999_999L, 0)).as("third token, 1 ns early").isEqualTo(-1);
        assertThat(bucket.acquire(SECOND, 0)).as("third token").isZero();
    }

    @Test
    void longRunRateIsExact() {
        LocalTokenBucket bucket = new LocalTokenBucket(new RateLimitSpec(7, SECOND, 0), 0);
        drain(bucket, 0);

        long admitted = 0;
        for (long second = 1; second <= 100_000; second++) {
            while (bucket.acquire(second * SECOND, 0) == 0) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(700_000);
    }

    @Test
    void dayOfIdlenessGivesFullBucketOnly() {
        LocalTokenBucket bucket = new LocalTokenBucket(new RateLimitSpec(10, 60 * SECOND, 5), 0);
        drain(bucket, 0);

        assertThat(bucket.availableTokens(DAY)).isEqualTo(15);
        assertThat(drain(bucket, DAY)).isEqualTo(15);
    }

    @Test
    void periodOfDaysDoesNotOverflow() {
        RateLimitSpec spec = new RateLimitSpec(997, 30 * DAY, 3);
        LocalTokenBucket bucket = new LocalTokenBucket(spec, 0);

        assertThat(drain(bucket, 0)).isEqualTo(1000);
        long intervalNanos = 30 * DAY / 997;
        assertThat(bucket.acquire(intervalNanos, 0)).as("one interval later").isEqualTo(-1);
        assertThat(bucket.acquire(intervalNanos + 1, 0)).isZero();
        assertThat(bucket.availableTokens(400 * DAY)).isEqualTo(1000);
    }

    @Test
    void clockWrapAroundIsHarmless() {
        long start = Long.MAX_VALUE - SECOND;
        LocalTokenBucket bucket = new LocalTokenBucket(new RateLimitSpec(1, 7 * SECOND, 0), start);

        assertThat(bucket.acquire(start, 0)).isZero();
        assertThat(bucket.acquire(start + 6 * SECOND, 0)).as("across the wrap, early").isEqualTo(-SECOND);
        assertThat(bucket.acquire(start + 7 * SECOND, 0)).as("across the wrap, due").isZero();
    }

    @Test
    void hugeIdleAtHighScaleIsFull() {
        // 999,983 is prime, so each nanosecond is 999,983 scaled units, and a 100-year idle wraps the scaled clock.
        RateLimitSpec spec = new RateLimitSpec(999_983, SECOND, 0);
        LocalTokenBucket bucket = new LocalTokenBucket(spec, 0);
        drain(bucket, 0);

        for (long years = 1; years <= 200; years++) {
            long now = years * 365 * DAY;
            bucket.refresh(now);
            assertThat(bucket.availableTokens(now)).as("after %d years", years).isEqualTo(999_983);
        }
    }

    @Test
    void waitReservesTokenDueWithinMaxWait() {
        LocalTokenBucket bucket = new LocalTokenBucket(new RateLimitSpec(1, SECOND, 0), 0);
        assertThat(bucket.acquire(0, 0)).isZero();

        assertThat(bucket.acquire(250_000_000L, SECOND)).as("reserves the token due at 1 s").isEqualTo(750_000_000L);
        assertThat(bucket.acquire(250_000_000L, SECOND)).as("next token at 2 s is beyond max-wait")
                .isEqualTo(-1_750_000_000L);
        assertThat(bucket.acquire(250_000_000L, 2 * SECOND)).as("the rejection took no token")
                .isEqualTo(1_750_000_000L);
    }

    @Test
    void waitNeverExceedsMaxWait() {
        LocalTokenBucket bucket = new LocalTokenBucket(new RateLimitSpec(2, SECOND, 0), 0);
        drain(bucket, 0);

        assertThat(bucket.acquire(0, 499_999_999L)).isEqualTo(-500_000_000L);
        assertThat(bucket.acquire(0, 500_000_000L)).isEqualTo(500_000_000L);
    }

    @Test
    void tokensStayWithinCapacity() {
        LocalTokenBucket bucket = new LocalTokenBucket(new RateLimitSpec(5, SECOND, 2), 0);

        assertThat(bucket.availableTokens(0)).isEqualTo(7);
        assertThat(bucket.availableTokens(1000 * SECOND)).isEqualTo(7);
        bucket.acquire(0, 10 * SECOND);
        drain(bucket, 0);
        bucket.acquire(0, 10 * SECOND);
        assertThat(bucket.availableTokens(0)).as("with a reservation outstanding").isZero();
    }

    @Test
    void matchesReferenceOnRandomCalls() {
        SplittableRandom random = new SplittableRandom(42);
        List<RateLimitSpec> specs = List.of(new RateLimitSpec(1, 7 * SECOND, 0), new RateLimitSpec(10, 60 * SECOND, 5),
                new RateLimitSpec(7, SECOND, 3), new RateLimitSpec(999_983, SECOND, 17),
                new RateLimitSpec(997, 30 * DAY, 3), new RateLimitSpec(3, 1_000_003L, 1));
        for (RateLimitSpec spec : specs) {
            long now = random.nextLong();
            LocalTokenBucket bucket = new LocalTokenBucket(spec, now);
            ReferenceTokenBucket reference = new ReferenceTokenBucket(spec, now);
            long intervalNanos = Math.max(1, spec.periodNanos() / spec.requests());
            for (int call = 0; call < 20_000; call++) {
                long step = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> random.nextLong(intervalNanos + 1);
                    case 2 -> random.nextLong(4 * intervalNanos + 1);
                    default -> random.nextLong(spec.periodNanos() * 2);
                };
                now += step;
                long maxWaitNanos = random.nextBoolean() ? 0 : random.nextLong(2 * intervalNanos + 1);
                assertThat(bucket.acquire(now, maxWaitNanos)).as("%s call %d", spec, call)
                        .isEqualTo(reference.acquire(now, maxWaitNanos));
            }
        }
    }

    @Test
    void everyWindowStaysWithinBound() {
        // In any window of length w, calls proceed at most capacity + requests * w / period times, counting a
        // reserved call at the time it proceeds.
        RateLimitSpec spec = new RateLimitSpec(3, 7 * SECOND, 2);
        SplittableRandom random = new SplittableRandom(7);
        LocalTokenBucket bucket = new LocalTokenBucket(spec, 0);
        List<Long> proceedTimes = new ArrayList<>();
        long now = 0;
        for (int call = 0; call < 3_000; call++) {
            now += random.nextLong(2 * SECOND);
            long decision = bucket.acquire(now, random.nextBoolean() ? 0 : random.nextLong(5 * SECOND));
            if (decision >= 0) {
                proceedTimes.add(now + decision);
            }
        }
        proceedTimes.sort(null);

        // The bound multiplied by the period, in integers: calls * period <= capacity * period + requests * w.
        List<String> violations = new ArrayList<>();
        for (int first = 0; first < proceedTimes.size(); first++) {
            for (int last = first; last < proceedTimes.size(); last++) {
                long windowNanos = proceedTimes.get(last) - proceedTimes.get(first);
                long calls = last - first + 1;
                long boundTimesPeriod = spec.capacity() * spec.periodNanos() + spec.requests() * windowNanos;
                if (calls * spec.periodNanos() > boundTimesPeriod) {
                    violations.add(calls + " calls in " + windowNanos + " ns");
                }
            }
        }
        assertThat(violations).isEmpty();
        assertThat(proceedTimes.size()).as("the test admitted enough calls to mean something").isGreaterThan(1_000);
    }

    @Test
    void concurrentCallsTakeEachTokenOnce() throws InterruptedException {
        LocalTokenBucket bucket = new LocalTokenBucket(new RateLimitSpec(10_000, 3_600 * SECOND, 0), 0);
        AtomicLong admitted = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int call = 0; call < 5_000; call++) {
                    if (bucket.acquire(1, 0) == 0) {
                        admitted.incrementAndGet();
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

        assertThat(admitted.get()).isEqualTo(10_000);
        assertThat(bucket.availableTokens(1)).isZero();
    }

    /** Takes every token present at the time and returns how many. */
    private static long drain(LocalTokenBucket bucket, long nowNanos) {
        long taken = 0;
        while (bucket.acquire(nowNanos, 0) == 0) {
            taken++;
        }
        return taken;
    }
}
