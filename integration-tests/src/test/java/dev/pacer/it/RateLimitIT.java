package dev.pacer.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pacer.it.apps.CiApp;
import dev.pacer.it.harness.ChildJvm;
import dev.pacer.it.harness.Conditions;
import dev.pacer.it.harness.JmxClient;
import dev.pacer.it.harness.Logs;
import dev.pacer.it.harness.Summaries;
import dev.pacer.it.harness.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * A CI client's endpoints under local rate limits in a child JVM with the packaged agent: rejections reach the
 * application as {@code RateLimitExceededException}, shared limits share one budget, keys have their own buckets,
 * log-only admits, and wait paces calls. The counts must agree in the application's output, over JMX and in
 * summary.jsonl.
 */
class RateLimitIT {

    private static final String CLIENT = "dev.pacer.it.apps.ci.CiClient";

    private static final String CONFIG = """
            reporting:
              interval: 200ms
              jmx-delay: 0s
              file:
                directory: out
            rate-limits:
              limits:
                builds:  { requests: 5, period: 1h }
                plugins: { requests: 30, period: 1h }
                users:   { requests: 2, period: 1h }
            pointcuts:
              - name: trigger-build
                class: %1$s
                method: triggerBuild
                rate-limit: builds
              - name: rebuild
                class: %1$s
                method: rebuild
                rate-limit: builds
              - name: plugins
                class: %1$s
                method: listPlugins
                rate-limit: plugins
              - name: users
                class: %1$s
                method: userInfo
                rate-limit: users
                key: arg0
              - name: search
                class: %1$s
                method: search
                rate-limit: { requests: 3, period: 1h }
                on-limit: log-only
              - name: artifacts
                class: %1$s
                method: downloadArtifact
                rate-limit: { requests: 10, period: 1s }
                on-limit: wait
                max-wait: 2s
            """.formatted(CLIENT);

