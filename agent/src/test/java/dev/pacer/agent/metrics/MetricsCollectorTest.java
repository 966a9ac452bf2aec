package dev.pacer.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pacer.bootstrap.AgentErrors;
import dev.pacer.bootstrap.LatencyBuckets;
import dev.pacer.bootstrap.MethodTimer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Records known latencies and errors, collects them, and compares the interval and cumulative stats with a plain
 * HdrHistogram fed the same values.
 */
class MetricsCollectorTest {

    private static final long TEN_SECONDS_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long START_MILLIS = 1_767_225_600_000L;
    private static final long THREAD_ID = 1;
    private static final long JOIN_TIMEOUT_MILLIS = 60_000;

    private final MethodRegistry registry = SharedMethodRegistry.registry();
    private MetricsCollector collector;

    @BeforeEach
    void createCollector() {
        collector = new MetricsCollector(registry, () -> 0);

        // Drains whatever earlier tests left in the shared recorders, so that each test collects only its own calls.
        collector.collect(0, 0, 1, 1);
    }

    @Test
    void intervalCountMatchesReference() {
        MethodInfo method = SharedMethodRegistry.register("find", "java.lang.String", "orders");
        Histogram reference = recordRandom(method, 10_000, 1L);

        LatencyStats stats = snapshotOf(collectTenSeconds(), method).stats();

        assertThat(stats.count()).isEqualTo(reference.getTotalCount());
    }

    @Test
    void intervalPercentilesMatchReference() {
        MethodInfo method = SharedMethodRegistry.register("find", "int", "orders");
        Histogram reference = recordRandom(method, 10_000, 2L);

        LatencyStats stats = snapshotOf(collectTenSeconds(), method).stats();

        assertThat(stats.minMicros()).isEqualTo(reference.getMinValue() / 1000.0);
        assertThat(stats.p50Micros()).isEqualTo(reference.getValueAtPercentile(50) / 1000.0);
        assertThat(stats.p90Micros()).isEqualTo(reference.getValueAtPercentile(90) / 1000.0);
        assertThat(stats.p99Micros()).isEqualTo(reference.getValueAtPercentile(99) / 1000.0);
        assertThat(stats.p999Micros()).isEqualTo(reference.getValueAtPercentile(99.9) / 1000.0);
        assertThat(stats.maxMicros()).isEqualTo(reference.getMaxValue() / 1000.0);
        assertThat(stats.meanMicros()).isCloseTo(reference.getMean() / 1000.0, within(1e-9));
    }

    @Test
    void intervalHistogramEqualsReference() {
        MethodInfo method = SharedMethodRegistry.register("save", "", "orders");
        Histogram reference = recordRandom(method, 5_000, 3L);

        Histogram interval = snapshotOf(collectTenSeconds(), method).histogram();

        assertThat(interval).isEqualTo(reference);
    }

    @Test
    void intervalHistogramCarriesTimestamps() {
        MethodInfo method = SharedMethodRegistry.register("save", "int", "orders");
        method.recorder().record(1_000, THREAD_ID);

        Histogram interval = snapshotOf(collectTenSeconds(), method).histogram();

        assertThat(interval.getStartTimeStamp()).isEqualTo(START_MILLIS);
        assertThat(interval.getEndTimeStamp()).isEqualTo(START_MILLIS + 10_000);
    }

    @Test
    void methodTimerRecordIsCollected() {
        MethodInfo method = SharedMethodRegistry.register("timed", "", "orders");
        long startNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(2);

        MethodTimer.record(method.id(), startNanos, null);

        LatencyStats stats = snapshotOf(collectTenSeconds(), method).stats();
        assertThat(stats.count()).isEqualTo(1);
        assertThat(stats.maxMicros()).isGreaterThanOrEqualTo(2_000 * (1 - 1.0 / 128));
    }

    @Test
    void clampedValueReportsHighest() {
        MethodInfo method = SharedMethodRegistry.register("slow", "", "orders");
        Histogram reference = new Histogram(1, LatencyBuckets.HIGHEST_TRACKABLE_NANOS, 2);
        reference.recordValue(LatencyBuckets.HIGHEST_TRACKABLE_NANOS);

        MethodTimer.record(method.id(), System.nanoTime() - 2 * LatencyBuckets.HIGHEST_TRACKABLE_NANOS, null);

        LatencyStats stats = snapshotOf(collectTenSeconds(), method).stats();
        assertThat(stats.maxMicros()).isEqualTo(reference.getMaxValue() / 1000.0);
    }

