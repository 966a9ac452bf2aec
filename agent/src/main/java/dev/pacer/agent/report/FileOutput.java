package dev.pacer.agent.report;

import dev.pacer.agent.config.ReportingConfig;
import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.MethodSnapshot;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes {@code summary.jsonl} (one JSON object per interval) and {@code latency.hlog} (HdrHistogram's interval
 * log, one histogram per method and interval, tagged with the method key) into the reporting directory.
 *
 * <p>An hlog tag cannot hold commas or spaces, so the tag is the method key with {@code ,} replaced by {@code ;}
 * and spaces removed: {@code com.example.Repo#find(java.lang.String;int)}. Not thread-safe; the reporter owns it.
 */
public final class FileOutput implements Closeable {

    private final RotatingFile summary;
    private final RotatingFile latency;
    private final long startEpochMillis;
    private HistogramLogWriter latencyWriter;

    public FileOutput(ReportingConfig config, Path directory, long startEpochMillis) {
        this.startEpochMillis = startEpochMillis;
        this.summary = new RotatingFile(directory, "summary", ".jsonl", config.rotateBytes(), config.rotateDaily(),
                config.maxFiles(), stream -> { });
        this.latency = new RotatingFile(directory, "latency", ".hlog", config.rotateBytes(), config.rotateDaily(),
                config.maxFiles(), this::writeHlogHeader);
    }

    /** Appends one interval to both files. */
    public void write(IntervalSummary interval) throws IOException {
        PrintStream summaryStream = summary.stream(interval.endEpochMillis());
        summaryStream.println(SummaryJson.render(interval));
        summary.flush();

        latency.stream(interval.endEpochMillis());
        for (MethodSnapshot method : interval.methods()) {
            Histogram histogram = method.histogram();
            if (histogram.getTotalCount() == 0) {
                continue;
            }
            histogram.setTag(hlogTag(method.key()));
            latencyWriter.outputIntervalHistogram(histogram);
        }
        latency.flush();
    }

    /** Returns the tag under which a method's histograms appear in latency.hlog. */
    public static String hlogTag(String methodKey) {
        return methodKey.replace(',', ';').replace(" ", "");
    }

    public Path summaryPath() {
        return summary.activePath();
    }

    public Path latencyPath() {
        return latency.activePath();
    }

    @Override
    public void close() {
        summary.close();
        latency.close();
    }

    private void writeHlogHeader(PrintStream stream) {
        latencyWriter = new HistogramLogWriter(stream);
        latencyWriter.setBaseTime(startEpochMillis);
        latencyWriter.outputComment("Pacer latency log: one histogram per method and interval, values in ns");
        latencyWriter.outputLogFormatVersion();
        latencyWriter.outputStartTime(startEpochMillis);
        latencyWriter.outputBaseTime(startEpochMillis);
        latencyWriter.outputLegend();
    }
}
