package dev.pacer.agent.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An output file that is rotated by size and, optionally, when the UTC date changes. The active file keeps its
 * plain name ({@code summary.jsonl}); a rotated file is renamed to {@code summary-<date>-<n>.jsonl}, where the date
 * is the UTC day on which it was opened, and only the newest {@code maxFiles} rotated files are kept.
 *
 * <p>A file left by an earlier run is rotated away on open, so every run starts a new active file with its own
 * header. Not thread-safe; the reporter owns it.
 */
final class RotatingFile implements Closeable {

    private final Path directory;
    private final String baseName;
    private final String extension;
    private final long rotateBytes;
    private final boolean rotateDaily;
    private final int maxFiles;
    private final Consumer<PrintStream> header;

    private PrintStream stream;
    private CountingStream counter;
    private LocalDate openedOn;

    /**
     * @param header writes the first lines of every new file, such as the hlog format version
     */
    RotatingFile(Path directory, String baseName, String extension, long rotateBytes, boolean rotateDaily,
            int maxFiles, Consumer<PrintStream> header) {
        this.directory = directory;
        this.baseName = baseName;
        this.extension = extension;
        this.rotateBytes = rotateBytes;
        this.rotateDaily = rotateDaily;
        this.maxFiles = maxFiles;
        this.header = header;
    }

    Path activePath() {
        return directory.resolve(baseName + extension);
    }

    /** Returns the stream to write the next record to, rotating first when the file is full or a day old. */
    PrintStream stream(long nowEpochMillis) throws IOException {
        LocalDate today = Instant.ofEpochMilli(nowEpochMillis).atZone(ZoneOffset.UTC).toLocalDate();
        if (stream == null) {
            open(today);
            return stream;
        }
        boolean full = counter.bytes >= rotateBytes;
        boolean newDay = rotateDaily && !today.equals(openedOn);
        if (full || newDay) {
            close();
            rotate(openedOn);
            open(today);
        }
        return stream;
    }

    /** Flushes the stream and reports a write failure, which PrintStream would otherwise hide. */
    void flush() throws IOException {
        if (stream != null) {
            stream.flush();
            if (stream.checkError()) {
                throw new IOException("writing " + activePath() + " failed");
            }
        }
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    private void open(LocalDate today) throws IOException {
        Files.createDirectories(directory);
        Path active = activePath();
        if (Files.exists(active) && Files.size(active) > 0) {
            LocalDate lastModified = Instant.ofEpochMilli(Files.getLastModifiedTime(active).toMillis())
                    .atZone(ZoneOffset.UTC).toLocalDate();
            rotate(lastModified);
        }
        OutputStream file = Files.newOutputStream(active, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        counter = new CountingStream(file);
        stream = new PrintStream(counter, false, StandardCharsets.UTF_8);
        openedOn = today;
        header.accept(stream);
    }

    private void rotate(LocalDate day) throws IOException {
        Path active = activePath();
        if (!Files.exists(active)) {
            return;
        }
        List<RotatedName> rotated = listRotated();
        int sequence = 1;
        for (RotatedName name : rotated) {
            if (name.day.equals(day.toString())) {
                sequence = Math.max(sequence, name.sequence + 1);
            }
        }
        Path target = directory.resolve(String.format("%s-%s-%03d%s", baseName, day, sequence, extension));
        Files.move(active, target, StandardCopyOption.ATOMIC_MOVE);

        rotated.add(new RotatedName(target, day.toString(), sequence));
        rotated.sort(null);
        for (int i = 0; i < rotated.size() - maxFiles; i++) {
            Files.deleteIfExists(rotated.get(i).path);
        }
    }

    /** Returns the rotated files of this output, oldest first by day and then by sequence number. */
    private List<RotatedName> listRotated() throws IOException {
        Pattern pattern = Pattern.compile(Pattern.quote(baseName) + "-(\\d{4}-\\d{2}-\\d{2})-(\\d+)"
                + Pattern.quote(extension));
        List<RotatedName> rotated = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, baseName + "-*" + extension)) {
            for (Path entry : entries) {
                Matcher matcher = pattern.matcher(entry.getFileName().toString());
                if (matcher.matches() && matcher.group(2).length() < 10) {
                    rotated.add(new RotatedName(entry, matcher.group(1), Integer.parseInt(matcher.group(2))));
                }
            }
        }
        rotated.sort(null);
        return rotated;
    }

    /** A rotated file name, ordered by its day, then numerically by its sequence number. */
    private record RotatedName(Path path, String day, int sequence) implements Comparable<RotatedName> {
        @Override
        public int compareTo(RotatedName other) {
            int byDay = day.compareTo(other.day);
            return byDay != 0 ? byDay : Integer.compare(sequence, other.sequence);
        }
    }

    /** Counts the bytes written so that rotation by size needs no file-system call per record. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream delegate;
        long bytes;

        CountingStream(OutputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(int b) throws IOException {
            delegate.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            delegate.write(data, offset, length);
            bytes += length;
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