    @Test
    void agentCountersCopyAgentErrors() {
        MethodInfo method = SharedMethodRegistry.register("clock", "", "orders");
        MethodTimer.record(method.id(), System.nanoTime() + TEN_SECONDS_NANOS, null);
        MethodTimer.record(method.id(), System.nanoTime() - 2 * LatencyBuckets.HIGHEST_TRACKABLE_NANOS, null);

        IntervalSummary.AgentCounters counters = collectTenSeconds().agent();

        assertThat(counters.negativeDurations()).isEqualTo(AgentErrors.negativeDurationCount());
        assertThat(counters.overflows()).isEqualTo(AgentErrors.overflowCount());
        assertThat(counters.negativeDurations()).isPositive();
        assertThat(counters.overflows()).isPositive();
    }

    @Test
    void concurrentCollectLosesNoCall() throws InterruptedException {
        MethodInfo method = SharedMethodRegistry.register("busy", "int", "orders");
        int threads = 4;
        int callsPerThread = 50_000;
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(threads);
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread caller = new Thread(() -> {
                try {
                    gate.await();
                    for (int i = 0; i < callsPerThread; i++) {
                        MethodTimer.record(method.id(), System.nanoTime() - 1_000, null);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    finished.countDown();
                }
            });
            caller.start();
            callers.add(caller);
        }

        // Collects on this thread while the callers record, then once more after all of them have finished.
        long collected = 0;
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_TIMEOUT_MILLIS);
        gate.countDown();
        while (finished.getCount() > 0 && System.nanoTime() < deadlineNanos) {
            collected += countOf(collectTenSeconds(), method);
        }
        for (Thread caller : callers) {
            caller.join(JOIN_TIMEOUT_MILLIS);
            assertThat(caller.isAlive()).as("%s still running", caller.getName()).isFalse();
        }
        collected += countOf(collectTenSeconds(), method);

