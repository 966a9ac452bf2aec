package dev.pacer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.it.apps.HttpClientApp;
import dev.pacer.it.harness.ChildJvm;
import dev.pacer.it.harness.Conditions;
import dev.pacer.it.harness.JmxClient;
import dev.pacer.it.harness.Logs;
import dev.pacer.it.harness.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * A JDK class through {@code subtype-of: java.net.http.HttpClient}: the JDK's facade and its implementation both
 * implement send, and each request is counted once, on the facade the application called.
 */
class HttpClientIT {

    private static final int REQUESTS = 40;

    private static final String CONFIG = """
            reporting:
              interval: 300ms
              jmx-delay: 0s
              file: false
            pointcuts:
              - name: http
                subtype-of: java.net.http.HttpClient
                method: send
            """;

    @Test
    void requestsCountedOnce() throws Exception {
        Path work = Workspace.create("http-client");
        Path config = Workspace.writeConfig(work, CONFIG);

        try (ChildJvm child = ChildJvm.builder(HttpClientApp.class.getName()).agentConfig(config).workDir(work)
                .classPath(ChildJvm.classPathOf(HttpClientApp.class)).arg(REQUESTS).start()) {
            child.awaitLine("DONE", Duration.ofSeconds(60));
            assertThat(child.awaitLine("ok=", Duration.ofSeconds(1))).startsWith("ok=" + REQUESTS + " ");

            try (JmxClient jmx = child.jmx()) {
                Conditions.await("the requests are counted", Duration.ofSeconds(20),
                        () -> total(counts(jmx)) >= REQUESTS);
                Map<String, Long> counts = counts(jmx);
                assertThat(total(counts)).as(counts.toString()).isEqualTo(REQUESTS);
                assertThat(counts).containsEntry(
                        "jdk.internal.net.http.HttpClientFacade#send(java.net.http.HttpRequest,"
                                + "java.net.http.HttpResponse$BodyHandler)", (long) REQUESTS);
                assertThat(jmx.attribute(new ObjectName("pacer:type=Agent"), "AgentErrors")).isEqualTo(0L);
            }
            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.describe()).isZero();
            assertThat(Logs.problems(child.stderr())).as(child.describe()).isEmpty();
        }
    }

    private static Map<String, Long> counts(JmxClient jmx) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (ObjectName name : jmx.names("pacer:type=Method,*")) {
            long count = (Long) jmx.attribute(name, "Count");
            if (count > 0) {
                counts.put((String) jmx.attribute(name, "Method"), count);
            }
        }
        return counts;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
