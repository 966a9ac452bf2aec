package dev.pacer.agent.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * The whole run in one table: counts and errors summed over every interval of summary.jsonl, and percentiles of the
 * merged interval histograms of latency.hlog, which are true percentiles of the run rather than averages.
 */
final class SummaryTable {

    private final Map<String, Row> rows;
    private final Instant start;
    private final Instant end;
    private final int intervals;
    private final boolean hasHistograms;

    /** Totals of one method. */
    private static final class Row {
        final String key;
        String pointcut = "";
        long count;
        long errors;
        Histogram histogram;

        Row(String key) {
            this.key = key;
        }
    }

    private SummaryTable(Map<String, Row> rows, Instant start, Instant end, int intervals, boolean hasHistograms) {
        this.rows = rows;
        this.start = start;
        this.end = end;
        this.intervals = intervals;
        this.hasHistograms = hasHistograms;
    }

    /** Reads the files; latencyFile may be null when file output had no histograms. */
    @SuppressWarnings("unchecked")
    static SummaryTable read(Path summaryFile, Path latencyFile) throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        Instant start = null;
        Instant end = null;
        int intervals = 0;
        for (String line : Files.readAllLines(summaryFile)) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> interval = (Map<String, Object>) JsonReader.parse(line);
            intervals++;
            Instant intervalStart = Instant.parse((String) interval.get("start"));
            Instant intervalEnd = Instant.parse((String) interval.get("timestamp"));
            start = start == null || intervalStart.isBefore(start) ? intervalStart : start;
            end = end == null || intervalEnd.isAfter(end) ? intervalEnd : end;
            for (Object item : (List<Object>) interval.get("methods")) {
                Map<String, Object> method = (Map<String, Object>) item;
                Row row = rows.computeIfAbsent((String) method.get("method"), Row::new);
                row.pointcut = (String) method.get("pointcut");
                row.count += ((Double) method.get("count")).longValue();
                row.errors += ((Double) method.get("errors")).longValue();
            }
        }

        boolean hasHistograms = latencyFile != null;
        if (hasHistograms) {
            mergeHistograms(latencyFile, rows);
        }
        return new SummaryTable(rows, start, end, intervals, hasHistograms);
    }

    private static void mergeHistograms(Path latencyFile, Map<String, Row> rows) throws IOException {
        Map<String, Row> byTag = new HashMap<>();
        rows.values().forEach(row -> byTag.put(row.key.replace(',', ';').replace(" ", ""), row));
        HistogramLogReader reader = new HistogramLogReader(new File(latencyFile.toString()));
        try {
            EncodableHistogram encoded;
            while ((encoded = reader.nextIntervalHistogram()) != null) {
                Row row = byTag.get(encoded.getTag());
                if (row == null || !(encoded instanceof Histogram histogram)) {
                    continue;
                }
                if (row.histogram == null) {
                    row.histogram = new Histogram(2);
                }
                row.histogram.add(histogram);
            }
        } finally {
            reader.close();
        }
    }

    void print(PrintStream out) {
        if (intervals == 0) {
            out.println("The summary has no intervals yet.");
            return;
        }
        double seconds = Math.max(Duration.between(start, end).toMillis() / 1000.0, 0.001);
        out.printf(Locale.ROOT, "%d intervals from %s to %s (%.1f s)%n%n", intervals, start, end, seconds);

        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparingLong((Row row) -> row.count).reversed().thenComparing(row -> row.key));
        int keyWidth = Math.max(6, sorted.stream().mapToInt(row -> row.key.length()).max().orElse(6));
        int pointcutWidth = Math.max(8, sorted.stream().mapToInt(row -> row.pointcut.length()).max().orElse(8));
        String format = "%-" + keyWidth + "s  %-" + pointcutWidth + "s  %9s  %7s  %6s  %9s  %9s  %9s  %9s  %9s%n";
        out.printf(Locale.ROOT, format, "METHOD", "POINTCUT", "CALLS", "ERRORS", "ERR%", "CALLS/S", "MEAN_US",
                "P50_US", "P99_US", "MAX_US");
        for (Row row : sorted) {
            double errorPercent = row.count == 0 ? 0 : 100.0 * row.errors / row.count;
            Histogram histogram = row.histogram;
            out.printf(Locale.ROOT, format, row.key, row.pointcut, row.count, row.errors,
                    String.format(Locale.ROOT, "%.1f", errorPercent),
                    String.format(Locale.ROOT, "%.1f", row.count / seconds),
                    micros(histogram == null ? Double.NaN : histogram.getMean()),
                    micros(histogram == null ? Double.NaN : histogram.getValueAtPercentile(50)),
                    micros(histogram == null ? Double.NaN : histogram.getValueAtPercentile(99)),
                    micros(histogram == null ? Double.NaN : histogram.getMaxValue()));
        }
        if (!hasHistograms) {
            out.println("\nlatency.hlog was not found next to summary.jsonl, so percentiles are not shown.");
        }
    }

    private static String micros(double nanos) {
        return Double.isNaN(nanos) ? "-" : String.format(Locale.ROOT, "%.1f", nanos / 1000.0);
    }
}
