package dev.pacer.benchmarks;

import example.app.HundredMethods;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A small program for the start-up benchmark: it calls each method of {@link HundredMethods} once and exits. It
 * prints the wall-clock time at the end of main, in microseconds since the epoch, so that the harness can time JVM
 * start to the end of main apart from the JVM's exit and the agent's shutdown hook.
 *
 * <p>With the argument {@code --print-rss} it also prints the peak and current resident set size that Linux reports
 * in {@code /proc/self/status} ({@code VmHWM} and {@code VmRSS}) at the end of main.
 */
public final class StartupMain {

    private StartupMain() {
    }

    public static void main(String[] args) throws IOException {
        long result = HundredMethods.callAll(System.nanoTime(), 1);
        Instant end = Instant.now();
        System.out.println("startup result=" + result);
        System.out.println("main_end_epoch_us=" + (end.getEpochSecond() * 1_000_000 + end.getNano() / 1_000));

        boolean printRss = args.length > 0 && args[0].equals("--print-rss");
        if (printRss) {
            System.out.println("rss vm_hwm_kb=" + statusKilobytes("VmHWM") + " vm_rss_kb=" + statusKilobytes("VmRSS"));
        }
    }

    /** Returns a field of /proc/self/status in kB, or -1 where the file or the field does not exist. */
    static long statusKilobytes(String field) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(field + ":")) {
                String value = line.substring(field.length() + 1).trim();
                return Long.parseLong(value.split("\\s+")[0]);
            }
        }
        return -1;
    }
}
