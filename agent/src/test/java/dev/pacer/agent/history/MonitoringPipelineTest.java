package dev.pacer.agent.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.AgentClock;
import dev.pacer.agent.alert.AlertEvaluator;
import dev.pacer.agent.alert.AlertEvent;
import dev.pacer.agent.config.AgentConfig;
import dev.pacer.agent.config.ConfigLoader;
import dev.pacer.agent.config.HistoryConfig;
import dev.pacer.agent.matching.PointcutSet;
import dev.pacer.agent.metrics.MethodInfo;
import dev.pacer.agent.metrics.MetricsCollector;
import dev.pacer.agent.metrics.SharedMethodRegistry;
import dev.pacer.agent.report.Reporter;
import dev.pacer.agent.system.OsReading;
import dev.pacer.agent.system.SystemMetrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drives the reporter with a test clock through the monitoring observer: each tick adds the latest system sample,
 * keeps the interval in the history and evaluates the alerts, without any thread or sleep.
 */
class MonitoringPipelineTest {

    private static final long SECOND_NANOS = 1_000_000_000L;

    /** A clock that moves only when the test advances it. */
    private static final class TestClock implements AgentClock {
        long nanos = 5 * SECOND_NANOS;

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public long currentTimeMillis() {
            return 1_767_225_600_000L + nanos / 1_000_000L;
        }
    }

    @Test
    void ticksKeepHistoryAndRaiseAlerts() throws Exception {
        TestClock clock = new TestClock();
        AgentConfig config = ConfigLoader.parse("""
                reporting:
                  interval: 1s
                  file: false
                  jmx: false
                pointcuts:
                  - name: pipeline-db
                    class: com.example.Repo
                alerts:
                  - name: slow-db
                    pointcut: pipeline-db
                    when: p99 > 50ms
                    for: 2
                """, "agent.yaml");
        MethodInfo method = SharedMethodRegistry.register("find", "int", "pipeline-db");
        MetricsCollector collector = new MetricsCollector(SharedMethodRegistry.registry(), () -> 0);
        long[] processCpuMillis = {0};
        SystemMetrics system = new SystemMetrics(SECOND_NANOS, clock,
                () -> () -> new OsReading(new long[] {0, 0, 0, 0, 0, 0, 0, 0}, processCpuMillis[0], 1.0, 1 << 20,
                        1 << 21, 10, 20));
        HistoryStore history = new HistoryStore(HistoryConfig.defaults());
        AlertEvaluator alerts = new AlertEvaluator(config.alerts());
        List<AlertEvent> events = new ArrayList<>();
        alerts.addListener(events::add);
        MonitoringObserver observer = new MonitoringObserver(system, history, alerts);
        Reporter reporter = new Reporter(config.reporting(), "agent.yaml", collector, null, null,
                new PointcutSet(config.pointcuts()), clock, observer);
        HistoryQueries queries = new HistoryQueries(history, clock);

        long[] latenciesMillis = {1, 80, 80, 80, 1, 1};
        for (long latencyMillis : latenciesMillis) {
            system.sampleNow();
            for (int i = 0; i < 100; i++) {
                method.recorder().record(latencyMillis * 1_000_000L, Thread.currentThread().getId());
            }
            clock.nanos += SECOND_NANOS;
            processCpuMillis[0] += 500;
            reporter.tickNow();
        }

        assertThat(history.size()).isEqualTo(latenciesMillis.length);
        assertThat(events).extracting(AlertEvent::state).containsExactly("raised", "cleared");
        assertThat(events.get(0).value()).isGreaterThan(50_000.0);
        assertThat(observer.failures()).isZero();

        String window = queries.summaryJson("1m");
        assertThat(window).contains("\"method\":\"" + method.key() + "\"");
        assertThat(window).contains("\"count\":600");
        String cpu = queries.seriesJson("system:ProcessCpuLoad", "1m");
        assertThat(cpu).startsWith("{\"metric\":\"system:ProcessCpuLoad\",\"window\":\"1m\",\"unit\":\"fraction\","
                + "\"points\":[{\"t\":\"2026-01-01T00:00:05Z\",\"v\":null},");
    }
}
