package dev.pacer.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.RateLimitSnapshot;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code rate_limits} array of summary.jsonl, read back with Jackson. */
class SummaryJsonRateLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rateLimitFieldsInOrder() throws Exception {
        RateLimitSnapshot builds = new RateLimitSnapshot("builds", "redis", true, false, 2,
                new RateLimitSnapshot.Counts(10, 3, 2, 0, 1, 1), new RateLimitSnapshot.Counts(40, 5, 7, 0, 2, 2),
                new RateLimitSnapshot.WaitStats(2, 150.5, 300.25, 301), new RateLimitSnapshot.WaitStats(7, 1, 2, 3));
        IntervalSummary summary = new IntervalSummary(0, 10_000, 10_000_000_000L, List.of(),
                new IntervalSummary.AgentCounters(0, 0, 0, 0), List.of(builds));

        JsonNode limit = JSON.readTree(SummaryJson.render(summary)).get("rate_limits").get(0);

        assertThat(fieldNames(limit)).containsExactly("limit", "store", "keyed", "store_available",
                "store_outages", "allowed", "rejected", "waited", "would_reject", "store_errors", "fallbacks",
                "wait_p50_ms", "wait_p99_ms", "wait_max_ms", "total");
        assertThat(limit.get("limit").asText()).isEqualTo("builds");
        assertThat(limit.get("store").asText()).isEqualTo("redis");
        assertThat(limit.get("keyed").asBoolean()).isTrue();
        assertThat(limit.get("store_available").asBoolean()).isFalse();
        assertThat(limit.get("store_outages").asLong()).isEqualTo(2);
        assertThat(limit.get("allowed").asLong()).isEqualTo(10);
        assertThat(limit.get("rejected").asLong()).isEqualTo(3);
        assertThat(limit.get("waited").asLong()).isEqualTo(2);
        assertThat(limit.get("store_errors").asLong()).isEqualTo(1);
        assertThat(limit.get("wait_p99_ms").asDouble()).isEqualTo(300.25);
        assertThat(limit.get("total").get("allowed").asLong()).isEqualTo(40);
        assertThat(limit.get("total").get("waited").asLong()).isEqualTo(7);
    }

    @Test
    void summaryWithoutLimitsHasEmptyArray() throws Exception {
        IntervalSummary summary = new IntervalSummary(0, 10_000, 10_000_000_000L, List.of(),
                new IntervalSummary.AgentCounters(0, 0, 0, 0));

        JsonNode limits = JSON.readTree(SummaryJson.render(summary)).get("rate_limits");

        assertThat(limits.isArray()).isTrue();
        assertThat(limits).isEmpty();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> iterator = node.fieldNames();
        iterator.forEachRemaining(names::add);
        return names;
    }
}
