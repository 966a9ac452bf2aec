package dev.pacer.agent.config;

import static dev.pacer.agent.config.ConfigAssertions.assertProblem;
import static dev.pacer.agent.config.ConfigAssertions.onlyProblem;

import org.junit.jupiter.api.Test;

/**
 * One test per rejected value of {@code alerts:}, {@code system-metrics:} and the history keys of
 * {@code reporting:}. Each pins the place, key, value and the fix that the message gives.
 */
class AlertRejectionTest {

    private static final String POINTCUTS = """
            pointcuts:
              - name: jdbc
                class: com.example.Repo
            """;

    /** Parses the pointcuts above plus one alert whose {@code when:} is on line 6, column 11. */
    private static ConfigProblem problemOfWhen(String when) {
        return onlyProblem(POINTCUTS + """
                alerts:
                  - name: slow-db
                    pointcut: jdbc
                    when: %s
                """.formatted(when));
    }

    @Test
    void expressionWithoutOperator() {
        ConfigProblem problem = problemOfWhen("p99 250ms");

        assertProblem(problem, 7, 11, "alerts[0].when", "p99 250ms",
                "Expected a metric, a comparison and a threshold with its unit, such as p99 > 250ms or "
                        + "system.cpu > 90%.");
    }

    @Test
    void expressionWithoutThreshold() {
        ConfigProblem problem = problemOfWhen("\"p99 >\"");

        assertProblem(problem, 7, 11, "alerts[0].when", "p99 >", "Expected a metric, a comparison and a threshold");
    }

    @Test
    void unknownMetric() {
        ConfigProblem problem = problemOfWhen("latency > 250ms");

        assertProblem(problem, 7, 11, "alerts[0].when", "latency > 250ms",
                "Unknown metric \"latency\". Use one of: p50, p90, p99, p99.9, (any pNN), mean, max, error_rate, "
                        + "throughput, rejected, system.cpu, system.process_cpu, system.heap, system.rss.");
    }

    @Test
    void percentileOfHundred() {
        ConfigProblem problem = problemOfWhen("p100 > 250ms");

        assertProblem(problem, 7, 11, "alerts[0].when", "p100 > 250ms",
                "The percentile p100 is out of range. Use a value above p0 and below p100, such as p99 or p99.9.");
    }

    @Test
    void latencyWithoutUnit() {
        ConfigProblem problem = problemOfWhen("p99 > 250");

        assertProblem(problem, 7, 11, "alerts[0].when", "p99 > 250",
                "The threshold 250 has no unit. Write it with a time unit of us, ms or s, for example 250ms.");
    }

    @Test
    void latencyInPercent() {
        ConfigProblem problem = problemOfWhen("p99 > 5%");

        assertProblem(problem, 7, 11, "alerts[0].when", "p99 > 5%",
                "The threshold 5% has the wrong unit for p99. Write it with a time unit of us, ms or s, for "
                        + "example 250ms.");
    }

    @Test
    void latencyInMinutes() {
        ConfigProblem problem = problemOfWhen("mean > 1m");

        assertProblem(problem, 7, 11, "alerts[0].when", "mean > 1m",
                "The threshold 1m has the wrong unit for mean. Write it with a time unit of us, ms or s");
    }

    @Test
    void errorRateAsFraction() {
        ConfigProblem problem = problemOfWhen("error_rate > 0.05");

        assertProblem(problem, 7, 11, "alerts[0].when", "error_rate > 0.05",
                "The threshold 0.05 has no unit. Write it with %, for example 5%.");
    }

    @Test
    void errorRateAboveHundredPercent() {
        ConfigProblem problem = problemOfWhen("error_rate > 150%");

        assertProblem(problem, 7, 11, "alerts[0].when", "error_rate > 150%",
                "The threshold 150% is above 100%. Use a percentage from 0% to 100%.");
    }

    @Test
    void throughputWithoutRate() {
        ConfigProblem problem = problemOfWhen("throughput < 10");

        assertProblem(problem, 7, 11, "alerts[0].when", "throughput < 10",
                "The threshold 10 has no unit. Write it with /s, for example 100/s.");
    }

