package dev.pacer.agent.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.config.AgentConfig;
import dev.pacer.agent.config.ConfigLoader;
import dev.pacer.agent.config.InvalidConfigException;
import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.LatencyStats;
import dev.pacer.agent.metrics.MethodSnapshot;
import dev.pacer.agent.metrics.MetricsCollector;
import dev.pacer.agent.metrics.RateLimitSnapshot;
import dev.pacer.agent.system.JvmReading;
import dev.pacer.agent.system.SystemSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Evaluates alerts from agent.yaml over scripted intervals. */
class AlertEvaluatorTest {

    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private static final JvmReading JVM = new JvmReading(new JvmReading.Memory(900, 1000, 1000),
            new JvmReading.Memory(10, 20, -1), List.of(), 1234);

    private static AlertEvaluator evaluator(String alerts) throws InvalidConfigException {
        AgentConfig config = ConfigLoader.parse("""
                pointcuts:
                  - name: jdbc
                    class: com.example.Repo
                alerts:
                """ + alerts, "agent.yaml");
        return new AlertEvaluator(config.alerts());
    }

    /** One interval in which the method took {@code latencyMillis} for each of 100 calls, 5 of them failing. */
    private static IntervalSummary interval(long endMillis, String key, String pointcut, long latencyMillis,
            SystemSnapshot system) {
        Histogram histogram = MetricsCollector.newHistogram();
        histogram.recordValueWithCount(latencyMillis * 1_000_000, 100);
        MethodSnapshot method = new MethodSnapshot(key, pointcut, LatencyStats.of(histogram, 5, INTERVAL_NANOS),
                Map.of(), histogram);
        return new IntervalSummary(endMillis - 1000, endMillis, INTERVAL_NANOS, List.of(method),
                new IntervalSummary.AgentCounters(1, 0, 0, 0)).withSystem(system);
    }

    @Test
    void slowPointcutRaisesAndClears() throws InvalidConfigException {
        AlertEvaluator evaluator = evaluator("""
                  - name: slow-db
                    pointcut: jdbc
                    when: p99 > 250ms
                    for: 2
                """);
        List<AlertEvent> events = new ArrayList<>();
        evaluator.addListener(events::add);
        long[] latencies = {100, 300, 300, 300, 100, 100};

        for (int i = 0; i < latencies.length; i++) {
            evaluator.evaluate(interval(1000L * (i + 1), "com.example.Repo#find(int)", "jdbc", latencies[i], null));
            if (i == 2) {
                assertThat(evaluator.active()).extracting(AlertEvent::name).containsExactly("slow-db");
            }
        }

        assertThat(events).extracting(AlertEvent::state).containsExactly("raised", "cleared");
        AlertEvent raised = events.get(0);
        assertThat(raised.epochMillis()).isEqualTo(3000);
        assertThat(raised.target()).isEqualTo("jdbc");
        assertThat(raised.threshold()).isEqualTo(250_000.0);
        assertThat(raised.value()).isBetween(300_000.0, 302_000.0);
        assertThat(raised.unit()).isEqualTo("us");
        assertThat(raised.describe()).matches("slow-db raised: p99 of jdbc is 30\\d\\.\\dms \\(p99 > 250ms\\)");
        assertThat(events.get(1).epochMillis()).isEqualTo(6000);
        assertThat(evaluator.active()).isEmpty();
    }

    @Test
    void methodKeySelectsOneMethod() throws InvalidConfigException {
        AlertEvaluator evaluator = evaluator("""
                  - name: slow-find
                    pointcut: "com.example.Repo#find(int)"
                    when: mean > 200ms
                """);

        List<AlertEvent> other = evaluator.evaluate(interval(1000, "com.example.Repo#save(int)", "jdbc", 300, null));
        List<AlertEvent> selected = evaluator.evaluate(interval(2000, "com.example.Repo#find(int)", "jdbc", 300,
                null));

        assertThat(other).isEmpty();
        assertThat(selected).extracting(AlertEvent::name).containsExactly("slow-find");
    }

