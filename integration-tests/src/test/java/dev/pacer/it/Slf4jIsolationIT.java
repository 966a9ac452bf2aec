package dev.pacer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.ratelimit.RedisServer;
import dev.pacer.it.apps.Slf4jApp;
import dev.pacer.it.harness.ChildJvm;
import dev.pacer.it.harness.Logs;
import dev.pacer.it.harness.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An application with its own SLF4J 2 and slf4j-simple keeps its logging when the agent runs Jedis: the agent's
 * relocated SLF4J 1.7 binds to its own no-operation logger, prints nothing, and never picks the application's
 * binding.
 */
class Slf4jIsolationIT {

    @Test
    void applicationKeepsItsOwnSlf4j() throws Exception {
        Path libs = Path.of(System.getProperty("pacer.it.slf4j.libs"));
        Path[] loggingJars;
        try (Stream<Path> jars = Files.list(libs)) {
            loggingJars = jars.filter(path -> path.toString().endsWith(".jar")).sorted().toArray(Path[]::new);
        }
        assertThat(loggingJars).hasSize(2);

        try (RedisServer server = RedisServer.start()) {
            Path work = Workspace.create("slf4j-isolation");
            Path config = Workspace.writeConfig(work, """
                    reporting:
                      file: false
                    rate-limits:
                      store: redis
                      redis:
                        uri: %s
                        timeout: 2s
                        key-prefix: "slf4j-%d:"
                      limits:
                        builds: { requests: 2, period: 1h }
                    pointcuts:
                      - name: trigger-build
                        class: dev.pacer.it.apps.ci.CiClient
                        method: triggerBuild
                        rate-limit: builds
                    """.formatted(server.uri(), System.nanoTime()));

            try (ChildJvm child = ChildJvm.builder(Slf4jApp.class.getName()).agentConfig(config).workDir(work)
                    .classPath(ChildJvm.classPathOf(Slf4jApp.class)).classPath(loggingJars).start()) {
                child.awaitLine("DONE", Duration.ofSeconds(60));

                assertThat(child.awaitLine("admitted=", Duration.ofSeconds(1))).isEqualTo("admitted=2");
                assertThat(child.awaitLine("factory=", Duration.ofSeconds(1)))
                        .isEqualTo("factory=org.slf4j.simple.SimpleLoggerFactory");
                child.send("exit");
                assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.describe()).isZero();

                assertThat(child.stderr()).as(child.describe())
                        .anyMatch(line -> line.endsWith("INFO dev.pacer.it.apps.Slf4jApp - application log line"));
                assertThat(child.stderr()).as(child.describe()).noneMatch(line -> line.startsWith("SLF4J"));
                assertThat(Logs.problems(child.stderr())).as(child.describe()).isEmpty();
            }
        }
    }
}
