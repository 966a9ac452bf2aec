package dev.pacer.benchmarks;

import dev.pacer.agent.config.RateLimitSpec;
import dev.pacer.agent.ratelimit.LocalTokenBucket;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one rate-limit decision in this JVM: Pacer's {@link LocalTokenBucket#tryAcquire}, Resilience4j's
 * {@link RateLimiter#acquirePermission} and Bucket4j's local {@link Bucket#tryConsume}.
 *
 * <p>The {@code admitted} methods use limits of 10^9 permits per second, which no benchmark thread can exhaust, so
 * every call takes the path that grants a permit. The {@code rejected} methods use limits of one permit per hour
 * whose permit the setup takes, so every call takes the path that denies one. Each limiter is shared by all
 * benchmark threads, so runs with {@code -t 2} include the contention of two threads on one bucket.
 *
 * <p>Every limiter is used as its library configures it by default, apart from the limit itself: Resilience4j with
 * a timeout of 0, so that it never waits for a permit, and Bucket4j with its default lock-free local bucket and
 * millisecond clock.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RateLimitLocalBenchmark {

    private static final long PERMITS_PER_SECOND = 1_000_000_000L;
    private static final long SECOND_NANOS = 1_000_000_000L;
    private static final Duration HOUR = Duration.ofHours(1);

    /** Limiters with a budget that the benchmark never exhausts. */
    @State(Scope.Benchmark)
    public static class AdmittingLimiters {
        LocalTokenBucket pacer;
        RateLimiter resilience4j;
        Bucket bucket4j;

        @Setup
        public void createLimiters() {
            pacer = new LocalTokenBucket(new RateLimitSpec(PERMITS_PER_SECOND, SECOND_NANOS, 0), System.nanoTime());
            resilience4j = RateLimiter.of("admitted", RateLimiterConfig.custom()
                    .limitForPeriod((int) PERMITS_PER_SECOND)
                    .limitRefreshPeriod(Duration.ofNanos(SECOND_NANOS))
                    .timeoutDuration(Duration.ZERO)
                    .build());
            bucket4j = Bucket.builder()
                    .addLimit(Bandwidth.builder()
                            .capacity(PERMITS_PER_SECOND)
                            .refillGreedy(PERMITS_PER_SECOND, Duration.ofNanos(SECOND_NANOS))
                            .build())
                    .build();
        }
    }

    /** Limiters of one permit per hour whose permit is already taken, so that every call is rejected. */
    @State(Scope.Benchmark)
    public static class ExhaustedLimiters {
        LocalTokenBucket pacer;
        RateLimiter resilience4j;
        Bucket bucket4j;

        @Setup
        public void createAndDrainLimiters() {
            pacer = new LocalTokenBucket(new RateLimitSpec(1, HOUR.toNanos(), 0), System.nanoTime());
            resilience4j = RateLimiter.of("rejected", RateLimiterConfig.custom()
                    .limitForPeriod(1)
                    .limitRefreshPeriod(HOUR)
                    .timeoutDuration(Duration.ZERO)
                    .build());
            bucket4j = Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, HOUR).build())
                    .build();

            boolean drained = pacer.tryAcquire() && !pacer.tryAcquire()
                    && resilience4j.acquirePermission() && !resilience4j.acquirePermission()
                    && bucket4j.tryConsume(1) && !bucket4j.tryConsume(1);
            if (!drained) {
                throw new IllegalStateException("a limiter of one permit per hour did not admit exactly one call");
            }
        }
    }

    /** One {@link System#nanoTime()} read, the clock that Pacer's {@link LocalTokenBucket#tryAcquire} reads once. */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public boolean pacerAdmitted(AdmittingLimiters limiters) {
        return limiters.pacer.tryAcquire();
    }

    @Benchmark
    public boolean resilience4jAdmitted(AdmittingLimiters limiters) {
        return limiters.resilience4j.acquirePermission();
    }

    @Benchmark
    public boolean bucket4jAdmitted(AdmittingLimiters limiters) {
        return limiters.bucket4j.tryConsume(1);
    }

    @Benchmark
    public boolean pacerRejected(ExhaustedLimiters limiters) {
        return limiters.pacer.tryAcquire();
    }

    @Benchmark
    public boolean resilience4jRejected(ExhaustedLimiters limiters) {
        return limiters.resilience4j.acquirePermission();
    }

    @Benchmark
    public boolean bucket4jRejected(ExhaustedLimiters limiters) {
        return limiters.bucket4j.tryConsume(1);
    }
}
