package dev.pacer.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives rotation with chosen wall-clock times in a temporary directory. */
class RotatingFileTest {

    private static final long JAN_1_NOON = Instant.parse("2026-01-01T12:00:00Z").toEpochMilli();
    private static final long JAN_1_LAST_SECOND = Instant.parse("2026-01-01T23:59:59Z").toEpochMilli();
    private static final long JAN_2_FIRST_SECOND = Instant.parse("2026-01-02T00:00:01Z").toEpochMilli();
    private static final long ONE_DAY_MILLIS = 86_400_000L;
    private static final Consumer<PrintStream> NO_HEADER = stream -> { };

    @TempDir
    Path directory;

    @Test
    void staysOpenBelowSize() throws IOException {
        RotatingFile file = new RotatingFile(directory, "summary", ".jsonl", 100, false, 10, NO_HEADER);

        write(file, JAN_1_NOON, "a".repeat(40));
        write(file, JAN_1_NOON, "b".repeat(40));
        file.close();

        assertThat(fileNames()).containsExactly("summary.jsonl");
        assertThat(read("summary.jsonl")).isEqualTo("a".repeat(40) + "b".repeat(40));
    }

    @Test
    void rotatesOnceSizeReached() throws IOException {
        RotatingFile file = new RotatingFile(directory, "summary", ".jsonl", 100, false, 10, NO_HEADER);

        write(file, JAN_1_NOON, "a".repeat(60));
        write(file, JAN_1_NOON, "b".repeat(60));
        write(file, JAN_1_NOON, "c");
        file.close();

        assertThat(fileNames()).containsExactly("summary-2026-01-01-001.jsonl", "summary.jsonl");
        assertThat(read("summary-2026-01-01-001.jsonl")).isEqualTo("a".repeat(60) + "b".repeat(60));
        assertThat(read("summary.jsonl")).isEqualTo("c");
    }

    @Test
    void rotatesWhenUtcDayChanges() throws IOException {
        RotatingFile file = new RotatingFile(directory, "summary", ".jsonl", 1 << 20, true, 10, NO_HEADER);

        write(file, JAN_1_LAST_SECOND, "first day");
        write(file, JAN_2_FIRST_SECOND, "second day");
        file.close();

        assertThat(fileNames()).containsExactly("summary-2026-01-01-001.jsonl", "summary.jsonl");
        assertThat(read("summary-2026-01-01-001.jsonl")).isEqualTo("first day");
        assertThat(read("summary.jsonl")).isEqualTo("second day");
    }

    @Test
    void dailyRotationCanBeDisabled() throws IOException {
        RotatingFile file = new RotatingFile(directory, "summary", ".jsonl", 1 << 20, false, 10, NO_HEADER);

        write(file, JAN_1_LAST_SECOND, "first day");
        write(file, JAN_2_FIRST_SECOND, "second day");
        file.close();

        assertThat(fileNames()).containsExactly("summary.jsonl");
    }

    @Test
    void retentionDeletesOldestDays() throws IOException {
        RotatingFile file = new RotatingFile(directory, "summary", ".jsonl", 1 << 20, true, 2, NO_HEADER);

        for (int day = 0; day < 5; day++) {
            write(file, JAN_1_NOON + day * ONE_DAY_MILLIS, "day " + (day + 1));
        }
        file.close();

        assertThat(fileNames()).containsExactly(
                "summary-2026-01-03-001.jsonl", "summary-2026-01-04-001.jsonl", "summary.jsonl");
        assertThat(read("summary-2026-01-04-001.jsonl")).isEqualTo("day 4");
    }

