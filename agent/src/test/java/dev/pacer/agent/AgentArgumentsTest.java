package dev.pacer.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Checks which source names agent.yaml: the agent argument, else the system property, else the environment. */
class AgentArgumentsTest {

    @Test
    void argumentWinsOverPropertyAndEnvironment() throws Exception {
        Path file = AgentArguments.configFile("config=/etc/argument.yaml", "/etc/property.yaml", "/etc/env.yaml");

        assertThat(file).isEqualTo(Path.of("/etc/argument.yaml"));
    }

    @Test
    void propertyWinsOverEnvironment() throws Exception {
        Path file = AgentArguments.configFile(null, "/etc/property.yaml", "/etc/env.yaml");

        assertThat(file).isEqualTo(Path.of("/etc/property.yaml"));
    }

    @Test
    void environmentIsLastResort() throws Exception {
        Path file = AgentArguments.configFile(null, null, "/etc/env.yaml");

        assertThat(file).isEqualTo(Path.of("/etc/env.yaml"));
    }

    @Test
    void blankSourcesAreSkipped() throws Exception {
        Path file = AgentArguments.configFile("  ", " ", "/etc/env.yaml");

        assertThat(file).isEqualTo(Path.of("/etc/env.yaml"));
    }

    @Test
    void emptyConfigValueFallsBack() throws Exception {
        Path file = AgentArguments.configFile("config=", "/etc/property.yaml", null);

        assertThat(file).isEqualTo(Path.of("/etc/property.yaml"));
    }

    @Test
    void configFoundAmongOtherArguments() throws Exception {
        Path file = AgentArguments.configFile("mode=quiet, config=relative/agent.yaml", null, null);

        assertThat(file).isEqualTo(Path.of("relative/agent.yaml"));
    }

    @Test
    void bareArgumentIsRejected() {
        assertThatThrownBy(() -> AgentArguments.configFile("agent.yaml", "/etc/property.yaml", null))
                .isInstanceOf(AgentArguments.MissingConfigException.class)
                .hasMessageContaining("Unknown agent argument \"agent.yaml\"")
                .hasMessageContaining("-javaagent:pacer-agent.jar=config=PATH");
    }

    @Test
    void bareArgumentAfterConfigIsRejected() {
        assertThatThrownBy(() -> AgentArguments.configFile("config=/etc/agent.yaml,verbose", null, null))
                .isInstanceOf(AgentArguments.MissingConfigException.class)
                .hasMessageContaining("Unknown agent argument \"verbose\"");
    }

    @Test
    void nothingGivenNamesAllThreeWays() {
        assertThatThrownBy(() -> AgentArguments.configFile(null, null, null))
                .isInstanceOf(AgentArguments.MissingConfigException.class)
                .hasMessageContaining("-javaagent:pacer-agent.jar=config=")
                .hasMessageContaining("pacer.config")
                .hasMessageContaining("PACER_CONFIG");
    }

    @Test
    void nothingGivenReportsAgentDisabled() {
        assertThatThrownBy(() -> AgentArguments.configFile("", "", ""))
                .hasMessageContaining("agent is disabled");
    }
}
