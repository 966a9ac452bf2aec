package dev.pacer.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.agent.config.ConfigLoader;
import dev.pacer.agent.config.InvalidConfigException;
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
    void writeTwoIntervals() throws Exception {
        ReportingConfig config = reportingConfig(directory);
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
    void rotatedHlogFilesAreEachReadable() throws Exception {
        Path rotating = directory.resolve("rotating");
        long lastMinuteMillis = START_MILLIS + 86_340_000L;
        FileOutput output = new FileOutput(reportingConfig(rotating), rotating, START_MILLIS);
        Histogram beforeMidnight;
        Histogram afterMidnight;
        try {
            MethodSnapshot first = snapshot(FIND_KEY, lastMinuteMillis, 100, new SplittableRandom(1L));
            beforeMidnight = written.get(written.size() - 1);
            output.write(intervalOf(first, lastMinuteMillis));

            MethodSnapshot second = snapshot(FIND_KEY, lastMinuteMillis + INTERVAL_MILLIS * 6, 200,
                    new SplittableRandom(2L));
            afterMidnight = written.get(written.size() - 1);
            output.write(intervalOf(second, lastMinuteMillis + INTERVAL_MILLIS * 6));
        } finally {
            output.close();
        }

        assertThat(readLog(rotating.resolve("latency-2026-01-01-001.hlog").toFile())).containsExactly(beforeMidnight);
        assertThat(readLog(rotating.resolve("latency.hlog").toFile())).containsExactly(afterMidnight);
    }

    @Test
    void hlogTagRemovesCommasAndSpaces() {
        assertThat(FileOutput.hlogTag("a.B#m(int, java.lang.String)")).isEqualTo("a.B#m(int;java.lang.String)");
    }

    /** Parses the reporting section with the real loader, so the test also gets the defaults that it applies. */
    private static ReportingConfig reportingConfig(Path outputDirectory) throws InvalidConfigException {
        String yaml = """
                reporting:
                  interval: 10s
                  jmx: false
                  file:
                    directory: "%s"
                    rotate-size: 64MB
                    rotate-daily: true
                    max-files: 10
                pointcuts:
                  - name: orders
                    class: com.example.Repo
                """.formatted(outputDirectory.toAbsolutePath());
        return ConfigLoader.parse(yaml, "agent.yaml").reporting();
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

    private static IntervalSummary intervalOf(MethodSnapshot method, long startMillis) {
        return new IntervalSummary(startMillis, startMillis + INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS), List.of(method),
                new IntervalSummary.AgentCounters(1, 0, 0, 0));
    }

    private List<EncodableHistogram> readLatencyLog() throws IOException {
        return readLog(latencyFile());
    }

    private static List<EncodableHistogram> readLog(File file) throws IOException {
        List<EncodableHistogram> histograms = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(file)) {
            EncodableHistogram next = reader.nextIntervalHistogram();
            while (next != null) {
                histograms.add(next);
                next = reader.nextIntervalHistogram();
            }
        }
        return histograms;
    }
}
