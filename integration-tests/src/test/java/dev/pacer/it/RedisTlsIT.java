package dev.pacer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.it.apps.CiApp;
import dev.pacer.it.harness.ChildJvm;
import dev.pacer.it.harness.Conditions;
import dev.pacer.it.harness.JmxClient;
import dev.pacer.it.harness.Logs;
import dev.pacer.it.harness.TlsRedisServer;
import dev.pacer.it.harness.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A limit in a Redis that accepts TLS only, named by a {@code rediss://} URI: the child JVM, which trusts the
 * server's certificate authority through the standard trust store options, decides every call in Redis over TLS.
 */
class RedisTlsIT {

    private static final Pattern ADMITTED = Pattern.compile("triggerBuild admitted=(\\d+) rejected=(\\d+).*");
    private static final int CALLS = 30;

    private static TlsRedisServer server;

    @BeforeAll
    static void startRedis() throws Exception {
        server = TlsRedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @Test
    void limitIsDecidedInRedisOverTls() throws Exception {
        String prefix = "tls-" + System.nanoTime() + ":";
        Path work = Workspace.create("redis-tls");
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
                    key-prefix: "%s"
                  limits:
                    builds: { requests: 10, period: 1h }
                pointcuts:
                  - name: trigger-build
                    class: dev.pacer.it.apps.ci.CiClient
                    method: triggerBuild
                    rate-limit: builds
                """.formatted(server.uri(), prefix));

        ChildJvm.Builder builder = ChildJvm.builder(CiApp.class.getName()).agentConfig(config).workDir(work)
                .classPath(ChildJvm.classPathOf(CiApp.class)).arg("builds").arg(CALLS);
        server.trustStoreOptions().forEach(builder::jvmArg);
        try (ChildJvm child = builder.start()) {
            child.awaitLine("DONE", Duration.ofSeconds(60));
            Matcher line = ADMITTED.matcher(child.awaitLine("triggerBuild ", Duration.ofSeconds(1)));
            assertThat(line.matches()).as(child.describe()).isTrue();
            // With on-error: deny, a call that did not reach Redis would be rejected, so 10 admitted calls were
            // decided in Redis.
            assertThat(Long.parseLong(line.group(1))).as(child.describe()).isEqualTo(10);
            assertThat(Long.parseLong(line.group(2))).isEqualTo(CALLS - 10);
            assertThat(server.command("DBSIZE")).as("keys in the TLS server").isEqualTo(":1");

            try (JmxClient jmx = child.jmx()) {
                ObjectName builds = new ObjectName("pacer:type=RateLimit,name=\"builds\"");
                Conditions.await("the builds MBean", Duration.ofSeconds(20), () -> jmx.isRegistered(builds));
                assertThat(jmx.attribute(builds, "Store")).isEqualTo("redis");
                assertThat(jmx.attribute(builds, "StoreErrors")).isEqualTo(0L);
                assertThat(jmx.attribute(builds, "Fallbacks")).isEqualTo(0L);
            }
            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.describe()).isZero();
            assertThat(Logs.problems(child.stderr())).as(child.describe()).isEmpty();
        }
    }
}