    @Test
    void retentionKeepsNewestSameDay() throws IOException {
        RotatingFile file = new RotatingFile(directory, "summary", ".jsonl", 1, false, 2, NO_HEADER);

        for (int record = 1; record <= 5; record++) {
            write(file, JAN_1_NOON, "record " + record);
        }
        file.close();

        List<String> rotatedContents = new ArrayList<>();
        for (String name : fileNames()) {
            if (!name.equals("summary.jsonl")) {
                rotatedContents.add(read(name));
            }
        }
        assertThat(read("summary.jsonl")).isEqualTo("record 5");
        assertThat(rotatedContents).containsExactlyInAnyOrder("record 3", "record 4");
    }

    @Test
    void leftoverFileIsRotatedOnOpen() throws IOException {
        Path leftover = directory.resolve("summary.jsonl");
        Files.writeString(leftover, "earlier run\n");
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.parse("2025-12-31T08:00:00Z")));
        RotatingFile file = new RotatingFile(directory, "summary", ".jsonl", 1 << 20, true, 10, NO_HEADER);

        write(file, JAN_1_NOON, "this run");
        file.close();

        assertThat(fileNames()).containsExactly("summary-2025-12-31-001.jsonl", "summary.jsonl");
        assertThat(read("summary-2025-12-31-001.jsonl")).isEqualTo("earlier run\n");
        assertThat(read("summary.jsonl")).isEqualTo("this run");
    }

    @Test
    void emptyLeftoverIsReused() throws IOException {
        Files.createFile(directory.resolve("summary.jsonl"));
        RotatingFile file = new RotatingFile(directory, "summary", ".jsonl", 1 << 20, true, 10, NO_HEADER);

        write(file, JAN_1_NOON, "this run");
        file.close();

        assertThat(fileNames()).containsExactly("summary.jsonl");
    }

    @Test
    void rotationSkipsTakenNames() throws IOException {
        Files.writeString(directory.resolve("summary-2026-01-01-001.jsonl"), "kept");
        RotatingFile file = new RotatingFile(directory, "summary", ".jsonl", 1, false, 10, NO_HEADER);

        write(file, JAN_1_NOON, "first");
        write(file, JAN_1_NOON, "second");
        file.close();

        assertThat(read("summary-2026-01-01-001.jsonl")).isEqualTo("kept");
        assertThat(read("summary-2026-01-01-002.jsonl")).isEqualTo("first");
    }

    @Test
    void headerStartsEveryNewFile() throws IOException {
        AtomicInteger headers = new AtomicInteger();
        Consumer<PrintStream> header = stream -> stream.print("#header " + headers.incrementAndGet() + "\n");
        RotatingFile file = new RotatingFile(directory, "latency", ".hlog", 1 << 20, true, 10, header);

        write(file, JAN_1_NOON, "first day");
        write(file, JAN_1_NOON, " again");
        write(file, JAN_2_FIRST_SECOND, "second day");
        file.close();

        assertThat(headers.get()).isEqualTo(2);
        assertThat(read("latency-2026-01-01-001.hlog")).isEqualTo("#header 1\nfirst day again");
        assertThat(read("latency.hlog")).isEqualTo("#header 2\nsecond day");
    }

    @Test
    void headerBytesCountTowardsSize() throws IOException {
        Consumer<PrintStream> header = stream -> stream.print("h".repeat(100));
        RotatingFile file = new RotatingFile(directory, "latency", ".hlog", 100, false, 10, header);

        write(file, JAN_1_NOON, "x");
        write(file, JAN_1_NOON, "y");
        file.close();

        assertThat(read("latency-2026-01-01-001.hlog")).isEqualTo("h".repeat(100) + "x");
    }

    @Test
    void activePathUsesPlainName() {
        RotatingFile file = new RotatingFile(directory, "summary", ".jsonl", 100, true, 10, NO_HEADER);

        assertThat(file.activePath()).isEqualTo(directory.resolve("summary.jsonl"));
    }

    private static void write(RotatingFile file, long nowEpochMillis, String text) throws IOException {
        file.stream(nowEpochMillis).print(text);
        file.flush();
    }

    private String read(String name) throws IOException {
        return Files.readString(directory.resolve(name), StandardCharsets.UTF_8);
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
