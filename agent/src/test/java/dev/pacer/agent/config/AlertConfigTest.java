package dev.pacer.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pacer.agent.alert.AlertCondition;
import dev.pacer.agent.alert.AlertMetric;
import org.junit.jupiter.api.Test;

/** Reads valid {@code alerts:}, {@code system-metrics:} and history settings. */
class AlertConfigTest {

    private static AgentConfig parse(String yaml) throws InvalidConfigException {
        return ConfigLoader.parse("""
                pointcuts:
                  - name: jdbc
                    class: com.example.Repo
                """ + yaml, "agent.yaml");
    }

    @Test
    void defaultsWithoutSections() throws InvalidConfigException {
        AgentConfig config = parse("");

        assertThat(config.systemMetrics()).isEqualTo(SystemMetricsConfig.defaults());
        assertThat(config.history()).isEqualTo(HistoryConfig.defaults());
        assertThat(config.alerts()).isEmpty();
    }

    @Test
    void systemMetricsAndHistoryAreRead() throws InvalidConfigException {
        AgentConfig config = parse("""
                system-metrics:
                  interval: 5s
                reporting:
                  retention: 1h
                  max-memory: 8MB
                """);

        assertThat(config.systemMetrics()).isEqualTo(new SystemMetricsConfig(true, 5_000_000_000L));
        assertThat(config.history()).isEqualTo(new HistoryConfig(3_600_000_000_000L, 8L << 20));
    }

    @Test
    void systemMetricsCanBeSwitchedOff() throws InvalidConfigException {
        assertThat(parse("system-metrics: false\n").systemMetrics().enabled()).isFalse();
    }

    @Test
    void latencyAlertIsRead() throws InvalidConfigException {
        AlertConfig alert = parse("""
                alerts:
                  - name: slow-db
                    pointcut: jdbc
                    when: p99 > 250ms
                    for: 3
                """).alerts().get(0);

        assertThat(alert.name()).isEqualTo("slow-db");
        assertThat(alert.line()).isEqualTo(5);
        assertThat(alert.target()).isEqualTo("jdbc");
        assertThat(alert.forIntervals()).isEqualTo(3);
        AlertCondition condition = alert.condition();
        assertThat(condition.metric()).isEqualTo(AlertMetric.percentile(99));
        assertThat(condition.operator()).isEqualTo(AlertCondition.Operator.GREATER);
        assertThat(condition.threshold()).isEqualTo(250_000.0);
        assertThat(condition.text()).isEqualTo("p99 > 250ms");
    }

    @Test
    void thresholdsAreConvertedToBaseUnits() throws InvalidConfigException {
        AgentConfig config = parse("""
                alerts:
                  - { name: a, pointcut: jdbc, when: "p99.9 >= 1.5s" }
                  - { name: b, pointcut: jdbc, when: "error_rate > 5%" }
                  - { name: c, pointcut: "com.example.Repo#find(int)", when: "throughput < 10/s" }
                  - { name: d, when: "system.cpu > 90%" }
                  - { name: e, when: "system.heap > 2GB" }
                  - { name: f, when: "system.heap > 80%" }
                  - { name: g, when: "system.rss <= 512MB" }
                  - { name: h, pointcut: jdbc, when: "mean > 200us" }
                """);

        assertThat(config.alerts()).extracting(alert -> alert.condition().threshold())
                .containsExactly(1_500_000.0, 0.05, 10.0, 0.9, 2.0 * (1L << 30), 0.8, 512.0 * (1L << 20), 200.0);
        assertThat(config.alerts().get(0).condition().metric().percentile()).isCloseTo(99.9, within(1e-9));
        assertThat(config.alerts().get(2).targetIsMethodKey()).isTrue();
        assertThat(config.alerts().get(5).condition().fractionOfMax()).isTrue();
        assertThat(config.alerts().get(4).condition().fractionOfMax()).isFalse();
        assertThat(config.alerts()).extracting(AlertConfig::forIntervals).containsOnly(1);
    }

    @Test
    void rejectedAlertNamesALimit() throws InvalidConfigException {
        AgentConfig config = parse("""
                rate-limits:
                  limits:
                    builds: { requests: 10, period: 60s }
                alerts:
                  - { name: shed, pointcut: builds, when: "rejected > 0.5/s" }
                """);

        assertThat(config.alerts().get(0).target()).isEqualTo("builds");
        assertThat(config.alerts().get(0).condition().threshold()).isEqualTo(0.5);
    }
}
