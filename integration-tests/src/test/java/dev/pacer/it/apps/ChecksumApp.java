package dev.pacer.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.Adler32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * Loads JDK classes that implement {@link Checksum} after the agent has started, together with many other JDK
 * classes, then waits for the line {@code go} and updates each checksum a given number of times. Argument: updates.
 */
public final class ChecksumApp {

    private ChecksumApp() {
    }

    public static void main(String[] args) throws Exception {
        int updates = Integer.parseInt(args[0]);
        // Loads classes of java.base for the first time while the transformer is active.
        String mixed = IntStream.range(0, 50).mapToObj(Integer::toString).collect(Collectors.joining(","));
        ConcurrentSkipListMap<String, Integer> sorted = new ConcurrentSkipListMap<>();
        sorted.put(mixed, Pattern.compile("\\d+").matcher(mixed).results().mapToInt(m -> 1).sum());
        String date = LocalDate.of(2026, 12, 4).format(DateTimeFormatter.ISO_WEEK_DATE);
        Checksum[] checksums = {new Adler32(), new CRC32C()};
        System.out.println("LOADED " + sorted.firstEntry().getValue() + " " + date);
        System.out.flush();

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (!"go".equals(line)) {
            System.out.println("expected go, got " + line);
            return;
        }
        byte[] bytes = {1, 2, 3, 4};
        long sink = 0;
        for (int i = 0; i < updates; i++) {
            for (Checksum checksum : checksums) {
                checksum.update(bytes, 0, bytes.length);
                sink += checksum.getValue();
            }
        }
        System.out.println("sink=" + sink);
        AppSupport.doneAndAwaitExit();
    }
}
