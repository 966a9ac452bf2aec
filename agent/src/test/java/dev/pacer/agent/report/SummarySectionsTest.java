package dev.pacer.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.LatencyStats;
import dev.pacer.agent.metrics.MethodSnapshot;
import dev.pacer.agent.metrics.MetricsCollector;
import dev.pacer.agent.system.JvmReading;
import dev.pacer.agent.system.SystemSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Renders the process totals, the rankings and the system object of a summary, and reads them with Jackson. */
class SummarySectionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long INTERVAL_NANOS = 10_000_000_000L;

    private static MethodSnapshot method(String key, long latencyMicros, long count, long errors) {
        Histogram histogram = MetricsCollector.newHistogram();
        if (count > 0) {
            histogram.recordValueWithCount(latencyMicros * 1000, count);
        }
        LatencyStats stats = count > 0
                ? LatencyStats.of(histogram, errors, INTERVAL_NANOS)
                : LatencyStats.empty(errors);
        return new MethodSnapshot(key, "p", stats, Map.of(), histogram);
    }

    private static JsonNode render(List<MethodSnapshot> methods, SystemSnapshot system) throws Exception {
        IntervalSummary summary = new IntervalSummary(0, 10_000, INTERVAL_NANOS, methods,
                new IntervalSummary.AgentCounters(1, 0, 0, 0)).withSystem(system);
        return JSON.readTree(SummaryJson.render(summary));
    }

    @Test
    void processTotalsWeighMeansByCount() throws Exception {
        JsonNode process = render(List.of(method("A#a()", 1000, 300, 0), method("B#b()", 5000, 100, 40)), null)
                .get("process");

        assertThat(process.get("requests").asLong()).isEqualTo(400);
        assertThat(process.get("errors").asLong()).isEqualTo(40);
        assertThat(process.get("error_rate").asDouble()).isEqualTo(0.1);
        assertThat(process.get("throughput").asDouble()).isEqualTo(40.0);
        assertThat(process.get("mean_us").asDouble()).isBetween(2000.0, 2020.0);
    }

    @Test
    void slowestAreOrderedByP99() throws Exception {
        List<MethodSnapshot> methods = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            methods.add(method("M" + i + "#m()", i * 1000L, 10, 0));
        }
        methods.add(method("Idle#m()", 0, 0, 3));

        JsonNode slowest = render(methods, null).get("slowest");

        assertThat(slowest).hasSize(5);
        List<String> keys = new ArrayList<>();
        slowest.forEach(entry -> keys.add(entry.get("method").asText()));
        assertThat(keys).containsExactly("M7#m()", "M6#m()", "M5#m()", "M4#m()", "M3#m()");
    }

    @Test
    void mostFailingSkipsMethodsWithoutErrors() throws Exception {
        JsonNode failing = render(List.of(method("A#a()", 1000, 10, 0), method("B#b()", 1000, 10, 2),
                method("C#c()", 0, 0, 5)), null).get("most_failing");

        assertThat(failing).hasSize(2);
        assertThat(failing.get(0).get("method").asText()).isEqualTo("C#c()");
        assertThat(failing.get(0).get("errors").asLong()).isEqualTo(5);
        assertThat(failing.get(1).get("method").asText()).isEqualTo("B#b()");
    }

    @Test
    void systemIsNullWithoutSample() throws Exception {
        assertThat(render(List.of(), null).get("system").isNull()).isTrue();
    }

    @Test
    void firstSampleHasNullCpuLoads() throws Exception {
        JvmReading jvm = new JvmReading(new JvmReading.Memory(100, 200, -1), new JvmReading.Memory(10, 20, -1),
                List.of(new JvmReading.Collector("G1 Young Generation", 3, 40)), 1234);
        SystemSnapshot first = new SystemSnapshot(5_000, Double.NaN, Double.NaN, 1.5, 0.25, 1000, 2000, -1, 40, jvm);

        JsonNode system = render(List.of(), first).get("system");

        assertThat(system.get("system_cpu_load").isNull()).isTrue();
        assertThat(system.get("process_cpu_load").isNull()).isTrue();
        assertThat(system.get("usable_cpus").asDouble()).isEqualTo(1.5);
        assertThat(system.get("open_file_descriptors").isNull()).isTrue();
        assertThat(system.get("thread_count").asLong()).isEqualTo(40);
        assertThat(system.get("heap").get("max_bytes").isNull()).isTrue();
        assertThat(system.get("heap").get("used_bytes").asLong()).isEqualTo(100);
        assertThat(system.get("gc_count").asLong()).isEqualTo(3);
        assertThat(system.get("gc").get(0).get("name").asText()).isEqualTo("G1 Young Generation");
        assertThat(system.get("loaded_classes").asInt()).isEqualTo(1234);
    }
}
