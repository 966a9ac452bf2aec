package dev.pacer.agent.config;

import java.util.List;

/** Thrown when agent.yaml has one or more invalid values; the message lists all of them, one per line. */
public final class InvalidConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;
    private final boolean failOnError;

    public InvalidConfigException(String file, List<ConfigProblem> problems, boolean failOnError) {
        super(format(file, problems));
        this.problems = List.copyOf(problems);
        this.failOnError = failOnError;
    }

    /** Returns the problems in the order of the file. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** Returns whether the file asked for {@code fail-on-error: true}, as far as it could be read. */
    public boolean failOnError() {
        return failOnError;
    }

    private static String format(String file, List<ConfigProblem> problems) {
        StringBuilder text = new StringBuilder("Invalid configuration in ").append(file).append(" (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
        for (ConfigProblem problem : problems) {
            text.append(System.lineSeparator()).append("  ").append(problem.describe());
        }
        return text.toString();
    }
}
