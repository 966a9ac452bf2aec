package dev.pacer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.ratelimit.RedisServer;
import dev.pacer.it.apps.CommandCiApp;
import dev.pacer.it.harness.ChildJvm;
import dev.pacer.it.harness.Conditions;
import dev.pacer.it.harness.JmxClient;
import dev.pacer.it.harness.Logs;
import dev.pacer.it.harness.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Redis is killed and restarted while a child JVM with the packaged agent keeps calling a limited method. During the
 * outage each on-error policy is honoured; afterwards decisions go to the shared bucket in Redis again.
 */
class RedisOutageIT {

    private static final Duration LINE_TIMEOUT = Duration.ofSeconds(30);

    @ParameterizedTest
    @CsvSource({"allow, 4, 0", "deny, 0, 4", "local, 3, 1"})
    void outageFollowsPolicy(String onError, int admittedDuringOutage, int rejectedDuringOutage) throws Exception {
        try (RedisServer server = RedisServer.start()) {
            Path work = Workspace.create("redis-outage-" + onError);
            Path config = Workspace.writeConfig(work, """
                    reporting:
                      interval: 200ms
                      jmx-delay: 0s
                      file: false
                    rate-limits:
                      store: redis
                      redis:
                        uri: %s
                        timeout: 200ms
                        on-error: %s
                        probe-interval: 100ms
                      limits:
                        builds: { requests: 3, period: 1h }
                    pointcuts:
                      - name: trigger-build
                        class: dev.pacer.it.apps.ci.CiClient
                        method: triggerBuild
                        rate-limit: builds
                    """.formatted(server.uri(), onError));

            try (ChildJvm child = ChildJvm.builder(CommandCiApp.class.getName()).agentConfig(config).workDir(work)
                    .classPath(ChildJvm.classPathOf(CommandCiApp.class)).start()) {
                child.awaitLine("READY", LINE_TIMEOUT);
                child.send("builds 2");
                assertThat(child.awaitLine("batch1 ", LINE_TIMEOUT)).isEqualTo("batch1 admitted=2 rejected=0");

                server.kill();
                child.send("builds 4");
                assertThat(child.awaitLine("batch2 ", LINE_TIMEOUT)).as(child.describe()).isEqualTo("batch2 admitted="
                        + admittedDuringOutage + " rejected=" + rejectedDuringOutage);

                server.restart();
                Conditions.await("the agent logs that Redis is back", LINE_TIMEOUT,
                        () -> child.stderr().stream().anyMatch(line -> line.contains("Redis back at")));
                child.send("builds 4");
                assertThat(child.awaitLine("batch3 ", LINE_TIMEOUT)).as("a restarted, empty Redis is a full bucket")
                        .isEqualTo("batch3 admitted=3 rejected=1");

                try (JmxClient jmx = child.jmx()) {
                    ObjectName builds = new ObjectName("pacer:type=RateLimit,name=\"builds\"");
                    Conditions.await("the counts after the third batch", LINE_TIMEOUT, () -> jmx.isRegistered(builds)
                            && jmx.attribute(builds, "Allowed").equals((long) 5 + admittedDuringOutage));
                    assertThat(jmx.attribute(builds, "StoreErrors")).isEqualTo(1L);
                    assertThat(jmx.attribute(builds, "Fallbacks")).isEqualTo(4L);
                    assertThat(jmx.attribute(builds, "StoreOutages")).isEqualTo(1L);
                    assertThat(jmx.attribute(builds, "StoreAvailable")).isEqualTo(true);
                }
                child.send("exit");
                assertThat(child.awaitExit(LINE_TIMEOUT)).as(child.describe()).isZero();

                List<String> stderr = child.stderr();
                assertThat(stderr).filteredOn(line -> line.contains("Redis unreachable at")).hasSize(1);
                assertThat(stderr).filteredOn(line -> line.contains("Redis back at")).hasSize(1);
                assertThat(Logs.problems(stderr)).as(child.describe())
                        .allMatch(line -> line.contains("Redis unreachable at"));
            }
        }
    }
}
