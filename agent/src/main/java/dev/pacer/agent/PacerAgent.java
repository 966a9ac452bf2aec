package dev.pacer.agent;

import dev.pacer.agent.config.AgentConfig;
import dev.pacer.agent.config.ConfigLoader;
import dev.pacer.agent.config.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.JarFile;

/**
 * The agent's entry point, named by {@code Premain-Class} and {@code Agent-Class}.
 *
 * <p>premain does the minimum on the application's start-up path: it reads agent.yaml, puts the bootstrap jar on
 * the bootstrap class path and installs the transformer. It touches neither JMX nor {@code java.util.logging};
 * MBeans are registered later by the agent's reporter thread. No exception leaves premain unless agent.yaml sets
 * {@code fail-on-error: true}.
 */
public final class PacerAgent {

    static final String BOOTSTRAP_JAR_RESOURCE = "pacer-bootstrap.jar.bin";
    private static final String BOOTSTRAP_PROBE = "dev.pacer.bootstrap.MethodTimer";

    private PacerAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    private static void start(String arguments, Instrumentation instrumentation) {
        AgentConfig config = null;
        long startNanos = System.nanoTime();
        try {
            Path configFile = AgentArguments.configFile(arguments);
            config = ConfigLoader.load(configFile);
            Log.debug("agent.yaml read in " + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
            Log.setConfiguredLevel(config.logLevel());

            if (bootstrapAlreadyLoaded()) {
                Log.warn("Pacer is already running in this JVM; ignoring the second -javaagent");
                return;
            }
            appendBootstrapJar(instrumentation);

            // Loaded by name so that no class linking against the bootstrap jar is resolved before it is appended.
            Class.forName("dev.pacer.agent.AgentRuntime")
                    .getMethod("start", AgentConfig.class, Instrumentation.class)
                    .invoke(null, config, instrumentation);
        } catch (AgentArguments.MissingConfigException e) {
            Log.error(e.getMessage());
        } catch (InvalidConfigException e) {
            Log.error(e.getMessage());
            if (e.failOnError()) {
                Log.error("fail-on-error is true, so the JVM stops. Fix the file, or set fail-on-error: false to "
                        + "run the application without the agent");
                throw new IllegalStateException("Pacer: invalid configuration in " + e.problems().get(0).file());
            }
            Log.error("The agent is disabled and the application runs without it. Fix the file and restart, or run "
                    + "java -jar pacer-agent.jar validate FILE to check it");
        } catch (Throwable e) {
            Log.error("Pacer failed to start; the application runs without it", unwrap(e));
            if (config != null && config.failOnError()) {
                throw new IllegalStateException("Pacer failed to start", unwrap(e));
            }
        }
    }

    private static boolean bootstrapAlreadyLoaded() {
        try {
            Class.forName(BOOTSTRAP_PROBE, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Copies the embedded bootstrap jar to a temporary file and appends it to the bootstrap class path. */
    private static void appendBootstrapJar(Instrumentation instrumentation) throws IOException {
        Path jar = createBootstrapFile();
        jar.toFile().deleteOnExit();
        try (InputStream embedded = PacerAgent.class.getResourceAsStream(BOOTSTRAP_JAR_RESOURCE);
                OutputStream out = Files.newOutputStream(jar)) {
            if (embedded == null) {
                throw new IOException("the agent jar lacks " + BOOTSTRAP_JAR_RESOURCE + "; rebuild it with mvn "
                        + "package");
            }
            embedded.transferTo(out);
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    }

    /**
     * Creates a new, empty file for the bootstrap jar in the temporary directory, readable by the owner only where
     * the file system has POSIX permissions. The name comes from the clock rather than from
     * {@code Files.createTempFile}, whose {@code SecureRandom} costs several milliseconds of start-up. CREATE_NEW
     * fails on any existing file or link, so a file that someone else planted is never used; another name is tried
     * then.
     */
    private static Path createBootstrapFile() throws IOException {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"));
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAlreadyExistsException lastClash = null;
        for (int attempt = 0; attempt < 16; attempt++) {
            long unique = System.nanoTime() ^ System.currentTimeMillis() << 20 ^ attempt;
            Path file = directory.resolve("pacer-bootstrap-" + Long.toHexString(unique) + ".jar");
            try {
                return posix
                        ? Files.createFile(file, PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")))
                        : Files.createFile(file);
            } catch (FileAlreadyExistsException clash) {
                lastClash = clash;
            }
        }
        throw lastClash;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof java.lang.reflect.InvocationTargetException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
