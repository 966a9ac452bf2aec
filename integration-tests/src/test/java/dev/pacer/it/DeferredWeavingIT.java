package dev.pacer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.it.apps.ChecksumApp;
import dev.pacer.it.harness.ChildJvm;
import dev.pacer.it.harness.Conditions;
import dev.pacer.it.harness.Logs;
import dev.pacer.it.harness.Summaries;
import dev.pacer.it.harness.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@code subtype-of} pointcut on a {@code java.base} interface: the JDK classes that implement it and load after
 * the agent started are woven right after loading, by retransformation on the agent's thread, rather than while
 * the JVM defines them, where the transformer could need the very class it is given. The application loads many
 * other JDK classes at the same time, and must run without any error from the agent.
 */
class DeferredWeavingIT {

    private static final int UPDATES = 3_000;
    private static final String ADLER = "java.util.zip.Adler32#update(byte[],int,int)";
    private static final String CRC32C = "java.util.zip.CRC32C#update(byte[],int,int)";

    private static final String CONFIG = """
            log-level: debug
            reporting:
              interval: 200ms
              file:
                directory: out
            pointcuts:
              - name: checksums
                subtype-of: java.util.zip.Checksum
                method: update
                params: ["byte[]", int, int]
            """;

    @Test
    void jdkImplementationsLoadedLaterAreWovenAfterLoading() throws Exception {
        Path work = Workspace.create("deferred");
        Path config = Workspace.writeConfig(work, CONFIG);
        Path summary = work.resolve("out/summary.jsonl");

        try (ChildJvm child = ChildJvm.builder(ChecksumApp.class.getName()).agentConfig(config).workDir(work)
                .classPath(ChildJvm.classPathOf(ChecksumApp.class)).arg(UPDATES).start()) {
            child.awaitLine("LOADED", Duration.ofSeconds(60));
            // A class can be retransformed twice: when the agent's thread requests it while the application's
            // thread still defines it, the bootstrap loader may run the definition on both threads.
            Conditions.await("both checksum classes retransformed", Duration.ofSeconds(20),
                    () -> retransformed(child, "java.util.zip.Adler32 ")
                            && retransformed(child, "java.util.zip.CRC32C "));
            child.send("go");
            child.awaitLine("DONE", Duration.ofSeconds(60));
            Conditions.await("the updates in the summary", Duration.ofSeconds(20), () -> Files.exists(summary)
                    && Summaries.sumByMethod(summary, "count").getOrDefault(CRC32C, 0L) >= UPDATES
                    && Summaries.sumByMethod(summary, "count").getOrDefault(ADLER, 0L) >= UPDATES);

            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.describe()).isZero();
            assertThat(Logs.problems(child.stderr())).as(child.describe()).isEmpty();
            assertThat(child.stderr()).as(child.describe())
                    .noneMatch(line -> line.contains("ClassCircularityError") || line.contains("LinkageError"));
        }
        Map<String, Long> counts = Summaries.sumByMethod(summary, "count");
        assertThat(counts).containsEntry(ADLER, (long) UPDATES).containsEntry(CRC32C, (long) UPDATES);
    }

    private static boolean retransformed(ChildJvm child, String typeName) {
        return child.stderr().stream().anyMatch(line -> line.contains("Wove " + typeName + "(retransformed)"));
    }
}
