package dev.pacer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.it.apps.JnaVisibilityApp;
import dev.pacer.it.harness.ChildJvm;
import dev.pacer.it.harness.Conditions;
import dev.pacer.it.harness.JmxClient;
import dev.pacer.it.harness.Logs;
import dev.pacer.it.harness.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Forces the JNA-based OSHI probe that the agent uses off Linux. It must read this process through the JNA that the
 * agent jar hides under META-INF/pacer-jna, while the application still cannot load any JNA class.
 */
class OshiIsolationIT {

    private static final String CONFIG = """
            reporting:
              interval: 300ms
              jmx-delay: 0ms
              file: false
            system-metrics:
              interval: 1s
            """;

    private static boolean isNativeAccessWarning(String line) {
        return line.startsWith("WARNING: A restricted method in java.lang.System has been called")
                || line.startsWith("WARNING: java.lang.System::load has been called by com.sun.jna.Native")
                || line.startsWith("WARNING: Use --enable-native-access=ALL-UNNAMED")
                || line.startsWith("WARNING: Restricted methods will be blocked");
    }

    @Test
    void oshiReadsProcessThroughHiddenJna() throws Exception {
        Path work = Workspace.create("oshi-isolation");
        Path config = Workspace.writeConfig(work, CONFIG);

        try (ChildJvm child = ChildJvm.builder(JnaVisibilityApp.class.getName()).agentConfig(config).workDir(work)
                .jvmArg("-Dpacer.system-metrics.oshi=true")
                .classPath(ChildJvm.classPathOf(JnaVisibilityApp.class)).start()) {
            child.awaitLine("DONE", Duration.ofSeconds(60));

            assertThat(child.awaitLine("jna-visible=", Duration.ofSeconds(1))).isEqualTo("jna-visible=false");
            try (JmxClient jmx = child.jmx()) {
                ObjectName system = new ObjectName("pacer:type=System");
                Conditions.await("a second system sample gives a process CPU load", Duration.ofSeconds(20),
                        () -> jmx.isRegistered(system)
                                && !Double.isNaN((Double) jmx.attribute(system, "ProcessCpuLoad")));
                assertThat(jmx.attribute(system, "SampleFailures")).isEqualTo(0L);
                assertThat((Long) jmx.attribute(system, "ResidentMemoryBytes")).isPositive();
                assertThat((Long) jmx.attribute(system, "OpenFileDescriptors")).isPositive();
                assertThat((Long) jmx.attribute(system, "ThreadCount")).isPositive();
                assertThat((Double) jmx.attribute(system, "SystemCpuLoad")).isBetween(0.0, 1.0);
            }
            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.describe()).isZero();
            // NOTE: JDK 22 and later warn when JNA loads its native library from an unnamed module, and an agent
            // cannot grant native access. Linux avoids JNA unless pacer.system-metrics.oshi forces it, as here.
            boolean warnsAboutNativeAccess = Runtime.version().feature() >= 22;
            List<String> problems = Logs.problems(child.stderr()).stream()
                    .filter(line -> !(warnsAboutNativeAccess && isNativeAccessWarning(line)))
                    .toList();
            assertThat(problems).as(child.describe()).isEmpty();
            if (warnsAboutNativeAccess) {
                assertThat(child.stderr()).as(child.describe())
                        .anyMatch(line -> line.contains("called by com.sun.jna.Native"));
            }
        }
    }
}
