package dev.pacer.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigProblemTest {

    @Test
    void describeGivesFullPlace() {
        ConfigProblem problem = new ConfigProblem("agent.yaml", 4, 13, "pointcuts[1].method", "find(", "Fix it.");

        assertThat(problem.describe()).isEqualTo("agent.yaml:4:13: pointcuts[1].method = \"find(\": Fix it.");
    }

    @Test
    void describeOmitsUnknownColumn() {
        ConfigProblem problem = new ConfigProblem("agent.yaml", 4, 0, "log-level", "verbose", "Fix it.");

        assertThat(problem.describe()).isEqualTo("agent.yaml:4: log-level = \"verbose\": Fix it.");
    }

    @Test
    void describeOmitsMissingPlaceAndValue() {
        ConfigProblem problem = new ConfigProblem("agent.yaml", 0, 0, "(file)", null, "Fix it.");

        assertThat(problem.describe()).isEqualTo("agent.yaml: (file): Fix it.");
    }
}
