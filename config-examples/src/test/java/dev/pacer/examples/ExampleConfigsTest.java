package dev.pacer.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.pacer.agent.config.AgentConfig;
import dev.pacer.agent.config.ConfigLoader;
import dev.pacer.agent.config.InvalidConfigException;
import dev.pacer.agent.config.PointcutConfig;
import dev.pacer.agent.config.PointcutRateLimit;
import dev.pacer.agent.config.RateLimitSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Loads every example file of this module with the agent's own loader. */
class ExampleConfigsTest {

    private static Path examplesDirectory() {
        String directory = System.getProperty("examples.dir");
        assertThat(directory).as("system property examples.dir, set by this module's surefire configuration")
                .isNotBlank();
        return Path.of(directory);
    }

    /** Returns the *.yaml files directly in the module directory, sorted by name. */
    static List<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(examplesDirectory())) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
    }

    private static AgentConfig load(Path file) {
        try {
            return ConfigLoader.load(file);
        } catch (InvalidConfigException e) {
            return fail(e.getMessage(), e);
        }
    }

    @Test
    void directoryHasExampleFiles() throws IOException {
        assertThat(exampleFiles()).as("*.yaml files in %s", examplesDirectory()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    void exampleIsValid(Path file) {
        AgentConfig config = load(file);

        assertThat(config.pointcuts()).as("pointcuts of %s", file).isNotEmpty();
    }

    // The JDBC demo runs with quickstart.yaml and expects these settings.

    @Test
    void quickstartReportsEveryFiveSeconds() {
        AgentConfig config = load(examplesDirectory().resolve("quickstart.yaml"));

        assertThat(config.reporting().intervalNanos()).isEqualTo(5_000_000_000L);
        assertThat(config.reporting().jmx()).isTrue();
        assertThat(config.reporting().fileEnabled()).isTrue();
        assertThat(config.reporting().directory()).isEqualTo(Path.of("pacer-out"));
    }

    @Test
    void quickstartTimesJdbcStatements() {
        AgentConfig config = load(examplesDirectory().resolve("quickstart.yaml"));
        PointcutConfig jdbc = config.pointcuts().stream()
                .filter(pointcut -> pointcut.name().equals("jdbc"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("quickstart.yaml has no pointcut named jdbc"));

        assertThat(jdbc.subtypeOf()).containsExactly("java.sql.Statement", "java.sql.PreparedStatement");
        assertThat(jdbc.method()).isEqualTo("execute*");
    }

    @Test
    void monitoringRaisesFourAlerts() {
        AgentConfig config = load(examplesDirectory().resolve("monitoring.yaml"));

        assertThat(config.alerts()).extracting(alert -> alert.name())
                .containsExactly("slow-db", "failing-db", "host-cpu", "heap-nearly-full");
        assertThat(config.systemMetrics().intervalNanos()).isEqualTo(10_000_000_000L);
        assertThat(config.history().retentionNanos()).isEqualTo(86_400_000_000_000L);
    }

    // The CI client example promises the limits of the CI server's API.

    @Test
    void ciApiLimitsMatchServerLimits() {
        AgentConfig config = load(examplesDirectory().resolve("ci-api-limits.yaml"));
        long minuteNanos = 60_000_000_000L;

        assertThat(config.rateLimits().limits().get("builds")).isEqualTo(new RateLimitSpec(10, minuteNanos, 0));
        assertThat(config.rateLimits().limits().get("plugins")).isEqualTo(new RateLimitSpec(30, minuteNanos, 5));
        assertThat(config.rateLimits().limits().get("users")).isEqualTo(new RateLimitSpec(20, minuteNanos, 0));
    }

    @Test
    void ciApiLimitsKeyUsersById() {
        AgentConfig config = load(examplesDirectory().resolve("ci-api-limits.yaml"));
        PointcutRateLimit users = config.pointcuts().stream()
                .filter(pointcut -> pointcut.name().equals("users"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("ci-api-limits.yaml has no pointcut named users"))
                .rateLimit();

        assertThat(users.limit()).isEqualTo("users");
        assertThat(users.key()).isEqualTo("arg0.id");
    }
}
