package dev.pacer.agent.report;

import dev.pacer.agent.alert.AlertEvent;
import dev.pacer.agent.alert.AlertListener;
import dev.pacer.agent.config.ReportingConfig;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Appends each change of state of an alert to {@code alerts.jsonl} in the reporting directory, one JSON object per
 * line, rotated like summary.jsonl. Not thread-safe; the reporter thread calls it.
 */
public final class AlertFile implements AlertListener, Closeable {

    private final RotatingFile file;

    public AlertFile(ReportingConfig config, Path directory) {
        this.file = new RotatingFile(directory, "alerts", ".jsonl", config.rotateBytes(), config.rotateDaily(),
                config.maxFiles(), stream -> { });
    }

    @Override
    public void onAlert(AlertEvent event) throws IOException {
        file.stream(event.epochMillis()).println(render(event));
        file.flush();
    }

    /** Renders one event as the JSON of one line of alerts.jsonl. */
    public static String render(AlertEvent event) {
        return new JsonWriter().beginObject()
                .field("timestamp", Instant.ofEpochMilli(event.epochMillis()).toString())
                .field("alert", event.name())
                .field("state", event.state())
                .field("pointcut", event.target())
                .field("condition", event.condition())
                .field("value", event.value())
                .field("threshold", event.threshold())
                .field("unit", event.unit())
                .field("message", event.describe())
                .endObject().toString();
    }

    public Path path() {
        return file.activePath();
    }

    @Override
    public void close() {
        file.close();
    }
}
