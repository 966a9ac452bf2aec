package dev.pacer.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pacer.it.apps.ListApp;
import dev.pacer.it.harness.ChildJvm;
import dev.pacer.it.harness.Conditions;
import dev.pacer.it.harness.Logs;
import dev.pacer.it.harness.Summaries;
import dev.pacer.it.harness.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pointcut on {@code java.util.ArrayList#add}, which the agent's own reporter calls on every interval: the agent
 * must neither recurse nor count its own calls.
 */
class ReentrancyIT {

    private static final int ADDS = 10_000;
    private static final String KEY = "java.util.ArrayList#add(java.lang.Object)";

    private static final String CONFIG = """
            reporting:
              interval: 200ms
              file:
                directory: out
            pointcuts:
              - name: lists
                class: java.util.ArrayList
                method: add
                params: [java.lang.Object]
            """;

    @Test
    void agentDoesNotCountItself() throws Exception {
        Path work = Workspace.create("reentrancy");
        Path config = Workspace.writeConfig(work, CONFIG);
        Path summary = work.resolve("out/summary.jsonl");

        try (ChildJvm child = ChildJvm.builder(ListApp.class.getName()).agentConfig(config).workDir(work)
                .classPath(ChildJvm.classPathOf(ListApp.class)).arg(ADDS).start()) {
            child.awaitLine("DONE", Duration.ofSeconds(60));
            assertThat(child.awaitLine("size=", Duration.ofSeconds(1))).isEqualTo("size=" + ADDS);

            // While the application idles, the reporter keeps closing intervals, adding to its own lists.
            Conditions.await("ten intervals after the workload", Duration.ofSeconds(20),
                    () -> Files.exists(summary) && Summaries.intervals(summary).size() >= 15);
            List<JsonNode> intervals = Summaries.intervals(summary);
            long counted = 0;
            for (JsonNode interval : intervals) {
                for (JsonNode method : interval.get("methods")) {
                    counted += method.get("count").asLong();
                }
            }
            assertThat(counted).isGreaterThanOrEqualTo(ADDS);
            List<JsonNode> idle = intervals.subList(intervals.size() - 5, intervals.size());
            assertThat(idle).allSatisfy(interval -> assertThat(interval.get("methods")).isEmpty());
            assertThat(intervals).allSatisfy(interval ->
                    assertThat(interval.get("agent").get("agent_errors").asLong()).isZero());

            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.describe()).isZero();
            assertThat(Logs.problems(child.stderr())).as(child.describe()).isEmpty();
            assertThat(child.stderr()).noneMatch(line -> line.contains("StackOverflowError"));
        }
        assertThat(Summaries.sumByMethod(summary, "count")).containsOnlyKeys(KEY);
    }
}
