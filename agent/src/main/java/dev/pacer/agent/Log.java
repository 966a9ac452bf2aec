package dev.pacer.agent;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's only logger. It writes {@code [pacer] LEVEL message} lines to standard error and never touches the
 * application's logging, so that an application can still install its own {@code LogManager} or logging backend
 * after the agent has started.
 *
 * <p>The level comes from the system property {@code pacer.log.level}, else the environment variable
 * {@code PACER_LOG_LEVEL}, else {@code log-level} in agent.yaml, else {@code info}. Thread-safe.
 */
public final class Log {

    /** Severity of a log line, in increasing order. */
    public enum Level { DEBUG, INFO, WARN, ERROR, OFF }

    private static volatile Level threshold = initialLevel();
    private static volatile PrintStream out = System.err;
    private static final Set<String> REPORTED_ONCE = ConcurrentHashMap.newKeySet();

    private Log() {
    }

    /** Sets the level unless the system property or environment variable already set one. */
    public static void setConfiguredLevel(Level level) {
        if (levelOverride() == null) {
            threshold = level;
        }
    }

    /** Redirects the log, for tests. */
    static void setOutput(PrintStream stream) {
        out = stream;
    }

    public static boolean isEnabled(Level level) {
        return level.compareTo(threshold) >= 0;
    }

    public static void debug(String message) {
        write(Level.DEBUG, message, null);
    }

    public static void info(String message) {
        write(Level.INFO, message, null);
    }

    public static void warn(String message) {
        write(Level.WARN, message, null);
    }

    public static void warn(String message, Throwable error) {
        write(Level.WARN, message, error);
    }

    public static void error(String message) {
        write(Level.ERROR, message, null);
    }

    public static void error(String message, Throwable error) {
        write(Level.ERROR, message, error);
    }

    /**
     * Logs a warning the first time a key is seen and at debug level after that, so that a failure that repeats on
     * every interval is reported once and then only counted by the caller.
     */
    public static void warnOnce(String key, String message, Throwable error) {
        boolean first = REPORTED_ONCE.add(key);
        write(first ? Level.WARN : Level.DEBUG, message, error);
    }

    /** Forgets a key of {@link #warnOnce}, so that the next failure is reported again, for example after a recovery. */
    public static void resetOnce(String key) {
        REPORTED_ONCE.remove(key);
    }

    private static void write(Level level, String message, Throwable error) {
        if (!isEnabled(level)) {
            return;
        }
        PrintStream stream = out;
        StringBuilder line = new StringBuilder(64 + message.length()).append("[pacer] ").append(level).append(' ')
                .append(message);
        if (error != null) {
            line.append(": ").append(error);
        }
        synchronized (stream) {
            stream.println(line);
            if (error != null && isEnabled(Level.DEBUG)) {
                error.printStackTrace(stream);
            }
        }
    }

    private static Level initialLevel() {
        Level override = levelOverride();
        return override == null ? Level.INFO : override;
    }

    private static Level levelOverride() {
        String value = System.getProperty("pacer.log.level");
        if (value == null) {
            value = System.getenv("PACER_LOG_LEVEL");
        }
        if (value == null) {
            return null;
        }
        try {
            return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
