package dev.pacer.agent.config;

import static dev.pacer.agent.config.ConfigAssertions.assertProblem;
import static dev.pacer.agent.config.ConfigAssertions.assertProblemIn;
import static dev.pacer.agent.config.ConfigAssertions.onlyProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per rejected value of agent.yaml. Each pins the reported line and column (1-based), the key path, the
 * value as written and the part of the reason that gives the fix.
 */
class ConfigRejectionTest {

    private static final String ALLOWED_TOP_LEVEL = "Allowed keys here: fail-on-error, log-level, reporting, "
            + "rate-limits, pointcuts, system-metrics, alerts.";

    // The file as a whole.

    @Test
    void missingFileNamesLookupOrder(@TempDir Path directory) {
        Path file = directory.resolve("absent.yaml");

        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(file));

        assertThat(error.problems()).hasSize(1);
        assertProblemIn(file.toString(), error.problems().get(0), 0, 0, "(file)", null,
                "The file does not exist. Check the path given in config=, the system property pacer.config or "
                        + "the environment variable PACER_CONFIG.");
    }

    @Test
    void unreadableFileGivesReason(@TempDir Path directory) {
        InvalidConfigException error = assertThrows(InvalidConfigException.class,
                () -> ConfigLoader.load(directory));

        assertThat(error.problems()).hasSize(1);
        assertProblemIn(directory.toString(), error.problems().get(0), 0, 0, "(file)", null,
                "The file cannot be read: ");
    }

    @Test
    void emptyFileIsRejected() {
        ConfigProblem problem = onlyProblem("");

        assertProblem(problem, 0, 0, "(document)", null,
                "The file is empty. Add at least a pointcuts: list; see docs/configuration.md.");
    }

    @Test
    void commentOnlyFileIsEmpty() {
        ConfigProblem problem = onlyProblem("# pointcuts will follow\n");

        assertProblem(problem, 0, 0, "(document)", null, "The file is empty.");
    }

    @Test
    void listDocumentIsRejected() {
        ConfigProblem problem = onlyProblem("""
                - reporting
                - pointcuts
                """);

        assertProblem(problem, 1, 1, "(document)", null,
                "The file must be a YAML mapping with keys such as reporting and pointcuts.");
    }

    @Test
    void scalarDocumentIsRejected() {
        ConfigProblem problem = onlyProblem("pointcuts\n");

        assertProblem(problem, 1, 1, "(document)", null, "The file must be a YAML mapping");
    }

    @Test
    void syntaxErrorGivesLineAndColumn() {
        ConfigProblem problem = onlyProblem("""
                reporting:
                  interval: 10s
                 jmx: true
                """);

        assertProblem(problem, 3, 2, "(syntax)", null, "The file is not valid YAML: ");
        assertThat(problem.reason()).endsWith("Fix the syntax at this place.");
    }

    @Test
    void tabIndentationIsSyntaxError() {
        ConfigProblem problem = onlyProblem("reporting:\n\tjmx: true\n");

        assertProblem(problem, 2, 1, "(syntax)", null, "TAB");
    }

    @Test
    void unclosedFlowListIsSyntaxError() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: [com.example.OrderService
                """);

        assertProblem(problem, 4, 1, "(syntax)", null, "expected ',' or ']'");
    }

    // Keys.

    @Test
    void unknownTopLevelKeySuggestsFix() {
        ConfigProblem problem = onlyProblem("""
                reportng:
                  interval: 10s
                """);

        assertProblem(problem, 1, 1, "reportng", null, "Unknown key. Did you mean \"reporting\"? "
                + ALLOWED_TOP_LEVEL);
    }

    @Test
    void unknownKeyWithoutCloseMatch() {
        ConfigProblem problem = onlyProblem("colour: red\n");

        assertProblem(problem, 1, 1, "colour", null, "Unknown key. " + ALLOWED_TOP_LEVEL);
        assertThat(problem.reason()).doesNotContain("Did you mean");
    }

    @Test
    void unknownReportingKeySuggestsFix() {
        ConfigProblem problem = onlyProblem("""
                reporting:
                  intervall: 10s
                """);

        assertProblem(problem, 2, 3, "reporting.intervall", null, "Unknown key. Did you mean \"interval\"? "
                + "Allowed keys here: interval, jmx, jmx-delay, file, unmatched-warning, retention, max-memory.");
    }

    @Test
    void unknownFileKeySuggestsFix() {
        ConfigProblem problem = onlyProblem("""
                reporting:
                  file:
                    max-file: 3
                """);

        assertProblem(problem, 3, 5, "reporting.file.max-file", null, "Unknown key. Did you mean \"max-files\"? "
                + "Allowed keys here: enabled, directory, rotate-size, rotate-daily, max-files.");
    }

    @Test
    void unknownPointcutKeySuggestsFix() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: com.example.OrderService
                    methods: place
                """);

        assertProblem(problem, 4, 5, "pointcuts[0].methods", null, "Unknown key. Did you mean \"method\"? "
                + "Allowed keys here: name, class, subtype-of, annotated-with, method, params, exclude-class, "
                + "exclude-method, allow-broad, rate-limit, on-limit, max-wait, key.");
    }

    @Test
    void duplicateNestedKeyIsRejected() {
        ConfigProblem problem = onlyProblem("""
                reporting:
                  jmx: true
                  jmx: false
                """);

        assertProblem(problem, 3, 3, "reporting.jmx", null,
                "The key appears twice in the same mapping. Keep one of them.");
    }

    @Test
    void duplicateTopLevelKeyIsRejected() {
        ConfigProblem problem = onlyProblem("""
                log-level: info
                log-level: debug
                """);

        assertProblem(problem, 2, 1, "log-level", null, "The key appears twice in the same mapping.");
    }

    // Top-level values.

    @ParameterizedTest
    @ValueSource(strings = {"yes", "on", "1", "True"})
    void badFailOnErrorIsRejected(String value) {
        ConfigProblem problem = onlyProblem("fail-on-error: " + value + "\n");

        assertProblem(problem, 1, 16, "fail-on-error", value, "Expected true or false.");
    }

    @Test
    void badLogLevelIsRejected() {
        ConfigProblem problem = onlyProblem("log-level: verbose\n");

        assertProblem(problem, 1, 12, "log-level", "verbose", "Expected one of: debug, info, warn, error, off.");
    }

    @Test
    void reportingScalarIsRejected() {
        ConfigProblem problem = onlyProblem("reporting: 10s\n");

        assertProblem(problem, 1, 12, "reporting", "10s", "Expected a mapping of keys to values below reporting.");
    }

    // reporting.

    @ParameterizedTest
    @ValueSource(strings = {"10", "10 sec", "-1s", "10S", "1e3s"})
    void badIntervalIsRejected(String value) {
        ConfigProblem problem = onlyProblem("""
                reporting:
                  interval: %s
                """.formatted(value));

        assertProblem(problem, 2, 13, "reporting.interval", value,
                "Expected a duration: a number with a unit of ms, s, m, h or d, for example 10s.");
    }

    @Test
    void intervalBelowMinimumIsRejected() {
        ConfigProblem problem = onlyProblem("""
                reporting:
                  interval: 0.01s
                """);

        assertProblem(problem, 2, 13, "reporting.interval", "0.01s", "Must be at least 100ms.");
    }

    @Test
    void badUnmatchedWarningIsRejected() {
        ConfigProblem problem = onlyProblem("""
                reporting:
                  unmatched-warning: 30
                """);

        assertProblem(problem, 2, 22, "reporting.unmatched-warning", "30", "Expected a duration: ");
    }

    @Test
    void emptyDurationIsRejected() {
        ConfigProblem problem = onlyProblem("""
                reporting:
                  interval:
                """);

        assertProblem(problem, 2, 12, "reporting.interval", "", "Expected a single text value.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "0"})
    void badJmxIsRejected(String value) {
        ConfigProblem problem = onlyProblem("""
                reporting:
                  jmx: %s
                """.formatted(value));

        assertProblem(problem, 2, 8, "reporting.jmx", value, "Expected true or false.");
    }

    @Test
    void fileScalarMustBeBoolean() {
        ConfigProblem problem = onlyProblem("""
                reporting:
                  file: off
                """);

        assertProblem(problem, 2, 9, "reporting.file", "off", "Expected true or false.");
    }

    @Test
    void badFileEnabledIsRejected() {
        ConfigProblem problem = onlyProblem("""
                reporting:
                  file:
                    enabled: sometimes
                """);

        assertProblem(problem, 3, 14, "reporting.file.enabled", "sometimes", "Expected true or false.");
    }

    @Test
    void badRotateDailyIsRejected() {
        ConfigProblem problem = onlyProblem("""
                reporting:
                  file:
                    rotate-daily: daily
                """);

        assertProblem(problem, 3, 19, "reporting.file.rotate-daily", "daily", "Expected true or false.");
    }

    @Test
    void blankDirectoryIsRejected() {
        ConfigProblem problem = onlyProblem("""
                reporting:
                  file:
                    directory: " "
                """);

        assertProblem(problem, 3, 16, "reporting.file.directory", " ",
                "Expected a directory path, such as pacer-out or /var/log/pacer.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"64", "64 MiB", "-1MB", "1.5MB", "64TB"})
    void badRotateSizeIsRejected(String value) {
        ConfigProblem problem = onlyProblem("""
                reporting:
                  file:
                    rotate-size: %s
                """.formatted(value));

        assertProblem(problem, 3, 18, "reporting.file.rotate-size", value,
                "Expected a size: a whole number with a unit of B, KB, MB or GB, for example 64MB.");
    }

    @Test
    void rotateSizeBelowMinimumIsRejected() {
        ConfigProblem problem = onlyProblem("""
                reporting:
                  file:
                    rotate-size: 1KB
                """);

        assertProblem(problem, 3, 18, "reporting.file.rotate-size", "1KB", "Must be at least 4096 bytes.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10001", "-1", "ten", "2.5"})
    void maxFilesOutOfRangeIsRejected(String value) {
        ConfigProblem problem = onlyProblem("""
                reporting:
                  file:
                    max-files: %s
                """.formatted(value));

        assertProblem(problem, 3, 16, "reporting.file.max-files", value,
                "Expected a whole number between 1 and 10000.");
    }

    // pointcuts.

    @Test
    void pointcutsScalarIsRejected() {
        ConfigProblem problem = onlyProblem("pointcuts: orders\n");

        assertProblem(problem, 1, 12, "pointcuts", "orders", "Expected a list, with each item starting with \"- \".");
    }

    @Test
    void pointcutItemMustBeMapping() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: com.example.OrderService
                  - com.example.OrderRepository
                """);

        assertProblem(problem, 4, 5, "pointcuts[1]", "com.example.OrderRepository",
                "Expected a mapping of keys to values.");
    }

    @Test
    void classItemMustBeText() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: [com.example.OrderService, {name: com.example.OrderRepository}]
                """);

        assertProblem(problem, 3, 39, "pointcuts[0].class", "(a mapping)", "Each item must be a single text value.");
    }

    @Test
    void missingPointcutNameIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - class: com.example.OrderService
                """);

        assertProblem(problem, 2, 5, "pointcuts[0].name", null,
                "Missing required key. Add it, for example name: orders.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"my orders", "-orders", "orders/v2"})
    void badPointcutNameIsRejected(String value) {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: "%s"
                    class: com.example.OrderService
                """.formatted(value));

        assertProblem(problem, 2, 11, "pointcuts[0].name", value,
                "Use letters, digits, '.', '_' and '-', starting with a letter or digit.");
    }

    @Test
    void duplicatePointcutNameIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: com.example.OrderService
                  - name: orders
                    class: com.example.OrderRepository
                """);

        assertProblem(problem, 4, 11, "pointcuts[1].name", "orders",
                "Pointcut names must be unique, and this one is already used on line 2. Rename one of them.");
    }

    @Test
    void pointcutWithoutSelectorIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    method: place
                """);

        assertProblem(problem, 2, 5, "pointcuts[0]", null, "A pointcut needs at least one of class, subtype-of or "
                + "annotated-with to select classes. Add, for example, class: com.example.OrderService.");
    }

    @Test
    void emptyClassListSelectsNothing() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: []
                """);

        assertProblem(problem, 2, 5, "pointcuts[0]", null, "A pointcut needs at least one of class, subtype-of");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "**", "**.*", "*.**"})
    void broadClassGlobIsRejected(String glob) {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: everything
                    class: "%s"
                """.formatted(glob));

        assertProblem(problem, 3, 12, "pointcuts[0].class", glob, "This glob selects every class, which weaves the "
                + "whole application and slows it down. Name a package, such as com.example.**, or add "
                + "allow-broad: true.");
    }

    @Test
    void broadGlobInListIsNamed() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: everything
                    class: [com.example.OrderService, "**"]
                """);

        assertProblem(problem, 3, 39, "pointcuts[0].class", "**", "or add allow-broad: true.");
    }

    @Test
    void badAllowBroadIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: com.example.OrderService
                    allow-broad: yes
                """);

        assertProblem(problem, 4, 18, "pointcuts[0].allow-broad", "yes", "Expected true or false.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"com..x", ".com.example.X", "com.example.", "com/example/X", "com.example.Order-Service"})
    void invalidClassGlobIsRejected(String glob) {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: "%s"
                """.formatted(glob));

        assertProblem(problem, 3, 12, "pointcuts[0].class", glob, "Expected a class name or glob such as "
                + "com.example.OrderService or com.example.**.*Service: names of letters, digits, _ and $ separated "
                + "by dots, with * and ** as wildcards.");
    }

    @Test
    void tripleStarGlobIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: com.***
                """);

        assertProblem(problem, 3, 12, "pointcuts[0].class", "com.***",
                "Use * for one package segment or ** for any number of segments, never ***.");
    }

    @Test
    void invalidGlobInListIsNamed() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class:
                      - com.example.OrderService
                      - com..OrderRepository
                """);

        assertProblem(problem, 5, 9, "pointcuts[0].class", "com..OrderRepository", "Expected a class name or glob");
    }

    @Test
    void subtypeOfGlobIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: jdbc
                    subtype-of: java.sql.*
                """);

        assertProblem(problem, 3, 17, "pointcuts[0].subtype-of", "java.sql.*",
                "Expected a fully qualified type name without wildcards, such as java.sql.Statement.");
    }

    @Test
    void subtypeOfListItemIsNamed() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: jdbc
                    subtype-of: [java.sql.Statement, java.sql.**]
                """);

        assertProblem(problem, 3, 38, "pointcuts[0].subtype-of", "java.sql.**",
                "Expected a fully qualified type name without wildcards");
    }

    @Test
    void annotatedWithAtSignIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: timed
                    annotated-with: "@com.example.Timed"
                """);

        assertProblem(problem, 3, 21, "pointcuts[0].annotated-with", "@com.example.Timed",
                "Expected a fully qualified type name without wildcards, such as com.example.Timed.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"find(", "find.all", "get-name", "<clinit>"})
    void badMethodPatternIsRejected(String pattern) {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: com.example.OrderService
                  - name: repositories
                    class: com.example.OrderRepository
                    method: "%s"
                """.formatted(pattern));

        assertProblem(problem, 6, 13, "pointcuts[1].method", pattern, "\"" + pattern + "\" is not a method name or "
                + "glob. Use letters, digits, _, $ and *, or <init> for constructors, and separate alternatives "
                + "with |.");
    }

    @Test
    void emptyMethodAlternativeIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: com.example.OrderService
                    method: "place||cancel"
                """);

        assertProblem(problem, 4, 13, "pointcuts[0].method", "place||cancel", "\"\" is not a method name or glob.");
    }

    @Test
    void blankMethodIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: com.example.OrderService
                    method: " "
                """);

        assertProblem(problem, 4, 13, "pointcuts[0].method", " ",
                "Expected one or more method names or globs separated by |, such as \"execute*|close\".");
    }

    @Test
    void methodListIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: com.example.OrderService
                    method: [place, cancel]
                """);

        assertProblem(problem, 4, 13, "pointcuts[0].method", "(a list)", "Expected a single text value.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"int x", "java.util.List<java.lang.String>", "java.lang.String...", "int[", "1int"})
    void badParamIsRejected(String param) {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: com.example.OrderService
                    params: [java.lang.String, "%s"]
                """.formatted(param));

        assertProblem(problem, 4, 32, "pointcuts[0].params", param, "\"" + param + "\" is not a type name. Write "
                + "parameter types as in Java source, fully qualified for classes: [java.lang.String, int, long[]].");
    }

    @Test
    void emptyParamsIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: com.example.OrderService
                    params:
                """);

        assertProblem(problem, 4, 12, "pointcuts[0].params", "", "Expected a text value or a list of text values.");
    }

    @Test
    void badExcludeClassIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: com.example.**
                    exclude-class: [com.example.internal.**, com..Generated]
                """);

        assertProblem(problem, 4, 46, "pointcuts[0].exclude-class", "com..Generated",
                "Expected a class name or glob such as com.example.OrderService");
    }

    @Test
    void badExcludeMethodIsRejected() {
        ConfigProblem problem = onlyProblem("""
                pointcuts:
                  - name: orders
                    class: com.example.OrderService
                    exclude-method: "to-string"
                """);

        assertProblem(problem, 4, 21, "pointcuts[0].exclude-method", "to-string",
                "\"to-string\" is not a method name or glob.");
    }
}
