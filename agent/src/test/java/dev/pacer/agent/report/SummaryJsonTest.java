package dev.pacer.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.LatencyStats;
import dev.pacer.agent.metrics.MethodSnapshot;
import dev.pacer.agent.metrics.MetricsCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Renders a summary with a busy method and a method that only failed, and reads it back with Jackson. */
class SummaryJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final long START_MILLIS = 1_767_225_600_000L;
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10_000) + 400_000;
    private static final String BUSY_KEY = "com.example.Repo#find(java.lang.String,int)";
    private static final String FAILING_KEY = "com.example.Repo#<init>()";

    private static final List<String> METHOD_FIELDS = List.of("method", "pointcut", "count", "errors", "error_rate",
            "throughput", "min_us", "mean_us", "p50_us", "p90_us", "p99_us", "p999_us", "max_us", "errors_by_type");

    private Histogram reference;
    private String rendered;
    private JsonNode parsed;

    @BeforeEach
    void renderSummary() throws Exception {
        reference = MetricsCollector.newHistogram();
        SplittableRandom random = new SplittableRandom(11L);
        for (int i = 0; i < 1_000; i++) {
            reference.recordValue(random.nextLong(1_000, 50_000_000));
        }

        MethodSnapshot busy = new MethodSnapshot(BUSY_KEY, "orders",
                LatencyStats.of(reference, 3, INTERVAL_NANOS), Map.of("java.io.IOException", 3L), reference);
        MethodSnapshot failing = new MethodSnapshot(FAILING_KEY, "orders", LatencyStats.empty(2),
                Map.of("java.lang.IllegalStateException", 2L), MetricsCollector.newHistogram());
        IntervalSummary summary = new IntervalSummary(START_MILLIS, START_MILLIS + 10_000, INTERVAL_NANOS,
                List.of(busy, failing), new IntervalSummary.AgentCounters(7, 4, 5, 6));

        rendered = SummaryJson.render(summary);
        parsed = JSON.readTree(rendered);
    }

    @Test
    void summaryIsOneJsonObject() {
        assertThat(parsed.isObject()).isTrue();
        assertThat(rendered).doesNotContain("\n");
    }

    @Test
    void topLevelFieldsInOrder() {
        assertThat(fieldNames(parsed)).containsExactly("timestamp", "start", "interval_ms", "methods", "process",
                "slowest", "most_failing", "system", "agent", "rate_limits");
    }

    @Test
    void timestampsAreIsoInstants() {
        assertThat(parsed.get("timestamp").asText()).isEqualTo("2026-01-01T00:00:10Z");
        assertThat(parsed.get("start").asText()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void intervalIsInMilliseconds() {
        assertThat(parsed.get("interval_ms").asDouble()).isEqualTo(10_000.4);
    }

    @Test
    void methodFieldsInOrder() {
        for (JsonNode method : parsed.get("methods")) {
            assertThat(fieldNames(method)).as(method.get("method").asText()).isEqualTo(METHOD_FIELDS);
        }
    }

    @Test
    void methodKeyAndPointcutAreWritten() {
        JsonNode busy = parsed.get("methods").get(0);

        assertThat(busy.get("method").asText()).isEqualTo(BUSY_KEY);
        assertThat(busy.get("pointcut").asText()).isEqualTo("orders");
    }

    @Test
    void countAndErrorsAreWritten() {
        JsonNode busy = parsed.get("methods").get(0);

        assertThat(busy.get("count").asLong()).isEqualTo(1_000);
        assertThat(busy.get("errors").asLong()).isEqualTo(3);
        assertThat(busy.get("error_rate").asDouble()).isEqualTo(0.003);
    }

    @Test
    void throughputIsPerSecond() {
        JsonNode busy = parsed.get("methods").get(0);

        assertThat(busy.get("throughput").asDouble()).isEqualTo(round3(1_000 / 10.0004));
    }

    @Test
    void latenciesAreMicrosRoundedToThreeDecimals() {
        JsonNode busy = parsed.get("methods").get(0);

        assertThat(busy.get("min_us").asDouble()).isEqualTo(round3(reference.getMinValue() / 1000.0));
        assertThat(busy.get("mean_us").asDouble()).isEqualTo(round3(reference.getMean() / 1000.0));
        assertThat(busy.get("p50_us").asDouble()).isEqualTo(round3(reference.getValueAtPercentile(50) / 1000.0));
        assertThat(busy.get("p90_us").asDouble()).isEqualTo(round3(reference.getValueAtPercentile(90) / 1000.0));
        assertThat(busy.get("p99_us").asDouble()).isEqualTo(round3(reference.getValueAtPercentile(99) / 1000.0));
        assertThat(busy.get("p999_us").asDouble())
                .isEqualTo(round3(reference.getValueAtPercentile(99.9) / 1000.0));
        assertThat(busy.get("max_us").asDouble()).isEqualTo(round3(reference.getMaxValue() / 1000.0));
    }

    @Test
    void errorsByTypeIsObject() {
        JsonNode errorsByType = parsed.get("methods").get(0).get("errors_by_type");

        assertThat(fieldNames(errorsByType)).containsExactly("java.io.IOException");
        assertThat(errorsByType.get("java.io.IOException").asLong()).isEqualTo(3);
    }

    @Test
    void failedOnlyMethodHasNullLatencies() {
        JsonNode failing = parsed.get("methods").get(1);

        for (String field : List.of("min_us", "mean_us", "p50_us", "p90_us", "p99_us", "p999_us", "max_us")) {
            assertThat(failing.get(field).isNull()).as(field).isTrue();
        }
    }

    @Test
    void failedOnlyMethodHasCounts() {
        JsonNode failing = parsed.get("methods").get(1);

        assertThat(failing.get("method").asText()).isEqualTo(FAILING_KEY);
        assertThat(failing.get("count").asLong()).isZero();
        assertThat(failing.get("errors").asLong()).isEqualTo(2);
        assertThat(failing.get("error_rate").asDouble()).isEqualTo(1.0);
        assertThat(failing.get("throughput").asDouble()).isZero();
    }

    @Test
    void agentCountersAreWritten() {
        JsonNode agent = parsed.get("agent");

        assertThat(fieldNames(agent))
                .containsExactly("instrumented_methods", "agent_errors", "overflows", "negative_durations");
        assertThat(agent.get("instrumented_methods").asInt()).isEqualTo(7);
        assertThat(agent.get("agent_errors").asLong()).isEqualTo(4);
        assertThat(agent.get("overflows").asLong()).isEqualTo(5);
        assertThat(agent.get("negative_durations").asLong()).isEqualTo(6);
    }

    @Test
    void emptyIntervalHasEmptyMethods() throws Exception {
        IntervalSummary empty = new IntervalSummary(START_MILLIS, START_MILLIS, 0, List.of(),
                new IntervalSummary.AgentCounters(0, 0, 0, 0));

        JsonNode methods = JSON.readTree(SummaryJson.render(empty)).get("methods");

        assertThat(methods.isArray()).isTrue();
        assertThat(methods).isEmpty();
    }

    @Test
    void oddCharactersInKeysSurvive() throws Exception {
        String key = "com.example.\"Odd\"\\Name#run()";
        String exceptionType = "com.example.Fail\u0001ure";
        MethodSnapshot odd = new MethodSnapshot(key, "tab\tbed", LatencyStats.empty(1),
                Map.of(exceptionType, 1L), MetricsCollector.newHistogram());
        IntervalSummary summary = new IntervalSummary(START_MILLIS, START_MILLIS, 0, List.of(odd),
                new IntervalSummary.AgentCounters(1, 0, 0, 0));

        JsonNode method = JSON.readTree(SummaryJson.render(summary)).get("methods").get(0);

        assertThat(method.get("method").asText()).isEqualTo(key);
        assertThat(method.get("pointcut").asText()).isEqualTo("tab\tbed");
        assertThat(method.get("errors_by_type").get(exceptionType).asLong()).isEqualTo(1);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static double round3(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
