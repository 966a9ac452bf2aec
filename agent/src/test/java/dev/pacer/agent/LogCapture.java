package dev.pacer.agent;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Redirects {@link Log} into memory until closed, for tests in other packages. Not thread-safe. */
public final class LogCapture implements AutoCloseable {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private LogCapture() {
        Log.setOutput(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    /** Starts capturing. Closing the capture sends the log to standard error again. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** Returns the lines logged since the capture started. */
    public List<String> lines() {
        return buffer.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Override
    public void close() {
        Log.setOutput(System.err);
    }
}
