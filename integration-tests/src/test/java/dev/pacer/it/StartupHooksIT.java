package dev.pacer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.it.apps.StartupHooksApp;
import dev.pacer.it.harness.ChildJvm;
import dev.pacer.it.harness.Conditions;
import dev.pacer.it.harness.JmxClient;
import dev.pacer.it.harness.Logs;
import dev.pacer.it.harness.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * premain touches neither java.util.logging nor JMX, so an application can still install its own LogManager and
 * MBeanServer builder in main, and Pacer's MBeans then live in the application's MBeanServer.
 */
class StartupHooksIT {

    private static final String CONFIG = """
            reporting:
              interval: 500ms
              file: false
            pointcuts:
              - name: main
                class: dev.pacer.it.apps.StartupHooksApp
                method: main
            """;

    @Test
    void applicationInstallsItsOwnHooks() throws Exception {
        Path work = Workspace.create("startup-hooks");
        Path config = Workspace.writeConfig(work, CONFIG);

        try (ChildJvm child = ChildJvm.builder(StartupHooksApp.class.getName()).agentConfig(config).workDir(work)
                .classPath(ChildJvm.classPathOf(StartupHooksApp.class)).start()) {
            child.awaitLine("DONE", Duration.ofSeconds(60));

            assertThat(child.awaitLine("logmanager=", Duration.ofSeconds(1)))
                    .isEqualTo("logmanager=" + StartupHooksApp.AppLogManager.class.getName());
            assertThat(child.awaitLine("mbeanserver-builder-used=", Duration.ofSeconds(1)))
                    .startsWith("mbeanserver-builder-used=true");
            try (JmxClient jmx = child.jmx()) {
                Conditions.await("the agent MBean is registered", Duration.ofSeconds(20),
                        () -> jmx.isRegistered(new ObjectName("pacer:type=Agent")));
            }
            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.describe()).isZero();
            assertThat(Logs.problems(child.stderr())).as(child.describe()).isEmpty();
        }
    }
}
