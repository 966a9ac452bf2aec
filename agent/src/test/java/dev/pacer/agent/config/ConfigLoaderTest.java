package dev.pacer.agent.config;

import static dev.pacer.agent.config.ConfigAssertions.FILE;
import static dev.pacer.agent.config.ConfigAssertions.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid files, defaults, and how several problems are reported together. */
class ConfigLoaderTest {

    private static final String FULL_EXAMPLE = """
            fail-on-error: true
            log-level: DEBUG
            reporting:
              interval: 5s
              jmx: false
              file:
                enabled: true
                directory: /var/log/pacer
                rotate-size: 16MB
                rotate-daily: false
                max-files: 3
              unmatched-warning: 2m
            pointcuts:
              - name: orders
                class: [com.example.OrderService, com.example.**.*Repository]
                method: "place|cancel"
                params: [java.lang.String, int]
                exclude-class: com.example.internal.**
                exclude-method: "debug*"
              - name: jdbc
                subtype-of: [java.sql.Statement, java.sql.PreparedStatement]
                method: "execute*"
              - name: timed
                annotated-with: com.example.Timed
              - name: everything
                class: "**"
                allow-broad: true
                params: []
            """;

    private static final String MINIMAL = """
            pointcuts:
              - name: orders
                class: com.example.OrderService
            """;

    private static AgentConfig parse(String yaml) throws InvalidConfigException {
        return ConfigLoader.parse(yaml, FILE);
    }

    // Top level and reporting of the full example.

    @Test
    void fullExampleTopLevel() throws InvalidConfigException {
        AgentConfig config = parse(FULL_EXAMPLE);

        assertThat(config.file()).isEqualTo(FILE);
        assertThat(config.failOnError()).isTrue();
        assertThat(config.logLevel()).isEqualTo(Log.Level.DEBUG);
        assertThat(config.pointcuts()).extracting(PointcutConfig::name)
                .containsExactly("orders", "jdbc", "timed", "everything");
    }

