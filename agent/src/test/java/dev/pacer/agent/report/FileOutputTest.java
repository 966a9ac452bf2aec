package dev.pacer.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.agent.config.ReportingConfig;
import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.LatencyStats;
import dev.pacer.agent.metrics.MethodSnapshot;
import dev.pacer.agent.metrics.MetricsCollector;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes two intervals through FileOutput and reads latency.hlog back with HdrHistogram's own log reader. */
class FileOutputTest {

    private static final long START_MILLIS = 1_767_225_600_000L;
    private static final long INTERVAL_MILLIS = 10_000;
    private static final String FIND_KEY = "com.example.Repo#find(java.lang.String,int)";
    private static final String SAVE_KEY = "com.example.Repo#save(com.example.Order)";
    private static final String IDLE_KEY = "com.example.Repo#close()";

    @TempDir
    Path directory;

    private final List<Histogram> written = new ArrayList<>();

    @BeforeEach
    void writeTwoIntervals() throws IOException {
        ReportingConfig config = new ReportingConfig(TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS), false, 0L, true,
                directory, 64L << 20, true, 10, TimeUnit.SECONDS.toNanos(30));
        FileOutput output = new FileOutput(config, directory, START_MILLIS);
        SplittableRandom random = new SplittableRandom(5L);
        try {
            for (int interval = 0; interval < 2; interval++) {
                long startMillis = START_MILLIS + interval * INTERVAL_MILLIS;
                MethodSnapshot find = snapshot(FIND_KEY, startMillis, 1_000, random);
                MethodSnapshot save = snapshot(SAVE_KEY, startMillis, 300, random);
                MethodSnapshot idle = new MethodSnapshot(IDLE_KEY, "orders", LatencyStats.empty(1),
                        Map.of("java.io.IOException", 1L), MetricsCollector.newHistogram());
                output.write(new IntervalSummary(startMillis, startMillis + INTERVAL_MILLIS,
                        TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS), List.of(find, idle, save),
                        new IntervalSummary.AgentCounters(3, 0, 0, 0)));
            }
        } finally {
            output.close();
        }
    }

    @Test
    void hlogSkipsMethodsWithoutCalls() throws IOException {
        assertThat(readLatencyLog()).hasSize(written.size());
    }

    @Test
    void hlogTagsMapBackToKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        for (EncodableHistogram histogram : readLatencyLog()) {
            keys.add(histogram.getTag().replace(';', ','));
        }

        assertThat(keys).containsExactly(FIND_KEY, SAVE_KEY, FIND_KEY, SAVE_KEY);
    }

    @Test
    void hlogTagsHaveNoCommas() throws IOException {
        for (EncodableHistogram histogram : readLatencyLog()) {
            assertThat(histogram.getTag()).doesNotContain(",");
        }
    }

    @Test
    void hlogCountsEqualWritten() throws IOException {
        List<EncodableHistogram> read = readLatencyLog();

        for (int i = 0; i < read.size(); i++) {
            assertThat(read.get(i)).as("histogram %d", i).isEqualTo(written.get(i));
        }
    }

    @Test
    void hlogKeepsIntervalTimes() throws IOException {
        List<EncodableHistogram> read = readLatencyLog();

        for (int i = 0; i < read.size(); i++) {
            assertThat(read.get(i).getStartTimeStamp()).as("start of histogram %d", i)
                    .isEqualTo(written.get(i).getStartTimeStamp());
            assertThat(read.get(i).getEndTimeStamp()).as("end of histogram %d", i)
                    .isEqualTo(written.get(i).getEndTimeStamp());
        }
    }

    @Test
    void hlogStartTimeIsAgentStart() throws IOException {
        try (HistogramLogReader reader = new HistogramLogReader(latencyFile())) {
            reader.nextIntervalHistogram();

            assertThat(reader.getStartTimeSec()).isEqualTo(START_MILLIS / 1000.0);
        }
    }

    @Test
    void summaryHasOneLinePerInterval() throws IOException {
        List<String> lines = Files.readAllLines(directory.resolve("summary.jsonl"));
        ObjectMapper json = new ObjectMapper();

        assertThat(lines).hasSize(2);
        for (String line : lines) {
            assertThat(json.readTree(line).get("methods").size()).as(line).isEqualTo(3);
        }
    }

    @Test
    void hlogTagRemovesCommasAndSpaces() {
        assertThat(FileOutput.hlogTag("a.B#m(int, java.lang.String)")).isEqualTo("a.B#m(int;java.lang.String)");
    }

    private MethodSnapshot snapshot(String key, long startMillis, int count, SplittableRandom random) {
        Histogram histogram = MetricsCollector.newHistogram();
        histogram.setStartTimeStamp(startMillis);
        histogram.setEndTimeStamp(startMillis + INTERVAL_MILLIS);
        for (int i = 0; i < count; i++) {
            histogram.recordValue(random.nextLong(1, 1L << random.nextInt(1, 33)));
        }

        Histogram copy = histogram.copy();
        copy.setStartTimeStamp(startMillis);
        copy.setEndTimeStamp(startMillis + INTERVAL_MILLIS);
        written.add(copy);

        LatencyStats stats = LatencyStats.of(histogram, 0, TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS));
        return new MethodSnapshot(key, "orders", stats, Map.of(), histogram);
    }

    private File latencyFile() {
        return directory.resolve("latency.hlog").toFile();
    }

    private List<EncodableHistogram> readLatencyLog() throws IOException {
        List<EncodableHistogram> histograms = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(latencyFile())) {
            EncodableHistogram next = reader.nextIntervalHistogram();
            while (next != null) {
                histograms.add(next);
                next = reader.nextIntervalHistogram();
            }
        }
        return histograms;
    }
}