        assertThat(collected).isEqualTo((long) threads * callsPerThread);
        assertThat(collector.cumulativeViews().get(method.key()).stats().count()).isEqualTo(collected);
    }

    @Test
    void throughputIsCountPerSecond() {
        MethodInfo method = SharedMethodRegistry.register("ping", "", "health");
        recordConstant(method, 500, 1_000);

        IntervalSummary summary = collector.collect(START_MILLIS, START_MILLIS + 2_500,
                TimeUnit.MILLISECONDS.toNanos(2_500), TimeUnit.MILLISECONDS.toNanos(2_500));

        assertThat(snapshotOf(summary, method).stats().throughputPerSecond()).isCloseTo(200.0, within(1e-9));
    }

    @Test
    void errorsCountedPerInterval() {
        MethodInfo method = SharedMethodRegistry.register("load", "", "orders");
        recordConstant(method, 10, 1_000);
        method.recordError(new IOException("disk"));
        method.recordError(new IOException("disk"));
        method.recordError(new IllegalStateException("state"));
        MethodSnapshot first = snapshotOf(collectTenSeconds(), method);

        recordConstant(method, 10, 1_000);
        method.recordError(new IOException("disk"));
        MethodSnapshot second = snapshotOf(collectTenSeconds(), method);

        assertThat(first.stats().errors()).isEqualTo(3);
        assertThat(second.stats().errors()).isEqualTo(1);
    }

    @Test
    void errorsByTypeAreDifferences() {
        MethodInfo method = SharedMethodRegistry.register("load", "int", "orders");
        recordConstant(method, 10, 1_000);
        method.recordError(new IOException("disk"));
        method.recordError(new IOException("disk"));
        method.recordError(new IllegalStateException("state"));
        MethodSnapshot first = snapshotOf(collectTenSeconds(), method);

        recordConstant(method, 10, 1_000);
        method.recordError(new IOException("disk"));
        MethodSnapshot second = snapshotOf(collectTenSeconds(), method);

        assertThat(first.errorsByType()).isEqualTo(Map.of(
                "java.io.IOException", 2L,
                "java.lang.IllegalStateException", 1L));
        assertThat(second.errorsByType()).isEqualTo(Map.of("java.io.IOException", 1L));
    }

    @Test
    void errorRateIsErrorsPerCall() {
        MethodInfo method = SharedMethodRegistry.register("load", "long", "orders");
        recordConstant(method, 8, 1_000);
        method.recordError(new IOException("disk"));
        method.recordError(new IOException("disk"));

        LatencyStats stats = snapshotOf(collectTenSeconds(), method).stats();

        assertThat(stats.errorRate()).isEqualTo(0.25);
    }

    @Test
    void thrownListenerCountsErrors() {
        MethodInfo method = SharedMethodRegistry.register("fail", "", "orders");

        MethodTimer.record(method.id(), System.nanoTime(), new UnsupportedOperationException("no"));

        MethodSnapshot snapshot = snapshotOf(collectTenSeconds(), method);
        assertThat(snapshot.stats().count()).isEqualTo(1);
        assertThat(snapshot.errorsByType()).isEqualTo(Map.of("java.lang.UnsupportedOperationException", 1L));
    }

    @Test
    void errorsWithoutCallsAreReported() {
        // MethodTimer counts an error after it records the latency, so a drain between the two steps reports the
        // error in an interval without the call.
        MethodInfo method = SharedMethodRegistry.register("fail", "int", "orders");
        method.recordError(new IOException("disk"));

        LatencyStats stats = snapshotOf(collectTenSeconds(), method).stats();

        assertThat(stats.count()).isZero();
        assertThat(stats.errors()).isEqualTo(1);
        assertThat(stats.errorRate()).isEqualTo(1.0);
        assertThat(stats.p99Micros()).isNaN();
    }

    @Test
    void idleMethodsAreLeftOut() {
        MethodInfo busy = SharedMethodRegistry.register("busy", "", "orders");
        MethodInfo idle = SharedMethodRegistry.register("idle", "", "orders");
        recordConstant(busy, 3, 1_000);

        List<String> keys = collectTenSeconds().methods().stream().map(MethodSnapshot::key).toList();

        assertThat(keys).contains(busy.key());
        assertThat(keys).doesNotContain(idle.key());
    }

    @Test
    void methodsAreSortedByKey() {
        MethodInfo later = SharedMethodRegistry.register("b", "", "orders");
        MethodInfo earlier = SharedMethodRegistry.register("a", "", "orders");
        recordConstant(later, 1, 1_000);
        recordConstant(earlier, 1, 1_000);

        List<String> keys = collectTenSeconds().methods().stream().map(MethodSnapshot::key).toList();

        assertThat(keys).isSorted();
    }

    @Test
    void cumulativeCountAccumulates() {
        MethodInfo method = SharedMethodRegistry.register("sum", "", "orders");
        recordConstant(method, 100, 1_000);
        collectTenSeconds();
        recordConstant(method, 50, 2_000);
        collectTenSeconds();

        MetricsCollector.CumulativeView view = collector.cumulativeViews().get(method.key());

        assertThat(view.stats().count()).isEqualTo(150);
        assertThat(view.last().count()).isEqualTo(50);
    }

    @Test
    void cumulativePercentilesMatchReference() {
        MethodInfo method = SharedMethodRegistry.register("sum", "int", "orders");
        Histogram reference = recordRandom(method, 2_000, 4L);
        collectTenSeconds();
        reference.add(recordRandom(method, 3_000, 5L));
        collectTenSeconds();

        LatencyStats stats = collector.cumulativeViews().get(method.key()).stats();

        assertThat(stats.p99Micros()).isEqualTo(reference.getValueAtPercentile(99) / 1000.0);
        assertThat(stats.maxMicros()).isEqualTo(reference.getMaxValue() / 1000.0);
    }

    @Test
    void cumulativeErrorsAccumulate() {
        MethodInfo method = SharedMethodRegistry.register("sum", "long", "orders");
        recordConstant(method, 4, 1_000);
        method.recordError(new IOException("disk"));
        collectTenSeconds();
        recordConstant(method, 4, 1_000);
        method.recordError(new IOException("disk"));
        method.recordError(new IOException("disk"));
        collectTenSeconds();

        MetricsCollector.CumulativeView view = collector.cumulativeViews().get(method.key());

        assertThat(view.stats().errors()).isEqualTo(3);
        assertThat(view.last().errors()).isEqualTo(2);
    }

    @Test
    void cumulativeThroughputUsesTimeSinceStart() {
        MethodInfo method = SharedMethodRegistry.register("sum", "boolean", "orders");
        recordConstant(method, 100, 1_000);

        collector.collect(START_MILLIS, START_MILLIS + 10_000, TEN_SECONDS_NANOS, 4 * TEN_SECONDS_NANOS);

        LatencyStats stats = collector.cumulativeViews().get(method.key()).stats();
        assertThat(stats.throughputPerSecond()).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void idleMethodKeepsCumulativeView() {
        MethodInfo method = SharedMethodRegistry.register("quiet", "", "orders");
        recordConstant(method, 7, 1_000);
        collectTenSeconds();
        collectTenSeconds();

        MetricsCollector.CumulativeView view = collector.cumulativeViews().get(method.key());

        assertThat(view.stats().count()).isEqualTo(7);
        assertThat(view.last().count()).isZero();
        assertThat(view.pointcut()).isEqualTo("orders");
    }

    @Test
    void idleThroughputFallsWithTime() {
        MethodInfo method = SharedMethodRegistry.register("quiet", "int", "orders");
        recordConstant(method, 100, 1_000);
        collector.collect(START_MILLIS, START_MILLIS + 10_000, TEN_SECONDS_NANOS, TEN_SECONDS_NANOS);

        collector.collect(START_MILLIS + 10_000, START_MILLIS + 20_000, TEN_SECONDS_NANOS, 2 * TEN_SECONDS_NANOS);

        LatencyStats stats = collector.cumulativeViews().get(method.key()).stats();
        assertThat(stats.throughputPerSecond()).isCloseTo(5.0, within(1e-9));
        assertThat(stats.count()).isEqualTo(100);
    }

    @Test
    void errorOnlyMethodKeepsErrorsWhenIdle() {
        MethodInfo method = SharedMethodRegistry.register("quiet", "long", "orders");
        method.recordError(new IOException("disk"));
        collectTenSeconds();
        collectTenSeconds();

        MetricsCollector.CumulativeView view = collector.cumulativeViews().get(method.key());

        assertThat(view.stats().errors()).isEqualTo(1);
        assertThat(view.last().errors()).isZero();
    }

    @Test
    void agentCountersCountMethods() {
        SharedMethodRegistry.register("counted", "", "orders");

        IntervalSummary summary = collectTenSeconds();

        assertThat(summary.agent().instrumentedMethods()).isEqualTo(registry.size());
    }

    @Test
    void agentErrorsIncludeExtraErrors() {
        MetricsCollector withWeavingFailures = new MetricsCollector(registry, () -> 5);

        IntervalSummary summary = withWeavingFailures.collect(START_MILLIS, START_MILLIS + 10_000,
                TEN_SECONDS_NANOS, TEN_SECONDS_NANOS);

        long expected = AgentErrors.suppressedCount() + AgentErrors.unknownMethodIdCount() + 5;
        assertThat(summary.agent().agentErrors()).isEqualTo(expected);
    }

    private IntervalSummary collectTenSeconds() {
        return collector.collect(START_MILLIS, START_MILLIS + 10_000, TEN_SECONDS_NANOS, TEN_SECONDS_NANOS);
    }

    private static long countOf(IntervalSummary summary, MethodInfo method) {
        return summary.methods().stream()
                .filter(snapshot -> snapshot.key().equals(method.key()))
                .mapToLong(snapshot -> snapshot.stats().count())
                .sum();
    }

    private static MethodSnapshot snapshotOf(IntervalSummary summary, MethodInfo method) {
        return summary.methods().stream()
                .filter(snapshot -> snapshot.key().equals(method.key()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(method.key() + " is missing from " + summary.methods()));
    }

    /** Records random latencies from 1 ns to about 4 s into the method and returns a reference histogram of them. */
    private static Histogram recordRandom(MethodInfo method, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Histogram reference = new Histogram(1, LatencyBuckets.HIGHEST_TRACKABLE_NANOS, 2);
        for (int i = 0; i < count; i++) {
            long latencyNanos = random.nextLong(1, 1L << random.nextInt(1, 33));
            method.recorder().record(latencyNanos, random.nextLong(1, 64));
            reference.recordValue(latencyNanos);
        }
        return reference;
    }

    private static void recordConstant(MethodInfo method, int count, long latencyNanos) {
        for (int i = 0; i < count; i++) {
            method.recorder().record(latencyNanos, THREAD_ID);
        }
    }
}
