package dev.pacer.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.agent.FakeClock;
import dev.pacer.agent.LogCapture;
import dev.pacer.agent.config.AgentConfig;
import dev.pacer.agent.config.ConfigLoader;
import dev.pacer.agent.config.InvalidConfigException;
import dev.pacer.agent.matching.PointcutSet;
import dev.pacer.agent.metrics.MethodInfo;
import dev.pacer.agent.metrics.MetricsCollector;
import dev.pacer.agent.metrics.SharedMethodRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the reporter with a fake clock, file output in a temporary directory and JMX off. */
class ReporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path directory;

    private final FakeClock clock = new FakeClock(START);
    private final List<Reporter> started = new ArrayList<>();

    @AfterEach
    void shutdownReporters() {
        for (Reporter reporter : started) {
            reporter.shutdown();
        }
    }

    @Test
    void tickWritesOneLine() throws Exception {
        Reporter reporter = newReporter(directory, "30s");

        clock.advance(Duration.ofSeconds(10));
        reporter.tickNow();
        clock.advance(Duration.ofSeconds(10));
        reporter.tickNow();

        assertThat(summaryLines()).hasSize(2);
    }

    @Test
    void intervalComesFromClock() throws Exception {
        Reporter reporter = newReporter(directory, "30s");

        clock.advance(Duration.ofMillis(2_500));
        reporter.tickNow();
        clock.advance(Duration.ofMillis(7_000));
        reporter.tickNow();

        List<JsonNode> lines = summaryLines();
        assertThat(lines.get(0).get("interval_ms").asDouble()).isEqualTo(2_500.0);
        assertThat(lines.get(1).get("interval_ms").asDouble()).isEqualTo(7_000.0);
    }

    @Test
    void intervalsFollowEachOther() throws Exception {
        Reporter reporter = newReporter(directory, "30s");

        clock.advance(Duration.ofSeconds(10));
        reporter.tickNow();
        clock.advance(Duration.ofSeconds(5));
        reporter.tickNow();

        List<JsonNode> lines = summaryLines();
        assertThat(lines.get(0).get("start").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(lines.get(0).get("timestamp").asText()).isEqualTo("2026-01-01T00:00:10Z");
        assertThat(lines.get(1).get("start").asText()).isEqualTo("2026-01-01T00:00:10Z");
        assertThat(lines.get(1).get("timestamp").asText()).isEqualTo("2026-01-01T00:00:15Z");
    }

    @Test
    void recordedCallsAreReported() throws Exception {
        MethodInfo method = SharedMethodRegistry.register("report", "", "matched");
        Reporter reporter = newReporter(directory, "30s");
        for (int i = 0; i < 5; i++) {
            method.recorder().record(2_000_000, 1);
        }

        clock.advance(Duration.ofSeconds(10));
        reporter.tickNow();

        JsonNode reported = methodNamed(summaryLines().get(0), method.key());
        assertThat(reported.get("count").asLong()).isEqualTo(5);
        assertThat(reported.get("throughput").asDouble()).isEqualTo(0.5);
    }

    @Test
    void recordedCallsReachLatencyLog() throws Exception {
        MethodInfo method = SharedMethodRegistry.register("logged", "java.lang.String,int", "matched");
        Reporter reporter = newReporter(directory, "30s");
        for (int i = 0; i < 7; i++) {
            method.recorder().record(3_000_000, 1);
        }

        clock.advance(Duration.ofSeconds(10));
        reporter.tickNow();
        reporter.shutdown();

        String tag = FileOutput.hlogTag(method.key());
        long count = 0;
        try (HistogramLogReader reader = new HistogramLogReader(directory.resolve("latency.hlog").toFile())) {
            EncodableHistogram histogram = reader.nextIntervalHistogram();
            while (histogram != null) {
                if (tag.equals(histogram.getTag())) {
                    count += ((Histogram) histogram).getTotalCount();
                }
                histogram = reader.nextIntervalHistogram();
            }
        }
        assertThat(count).isEqualTo(7);
    }

    @Test
    void shutdownWritesFinalInterval() throws Exception {
        Reporter reporter = newReporter(directory, "30s");
        clock.advance(Duration.ofSeconds(10));
        reporter.tickNow();

        clock.advance(Duration.ofSeconds(3));
        reporter.shutdown();

        List<JsonNode> lines = summaryLines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).get("interval_ms").asDouble()).isEqualTo(3_000.0);
    }

    @Test
    void shutdownIsIdempotent() throws Exception {
        Reporter reporter = newReporter(directory, "30s");
        clock.advance(Duration.ofSeconds(3));
        reporter.shutdown();

        clock.advance(Duration.ofSeconds(3));
        reporter.shutdown();

        assertThat(summaryLines()).hasSize(1);
    }

    @Test
    void unmatchedWarningWaitsForDeadline() throws Exception {
        Reporter reporter = newReporter(directory, "30s");

        try (LogCapture log = LogCapture.start()) {
            clock.advance(Duration.ofSeconds(29));
            reporter.tickNow();

            assertThat(unmatchedWarnings(log)).isEmpty();
        }
    }

    @Test
    void unmatchedWarningNamesPointcut() throws Exception {
        Reporter reporter = newReporter(directory, "30s");

        try (LogCapture log = LogCapture.start()) {
            clock.advance(Duration.ofSeconds(35));
            reporter.tickNow();

            List<String> warnings = unmatchedWarnings(log);
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).startsWith("[pacer] WARN Pointcut \"unmatched\" in agent.yaml");
            assertThat(warnings.get(0)).contains("35 s after start");
        }
    }

    @Test
    void unmatchedWarningIsLoggedOnce() throws Exception {
        Reporter reporter = newReporter(directory, "30s");

        try (LogCapture log = LogCapture.start()) {
            for (int tick = 0; tick < 5; tick++) {
                clock.advance(Duration.ofSeconds(10));
                reporter.tickNow();
            }
            reporter.shutdown();

            assertThat(unmatchedWarnings(log)).hasSize(1);
        }
    }

    @Test
    void zeroDelayWarnsOnFirstTick() throws Exception {
        Reporter reporter = newReporter(directory, "0s");

        try (LogCapture log = LogCapture.start()) {
            reporter.tickNow();

            assertThat(unmatchedWarnings(log)).hasSize(1);
        }
    }

    @Test
    void unwritableDirectoryCountsFailure() throws Exception {
        Path notADirectory = Files.writeString(directory.resolve("taken"), "a file, not a directory");
        Reporter reporter = newReporter(notADirectory, "30s");

        try (LogCapture log = LogCapture.start()) {
            clock.advance(Duration.ofSeconds(10));
            reporter.tickNow();

            assertThat(reporter.outputFailures()).isEqualTo(1);
            assertThat(log.lines()).anyMatch(line -> line.startsWith("[pacer] WARN Could not write"));
        }
    }

    private Reporter newReporter(Path outputDirectory, String unmatchedWarning) throws InvalidConfigException {
        String yaml = """
                reporting:
                  interval: 10s
                  jmx: false
                  file:
                    directory: "%s"
                  unmatched-warning: %s
                pointcuts:
                  - name: matched
                    class: com.example.Matched
                  - name: unmatched
                    class: com.example.Missing
                """.formatted(outputDirectory.toAbsolutePath(), unmatchedWarning);
        AgentConfig config = ConfigLoader.parse(yaml, "agent.yaml");
        PointcutSet pointcuts = new PointcutSet(config.pointcuts());
        pointcuts.pointcuts().get(0).countMatch();

        FileOutput files = new FileOutput(config.reporting(), outputDirectory, clock.currentTimeMillis());
        MetricsCollector collector = new MetricsCollector(SharedMethodRegistry.registry(), () -> 0);
        Reporter reporter = new Reporter(config.reporting(), config.file(), collector, files, null, pointcuts, clock);
        started.add(reporter);
        return reporter;
    }

    private List<JsonNode> summaryLines() throws IOException {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : Files.readAllLines(directory.resolve("summary.jsonl"))) {
            parsed.add(JSON.readTree(line));
        }
        return parsed;
    }

    private static JsonNode methodNamed(JsonNode summary, String key) {
        for (JsonNode method : summary.get("methods")) {
            if (method.get("method").asText().equals(key)) {
                return method;
            }
        }
        throw new AssertionError(key + " is missing from " + summary);
    }

    private static List<String> unmatchedWarnings(LogCapture log) {
        return log.lines().stream().filter(line -> line.contains("has matched no method")).toList();
    }

}
