package dev.pacer.agent;

import java.nio.file.Path;

/**
 * Finds agent.yaml: the agent argument {@code config=PATH}, else the system property {@code pacer.config}, else the
 * environment variable {@code PACER_CONFIG}.
 */
final class AgentArguments {

    /** Thrown when no source names a configuration file. */
    static final class MissingConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        MissingConfigException(String message) {
            super(message);
        }
    }

    private AgentArguments() {
    }

    static Path configFile(String arguments) throws MissingConfigException {
        return configFile(arguments, System.getProperty("pacer.config"), System.getenv("PACER_CONFIG"));
    }

    static Path configFile(String arguments, String property, String environment) throws MissingConfigException {
        Path fromArguments = null;
        if (arguments != null && !arguments.isBlank()) {
            for (String argument : arguments.split(",")) {
                String trimmed = argument.trim();
                if (trimmed.startsWith("config=") && trimmed.length() > "config=".length()) {
                    fromArguments = Path.of(trimmed.substring("config=".length()));
                } else if (!trimmed.isEmpty() && !trimmed.contains("=")) {
                    throw new MissingConfigException("Unknown agent argument \"" + trimmed + "\". Write "
                            + "-javaagent:pacer-agent.jar=config=PATH. The agent is disabled");
                }
            }
        }
        if (fromArguments != null) {
            return fromArguments;
        }
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        if (environment != null && !environment.isBlank()) {
            return Path.of(environment);
        }
        throw new MissingConfigException("No configuration file given, so the agent is disabled. Pass "
                + "-javaagent:pacer-agent.jar=config=agent.yaml, or set the system property pacer.config or the "
                + "environment variable PACER_CONFIG");
    }
}
