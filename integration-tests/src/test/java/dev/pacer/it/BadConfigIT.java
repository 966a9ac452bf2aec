package dev.pacer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.it.apps.ListApp;
import dev.pacer.it.harness.ChildJvm;
import dev.pacer.it.harness.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An invalid agent.yaml disables the agent with one message, unless it sets fail-on-error to stop the JVM. */
class BadConfigIT {

    private static final String INVALID = """
            reporting:
              interval: 10
            pointcuts:
              - name: lists
                clas: java.util.ArrayList
            """;

    @Test
    void invalidFileDisablesAgent() throws Exception {
        Path work = Workspace.create("bad-config");
        Path config = Workspace.writeConfig(work, INVALID);

        try (ChildJvm child = ChildJvm.builder(ListApp.class.getName()).agentConfig(config).workDir(work)
                .classPath(ChildJvm.classPathOf(ListApp.class)).arg(10).start()) {
            child.awaitLine("DONE", Duration.ofSeconds(60));
            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.describe()).isZero();

            String stderr = String.join("\n", child.stderr());
            assertThat(stderr).contains("[pacer] ERROR Invalid configuration in " + config);
            assertThat(stderr).contains("agent.yaml:2:13: reporting.interval = \"10\"");
            assertThat(stderr).contains("pointcuts[0].clas");
            assertThat(stderr).contains("Did you mean \"class\"?");
            assertThat(stderr).contains("The agent is disabled");
            assertThat(child.stdout()).contains("size=10");
        }
    }

    @Test
    void failOnErrorStopsJvm() throws Exception {
        Path work = Workspace.create("fail-on-error");
        Path config = Workspace.writeConfig(work, "fail-on-error: true\n" + INVALID);

        try (ChildJvm child = ChildJvm.builder(ListApp.class.getName()).agentConfig(config).workDir(work)
                .classPath(ChildJvm.classPathOf(ListApp.class)).arg(10).start()) {
            int exitCode = child.awaitExit(Duration.ofSeconds(30));

            assertThat(exitCode).isNotZero();
            assertThat(child.stdout()).doesNotContain("DONE");
            assertThat(String.join("\n", child.stderr())).contains("fail-on-error is true, so the JVM stops");
        }
    }

    @Test
    void missingConfigDisablesAgent() throws Exception {
        Path work = Workspace.create("missing-config");

        try (ChildJvm child = ChildJvm.builder(ListApp.class.getName()).agentConfig(work.resolve("absent.yaml"))
                .workDir(work).classPath(ChildJvm.classPathOf(ListApp.class)).arg(10).start()) {
            child.awaitLine("DONE", Duration.ofSeconds(60));
            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(30))).isZero();
            assertThat(String.join("\n", child.stderr())).contains("absent.yaml").contains("does not exist");
        }
    }
}
