package dev.pacer.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Helpers that parse invalid agent.yaml text and check each field of the reported problem. */
final class ConfigAssertions {

    static final String FILE = "agent.yaml";

    private ConfigAssertions() {
    }

    /** Parses the text, expects it to be rejected, and returns the exception. */
    static InvalidConfigException rejected(String yaml) {
        return assertThrows(InvalidConfigException.class, () -> ConfigLoader.parse(yaml, FILE));
    }

    /** Parses the text, expects exactly one problem, and returns it. */
    static ConfigProblem onlyProblem(String yaml) {
        InvalidConfigException error = rejected(yaml);
        assertThat(error.problems()).as("problems of:%n%s", yaml).hasSize(1);
        return error.problems().get(0);
    }

    /**
     * Checks every field of a problem in agent.yaml. {@code fix} is a part of the reason, usually the sentence that
     * gives the value to write instead.
     */
    static void assertProblem(ConfigProblem problem, int line, int column, String key, String value, String fix) {
        assertProblemIn(FILE, problem, line, column, key, value, fix);
    }

    static void assertProblemIn(String file, ConfigProblem problem, int line, int column, String key, String value,
            String fix) {
        assertThat(problem.file()).as("file of %s", problem).isEqualTo(file);
        assertThat(problem.line()).as("line of %s", problem).isEqualTo(line);
        assertThat(problem.column()).as("column of %s", problem).isEqualTo(column);
        assertThat(problem.key()).as("key of %s", problem).isEqualTo(key);
        assertThat(problem.value()).as("value of %s", problem).isEqualTo(value);
        assertThat(problem.reason()).as("reason of %s", problem).contains(fix);
    }
}
