package dev.pacer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.it.apps.LoggingApp;
import dev.pacer.it.harness.ChildJvm;
import dev.pacer.it.harness.Conditions;
import dev.pacer.it.harness.JmxClient;
import dev.pacer.it.harness.Logs;
import dev.pacer.it.harness.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * An application that logs through its own SLF4J 1.7 keeps its binding while the agent samples system metrics with
 * OSHI, whose SLF4J 2 is relocated under dev.pacer.shaded with a no-operation provider. Neither SLF4J prints a
 * warning about providers or bindings.
 */
class LoggingIsolationIT {

    private static final String CONFIG = """
            reporting:
              interval: 300ms
              jmx-delay: 0ms
              file: false
            system-metrics:
              interval: 1s
            pointcuts:
              - name: work
                class: dev.pacer.it.apps.LoggingApp
                method: work
            """;

    @Test
    void applicationKeepsItsOwnSlf4j() throws Exception {
        Path work = Workspace.create("logging");
        Path config = Workspace.writeConfig(work, CONFIG);
        Path libs = Path.of(System.getProperty("pacer.it.app.logging.libs"));
        Path[] libraryJars;
        try (Stream<Path> jars = Files.list(libs)) {
            libraryJars = jars.filter(path -> path.toString().endsWith(".jar")).sorted().toArray(Path[]::new);
        }
        assertThat(libraryJars).hasSize(2);

        try (ChildJvm child = ChildJvm.builder(LoggingApp.class.getName()).agentConfig(config).workDir(work)
                .classPath(ChildJvm.classPathOf(LoggingApp.class)).classPath(libraryJars).start()) {
            child.awaitLine("DONE", Duration.ofSeconds(60));

            assertThat(child.awaitLine("slf4j=", Duration.ofSeconds(1))).endsWith("slf4j-api-1.7.36.jar");
            assertThat(child.awaitLine("logger-factory=", Duration.ofSeconds(1)))
                    .isEqualTo("logger-factory=org.slf4j.impl.SimpleLoggerFactory");
            try (JmxClient jmx = child.jmx()) {
                ObjectName system = new ObjectName("pacer:type=System");
                Conditions.await("a second system sample gives a process CPU load", Duration.ofSeconds(20),
                        () -> jmx.isRegistered(system)
                                && !Double.isNaN((Double) jmx.attribute(system, "ProcessCpuLoad")));
                assertThat(jmx.attribute(system, "SampleFailures")).isEqualTo(0L);
            }
            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.describe()).isZero();

            assertThat(child.stderr()).as(child.describe())
                    .anyMatch(line -> line.contains("INFO dev.pacer.it.apps.LoggingApp - application log line, "
                            + "sum=9900"))
                    .noneMatch(line -> line.startsWith("SLF4J"));
            assertThat(Logs.problems(child.stderr())).as(child.describe()).isEmpty();
        }
    }
}
