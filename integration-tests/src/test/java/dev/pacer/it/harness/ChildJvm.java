package dev.pacer.it.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM started as a user would start one, with the packaged {@code pacer-agent.jar} on the command line.
 * Its standard output and error are collected line by line; tests wait on lines, never on fixed sleeps.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final List<String> command;
    private volatile boolean stdoutComplete;

    private ChildJvm(Process process, List<String> command) {
        this.process = process;
        this.command = command;
        collect(process.getInputStream(), stdout, "stdout");
        collect(process.getErrorStream(), stderr, "stderr");
    }

    /** Starts building a child that runs the given main class. */
    public static Builder builder(String mainClass) {
        return new Builder(mainClass);
    }

    /** Returns the path of the packaged agent jar that the build produced. */
    public static Path agentJar() {
        String path = System.getProperty("pacer.agent.jar");
        if (path == null) {
            throw new IllegalStateException("The system property pacer.agent.jar is not set; run the tests with mvn "
                    + "verify, which packages the agent first");
        }
        return Path.of(path).toAbsolutePath().normalize();
    }

    /** Returns the class path entry (directory or jar) that contains a class of the test class path. */
    public static Path classPathOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for a line of standard output that starts with the prefix and returns it. */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stdout) {
            while (true) {
                for (String line : stdout) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMillis <= 0 || !process.isAlive() && stdoutComplete) {
                    throw new AssertionError("No line starting with \"" + prefix + "\" within " + timeout
                            + "; the child " + (process.isAlive() ? "is still running" : "exited") + describe());
                }
                stdout.wait(Math.min(remainingMillis, 200));
            }
        }
    }

    /** Sends one line to the child's standard input. */
    public void send(String line) throws IOException {
        OutputStream input = process.getOutputStream();
        input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        input.flush();
    }

    /** Waits for the child to exit and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The child did not exit within " + timeout + describe());
        }
        return process.exitValue();
    }

    public List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    public List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    /** Returns the command and the output so far, for assertion messages. */
    public String describe() {
        return "\ncommand: " + String.join(" ", command) + "\nstdout:\n  " + String.join("\n  ", stdout())
                + "\nstderr:\n  " + String.join("\n  ", stderr());
    }

    /** Connects to the child's platform MBeanServer through the Attach API, as JConsole does. */
    public JmxClient jmx() throws IOException {
        return JmxClient.attach(process.pid());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void collect(InputStream stream, List<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (lines == stdout) {
                    stdoutComplete = true;
                    synchronized (lines) {
                        lines.notifyAll();
                    }
                }
            }
        }, "child-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Collects the options of one child JVM. */
    public static final class Builder {
        private final String mainClass;
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private Path agentConfig;
        private final List<Path> classPath = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private Path workDir;

        private Builder(String mainClass) {
            this.mainClass = mainClass;
        }

        public Builder javaHome(Path home) {
            this.javaHome = home;
            return this;
        }

        /** Runs the child with {@code -javaagent:pacer-agent.jar=config=FILE}. */
        public Builder agentConfig(Path config) {
            this.agentConfig = config;
            return this;
        }

        public Builder classPath(Path... entries) {
            classPath.addAll(List.of(entries));
            return this;
        }

        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        public Builder arg(Object arg) {
            args.add(String.valueOf(arg));
            return this;
        }

        public Builder workDir(Path directory) {
            this.workDir = directory;
            return this;
        }

        public ChildJvm start() throws IOException {
            List<String> command = new ArrayList<>();
            command.add(javaHome.resolve("bin").resolve("java").toString());
            command.add("-Xmx256m");
            command.add("-XX:TieredStopAtLevel=1");
            if (agentConfig != null) {
                command.add("-javaagent:" + agentJar() + "=config=" + agentConfig.toAbsolutePath());
            }
            command.addAll(jvmArgs);
            command.add("-cp");
            List<String> entries = new ArrayList<>();
            classPath.forEach(entry -> entries.add(entry.toAbsolutePath().toString()));
            command.add(String.join(java.io.File.pathSeparator, entries));
            command.add(mainClass);
            command.addAll(args);

            ProcessBuilder builder = new ProcessBuilder(command);
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            builder.environment().remove("PACER_CONFIG");
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            return new ChildJvm(builder.start(), command);
        }
    }
}
