package dev.pacer.agent.cli;

import dev.pacer.agent.config.AgentConfig;
import dev.pacer.agent.config.ConfigLoader;
import dev.pacer.agent.config.InvalidConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pacer's command line, the {@code Main-Class} of pacer-agent.jar:
 * <pre>
 *   java -jar pacer-agent.jar validate agent.yaml
 *   java -jar pacer-agent.jar summary pacer-out
 * </pre>
 */
public final class PacerCli {

    private static final String USAGE = """
            Usage: java -jar pacer-agent.jar COMMAND ARGUMENT

            Commands:
              validate FILE   Check an agent.yaml and list every invalid value with its line and fix.
              summary DIR     Print the methods recorded in DIR/summary.jsonl and DIR/latency.hlog: counts and
                              errors summed over all intervals, percentiles from the merged histograms.

            To run the agent, start your application with -javaagent:pacer-agent.jar=config=agent.yaml.
            """;

    private PacerCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command and returns the process exit code: 0 on success, 1 on invalid input, 2 on bad usage. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.print(USAGE);
            return 2;
        }
        Path path = Path.of(args[1]);
        return switch (args[0]) {
            case "validate" -> validate(path, out, err);
            case "summary" -> summary(path, out, err);
            default -> {
                err.println("Unknown command \"" + args[0] + "\".");
                err.print(USAGE);
                yield 2;
            }
        };
    }

    private static int validate(Path file, PrintStream out, PrintStream err) {
        try {
            AgentConfig config = ConfigLoader.load(file);
            int pointcuts = config.pointcuts().size();
            out.println(file + " is valid: " + pointcuts + (pointcuts == 1 ? " pointcut." : " pointcuts."));
            return 0;
        } catch (InvalidConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static int summary(Path directory, PrintStream out, PrintStream err) {
        Path summaryFile = Files.isDirectory(directory) ? directory.resolve("summary.jsonl") : directory;
        Path latencyFile = summaryFile.resolveSibling("latency.hlog");
        if (!Files.isRegularFile(summaryFile)) {
            err.println("No summary at " + summaryFile + ". Give the directory set as reporting.file.directory in "
                    + "agent.yaml (pacer-out by default); the agent writes it once per reporting interval.");
            return 1;
        }
        try {
            SummaryTable table = SummaryTable.read(summaryFile, Files.isRegularFile(latencyFile) ? latencyFile : null);
            table.print(out);
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("Could not read " + summaryFile + ": " + e.getMessage());
            return 1;
        }
    }
}
