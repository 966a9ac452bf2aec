package dev.pacer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.ratelimit.RedisServer;
import dev.pacer.it.apps.CiApp;
import dev.pacer.it.harness.ChildJvm;
import dev.pacer.it.harness.Conditions;
import dev.pacer.it.harness.JmxClient;
import dev.pacer.it.harness.Logs;
import dev.pacer.it.harness.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two child JVMs with the packaged agent name the same limit in one real Redis: together they are admitted no more
 * than the one shared budget allows.
 */
class RedisRateLimitIT {

    private static final Pattern ADMITTED = Pattern.compile("triggerBuild admitted=(\\d+) rejected=(\\d+).*");
    private static final int CALLS_PER_JVM = 30;

    private static RedisServer server;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @Test
    void twoJvmsShareOneBudget() throws Exception {
        Path work = Workspace.create("redis-rate-limit");
        Path config = Workspace.writeConfig(work, """
                reporting:
                  interval: 200ms
                  jmx-delay: 0s
                  file: false
                rate-limits:
                  store: redis
                  redis:
                    uri: %s
                    timeout: 2s
                    on-error: deny
                    key-prefix: "it-%d:"
                  limits:
                    builds: { requests: 10, period: 1h }
                pointcuts:
                  - name: trigger-build
                    class: dev.pacer.it.apps.ci.CiClient
                    method: triggerBuild
                    rate-limit: builds
                """.formatted(server.uri(), System.nanoTime()));

        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                children.add(ChildJvm.builder(CiApp.class.getName()).agentConfig(config).workDir(work)
                        .classPath(ChildJvm.classPathOf(CiApp.class)).arg("builds").arg(CALLS_PER_JVM).start());
            }
            long admitted = 0;
            long rejected = 0;
            for (ChildJvm child : children) {
                child.awaitLine("DONE", Duration.ofSeconds(60));
                Matcher line = ADMITTED.matcher(child.awaitLine("triggerBuild ", Duration.ofSeconds(1)));
                assertThat(line.matches()).as(child.describe()).isTrue();
                admitted += Long.parseLong(line.group(1));
                rejected += Long.parseLong(line.group(2));
            }

            // Both runs take far less than the 6 minutes one more token needs, so the bound is the capacity.
            assertThat(admitted).as("admitted in both JVMs together").isEqualTo(10);
            assertThat(rejected).isEqualTo(2 * CALLS_PER_JVM - 10);

            for (ChildJvm child : children) {
                try (JmxClient jmx = child.jmx()) {
                    ObjectName builds = new ObjectName("pacer:type=RateLimit,name=\"builds\"");
                    Conditions.await("the builds MBean", Duration.ofSeconds(20), () -> jmx.isRegistered(builds));
                    assertThat(jmx.attribute(builds, "Store")).isEqualTo("redis");
                    assertThat(jmx.attribute(builds, "StoreErrors")).isEqualTo(0L);
                    assertThat(jmx.attribute(builds, "Fallbacks")).isEqualTo(0L);
                    assertThat(jmx.attribute(new ObjectName("pacer:type=Agent"), "AgentErrors")).isEqualTo(0L);
                }
                child.send("exit");
                assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.describe()).isZero();
                assertThat(Logs.problems(child.stderr())).as(child.describe()).isEmpty();
                assertThat(child.stderr()).as("Jedis logs through a relocated NOP SLF4J").as(child.describe())
                        .noneMatch(line -> line.contains("SLF4J"));
            }
        } finally {
            children.forEach(ChildJvm::close);
        }
    }
}