    @Test
    void errorRateAndThroughput() throws InvalidConfigException {
        AlertEvaluator evaluator = evaluator("""
                  - { name: failing, pointcut: jdbc, when: "error_rate >= 5%" }
                  - { name: busy, pointcut: jdbc, when: "throughput > 99/s" }
                  - { name: idle, pointcut: jdbc, when: "throughput < 99/s" }
                """);

        List<AlertEvent> events = evaluator.evaluate(interval(1000, "com.example.Repo#find(int)", "jdbc", 1, null));

        assertThat(events).extracting(AlertEvent::name).containsExactly("failing", "busy");
        assertThat(events.get(0).value()).isEqualTo(0.05);
        assertThat(events.get(1).value()).isEqualTo(100.0);
    }

    @Test
    void firstCpuSampleNeverRaises() throws InvalidConfigException {
        AlertEvaluator evaluator = evaluator("""
                  - name: host-cpu
                    when: system.cpu > 90%
                """);
        SystemSnapshot first = new SystemSnapshot(0, Double.NaN, Double.NaN, 2, 1, 100, 200, 10, 10, JVM);
        SystemSnapshot busy = new SystemSnapshot(1000, 0.95, 0.5, 2, 1, 100, 200, 10, 10, JVM);

        List<AlertEvent> onFirst = evaluator.evaluate(interval(1000, "A#a()", "jdbc", 1, first));
        List<AlertEvent> onBusy = evaluator.evaluate(interval(2000, "A#a()", "jdbc", 1, busy));

        assertThat(onFirst).isEmpty();
        assertThat(onBusy).extracting(AlertEvent::describe).containsExactly(
                "host-cpu raised: system.cpu is 95.0% (system.cpu > 90%)");
    }

    @Test
    void heapAsFractionOrBytes() throws InvalidConfigException {
        AlertEvaluator evaluator = evaluator("""
                  - { name: heap-share, when: "system.heap > 80%" }
                  - { name: heap-size, when: "system.heap > 1KB" }
                  - { name: rss, when: "system.rss > 1MB" }
                """);
        SystemSnapshot sample = new SystemSnapshot(0, 0.1, 0.1, 2, 1, 2L << 20, 200, 10, 10, JVM);

        List<AlertEvent> events = evaluator.evaluate(interval(1000, "A#a()", "jdbc", 1, sample));

        assertThat(events).extracting(AlertEvent::name).containsExactly("heap-share", "rss");
        assertThat(events.get(0).value()).isEqualTo(0.9);
    }

    @Test
    void failingListenerDoesNotStopOthers() throws InvalidConfigException {
        AlertEvaluator evaluator = evaluator("""
                  - { name: slow-db, pointcut: jdbc, when: "p99 > 1ms" }
                """);
        List<AlertEvent> received = new ArrayList<>();
        evaluator.addListener(event -> {
            throw new IllegalStateException("listener failed");
        });
        evaluator.addListener(received::add);

        evaluator.evaluate(interval(1000, "A#a()", "jdbc", 5, null));

        assertThat(received).hasSize(1);
        assertThat(evaluator.listenerFailures()).isEqualTo(1);
    }

    @Test
    void rejectedCallsOfALimit() throws InvalidConfigException {
        AgentConfig config = ConfigLoader.parse("""
                rate-limits:
                  limits:
                    builds: { requests: 10, period: 60s }
                pointcuts:
                  - name: jdbc
                    class: com.example.Repo
                    rate-limit: builds
                alerts:
                  - { name: shed, pointcut: builds, when: "rejected > 5/s", for: 1 }
                """, "agent.yaml");
        AlertEvaluator evaluator = new AlertEvaluator(config.alerts());
        RateLimitSnapshot.Counts counts = new RateLimitSnapshot.Counts(90, 10, 0, 0, 0, 0);
        RateLimitSnapshot.WaitStats noWaits = new RateLimitSnapshot.WaitStats(0, Double.NaN, Double.NaN, Double.NaN);
        RateLimitSnapshot builds = new RateLimitSnapshot("builds", "local", false, true, 0, counts, counts, noWaits,
                noWaits);

        List<AlertEvent> events = evaluator.evaluate(new IntervalSummary(0, 1000, INTERVAL_NANOS, List.of(),
                new IntervalSummary.AgentCounters(1, 0, 0, 0), List.of(builds)));

        assertThat(events).extracting(AlertEvent::describe)
                .containsExactly("shed raised: rejected of builds is 10.0/s (rejected > 5/s)");
    }
}
