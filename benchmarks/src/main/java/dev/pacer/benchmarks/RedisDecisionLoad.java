package dev.pacer.benchmarks;

import dev.pacer.agent.AgentClock;
import dev.pacer.agent.config.RateLimitSpec;
import dev.pacer.agent.config.RedisConfig;
import dev.pacer.agent.ratelimit.LocalTokenBucketStore;
import dev.pacer.agent.ratelimit.RateLimitMetrics;
import dev.pacer.agent.ratelimit.RedisTokenBucketStore;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * Throughput and latency of rate-limit decisions in Redis, with a fixed number of threads that each call one
 * decision after another, all on the same bucket.
 *
 * <p>Usage: {@code RedisDecisionLoad TARGET REDIS_URI THREADS WARMUP_SECONDS MEASURE_SECONDS TRIP_DECISIONS}, where
 * TARGET is {@code pacer} (an unkeyed {@link RedisTokenBucketStore.RedisBudget#decide}) or {@code bucket4j}
 * (Bucket4j's compare-and-swap Jedis bucket, {@code tryConsume(1)}). Both use a limit of 10^9 permits per second,
 * so every decision is admitted, and a pool of at least THREADS connections.
 *
 * <p>Prints one {@code redis-load} line with the decisions per second and the p50 and p99 latency over the measured
 * seconds, unless MEASURE_SECONDS is 0. After the threads stop, it makes TRIP_DECISIONS more decisions on one thread
 * and prints one {@code redis-trips} line with the calls per command that Redis counted meanwhile in
 * {@code INFO commandstats}. Those counts include the commands that a Lua script runs, so they show what a decision
 * costs the server but not how many round trips it takes; run.sh counts those with {@code MONITOR}, with
 * MEASURE_SECONDS 0 so that only the TRIP_DECISIONS decisions reach Redis.
 */
public final class RedisDecisionLoad {

    private static final long PERMITS_PER_SECOND = 1_000_000_000L;
    private static final long SECOND_NANOS = 1_000_000_000L;
    private static final long MAX_LATENCY_NANOS = 60_000_000_000L;

    private RedisDecisionLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("Usage: RedisDecisionLoad pacer|bucket4j REDIS_URI THREADS WARMUP_SECONDS"
                    + " MEASURE_SECONDS TRIP_DECISIONS");
            System.exit(2);
        }
        String target = args[0];
        URI uri = URI.create(args[1]);
        int threads = Integer.parseInt(args[2]);
        long warmupNanos = Long.parseLong(args[3]) * SECOND_NANOS;
        long measureNanos = Long.parseLong(args[4]) * SECOND_NANOS;
        long tripDecisions = Long.parseLong(args[5]);

        try (RedisClient admin = RedisClient.create(uri); Decider decider = decider(target, uri, threads)) {
            admin.del("pacer:{bench}", "bucket4j:bench");
            boolean loadRequested = measureNanos > 0;
            if (loadRequested) {
                LoadResult load = runLoad(decider, threads, warmupNanos, measureNanos);
                System.out.printf("redis-load target=%s threads=%d decisions=%d seconds=%.3f"
                        + " decisions_per_second=%.0f p50_us=%.1f p99_us=%.1f rejected=%d%n", target, threads,
                        load.decisions, load.seconds, load.decisions / load.seconds,
                        load.latency.getValueAtPercentile(50) / 1000.0,
                        load.latency.getValueAtPercentile(99) / 1000.0, load.rejected);
            }

            Map<String, Long> before = commandCalls(admin);
            long rejected = 0;
            for (long i = 0; i < tripDecisions; i++) {
                rejected += decider.decide() ? 0 : 1;
            }
            Map<String, Long> after = commandCalls(admin);
            System.out.printf("redis-trips target=%s decisions=%d rejected=%d %s%n", target, tripDecisions, rejected,
                    callDifference(before, after));
        }
    }

    /** One rate-limit decision in Redis; returns whether the call was admitted. */
    private interface Decider extends AutoCloseable {
        boolean decide();

        @Override
        void close();
    }

    private record LoadResult(long decisions, long rejected, double seconds, Histogram latency) {
    }

    private static Decider decider(String target, URI uri, int threads) {
        int poolSize = Math.max(threads, RedisConfig.DEFAULT_POOL_SIZE);
        switch (target) {
            case "pacer": {
                RedisConfig config = new RedisConfig(List.of(uri), SECOND_NANOS, RedisConfig.OnError.DENY,
                        RedisConfig.DEFAULT_KEY_PREFIX, poolSize, SECOND_NANOS);
                RedisTokenBucketStore store = new RedisTokenBucketStore(config,
                        new LocalTokenBucketStore(AgentClock.SYSTEM));
                RedisTokenBucketStore.RedisBudget budget = store.budget("bench",
                        new RateLimitSpec(PERMITS_PER_SECOND, SECOND_NANOS, 0), new RateLimitMetrics("bench"));
                return new Decider() {
                    @Override
                    public boolean decide() {
                        return budget.decide(null, 0) == 0;
                    }

                    @Override
                    public void close() {
                        store.close();
                    }
                };
            }
            case "bucket4j": {
                ConnectionPoolConfig pool = new ConnectionPoolConfig();
                pool.setMaxTotal(poolSize);
                pool.setMaxIdle(poolSize);
                pool.setJmxEnabled(false);
                RedisClient client = RedisClient.builder()
                        .hostAndPort(new HostAndPort(uri.getHost(), uri.getPort()))
                        .clientConfig(DefaultJedisClientConfig.builder().socketTimeoutMillis(1000).build())
                        .poolConfig(pool)
                        .build();
                BucketConfiguration configuration = BucketConfiguration.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(PERMITS_PER_SECOND)
                                .refillGreedy(PERMITS_PER_SECOND, Duration.ofNanos(SECOND_NANOS))
                                .build())
                        .build();
                BucketProxy bucket = Bucket4jJedis.casBasedBuilder(client).build().builder()
                        .build("bucket4j:bench".getBytes(StandardCharsets.UTF_8), () -> configuration);
                return new Decider() {
                    @Override
                    public boolean decide() {
                        return bucket.tryConsume(1);
                    }

                    @Override
                    public void close() {
                        client.close();
                    }
                };
            }
            default:
                throw new IllegalArgumentException("Unknown target: " + target + ". Expected pacer or bucket4j.");
        }
    }

    /**
     * Runs the threads for the warm-up and then the measured time. Each thread keeps its own histogram, so recording
     * adds no contention, and the histograms are reset when the measured time starts.
     */
    private static LoadResult runLoad(Decider decider, int threads, long warmupNanos, long measureNanos)
            throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong failures = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        long[] rejected = new long[threads];
        List<Thread> workers = new ArrayList<>();

        for (int t = 0; t < threads; t++) {
            Histogram histogram = new Histogram(MAX_LATENCY_NANOS, 3);
            histograms.add(histogram);
            int index = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    boolean reset = false;
                    while (!stop.get()) {
                        if (!reset && measuring.get()) {
                            histogram.reset();
                            rejected[index] = 0;
                            reset = true;
                        }
                        long startNanos = System.nanoTime();
                        boolean admitted = decider.decide();
                        histogram.recordValue(Math.min(MAX_LATENCY_NANOS, System.nanoTime() - startNanos));
                        if (!admitted) {
                            rejected[index]++;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    e.printStackTrace();
                }
            }, "redis-load-" + t);
            workers.add(worker);
            worker.start();
        }

        start.countDown();
        Thread.sleep(warmupNanos / 1_000_000);
        measuring.set(true);
        long measureStart = System.nanoTime();
        Thread.sleep(measureNanos / 1_000_000);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - measureStart) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " load threads failed; see the stack traces above");
        }

        Histogram merged = new Histogram(MAX_LATENCY_NANOS, 3);
        histograms.forEach(merged::add);
        long rejectedTotal = 0;
        for (long count : rejected) {
            rejectedTotal += count;
        }
        return new LoadResult(merged.getTotalCount(), rejectedTotal, seconds, merged);
    }

    /** Returns the calls per command from {@code INFO commandstats}, such as {@code evalsha -> 1200}. */
    private static Map<String, Long> commandCalls(RedisClient admin) {
        Map<String, Long> calls = new HashMap<>();
        for (String line : admin.info("commandstats").split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            int colon = line.indexOf(':');
            int callsStart = line.indexOf("calls=", colon) + "calls=".length();
            int callsEnd = line.indexOf(',', callsStart);
            calls.put(line.substring("cmdstat_".length(), colon),
                    Long.parseLong(line.substring(callsStart, callsEnd)));
        }
        return calls;
    }

    /**
     * Formats the calls of each command between two readings, leaving out the one {@code INFO} that took the first
     * reading, plus their sum as {@code all}.
     */
    private static String callDifference(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder text = new StringBuilder();
        long all = 0;
        for (Map.Entry<String, Long> entry : new TreeMap<>(after).entrySet()) {
            long calls = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            if (entry.getKey().equals("info")) {
                calls -= 1;
            }
            if (calls > 0) {
                text.append(entry.getKey()).append('=').append(calls).append(' ');
                all += calls;
            }
        }
        return text.append("all=").append(all).toString();
    }
}