    @Test
    void fullExampleReporting() throws InvalidConfigException {
        ReportingConfig reporting = parse(FULL_EXAMPLE).reporting();

        assertThat(reporting.intervalNanos()).isEqualTo(5_000_000_000L);
        assertThat(reporting.jmx()).isFalse();
        assertThat(reporting.fileEnabled()).isTrue();
        assertThat(reporting.directory()).isEqualTo(Path.of("/var/log/pacer"));
        assertThat(reporting.rotateBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(reporting.rotateDaily()).isFalse();
        assertThat(reporting.maxFiles()).isEqualTo(3);
        assertThat(reporting.unmatchedWarningNanos()).isEqualTo(120_000_000_000L);
    }

    @Test
    void fullExampleClassPointcut() throws InvalidConfigException {
        PointcutConfig orders = parse(FULL_EXAMPLE).pointcuts().get(0);

        assertThat(orders.line()).isEqualTo(14);
        assertThat(orders.classes()).containsExactly("com.example.OrderService", "com.example.**.*Repository");
        assertThat(orders.subtypeOf()).isEmpty();
        assertThat(orders.annotatedWith()).isEmpty();
        assertThat(orders.method()).isEqualTo("place|cancel");
        assertThat(orders.params()).containsExactly("java.lang.String", "int");
        assertThat(orders.excludeClass()).containsExactly("com.example.internal.**");
        assertThat(orders.excludeMethod()).isEqualTo("debug*");
        assertThat(orders.allowBroad()).isFalse();
    }

    @Test
    void fullExampleSubtypePointcut() throws InvalidConfigException {
        PointcutConfig jdbc = parse(FULL_EXAMPLE).pointcuts().get(1);

        assertThat(jdbc.line()).isEqualTo(20);
        assertThat(jdbc.classes()).isEmpty();
        assertThat(jdbc.subtypeOf()).containsExactly("java.sql.Statement", "java.sql.PreparedStatement");
        assertThat(jdbc.method()).isEqualTo("execute*");
        assertThat(jdbc.params()).isNull();
    }

    @Test
    void fullExampleAnnotationPointcut() throws InvalidConfigException {
        PointcutConfig timed = parse(FULL_EXAMPLE).pointcuts().get(2);

        assertThat(timed.annotatedWith()).containsExactly("com.example.Timed");
        assertThat(timed.method()).isEqualTo("*");
        assertThat(timed.params()).isNull();
        assertThat(timed.excludeClass()).isEmpty();
        assertThat(timed.excludeMethod()).isNull();
    }

    @Test
    void fullExampleBroadPointcut() throws InvalidConfigException {
        PointcutConfig everything = parse(FULL_EXAMPLE).pointcuts().get(3);

        assertThat(everything.classes()).containsExactly("**");
        assertThat(everything.allowBroad()).isTrue();
        assertThat(everything.params()).isEmpty();
    }

    // Defaults.

    @Test
    void reportingDefaultsWhenAbsent() throws InvalidConfigException {
        ReportingConfig reporting = parse(MINIMAL).reporting();

        assertThat(reporting.intervalNanos()).isEqualTo(10_000_000_000L);
        assertThat(reporting.jmx()).isTrue();
        assertThat(reporting.fileEnabled()).isTrue();
        assertThat(reporting.directory()).isEqualTo(Path.of("pacer-out"));
        assertThat(reporting.rotateBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(reporting.rotateDaily()).isTrue();
        assertThat(reporting.maxFiles()).isEqualTo(10);
        assertThat(reporting.unmatchedWarningNanos()).isEqualTo(30_000_000_000L);
    }

    @Test
    void emptyReportingKeepsDefaults() throws InvalidConfigException {
        AgentConfig config = parse("""
                reporting: {}
                pointcuts:
                  - name: orders
                    class: com.example.OrderService
                """);

        assertThat(config.reporting()).isEqualTo(ReportingConfig.defaults());
    }

    @Test
    void topLevelDefaults() throws InvalidConfigException {
        AgentConfig config = parse(MINIMAL);

        assertThat(config.failOnError()).isFalse();
        assertThat(config.logLevel()).isEqualTo(Log.Level.INFO);
    }

    @Test
    void pointcutDefaults() throws InvalidConfigException {
        PointcutConfig orders = parse(MINIMAL).pointcuts().get(0);

        assertThat(orders.line()).isEqualTo(2);
        assertThat(orders.classes()).containsExactly("com.example.OrderService");
        assertThat(orders.method()).isEqualTo("*");
        assertThat(orders.params()).isNull();
        assertThat(orders.excludeClass()).isEmpty();
        assertThat(orders.excludeMethod()).isNull();
        assertThat(orders.allowBroad()).isFalse();
    }

    @Test
    void fileFalseKeepsOtherDefaults() throws InvalidConfigException {
        ReportingConfig reporting = parse("""
                reporting:
                  file: false
                """).reporting();

        assertThat(reporting.fileEnabled()).isFalse();
        assertThat(reporting.directory()).isEqualTo(Path.of("pacer-out"));
        assertThat(reporting.jmx()).isTrue();
    }

    @Test
    void fileMappingEnabledByDefault() throws InvalidConfigException {
        ReportingConfig reporting = parse("""
                reporting:
                  file:
                    directory: out
                """).reporting();

        assertThat(reporting.fileEnabled()).isTrue();
        assertThat(reporting.directory()).isEqualTo(Path.of("out"));
        assertThat(reporting.maxFiles()).isEqualTo(10);
    }

    @Test
    void fileMappingCanDisable() throws InvalidConfigException {
        ReportingConfig reporting = parse("""
                reporting:
                  file:
                    enabled: false
                """).reporting();

        assertThat(reporting.fileEnabled()).isFalse();
    }

    // Accepted forms.

    @Test
    void intervalAtMinimumIsAccepted() throws InvalidConfigException {
        ReportingConfig reporting = parse("""
                reporting:
                  interval: 100ms
                  unmatched-warning: 0s
                """).reporting();

        assertThat(reporting.intervalNanos()).isEqualTo(100_000_000L);
        assertThat(reporting.unmatchedWarningNanos()).isZero();
    }

    @Test
    void sizeUnitIgnoresCase() throws InvalidConfigException {
        ReportingConfig reporting = parse("""
                reporting:
                  file:
                    rotate-size: 512kb
                """).reporting();

        assertThat(reporting.rotateBytes()).isEqualTo(512L * 1024);
    }

    @Test
    void scalarParamsGiveOneType() throws InvalidConfigException {
        PointcutConfig orders = parse("""
                pointcuts:
                  - name: orders
                    class: com.example.OrderService
                    params: java.lang.String
                """).pointcuts().get(0);

        assertThat(orders.params()).containsExactly("java.lang.String");
    }

    @Test
    void arrayParamsAreAccepted() throws InvalidConfigException {
        PointcutConfig orders = parse("""
                pointcuts:
                  - name: orders
                    class: com.example.OrderService
                    params: [ "long[]", "java.lang.String[][]" ]
                """).pointcuts().get(0);

        assertThat(orders.params()).containsExactly("long[]", "java.lang.String[][]");
    }

    @Test
    void constructorMethodIsAccepted() throws InvalidConfigException {
        PointcutConfig orders = parse("""
                pointcuts:
                  - name: orders
                    class: com.example.OrderService
                    method: "<init>|place"
                """).pointcuts().get(0);

        assertThat(orders.method()).isEqualTo("<init>|place");
    }

    @Test
    void broadGlobWithAnnotationAccepted() throws InvalidConfigException {
        PointcutConfig timed = parse("""
                pointcuts:
                  - name: timed
                    class: "**"
                    annotated-with: com.example.Timed
                """).pointcuts().get(0);

        assertThat(timed.classes()).containsExactly("**");
    }

    @Test
    void logLevelIgnoresCase() throws InvalidConfigException {
        AgentConfig config = parse("log-level: Warn\n");

        assertThat(config.logLevel()).isEqualTo(Log.Level.WARN);
    }

    @Test
    void loadReadsFileFromDisk(@TempDir Path directory) throws IOException, InvalidConfigException {
        Path file = directory.resolve("agent.yaml");
        Files.writeString(file, MINIMAL, StandardCharsets.UTF_8);

        AgentConfig config = ConfigLoader.load(file);

        assertThat(config.file()).isEqualTo(file.toString());
        assertThat(config.pointcuts()).extracting(PointcutConfig::name).containsExactly("orders");
    }

    // Several problems at once.

    @Test
    void allProblemsReportedInFileOrder() {
        InvalidConfigException error = rejected("""
                pointcuts:
                  - method: "find("
                    class: com..x
                  - name: orders
                    class: com.example.OrderService
                reporting:
                  interval: 10
                  jmx: yes
                log-level: verbose
                colour: red
                """);

        List<ConfigProblem> problems = error.problems();

        assertThat(problems).extracting(ConfigProblem::key).containsExactly(
                "pointcuts[0].name", "pointcuts[0].method", "pointcuts[0].class", "reporting.interval",
                "reporting.jmx", "log-level", "colour");
        assertThat(problems).extracting(ConfigProblem::line).containsExactly(2, 2, 3, 7, 8, 9, 10);
    }

    @Test
    void problemsInOneEntryFollowFileOrder() {
        InvalidConfigException error = rejected("""
                pointcuts:
                  - name: orders
                    exclude-method: "to-string"
                    method: "find("
                    class: com..x
                """);

        assertThat(error.problems()).extracting(ConfigProblem::key).containsExactly(
                "pointcuts[0].exclude-method", "pointcuts[0].method", "pointcuts[0].class");
    }

    @Test
    void messageListsEveryProblem() {
        InvalidConfigException error = rejected("""
                reporting:
                  interval: 10
                log-level: verbose
                """);

        String expected = String.join(System.lineSeparator(),
                "Invalid configuration in agent.yaml (2 problems):",
                "  agent.yaml:2:13: reporting.interval = \"10\": Expected a duration: a number with a unit of ms, s, "
                        + "m, h or d, for example 10s.",
                "  agent.yaml:3:12: log-level = \"verbose\": Expected one of: debug, info, warn, error, off.");
        assertThat(error.getMessage()).isEqualTo(expected);
    }

    @Test
    void messageCountsSingleProblem() {
        InvalidConfigException error = rejected("log-level: verbose\n");

        assertThat(error.getMessage()).startsWith("Invalid configuration in agent.yaml (1 problem):");
    }

    // fail-on-error.

    @Test
    void failOnErrorCarriedInException() {
        InvalidConfigException error = rejected("""
                fail-on-error: true
                log-level: verbose
                """);

        assertThat(error.failOnError()).isTrue();
    }

    @Test
    void failOnErrorReadAfterLaterProblem() {
        InvalidConfigException error = rejected("""
                log-level: verbose
                fail-on-error: true
                """);

        assertThat(error.failOnError()).isTrue();
    }

    @Test
    void failOnErrorFalseByDefault() {
        InvalidConfigException error = rejected("log-level: verbose\n");

        assertThat(error.failOnError()).isFalse();
    }

    @Test
    void syntaxErrorCannotReadFailOnError() {
        InvalidConfigException error = rejected("""
                fail-on-error: true
                log-level: [info
                """);

        assertThat(error.failOnError()).isFalse();
    }
}