    @Test
    void thresholdThatIsNoNumber() {
        ConfigProblem problem = problemOfWhen("p99 > fast");

        assertProblem(problem, 7, 11, "alerts[0].when", "p99 > fast",
                "The threshold \"fast\" is not a number with a unit. Write it with a time unit of us, ms or s");
    }

    @Test
    void negativeThreshold() {
        ConfigProblem problem = problemOfWhen("p99 > -5ms");

        assertProblem(problem, 7, 11, "alerts[0].when", "p99 > -5ms",
                "The threshold \"-5ms\" is not a number with a unit.");
    }

    @Test
    void unknownPointcut() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                alerts:
                  - name: slow-db
                    pointcut: jdbcx
                    when: p99 > 250ms
                """);

        assertProblem(problem, 6, 15, "alerts[0].pointcut", "jdbcx",
                "No pointcut is named \"jdbcx\". Use one of the pointcuts defined in this file: jdbc. A method "
                        + "key such as com.example.Repo#find(int) names one method.");
    }

    @Test
    void methodMetricWithoutPointcut() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                alerts:
                  - name: slow-db
                    when: p99 > 250ms
                """);

        assertProblem(problem, 6, 11, "alerts[0].when", "p99 > 250ms",
                "p99 is measured per pointcut or method, so the alert needs one. Add pointcut: <pointcut name>");
    }

    @Test
    void systemMetricWithPointcut() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                alerts:
                  - name: host-cpu
                    pointcut: jdbc
                    when: system.cpu > 90%
                """);

        assertProblem(problem, 6, 15, "alerts[0].pointcut", "jdbc",
                "system.cpu is a metric of the whole JVM or host, so it takes no pointcut. Remove this key.");
    }

    @Test
    void cpuWithoutPercent() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                alerts:
                  - name: host-cpu
                    when: system.cpu > 0.9
                """);

        assertProblem(problem, 6, 11, "alerts[0].when", "system.cpu > 0.9",
                "The threshold 0.9 has no unit. Write it with %, for example 5%.");
    }

    @Test
    void rssInPercent() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                alerts:
                  - name: big
                    when: system.rss > 80%
                """);

        assertProblem(problem, 6, 11, "alerts[0].when", "system.rss > 80%",
                "The threshold 80% has the wrong unit for system.rss. Write it with a size unit of B, KB, MB or "
                        + "GB, for example 512MB.");
    }

    @Test
    void heapInTime() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                alerts:
                  - name: heap
                    when: system.heap > 5s
                """);

        assertProblem(problem, 6, 11, "alerts[0].when", "system.heap > 5s",
                "Write it with % of the maximum or a size unit of B, KB, MB or GB, for example 90% or 2GB.");
    }

    @Test
    void rejectedOnUnknownLimit() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                alerts:
                  - name: shed
                    pointcut: jdbc
                    when: rejected > 1/s
                """);

        assertProblem(problem, 6, 15, "alerts[0].pointcut", "jdbc",
                "No rate limit is named \"jdbc\". This file defines no rate limits.");
    }

    @Test
    void rejectedOnLimitMissingFromDefinedOnes() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                rate-limits:
                  limits:
                    builds: { requests: 10, period: 60s }
                alerts:
                  - name: shed
                    pointcut: jdbc
                    when: rejected > 1/s
                """);

        assertProblem(problem, 9, 15, "alerts[0].pointcut", "jdbc",
                "No rate limit is named \"jdbc\". Use one of the rate limits defined in this file: builds.");
    }

    @Test
    void rejectedWithoutLimit() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                alerts:
                  - name: shed
                    when: rejected > 1/s
                """);

        assertProblem(problem, 6, 11, "alerts[0].when", "rejected > 1/s",
                "rejected counts the calls that a rate limit rejected, so the alert needs the limit's name. Add "
                        + "pointcut: <limit name>.");
    }

    @Test
    void missingWhen() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                alerts:
                  - name: slow-db
                    pointcut: jdbc
                """);

        assertProblem(problem, 5, 5, "alerts[0].when", null,
                "Missing required key. Add it, for example when: p99 > 250ms.");
    }

    @Test
    void missingName() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                alerts:
                  - pointcut: jdbc
                    when: p99 > 250ms
                """);

        assertProblem(problem, 5, 5, "alerts[0].name", null,
                "Missing required key. Add it, for example name: slow-db.");
    }

    @Test
    void nameWithSpace() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                alerts:
                  - name: slow db
                    pointcut: jdbc
                    when: p99 > 250ms
                """);

        assertProblem(problem, 5, 11, "alerts[0].name", "slow db",
                "Use letters, digits, '.', '_' and '-', starting with a letter or digit.");
    }

    @Test
    void duplicateName() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                alerts:
                  - name: slow-db
                    pointcut: jdbc
                    when: p99 > 250ms
                  - name: slow-db
                    pointcut: jdbc
                    when: p50 > 50ms
                """);

        assertProblem(problem, 8, 11, "alerts[1].name", "slow-db",
                "Alert names must be unique, and this one is already used on line 5. Rename one of them.");
    }

    @Test
    void forOfZero() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                alerts:
                  - name: slow-db
                    pointcut: jdbc
                    when: p99 > 250ms
                    for: 0
                """);

        assertProblem(problem, 8, 10, "alerts[0].for", "0", "Expected a whole number between 1 and 1000.");
    }

    @Test
    void unknownAlertKey() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                alerts:
                  - name: slow-db
                    pointcut: jdbc
                    when: p99 > 250ms
                    fro: 3
                """);

        assertProblem(problem, 8, 5, "alerts[0].fro", null,
                "Unknown key. Did you mean \"for\"? Allowed keys here: name, pointcut, when, for.");
    }

    @Test
    void alertsThatAreNoList() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                alerts: slow-db
                """);

        assertProblem(problem, 4, 9, "alerts", "slow-db", "Expected a list, with each item starting with \"- \".");
    }

    // system-metrics and the history keys of reporting.

    @Test
    void systemMetricsIntervalBelowOneSecond() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                system-metrics:
                  interval: 500ms
                """);

        assertProblem(problem, 5, 13, "system-metrics.interval", "500ms", "Must be at least 1s.");
    }

    @Test
    void systemMetricsIntervalWithoutUnit() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                system-metrics:
                  interval: 60
                """);

        assertProblem(problem, 5, 13, "system-metrics.interval", "60",
                "Expected a duration: a number with a unit of ms, s, m, h or d, for example 10s.");
    }

    @Test
    void unknownSystemMetricsKey() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                system-metrics:
                  intervall: 60s
                """);

        assertProblem(problem, 5, 3, "system-metrics.intervall", null,
                "Unknown key. Did you mean \"interval\"? Allowed keys here: enabled, interval.");
    }

    @Test
    void retentionBelowOneMinute() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                reporting:
                  retention: 30s
                """);

        assertProblem(problem, 5, 14, "reporting.retention", "30s", "Must be at least 1m.");
    }

    @Test
    void retentionAboveSevenDays() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                reporting:
                  retention: 8d
                """);

        assertProblem(problem, 5, 14, "reporting.retention", "8d",
                "Must be at most 7d, because the history is kept in memory.");
    }

    @Test
    void maxMemoryWithoutUnit() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                reporting:
                  max-memory: 64
                """);

        assertProblem(problem, 5, 15, "reporting.max-memory", "64",
                "Expected a size: a whole number with a unit of B, KB, MB or GB, for example 64MB.");
    }

    @Test
    void maxMemoryBelowOneMegabyte() {
        ConfigProblem problem = onlyProblem(POINTCUTS + """
                reporting:
                  max-memory: 100KB
                """);

        assertProblem(problem, 5, 15, "reporting.max-memory", "100KB", "Must be at least 1048576 bytes.");
    }
}
