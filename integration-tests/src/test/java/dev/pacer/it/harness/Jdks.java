package dev.pacer.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JDKs that child JVMs run on: the one running the tests, plus every JDK 21 or newer under /usr/lib/jvm, or
 * exactly the homes listed in the system property {@code pacer.it.jdks} (comma-separated).
 */
public final class Jdks {

    private Jdks() {
    }

    public static List<Path> homes() {
        String listed = System.getProperty("pacer.it.jdks");
        List<Path> homes = new ArrayList<>();
        if (listed != null && !listed.isBlank()) {
            for (String home : listed.split(",")) {
                homes.add(Path.of(home.trim()));
            }
            return homes;
        }
        Path current = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
        homes.add(current);
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> entries = Files.list(jvms)) {
                entries.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                        .filter(home -> featureVersion(home) >= 21)
                        .map(home -> home.toAbsolutePath().normalize())
                        .filter(home -> !home.equals(current))
                        .sorted()
                        .forEach(homes::add);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return homes;
    }

    /** Reads JAVA_VERSION from the JDK's release file, or 0 when it cannot be read. */
    static int featureVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