    @Test
    void endpointsAreHeldToTheirLimits() throws Exception {
        Path work = Workspace.create("rate-limit");
        Path config = Workspace.writeConfig(work, CONFIG);
        Path summary = work.resolve("out/summary.jsonl");

        try (ChildJvm child = ChildJvm.builder(CiApp.class.getName()).agentConfig(config).workDir(work)
                .classPath(ChildJvm.classPathOf(CiApp.class)).arg("endpoints").start()) {
            child.awaitLine("DONE", Duration.ofSeconds(60));

            // The application catches RateLimitExceededException with the limit, key and time to the next token.
            assertThat(child.awaitLine("triggerBuild ", Duration.ofSeconds(1)))
                    .isEqualTo("triggerBuild admitted=4 rejected=0");
            assertThat(child.awaitLine("rebuild ", Duration.ofSeconds(1)))
                    .startsWith("rebuild admitted=1 rejected=3 limit=builds key=null retryAfterMillis=");
            assertThat(child.awaitLine("listPlugins ", Duration.ofSeconds(1)))
                    .isEqualTo("listPlugins admitted=10 rejected=0");
            assertThat(child.awaitLine("userInfo-alice ", Duration.ofSeconds(1)))
                    .startsWith("userInfo-alice admitted=2 rejected=1 limit=users key=alice ");
            assertThat(child.awaitLine("userInfo-bob ", Duration.ofSeconds(1)))
                    .startsWith("userInfo-bob admitted=2 rejected=1 limit=users key=bob ");
            assertThat(child.awaitLine("search ", Duration.ofSeconds(1))).isEqualTo("search admitted=5 rejected=0");
            assertThat(child.awaitLine("downloadArtifact ", Duration.ofSeconds(1)))
                    .isEqualTo("downloadArtifact admitted=15 rejected=0");
            long downloadMillis = Long.parseLong(child.awaitLine("downloadMillis=", Duration.ofSeconds(1))
                    .substring("downloadMillis=".length()));
            assertThat(downloadMillis).as("5 waits of 100 ms after a burst of 10").isBetween(450L, 5_000L);

            try (JmxClient jmx = child.jmx()) {
                ObjectName builds = rateLimitName("builds");
                Conditions.await("the builds MBean", Duration.ofSeconds(20), () -> jmx.isRegistered(builds)
                        && jmx.attribute(rateLimitName("artifacts"), "Waited").equals(5L));
                assertThat(jmx.attribute(builds, "Allowed")).isEqualTo(5L);
                assertThat(jmx.attribute(builds, "Rejected")).isEqualTo(3L);
                assertThat(jmx.attribute(builds, "Store")).isEqualTo("local");
                assertThat(jmx.attribute(rateLimitName("plugins"), "Allowed")).isEqualTo(10L);
                assertThat(jmx.attribute(rateLimitName("plugins"), "Rejected")).isEqualTo(0L);
                assertThat(jmx.attribute(rateLimitName("users"), "Allowed")).isEqualTo(4L);
                assertThat(jmx.attribute(rateLimitName("users"), "Rejected")).isEqualTo(2L);
                assertThat(jmx.attribute(rateLimitName("users"), "Keyed")).isEqualTo(true);
                assertThat(jmx.attribute(rateLimitName("search"), "Allowed")).isEqualTo(3L);
                assertThat(jmx.attribute(rateLimitName("search"), "WouldReject")).isEqualTo(2L);
                assertThat(jmx.attribute(rateLimitName("artifacts"), "Allowed")).isEqualTo(15L);
                assertThat((Double) jmx.attribute(rateLimitName("artifacts"), "WaitMaxMillis"))
                        .isBetween(1.0, 2_000.0);
                assertThat(jmx.attribute(new ObjectName("pacer:type=Agent"), "AgentErrors")).isEqualTo(0L);
            }

            Conditions.await("summary lines with every decision", Duration.ofSeconds(20),
                    () -> Files.exists(summary) && totals(summary).getOrDefault("artifacts.waited", 0L) == 5L);
            Map<String, Long> totals = totals(summary);
            assertThat(totals).containsEntry("builds.allowed", 5L).containsEntry("builds.rejected", 3L)
                    .containsEntry("users.allowed", 4L).containsEntry("users.rejected", 2L)
                    .containsEntry("search.would_reject", 2L).containsEntry("artifacts.waited", 5L);

            // Rejected calls are not timed: only the admitted calls appear in the methods' counts.
            Map<String, Long> counts = Summaries.sumByMethod(summary, "count");
            assertThat(counts).containsEntry(CLIENT + "#triggerBuild(java.lang.String)", 4L)
                    .containsEntry(CLIENT + "#rebuild(java.lang.String)", 1L)
                    .containsEntry(CLIENT + "#userInfo(java.lang.String)", 4L)
                    .containsEntry(CLIENT + "#search(java.lang.String)", 5L);

            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.describe()).isZero();
            assertThat(Logs.problems(child.stderr())).as(child.describe()).isEmpty();
            assertThat(child.stderr()).as(child.describe()).noneMatch(line -> line.contains("SLF4J"));
        }
    }

    static ObjectName rateLimitName(String limit) throws Exception {
        return new ObjectName("pacer:type=RateLimit,name=" + ObjectName.quote(limit));
    }

    /** Sums the interval counts of every limit over all lines, as {@code limit.field}. */
    static Map<String, Long> totals(Path summary) throws Exception {
        Map<String, Long> sums = new HashMap<>();
        List<JsonNode> intervals = Summaries.intervals(summary);
        for (JsonNode interval : intervals) {
            for (JsonNode limit : interval.get("rate_limits")) {
                for (String field : List.of("allowed", "rejected", "waited", "would_reject", "store_errors",
                        "fallbacks")) {
                    sums.merge(limit.get("limit").asText() + "." + field, limit.get(field).asLong(), Long::sum);
                }
            }
        }
        return sums;
    }
}
